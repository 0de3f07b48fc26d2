"""The data migrations that clean up what leaving a household used to leave behind."""

import importlib

from django.apps import apps

from households.models import Household, Profile
from journal.models import Disturbance, Intake, IntakeItem, Night
from tests.fixtures.routines import make_routine

end_followers = importlib.import_module(
    "routines.migrations.0003_end_followers_outside_household"
).end_followers_outside_household
carry_entries = importlib.import_module(
    "journal.migrations.0004_carry_entries_of_moved_nights"
).carry_entries


def _move_out(profile: Profile) -> Household:
    """What the old leave did: the profile changed household, nothing else did."""
    elsewhere = Household.objects.create(name="Elsewhere")
    Profile.objects.filter(pk=profile.pk).update(household=elsewhere)
    profile.refresh_from_db()
    return elsewhere


def test_stray_followers_stop_following_and_a_lone_followers_routine_moves(alice, bob, child):
    shared = make_routine([alice.profile, bob.profile, child], name="Family")
    bobs = make_routine([bob.profile], name="Bob's own")
    elsewhere = _move_out(bob.profile)
    end_followers(apps, None)
    assert set(shared.followers.all()) == {alice.profile, child}
    bobs.refresh_from_db()
    assert bobs.household == elsewhere
    assert list(bobs.followers.all()) == [bob.profile]


def test_stray_catalogue_entries_are_carried_into_the_persons_household(alice, bob):
    barking = Disturbance.objects.create(household=alice.household, name="Dog barking")
    juice = IntakeItem.objects.create(household=alice.household, name="Cherry juice")
    night = Night.objects.create(profile=bob.profile, date="2026-11-01", quality=3)
    night.disturbances.add(barking)
    Intake.objects.create(night=night, item=juice)
    elsewhere = _move_out(bob.profile)
    carry_entries(apps, None)
    assert night.disturbances.get().household == elsewhere
    assert night.intakes.get().item.household == elsewhere
    assert barking in Disturbance.objects.filter(household=alice.household)
