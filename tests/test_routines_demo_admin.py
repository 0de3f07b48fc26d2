"""The demo household's routines and history, and the admin pages for routines and checklists."""

from datetime import UTC, date, datetime

import pytest
from django.urls import reverse

from households.demo import create_demo_household
from households.models import User
from routines.models import Checklist, ChecklistItem, Routine

from .fixtures.routines import make_routine


@pytest.fixture(autouse=True)
def _today_is_fixed(freeze):
    """Today is the day after TODAY, the demo's last day, whatever the real date (issue 7)."""
    freeze(datetime(2026, 2, 21, 12, 0, tzinfo=UTC))


TODAY = date(2026, 2, 20)


@pytest.fixture
def demo(db):
    return create_demo_household(today=TODAY)


def test_the_demo_has_routines_with_weeks_of_history(demo):
    routines = Routine.objects.filter(household=demo)
    assert {
        (routine.name, tuple(p.name for p in routine.followers.all())) for routine in routines
    } == {
        ("Sleep-hygiene basics", ("Alex",)),
        ("Screen-free hour", ("Sam",)),
        ("Children's bedtime", ("Robin",)),
    }
    checklists = Checklist.objects.filter(profile__household=demo)
    nights = sorted(set(checklists.values_list("night", flat=True)))
    assert nights[0] <= date(2026, 1, 20) and nights[-1] == date(2026, 2, 19)
    assert checklists.count() > 60
    statuses = ChecklistItem.objects.filter(checklist__in=checklists)
    done = statuses.filter(status="done").count()
    assert done / statuses.count() > 0.7  # mostly done…
    assert statuses.filter(status="skipped").exists() and statuses.filter(status="pending").exists()


def test_the_demo_is_the_same_every_time(db):
    first = create_demo_household(today=TODAY)
    counts = ChecklistItem.objects.filter(status="done").count()
    create_demo_household(reset=True, today=TODAY)
    assert ChecklistItem.objects.filter(status="done").count() == counts
    assert not Routine.objects.filter(household_id=first.pk).exists()


def test_the_demo_routines_page_reads_well(client_for, demo, freeze):
    freeze(datetime(2026, 2, 20, 19, 0, tzinfo=UTC))
    alex = User.objects.get(email="alex@example.com")
    html = client_for(alex).get(reverse("routines:list")).content.decode()
    assert "Sleep-hygiene basics" in html and "Children&#x27;s bedtime" in html
    assert "habit 0%" not in html
    html = client_for(alex).get(reverse("routines:tonight")).content.decode()
    assert "Alex" in html and "Robin" in html and "Bath" in html


@pytest.fixture
def admin_client_(client, db):
    admin = User.objects.create_superuser("root@example.com", "a-long-password-1", name="Root")
    client.force_login(admin, backend="django.contrib.auth.backends.ModelBackend")
    return client


def test_admin_routine_with_steps_inline(admin_client_, child):
    routine = make_routine([child], name="Robin's bedtime")
    html = admin_client_.get(reverse("admin:routines_routine_change", args=[routine.pk]))
    assert html.status_code == 200 and "Screens off" in html.content.decode()
    listing = admin_client_.get(reverse("admin:routines_routine_changelist"), {"q": "Robin"})
    assert "Robin&#x27;s bedtime" in listing.content.decode()


def test_admin_checklists_with_filters(admin_client_, walk_checklist):
    url = reverse("admin:routines_checklist_changelist")
    household = walk_checklist.profile.household_id
    profile = walk_checklist.profile_id
    for params in (
        {},
        {"profile__household__id__exact": household},
        {"profile__id__exact": profile},
        {"night__year": 2026, "night__month": 1},
    ):
        response = admin_client_.get(url, params)
        assert response.status_code == 200
        assert "Robin&#x27;s bedtime" in response.content.decode()
    change = admin_client_.get(reverse("admin:routines_checklist_change", args=[walk_checklist.pk]))
    assert "Breathe" in change.content.decode()


def test_the_demo_leaves_the_night_under_way_untouched(db, freeze):
    freeze(datetime(2026, 2, 20, 8, 0, tzinfo=UTC))  # 08:00: still the night of the 19th
    create_demo_household(today=TODAY)
    assert max(Checklist.objects.values_list("night", flat=True)) == date(2026, 2, 18)
