"""The Django admin for the journal: metrics in the list, filters and search."""

from datetime import date

import pytest
from django.urls import reverse

from households.models import User

from .fixtures.journal import make_night


@pytest.fixture
def staff_client(client, db):
    admin = User.objects.create_superuser("root@example.com", "a-long-password-1", name="Root")
    client.force_login(admin, backend="django.contrib.auth.backends.ModelBackend")
    return client


def test_nights_list_shows_computed_metrics(staff_client, alice):
    make_night(alice.profile, date(2026, 11, 2), notes="Thunderstorm")
    page = staff_client.get(reverse("admin:journal_night_changelist")).content.decode()
    assert "8 h 5 min" in page and "6 h 45 min" in page and "83.5 %" in page
    assert "Alice&#x27;s household" in page
    found = staff_client.get(reverse("admin:journal_night_changelist"), {"q": "thunder"})
    assert "83.5 %" in found.content.decode()
    missed = staff_client.get(reverse("admin:journal_night_changelist"), {"q": "sunshine"})
    assert "83.5 %" not in missed.content.decode()


def test_night_change_page_and_catalogues(staff_client, alice):
    night = make_night(alice.profile, date(2026, 11, 2))
    assert (
        staff_client.get(reverse("admin:journal_night_change", args=[night.pk])).status_code == 200
    )
    page = staff_client.get(reverse("admin:journal_disturbance_changelist")).content.decode()
    assert "Restless legs" in page
    page = staff_client.get(reverse("admin:journal_intakeitem_changelist")).content.decode()
    assert "Melatonin" in page


def test_the_night_list_sorts_by_the_metrics(client, alice):
    """The admin's TIB, TST and SE columns sort in the database, in the metrics' own order."""
    from datetime import date

    from django.urls import reverse

    from households.models import User
    from journal.models import Night
    from tests.fixtures.journal import make_night

    make_night(alice.profile, date(2026, 11, 1), final_wake="07:30", out_of_bed="07:40")
    make_night(alice.profile, date(2026, 11, 2))  # worked example 1: SE 83.5 %
    make_night(alice.profile, date(2026, 11, 3), lights_out="22:50", final_wake="05:00")
    make_night(alice.profile, date(2026, 11, 4), sol_minutes=None)  # no TST: sorts last
    nights = list(Night.objects.with_sortable_metrics())
    for night in nights:
        exact = night.metrics
        for name, value in (
            ("sort_tib", exact.time_in_bed),
            ("sort_tst", exact.total_sleep_time),
            ("sort_se", exact.sleep_efficiency),
        ):
            if value is None:
                assert getattr(night, name) is None
            else:
                assert abs(getattr(night, name) - value) < 0.01
    admin_user = User.objects.create_superuser("root@example.com", "a-long-password-1", name="R")
    client.force_login(admin_user, backend="django.contrib.auth.backends.ModelBackend")
    url = reverse("admin:journal_night_changelist")
    columns = client.get(url).content.decode()
    assert 'class="sortable column-efficiency' in columns
    by_se = sorted(
        (n for n in nights if n.metrics.sleep_efficiency is not None),
        key=lambda n: n.metrics.sleep_efficiency,
    )
    page = client.get(url, {"o": "6"}).content.decode()  # the 6th column: SE, ascending
    positions = [page.index(reverse("admin:journal_night_change", args=[n.pk])) for n in by_se]
    assert positions == sorted(positions)
