"""Two app servers over one database, one person switching between them at every request (as
a load balancer without sticky sessions sends them): nothing lives in a server's memory.

Sessions, CSRF tokens, flash messages and everything saved are in PostgreSQL, so a sign-in on
one instance holds on the other and every change made through one shows on the other.
"""

import html
from datetime import timedelta

import pytest
from django.contrib.auth.hashers import Argon2PasswordHasher, make_password
from django.urls import reverse
from django.utils import timezone

from journal.models import Night
from routines.models import ChecklistItem
from tests import servers

from .conftest import make_account
from .fixtures.journal import night_post
from .fixtures.routines import make_routine

pytestmark = pytest.mark.usefixtures("postgres_only")

PASSWORD = "a-long-password-1"
HTMX = {"HX-Request": "true"}


@pytest.fixture
def alice_with_routine(transactional_db, django_db_serialized_rollback):
    """Committed data (the servers are other processes), with a password the production
    hashers check: the test settings hash with MD5, which production does not accept. The
    built-in catalogue is restored as the migrations made it (serialized rollback)."""
    alice = make_account("alice@example.com", "Alice")
    alice.password = make_password(PASSWORD, hasher=Argon2PasswordHasher())
    alice.save(update_fields=["password"])
    return alice, make_routine([alice.profile])


@pytest.fixture
def two_instances(alice_with_routine, collected_static, tmp_path):
    env = servers.production_env(
        database_url=servers.url_of_the_test_database(), static_root=collected_static
    )
    # Stopped before transactional_db empties the tables: their connections would block it.
    instances = [servers.start_gunicorn(env, tmp_path, workers=1) for _ in range(2)]
    yield instances
    for instance in instances:
        instance.stop()


def test_one_person_alternating_between_two_instances_loses_nothing(
    alice_with_routine, two_instances
):
    alice, routine = alice_with_routine
    first, second = two_instances
    assert first.url != second.url
    browser = servers.Browser()

    signed_in = browser.sign_in(first.url, "alice@example.com", PASSWORD)
    assert signed_in.status == 302 and signed_in.headers["Location"] == "/"
    tonight = browser.get(f"{second.url}/")
    assert tonight.status == 200 and "Wind down" in tonight.text  # the session from the first

    # Each tick on the other instance than the last; each answer counts the ticks before it.
    steps = list(routine.steps.order_by("position"))
    for done, (instance, step) in enumerate(zip([second, first, second], steps, strict=True), 1):
        url = reverse("routines:mark", kwargs={"step_id": step.pk, "profile_id": alice.profile.pk})
        reply = browser.post(f"{instance.url}{url}", {"action": "done"}, headers=HTMX)
        assert reply.status == 200, reply.text
        assert f"{done} of 3 done" in reply.text

    night_date = timezone.localdate(timezone=alice.profile.zone) - timedelta(days=3)
    logged = browser.post(
        f"{second.url}{reverse('journal:log')}",
        night_post(alice.profile, night_date.isoformat(), notes="Slept through"),
    )
    assert logged.status == 302, logged.text
    # The flash message was stored by the second instance and is shown by the first.
    night_page = browser.get(f"{first.url}{logged.headers['Location']}")
    assert night_page.status == 200
    saved = f"Saved Alice's night of {night_date.day} {night_date:%B}."
    assert saved in html.unescape(night_page.text)
    assert "Slept through" in night_page.text

    night = Night.objects.get(profile=alice.profile)
    assert (night.date, night.notes, night.created_by) == (night_date, "Slept through", alice)
    statuses = ChecklistItem.objects.filter(checklist__profile=alice.profile)
    assert sorted(statuses.values_list("status", flat=True)) == ["done", "done", "done"]

    # Both stop as `docker stop` stops them: SIGTERM, requests finished, exit status 0.
    assert [instance.stop() for instance in two_instances] == [0, 0]
    for instance in two_instances:
        assert "Traceback" not in instance.output(), instance.output()
