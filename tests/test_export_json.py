"""The complete JSON export: every model and every field, read back from the database, in a
fixed number of queries; only what the exporting person may see."""

import json
from datetime import UTC, date, datetime, time
from decimal import Decimal

import pytest
from django.urls import reverse

from exchange import archive
from journal.models import Disturbance, Intake, IntakeItem, Night
from routines import services as routine_services
from routines.models import Checklist, ChecklistItem, Routine, Step

from .fixtures.journal import make_night
from .fixtures.routines import make_routine


def export(client, url=None) -> dict:
    response = client.get(url or reverse("exchange:household_json"))
    assert response.status_code == 200
    return json.loads(response.content)


def as_json(value):
    """What the export writes for a value from the database."""
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list):
        return sorted(value)
    return value


def assert_fields(obj, exported: dict, *, left_out: set[str]) -> None:
    """Every concrete field of `obj` but the relations in `left_out` is exported as stored."""
    for field in obj._meta.concrete_fields:
        if field.name in left_out:
            continue
        assert field.name in exported, f"{type(obj).__name__}.{field.name} is not exported"
        assert exported[field.name] == as_json(getattr(obj, field.name)), field.name


@pytest.fixture
def household(alice, bob, child):
    """Alice shares her journal; Robin is her child; Bob keeps his private."""
    profile = alice.profile
    profile.shared_with_household = True
    profile.work_days = [4, 0, 1]
    profile.save()
    night = make_night(
        profile, date(2026, 11, 2), quality=4, rested=3, stress=2, nap_minutes=15,
        notes="Slept fine", created_by=alice,
    )  # fmt: skip
    own = Disturbance.objects.create(household=alice.household, name="Cat", position=3)
    night.disturbances.set([own, Disturbance.objects.get(name="Noise", household=None)])
    melatonin = IntakeItem.objects.create(household=alice.household, name="Melatonin")
    Intake.objects.create(
        night=night,
        item=melatonin,
        amount=Decimal("0.50"),
        unit="mg",
        taken_at=datetime(2026, 11, 2, 21, 0, tzinfo=UTC),
    )
    make_night(child, date(2026, 11, 2), into_bed="19:30", lights_out="19:45", out_of_bed=None)
    make_night(bob.profile, date(2026, 11, 2), notes="Bob's private night")
    routine = make_routine(
        [profile, child], alternate_bedtime=time(23, 0), alternate_weekdays=[5, 4],
        active_weekdays=[0, 1, 2, 3, 4, 5],
    )  # fmt: skip
    Step.objects.filter(routine=routine, position=0).update(duration_minutes=10, note="All")
    routine_services.tick(
        profile=child,
        step=routine.steps.first(),
        night=date(2026, 11, 2),
        by=alice,
        now=datetime(2026, 11, 2, 21, 50, tzinfo=UTC),
    )
    make_routine([bob.profile], name="Bob's own")
    return routine


def test_the_archive_says_what_it_is(client_for, alice, household):
    data = export(client_for(alice))
    assert data["format"] == "nightstand-export"
    assert data["version"] == 1
    assert data["scope"] == "household"
    assert data["household"]["name"] == alice.household.name
    assert datetime.fromisoformat(data["exported_at"]).utcoffset().total_seconds() == 0
    assert list(data) == [
        "format", "version", "exported_at", "scope", "household", "profiles",
        "disturbances", "intake_items", "nights", "routines", "checklists",
    ]  # fmt: skip


def test_every_model_and_field_is_exported_as_stored(client_for, alice, child, household):
    data = export(client_for(alice))
    profiles = {entry["name"]: entry for entry in data["profiles"]}
    assert set(profiles) == {"Alice", "Robin"}
    for profile in (alice.profile, child):
        exported = profiles[profile.name]
        assert_fields(profile, exported, left_out={"id", "household", "user"})
        assert exported["account"] == (profile.user.email if profile.user else None)

    for key, model in (("disturbances", Disturbance), ("intake_items", IntakeItem)):
        [entry] = model.objects.filter(household=alice.household)
        assert data[key] == [{"name": entry.name, "position": entry.position}]

    nights = {(entry["profile"], entry["date"]): entry for entry in data["nights"]}
    assert len(nights) == 2
    for night in Night.objects.filter(profile__in=[alice.profile, child]):
        exported = nights[(night.profile.name, night.date.isoformat())]
        assert_fields(night, exported, left_out={"id", "profile", "created_by"})
        assert exported["created_by"] == (night.created_by.email if night.created_by else None)
        assert exported["disturbances"] == sorted(d.name for d in night.disturbances.all())
        assert len(exported["intake"]) == night.intakes.count()
        for intake, row in zip(night.intakes.all(), exported["intake"], strict=True):
            assert_fields(intake, row, left_out={"id", "night", "item"})
            assert row["item"] == intake.item.name
    assert nights[("Alice", "2026-11-02")]["disturbances"] == ["Cat", "Noise"]

    [routine] = data["routines"]
    stored = Routine.objects.get(pk=routine["id"])
    assert_fields(stored, routine, left_out={"household"})
    assert routine["followers"] == ["Alice", "Robin"]
    assert len(routine["steps"]) == 3
    for step, row in zip(stored.steps.all(), routine["steps"], strict=True):
        assert_fields(step, row, left_out={"routine"})
    assert routine["steps"][0]["note"] == "All"

    [checklist] = data["checklists"]
    stored = Checklist.objects.get()
    assert_fields(stored, checklist, left_out={"id", "profile", "routine"})
    assert (checklist["profile"], checklist["routine"]) == ("Robin", routine["id"])
    for item, row in zip(stored.items.all(), checklist["items"], strict=True):
        assert_fields(item, row, left_out={"id", "checklist", "step", "checked_by"})
        assert row["step"] == item.step_id
        assert row["checked_by"] == (item.checked_by.email if item.checked_by else None)
    done = [row for row in checklist["items"] if row["status"] == "done"]
    assert done[0]["checked_by"] == "alice@example.com"
    assert done[0]["checked_at"] == "2026-11-02T21:50:00+00:00"


def test_an_unshared_adults_journal_is_not_in_someone_elses_export(
    client_for, alice, bob, household
):
    alice.profile.shared_with_household = False
    alice.profile.save()
    data = export(client_for(bob))
    assert {entry["name"] for entry in data["profiles"]} == {"Bob", "Robin"}
    assert {entry["profile"] for entry in data["nights"]} == {"Bob", "Robin"}
    assert "Slept fine" not in json.dumps(data)
    # The shared routine is visible through Robin, but names only the profiles in the file.
    routines = {entry["name"]: entry for entry in data["routines"]}
    assert routines["Wind down"]["followers"] == ["Robin"]
    assert routines["Bob's own"]["followers"] == ["Bob"]


def test_bobs_private_journal_is_not_in_alices_export(client_for, alice, household):
    data = export(client_for(alice))
    assert "Bob" not in {entry["name"] for entry in data["profiles"]}
    assert "Bob's private night" not in json.dumps(data)
    assert [entry["name"] for entry in data["routines"]] == ["Wind down"]


def test_a_profiles_archive_holds_that_profile_alone(client_for, alice, child, household):
    data = export(client_for(alice), reverse("exchange:profile_json", args=[child.pk]))
    assert data["scope"] == "profile"
    assert [entry["name"] for entry in data["profiles"]] == ["Robin"]
    assert {entry["profile"] for entry in data["nights"]} == {"Robin"}
    assert data["routines"][0]["followers"] == ["Robin"]
    assert len(data["checklists"]) == 1


def test_a_checklist_of_a_routine_left_out_keeps_its_snapshot(alice, child, household):
    data = archive.build(
        household=alice.household,
        profiles=[child],
        routines=Routine.objects.none(),
        scope="profile",
    )
    [checklist] = data["checklists"]
    assert checklist["routine"] is None
    assert checklist["routine_name"] == "Wind down"
    assert {item["step"] for item in checklist["items"]} == {None}
    assert ChecklistItem.objects.filter(step__isnull=False).count() == 3


# Session, user, profiles, household, then the archive's own: a fixed count however many nights.
# (The schedule history of the routines is one of them.)
QUERY_BUDGET = 17


def test_a_small_household_takes_a_fixed_number_of_queries(
    client_for, alice, household, django_assert_max_num_queries
):
    client = client_for(alice)
    with django_assert_max_num_queries(QUERY_BUDGET):
        export(client)


def test_three_years_take_as_few_queries(
    client_for, alice, child, three_years, django_assert_max_num_queries
):
    routine = make_routine([alice.profile, child])
    for night in three_years[:40]:
        routine_services.tick(
            profile=alice.profile, step=routine.steps.first(), night=night.date, by=alice
        )
    client = client_for(alice)
    with django_assert_max_num_queries(QUERY_BUDGET):
        data = export(client)
    assert len(data["nights"]) == len(three_years)
    assert len(data["checklists"]) == 40
