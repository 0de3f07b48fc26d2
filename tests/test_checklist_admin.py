"""The admin's checklist lists for data review: whose (profile and household), when in the
profile's zone, and the checklist records as a CSV download."""

import csv
from datetime import UTC, date, datetime

import pytest
from django.urls import reverse

from households.models import User
from routines.models import Checklist, ChecklistItem

from .conftest import make_account
from .fixtures.routines import make_routine

ITEMS = "admin:routines_checklistitem_changelist"
CHECKLISTS = "admin:routines_checklist_changelist"


@pytest.fixture
def staff_client(client, db):
    admin = User.objects.create_superuser("root@example.com", "a-long-password-1", name="Root")
    client.force_login(admin, backend="django.contrib.auth.backends.ModelBackend")
    return client


def _checklist(profile, routine, night: date, bedtime_at: datetime) -> Checklist:
    checklist = Checklist.objects.create(
        profile=profile,
        routine=routine,
        night=night,
        routine_name=routine.name,
        bedtime_at=bedtime_at,
    )
    for step in routine.steps.all():
        ChecklistItem.objects.create(
            checklist=checklist, step=step, title=step.title, minutes_before=step.minutes_before
        )
    return checklist


@pytest.fixture
def checklists(alice, child):
    """Robin (Smith household, New York) and Mallory (Jones household, London): one each."""
    alice.household.name = "Smith household"
    alice.household.save()
    child.time_zone = "America/New_York"
    child.save()
    mallory = make_account("mallory@example.com", "Mallory")
    mallory.household.name = "Jones household"
    mallory.household.save()
    robin = _checklist(
        child,
        make_routine([child], name="Robin's bedtime"),
        date(2026, 1, 15),
        datetime(2026, 1, 16, 0, 30, tzinfo=UTC),  # 19:30 in New York
    )
    read = robin.items.get(title="Read")
    read.status = ChecklistItem.Status.DONE
    read.checked_at = datetime(2026, 1, 16, 0, 2, tzinfo=UTC)  # 19:02 in New York
    read.checked_by = alice
    read.save()
    robin.items.filter(title="Breathe").update(title="=1+1")
    theirs = _checklist(
        mallory.profile,
        make_routine([mallory.profile], name="Mallory's wind-down"),
        date(2026, 1, 15),
        datetime(2026, 1, 15, 22, 30, tzinfo=UTC),
    )
    return {"robin": robin, "mallory": theirs}


def test_the_checklist_list_shows_bedtime_locally_and_names_the_household(staff_client, checklists):
    page = staff_client.get(reverse(CHECKLISTS)).content.decode()
    assert "19:30 EST" in page and "22:30 GMT" in page
    assert "00:30" not in page
    assert "Robin (Smith household)" in page and "Mallory (Jones household)" in page
    found = staff_client.get(reverse(CHECKLISTS), {"q": "jones"}).content.decode()
    assert "Mallory&#x27;s wind-down" in found and "Robin&#x27;s bedtime" not in found


def test_the_checklist_item_list_filters_by_a_profile_named_with_its_household(
    staff_client, checklists
):
    page = staff_client.get(reverse(ITEMS)).content.decode()
    assert "Robin (Smith household)" in page and "Mallory (Jones household)" in page
    assert "19:02 EST" in page  # when Robin's "Read" was ticked, in New York
    robin = checklists["robin"].profile
    only_robin = staff_client.get(reverse(ITEMS), {"checklist__profile__id": robin.pk})
    text = only_robin.content.decode()
    assert "Robin&#x27;s bedtime" in text and "Mallory&#x27;s wind-down" not in text
    found = staff_client.get(reverse(ITEMS), {"q": "smith household"}).content.decode()
    assert "Robin&#x27;s bedtime" in found and "Mallory&#x27;s wind-down" not in found


def _rows(response) -> list[dict[str, str]]:
    assert response.streaming
    assert response["Content-Disposition"] == 'attachment; filename="checklists.csv"'
    text = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(text.splitlines()))


def test_checklist_items_download_as_csv_in_the_profiles_zone(staff_client, checklists):
    robin = checklists["robin"]
    response = staff_client.post(
        reverse(ITEMS),
        {"action": "download_csv", "_selected_action": [i.pk for i in robin.items.all()]},
    )
    rows = _rows(response)
    assert [row["step"] for row in rows] == ["Screens off", "Read", "'=1+1"]
    read = rows[1]
    assert read == {
        "household": "Smith household",
        "profile": "Robin",
        "time_zone": "America/New_York",
        "night": "2026-01-15",
        "routine": "Robin's bedtime",
        "bedtime": "2026-01-15T19:30-05:00",
        "step": "Read",
        "minutes_before": "30",
        "step_time": "2026-01-15T19:00-05:00",
        "status": "done",
        "checked_at": "2026-01-15T19:02-05:00",
        "checked_by": "alice@example.com",
    }
    assert rows[0]["checked_at"] == "" and rows[0]["status"] == "pending"


def test_checklists_download_their_steps_as_csv(staff_client, checklists):
    response = staff_client.post(
        reverse(CHECKLISTS),
        {"action": "download_csv", "select_across": "1", "_selected_action": ["0"]},
    )
    rows = _rows(response)
    assert [(row["profile"], row["step"]) for row in rows] == [
        ("Mallory", "Screens off"),
        ("Mallory", "Read"),
        ("Mallory", "Breathe"),
        ("Robin", "Screens off"),
        ("Robin", "Read"),
        ("Robin", "'=1+1"),
    ]
    assert rows[0]["bedtime"] == "2026-01-15T22:30+00:00"


def test_the_checklist_lists_cost_a_fixed_number_of_queries(
    staff_client, freeze, django_assert_max_num_queries
):
    """Weeks of the demo household's checklists: a page of rows, never a query per row."""
    from households.demo import create_demo_household

    freeze(datetime(2026, 2, 21, 12, 0, tzinfo=UTC))
    create_demo_household(today=date(2026, 2, 20))
    assert ChecklistItem.objects.count() > 200
    for url in (reverse(ITEMS), reverse(CHECKLISTS)):
        with django_assert_max_num_queries(12):
            page = staff_client.get(url).content.decode()
        assert "Alex (" in page  # the profile filter, named with the household
