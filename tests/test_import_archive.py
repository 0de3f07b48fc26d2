"""Importing an archive into the importer's household: who its profiles become, what is created,
skipped as already there or rejected (each reason), and that it is all or nothing.

The round trip of the demo household is in test_import_archive_round_trip.py; reading and
checking the records one by one in test_import_archive_records.py."""

from datetime import UTC, date, datetime, time
from decimal import Decimal

import pytest
from django.db import transaction

from exchange.importing.archive_restore import ArchiveConflict, plan_archive
from households.models import Profile, User
from journal.models import Disturbance, Intake, IntakeItem, Night
from routines.models import Checklist, ChecklistItem, Routine, Step

from .archive_import import (
    archive_text,
    checklist_entry,
    import_text,
    kinds,
    night_entry,
    profile_entry,
    reasons,
    routine_entry,
)
from .fixtures.routines import make_routine


def household_counts(household) -> dict[str, int]:
    return {
        "profiles": Profile.objects.filter(household=household).count(),
        "nights": Night.objects.filter(profile__household=household).count(),
        "routines": Routine.objects.filter(household=household).count(),
        "checklists": Checklist.objects.filter(profile__household=household).count(),
        "disturbances": Disturbance.objects.filter(household=household).count(),
        "intake items": IntakeItem.objects.filter(household=household).count(),
    }


# --- Profiles -------------------------------------------------------------------------------


def test_an_admin_adds_a_dependant_with_the_files_settings(alice):
    plan = import_text(archive_text(), user=alice)
    assert reasons(plan) == []
    assert kinds(plan.to_create) == {"profile": 1, "night": 1}
    ada = Profile.objects.get(household=alice.household, name="Ada")
    assert ada.is_dependant
    assert (ada.time_zone, ada.usual_bedtime, ada.usual_wake_time) == (
        "Europe/London", time(21, 30), time(7, 0)
    )  # fmt: skip
    assert ada.work_days == [0, 1, 2, 3, 4]
    assert ada.created_at == datetime(2024, 1, 5, 10, 0, 0, 123456, tzinfo=UTC)
    night = Night.objects.get(profile=ada)
    figures = (night.sol_minutes, night.awakenings, night.waso_minutes, night.quality)
    assert figures == (20, 2, 25, 4)
    assert night.final_wake == datetime(2024, 3, 3, 6, 30, tzinfo=UTC)
    assert night.created_at == datetime(2024, 3, 3, 7, 0, tzinfo=UTC)
    assert night.updated_at == datetime(2024, 3, 3, 7, 5, tzinfo=UTC)


def test_only_a_household_admin_adds_a_dependant(alice, bob):
    plan = import_text(archive_text(), user=bob)
    why = "Ada is not here, and only a household admin can add them"
    assert reasons(plan) == [f"profile Ada: {why}", f"night 2024-03-02 of Ada: {why}"]
    assert plan.to_create == []
    assert not Profile.objects.filter(name="Ada").exists()


def test_a_dependant_maps_onto_the_households_one_of_that_name(alice, bob, child):
    plan = import_text(archive_text(profiles=[profile_entry("Robin")], nights=[
        night_entry("Robin")]), user=bob)  # fmt: skip
    assert reasons(plan) == []
    assert [(p.kind, p.reason) for p in plan.skipped] == [("profile", "already there")]
    assert Night.objects.get().profile == child


def test_who_does_not_look_after_the_children_may_not_log_for_them(alice, bob, child):
    bob.looks_after_children = False
    bob.save()
    plan = import_text(
        archive_text(profiles=[profile_entry("Robin")], nights=[night_entry("Robin")]), user=bob
    )
    assert reasons(plan) == [
        "profile Robin: you may not log for Robin",
        "night 2024-03-02 of Robin: you may not log for Robin",
    ]
    assert not Night.objects.exists()


def test_a_profile_with_an_account_maps_onto_that_accounts_profile(alice, bob, mallory):
    text = archive_text(
        profiles=[profile_entry("Ali", account="ALICE@example.com")], nights=[night_entry("Ali")]
    )
    assert reasons(plan_archive(text, user=bob)) == [
        "profile Ali: you may not log for Ali",
        "night 2024-03-02 of Ali: you may not log for Ali",
    ]
    assert reasons(plan_archive(text, user=mallory)) == [
        "profile Ali: Ali's account is not in this household",
        "night 2024-03-02 of Ali: Ali's account is not in this household",
    ]
    plan = import_text(text, user=alice)
    assert reasons(plan) == []
    assert Night.objects.get().profile == alice.profile


def test_a_dependant_in_the_file_who_is_an_account_holder_here(alice, bob):
    plan = plan_archive(
        archive_text(profiles=[profile_entry("Bob")], nights=[night_entry("Bob")]), user=alice
    )
    assert reasons(plan)[0] == "profile Bob: Bob here is an account holder, not a dependant"


def test_profiles_named_twice_or_mapping_onto_one_person(alice):
    plan = plan_archive(
        archive_text(
            profiles=[
                profile_entry("Ada"),
                profile_entry("Ada"),
                profile_entry("Me", account="alice@example.com"),
                profile_entry("Also me", account="alice@example.com"),
            ],
            nights=[night_entry("Ada"), night_entry("Also me"), night_entry("Zed")],
        ),
        user=alice,
    )
    assert reasons(plan) == [
        "profile Ada: Ada appears twice in the file",
        "profile Also me: Also me is the same person here as another profile in the file",
        "night 2024-03-02 of Also me: Also me is the same person here as another profile in "
        "the file",
        "night 2024-03-02 of Zed: the file has no usable profile “Zed”",
    ]
    assert kinds(plan.to_create) == {"profile": 1, "night": 1}


def test_someone_without_a_household_imports_nothing(db):
    loner = User.objects.create_user(email="loner@example.com", password="x" * 12, name="Lo")
    plan = import_text(archive_text(disturbances=[{"name": "Cat", "position": 1}]), user=loner)
    assert plan.to_create == []
    assert len(plan.rejected) == 3
    assert not Profile.objects.exists() and not Disturbance.objects.filter(name="Cat").exists()


# --- Nights ---------------------------------------------------------------------------------


def test_a_night_already_there_is_skipped_and_one_twice_in_the_file_rejected(alice, child):
    Night.objects.create(profile=child, date=date(2024, 3, 2), notes="Mine")
    text = archive_text(
        profiles=[profile_entry("Robin")],
        nights=[night_entry("Robin"), night_entry("Robin", "2024-03-03"),
                night_entry("Robin", "2024-03-03", notes="again")],
    )  # fmt: skip
    plan = import_text(text, user=alice)
    assert [(p.kind, p.label, p.reason) for p in plan.skipped if p.kind == "night"] == [
        ("night", "Robin · night of 2024-03-02", "already there")
    ]
    assert reasons(plan) == ["night 2024-03-03 of Robin: it appears twice in the file"]
    assert Night.objects.get(date=date(2024, 3, 2)).notes == "Mine"
    assert Night.objects.get(date=date(2024, 3, 3)).notes == ""


def test_who_logged_a_night_is_kept_when_they_are_in_the_household(alice, bob, mallory):
    text = archive_text(
        nights=[
            night_entry(created_by="BOB@example.com"),
            night_entry(day="2024-03-03", created_by="mallory@example.com"),
        ]
    )
    import_text(text, user=alice)
    assert dict(Night.objects.values_list("date", "created_by")) == {
        date(2024, 3, 2): bob.pk,
        date(2024, 3, 3): None,
    }


def test_intake_rows_keep_item_amount_unit_and_time(alice):
    rows = [
        {"item": "Caffeine", "amount": "2", "unit": "cups", "taken_at": "2024-03-02T14:00:00Z"},
        {"item": "Magnesium", "amount": None, "unit": "", "taken_at": None},
    ]
    import_text(archive_text(nights=[night_entry(intake=rows)]), user=alice)
    intakes = list(Intake.objects.select_related("item"))
    assert [(i.item.name, i.amount, i.unit, i.taken_at) for i in intakes] == [
        ("Caffeine", Decimal("2.00"), "cups", datetime(2024, 3, 2, 14, 0, tzinfo=UTC)),
        ("Magnesium", None, "", None),
    ]
    assert intakes[0].item.household is None
    assert intakes[1].item.household == alice.household


# --- Catalogue ------------------------------------------------------------------------------


def test_catalogue_entries_match_by_name_or_are_added_at_their_position(alice):
    Disturbance.objects.create(household=alice.household, name="Cat", position=3)
    text = archive_text(
        disturbances=[{"name": "cat", "position": 8}, {"name": "Thunder", "position": 5}],
        intake_items=[{"name": "Melatonin", "position": 40}],
        nights=[night_entry(disturbances=["Cat", "Noise", "Thunder", "Storm"])],
    )
    plan = import_text(text, user=alice)
    assert reasons(plan) == []
    assert {(p.kind, p.label) for p in plan.skipped} == {
        ("disturbance", "cat"), ("intake item", "Melatonin")
    }  # fmt: skip
    assert {(p.kind, p.label) for p in plan.to_create} == {
        ("profile", "Ada"), ("disturbance", "Thunder"), ("disturbance", "Storm"),
        ("night", "Ada · night of 2024-03-02"),
    }  # fmt: skip
    own = dict(
        Disturbance.objects.filter(household=alice.household).values_list("name", "position")
    )
    assert own == {"Cat": 3, "Thunder": 5, "Storm": 100}
    names = sorted(Night.objects.get().disturbances.values_list("name", "household"))
    assert names == [
        ("Cat", alice.household.pk), ("Noise", None), ("Storm", alice.household.pk),
        ("Thunder", alice.household.pk),
    ]  # fmt: skip


def test_only_an_admin_adds_to_the_lists(alice, bob, child):
    text = archive_text(
        profiles=[profile_entry("Robin")],
        disturbances=[{"name": "Thunder", "position": 5}],
        nights=[night_entry("Robin", disturbances=["Noise"]),
                night_entry("Robin", "2024-03-03", disturbances=["Thunder"]),
                night_entry("Robin", "2024-03-04", intake=[{"item": "Cocoa"}])],
    )  # fmt: skip
    plan = import_text(text, user=bob)
    only_admins = "not on the household's lists, and only a household admin can add it"
    assert reasons(plan) == [
        f"disturbance “Thunder”: {only_admins}",
        f"night 2024-03-03 of Robin: “Thunder”: {only_admins}",
        f"night 2024-03-04 of Robin: “Cocoa”: {only_admins}",
    ]
    assert list(Night.objects.values_list("date", flat=True)) == [date(2024, 3, 2)]


# --- Routines and checklists ----------------------------------------------------------------


def test_a_routine_comes_with_its_steps_and_the_followers_that_map(alice, bob):
    routine = routine_entry(
        followers=["Ada", "Bob"], alternate_bedtime="22:15:00", alternate_weekdays=[4, 5],
        active_weekdays=[6, 0], is_active=False, version=4,
    )  # fmt: skip
    routine["steps"][0].update(duration_minutes=15, note="All of them", version=3)
    text = archive_text(
        profiles=[profile_entry(), profile_entry("Bob", account="bob@example.com")],
        routines=[routine],
        checklists=[checklist_entry()],
    )
    plan = import_text(text, user=alice)
    assert reasons(plan) == ["profile Bob: you may not log for Bob"]
    saved = Routine.objects.get()
    assert [p.name for p in saved.followers.all()] == ["Ada"]
    assert (saved.alternate_bedtime, saved.alternate_weekdays, saved.active_weekdays) == (
        time(22, 15), [4, 5], [6, 0]
    )  # fmt: skip
    assert (saved.is_active, saved.version, saved.household) == (False, 4, alice.household)
    steps = list(saved.steps.values_list("title", "duration_minutes", "note", "version"))
    assert steps == [("Screens off", 15, "All of them", 3), ("Read", None, "", 1)]
    checklist = Checklist.objects.get()
    assert checklist.routine == saved
    assert [(i.step.title, i.status) for i in checklist.items.all()] == [
        ("Screens off", "done"), ("Read", "pending")
    ]  # fmt: skip


def test_a_routine_nobody_here_follows_is_rejected_with_the_reason(alice, mallory):
    text = archive_text(
        profiles=[profile_entry("Ali", account="alice@example.com")],
        nights=[],
        routines=[routine_entry(followers=["Ali"]), routine_entry(2, "Orphan", followers=[])],
        checklists=[checklist_entry("Ali")],
    )
    plan = import_text(text, user=mallory)
    assert reasons(plan) == [
        "profile Ali: Ali's account is not in this household",
        "routine “Wind down”: Ali's account is not in this household",
        "routine “Orphan”: nobody in the file follows it",
        "checklist “Wind down” of Ali, night 2024-03-02: Ali's account is not in this household",
    ]
    assert not Routine.objects.exists()


def test_a_routine_already_there_is_skipped_and_its_checklists_use_it(alice, child):
    routine = make_routine([child], name="Wind down", steps=(("Screens off", 45), ("Read", 30)))
    routine.created_at = datetime(2024, 1, 5, 10, 0, tzinfo=UTC)
    routine.save()
    text = archive_text(
        profiles=[profile_entry("Robin")],
        nights=[],
        routines=[routine_entry(followers=["Robin"])],
        checklists=[checklist_entry("Robin")],
    )
    plan = import_text(text, user=alice)
    assert reasons(plan) == []
    assert [p.kind for p in plan.to_create] == ["checklist"]
    assert Routine.objects.count() == 1 and Step.objects.count() == 2
    checklist = Checklist.objects.get()
    assert checklist.routine == routine
    assert {item.step.routine_id for item in checklist.items.all()} == {routine.pk}
    again = import_text(text, user=alice)
    assert kinds(again.skipped) == {"profile": 1, "routine": 1, "checklist": 1}


def test_checklist_references_that_the_file_does_not_hold(alice):
    entry = checklist_entry()
    entry["items"][1]["step"] = 999
    text = archive_text(
        nights=[],
        routines=[routine_entry()],
        checklists=[checklist_entry(routine=7), entry, checklist_entry(night="2024-03-03"),
                    checklist_entry(night="2024-03-03")],
    )  # fmt: skip
    plan = import_text(text, user=alice)
    assert reasons(plan) == [
        "checklist “Wind down” of Ada, night 2024-03-02: it refers to routine 7, which is not "
        "in the file",
        "checklist “Wind down” of Ada, night 2024-03-02: item 2: it refers to step 999, which "
        "is not in the file",
        "checklist “Wind down” of Ada, night 2024-03-03: it appears twice in the file",
    ]
    assert list(Checklist.objects.values_list("night", flat=True)) == [date(2024, 3, 3)]


def test_a_checklist_of_a_routine_not_in_the_file_keeps_its_snapshot(alice):
    text = archive_text(nights=[], checklists=[checklist_entry(routine=None)])
    plan = import_text(text, user=alice)
    assert reasons(plan) == []
    checklist = Checklist.objects.get()
    assert (checklist.routine, checklist.routine_name) == (None, "Wind down")
    assert list(ChecklistItem.objects.values_list("step", flat=True)) == [None, None]
    again = import_text(text, user=alice)
    assert again.to_create == []


def test_routine_ids_given_twice(alice):
    plan = plan_archive(
        archive_text(routines=[routine_entry(1), routine_entry(1, "Other")]), user=alice
    )
    assert reasons(plan) == ["routine “Other”: its id 1 is another routine's too"]


# --- Another household --------------------------------------------------------------------


@pytest.fixture
def alices_export(client_for, alice, bob, child):
    from .fixtures.journal import make_night

    alice.profile.shared_with_household = True
    alice.profile.save()
    make_night(alice.profile, date(2026, 11, 2), created_by=alice)
    make_night(child, date(2026, 11, 2), created_by=bob)
    routine = make_routine([alice.profile, child])
    Checklist.objects.create(profile=child, routine=routine, night=date(2026, 11, 2),
                             routine_name=routine.name, bedtime_at=datetime.now(UTC))  # fmt: skip
    from .archive_import import export_text

    return export_text(client_for(alice))


def test_another_household_cannot_write_into_alices(alice, mallory, alices_export):
    before = household_counts(alice.household)
    plan = import_text(alices_export, user=mallory)
    assert household_counts(alice.household) == before
    assert "night 2026-11-02 of Alice: Alice's account is not in this household" in reasons(plan)
    # Robin, a dependant without an account, may be added to Mallory's own household.
    robin = Profile.objects.get(household=mallory.household, name="Robin")
    night = Night.objects.get(profile=robin)
    assert night.created_by is None  # Bob is not in Mallory's household
    assert Routine.objects.get(household=mallory.household).followers.get() == robin


def test_a_profiles_export_imports(alice, child, client_for, alices_export):
    from django.urls import reverse

    from .archive_import import comparable, export_text

    url = reverse("exchange:profile_json", args=[child.pk])
    text = export_text(client_for(alice), url)
    Night.objects.filter(profile=child).delete()
    Checklist.objects.filter(profile=child).delete()
    plan = import_text(text, user=alice)
    assert kinds(plan.to_create) == {"night": 1, "checklist": 1}
    assert comparable(export_text(client_for(alice), url)) == comparable(text)


# --- All or nothing -------------------------------------------------------------------------


class Interrupted(Exception):
    pass


def test_a_failure_after_apply_leaves_nothing_behind(alice, child, alices_export):
    Night.objects.filter(profile=child).delete()
    before = household_counts(alice.household)
    plan = plan_archive(alices_export, user=alice)
    assert plan.to_create
    with pytest.raises(Interrupted), transaction.atomic():
        plan.apply()
        assert household_counts(alice.household) != before
        raise Interrupted
    assert household_counts(alice.household) == before


def test_a_night_saved_meanwhile_makes_the_import_write_nothing(alice):
    text = archive_text(disturbances=[{"name": "Cat", "position": 1}],
                        nights=[night_entry(), night_entry(day="2024-03-03")])  # fmt: skip
    plan = plan_archive(text, user=alice)
    with transaction.atomic():
        ada = Profile.objects.create(household=alice.household, name="Someone")
        with pytest.raises(ArchiveConflict, match="Nothing was imported"):
            # Ada was added by someone else since the preview: the profile clashes.
            Profile.objects.create(household=alice.household, name="Ada")
            plan.apply()
        # The caller's transaction is still usable, and holds none of the import.
        assert ada.pk and not Disturbance.objects.filter(name="Cat").exists()
        assert not Night.objects.exists()


def test_progress_is_reported_up_to_the_total(alice):
    text = archive_text(nights=[night_entry(day=f"2024-03-{d:02}") for d in range(1, 11)],
                        routines=[routine_entry()], checklists=[checklist_entry()])  # fmt: skip
    plan = plan_archive(text, user=alice)
    calls = []
    created = plan.apply(progress=lambda done, total: calls.append((done, total)))
    assert created == len(plan.to_create) == 13
    assert calls[-1] == (13, 13)
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)


# --- Speed ----------------------------------------------------------------------------------

# Reading: members, profiles, rights, both lists, nights and checklists already here, routines
# and their steps (9). Writing, in a savepoint: each kind once, and the timestamps (13); the
# schedule history (1) and forgetting the stored progress the new checklists change (1).
QUERY_BUDGET = 24


def many_nights(count: int) -> str:
    """`count` nights of Alice (already here) and of Ada (new), half of them with a checklist."""
    start = date(2020, 1, 1).toordinal()
    nights = [
        night_entry(
            profile="Ada" if offset % 2 else "Alice",
            day=date.fromordinal(start + offset // 2).isoformat(),
            disturbances=["Noise", "Cat"],
            intake=[{"item": "Caffeine", "amount": "1.50", "unit": "cup"}],
            created_by="alice@example.com",
        )
        for offset in range(count)
    ]
    checklists = [
        checklist_entry(night["profile"], night=night["date"], bedtime_at=night["into_bed"])
        for night in nights[: count // 2]
    ]
    profiles = [profile_entry(), profile_entry("Alice", account="alice@example.com")]
    routine = routine_entry(followers=["Ada", "Alice"])
    return archive_text(profiles=profiles, nights=nights, routines=[routine], checklists=checklists)


@pytest.mark.parametrize("count", [30, 400])
def test_planning_and_applying_take_a_fixed_number_of_queries(
    alice, count, django_assert_max_num_queries
):
    Night.objects.create(profile=alice.profile, date=date(2020, 1, 1))  # already there
    text = many_nights(count)
    with django_assert_max_num_queries(QUERY_BUDGET):
        plan = plan_archive(text, user=alice)
        plan.apply()
    assert [p.label for p in plan.skipped if p.kind == "night"] == ["Alice · night of 2020-01-01"]
    assert Night.objects.count() == count
    assert Intake.objects.count() == count - 1
    assert Night.disturbances.through.objects.count() == 2 * (count - 1)
    assert ChecklistItem.objects.count() == count // 2 * 2


def test_a_tick_of_another_routines_step_keeps_its_snapshot_without_the_link(alice):
    entry = checklist_entry()
    entry["items"][1]["step"] = 20  # a step of routine 2, not of this checklist's routine 1
    text = archive_text(
        nights=[], routines=[routine_entry(1), routine_entry(2, "Naps")], checklists=[entry]
    )
    plan = import_text(text, user=alice)
    assert reasons(plan) == []
    steps = ChecklistItem.objects.order_by("position").values_list("title", "step__routine__name")
    assert list(steps) == [("Screens off", "Wind down"), ("Read", None)]


def test_a_routine_given_twice_and_steps_sharing_ids(alice, child):
    routine = make_routine([child], name="Wind down", steps=(("Screens off", 45), ("Read", 30)))
    routine.created_at = datetime(2024, 1, 5, 10, 0, tzinfo=UTC)
    routine.save()
    copied = routine_entry(2, followers=["Robin"])
    shares_steps = routine_entry(3, "Naps", followers=["Robin"])
    shares_steps["steps"][1]["id"] = shares_steps["steps"][0]["id"]
    text = archive_text(
        profiles=[profile_entry("Robin")],
        nights=[],
        routines=[routine_entry(1, followers=["Robin"]), copied, shares_steps],
        checklists=[checklist_entry("Robin", routine=2), checklist_entry("Robin", routine=3)],
    )
    plan = import_text(text, user=alice)
    assert reasons(plan) == [
        "routine “Wind down”: it appears twice in the file",
        "routine “Naps”: two steps in the file have the same id",
        "checklist “Wind down” of Robin, night 2024-03-02: its routine (id 2) is not imported",
        "checklist “Wind down” of Robin, night 2024-03-02: it refers to routine 3, which is not "
        "in the file",
    ]
    assert Routine.objects.count() == 1 and not Checklist.objects.exists()
