"""The round trip of issue 9: export the demo household's JSON, delete it, import the file, and
the household is back exactly: exporting it again gives the same file, every record and field
(timestamps, versions, who logged and ticked, amounts) but the date of the export and the ids
of routines and steps, which are new."""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from django.db.models import F

from households.demo import create_demo_household
from households.models import Profile, User
from journal.models import Disturbance, Intake, IntakeItem, Night
from routines.models import Checklist, ChecklistItem, Routine

from .archive_import import comparable, export_text, import_text, kinds, reasons

# Five weeks up to 9 April 2026: the clocks went forward in London on 29 March.
NOW = datetime(2026, 4, 10, 12, 0, 0, 250_000, tzinfo=UTC)
TODAY = date(2026, 4, 10)


@pytest.fixture
def demo(db, freeze):
    freeze(NOW)
    household = create_demo_household(today=TODAY)
    alex = User.objects.get(email="alex@example.com")
    sam = User.objects.get(email="sam@example.com")
    robin = Profile.objects.get(household=household, name="Robin")
    # The household's own lists, one entry of each in use and one not.
    cat = Disturbance.objects.create(household=household, name="Cat on the bed", position=4)
    Disturbance.objects.create(household=household, name="Thunder", position=7)
    magnesium = IntakeItem.objects.create(household=household, name="Magnesium", position=2)
    IntakeItem.objects.create(household=household, name="Herbal tea", position=9)
    robins = list(Night.objects.filter(profile=robin).order_by("date"))
    for number, night in enumerate(robins[:6]):
        night.disturbances.add(cat)
        Intake.objects.create(
            night=night,
            item=magnesium,
            amount=Decimal("0.25") * (number + 1),
            unit="mg",
            taken_at=night.lights_out - timedelta(minutes=30 + number) if number % 2 else None,
        )
    # Sam logged some of Robin's nights; some nights were edited later, once or more.
    Night.objects.filter(pk__in=[night.pk for night in robins[::5]]).update(created_by=sam)
    for offset, night in enumerate(Night.objects.filter(profile__household=household)[::7]):
        Night.objects.filter(pk=night.pk).update(
            version=F("version") + offset,
            notes="Édité — “again”\nsecond line",
            created_at=NOW - timedelta(days=offset, microseconds=offset * 17),
            updated_at=NOW - timedelta(hours=offset, microseconds=offset),
        )
    Routine.objects.filter(household=household).update(version=F("version") + 2)
    return household, alex, sam, robin


def delete_what_alex_exports(household) -> None:
    """Robin goes with everything of theirs; Alex's nights and checklists, the household's
    routines and the lists' entries nobody uses any more go too."""
    Profile.objects.filter(household=household, user__isnull=True).delete()
    alex_profile = Profile.objects.get(household=household, user__email="alex@example.com")
    Night.objects.filter(profile=alex_profile).delete()
    Checklist.objects.filter(profile=alex_profile).delete()
    Routine.objects.filter(household=household).delete()
    Disturbance.objects.filter(household=household, nights__isnull=True).delete()
    IntakeItem.objects.filter(household=household, intakes__isnull=True).delete()


def test_export_delete_import_gives_back_the_same_export(demo, client_for):
    household, alex, sam, robin = demo
    client = client_for(alex)
    before = export_text(client)
    data = comparable(before)
    assert {profile["name"] for profile in data["profiles"]} == {"Alex", "Robin"}
    assert len(data["nights"]) > 60 and len(data["checklists"]) > 40
    assert any(night["created_by"] == "sam@example.com" for night in data["nights"])
    ticks = [item for checklist in data["checklists"] for item in checklist["items"]]
    assert any(item["checked_by"] == "sam@example.com" for item in ticks)

    delete_what_alex_exports(household)
    assert not Night.objects.filter(profile__name__in=["Alex", "Robin"]).exists()
    assert not Routine.objects.exists()
    assert not Disturbance.objects.filter(household=household).exists()

    plan = import_text(before, user=alex)

    assert reasons(plan) == []
    assert kinds(plan.to_create) == {
        "profile": 1,
        "disturbance": 2,
        "intake item": 2,
        "night": len(data["nights"]),
        "routine": len(data["routines"]),
        "checklist": len(data["checklists"]),
    }
    after = export_text(client)
    assert comparable(after) == data


def test_the_restored_rows_are_the_stored_ones_not_just_the_same_text(demo, client_for):
    """The fields the export writes are compared above; here, the restored database rows."""
    household, alex, sam, robin = demo
    before_nights = {
        (night.profile.name, night.date): (night.created_by_id, night.version, night.updated_at)
        for night in Night.objects.filter(profile__name__in=["Alex", "Robin"])
    }
    before_items = sorted(
        ChecklistItem.objects.filter(checklist__profile__household=household)
        .exclude(checklist__profile__name="Sam")
        .values_list("checklist__night", "title", "status", "checked_at", "checked_by_id")
    )
    text = export_text(client_for(alex))
    delete_what_alex_exports(household)
    import_text(text, user=alex)

    after_nights = {
        (night.profile.name, night.date): (night.created_by_id, night.version, night.updated_at)
        for night in Night.objects.filter(profile__name__in=["Alex", "Robin"])
    }
    assert after_nights == before_nights
    after_items = sorted(
        ChecklistItem.objects.filter(checklist__profile__household=household)
        .exclude(checklist__profile__name="Sam")
        .values_list("checklist__night", "title", "status", "checked_at", "checked_by_id")
    )
    assert after_items == before_items
    new_robin = Profile.objects.get(household=household, name="Robin")
    assert new_robin.created_at == robin.created_at
    assert new_robin.usual_bedtime == robin.usual_bedtime
    assert new_robin.work_days == robin.work_days
    # Ticks point at the new routine's steps, not at nothing.
    assert not ChecklistItem.objects.filter(
        checklist__profile=new_robin, step__isnull=True
    ).exists()


def test_importing_the_same_file_again_creates_nothing(demo, client_for):
    household, alex, sam, robin = demo
    text = export_text(client_for(alex))
    delete_what_alex_exports(household)
    import_text(text, user=alex)
    counts = [model.objects.count() for model in (Night, Intake, Routine, Checklist, Profile)]

    again = import_text(text, user=alex)

    assert again.to_create == []
    assert reasons(again) == []
    assert {entry.reason for entry in again.skipped} == {"already there"}
    assert kinds(again.skipped)["night"] == len(comparable(text)["nights"])
    assert [model.objects.count() for model in (Night, Intake, Routine, Checklist, Profile)] == (
        counts
    )


def test_importing_without_deleting_anything_creates_nothing(demo, client_for):
    household, alex, sam, robin = demo
    text = export_text(client_for(alex))
    plan = import_text(text, user=alex)
    assert plan.to_create == []
    assert reasons(plan) == []
    assert comparable(export_text(client_for(alex))) == comparable(text)
