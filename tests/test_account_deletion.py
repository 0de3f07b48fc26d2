"""Deleting one's account: the page says what goes (with counts) and what stays, offers the
export first, and the deletion removes exactly that.

A member takes their profile, journal and the routines only they follow; alone in a household,
the person takes the household, children included. The last admin of a household with others in it
is sent to make someone else admin, or to delete the whole household."""

import html
from datetime import date

import pytest
from django.urls import reverse

from households.models import Household, Invite, Profile, User
from journal.models import Disturbance, Intake, IntakeItem, Night
from routines.models import Checklist, Routine
from tests.conftest import add_dependant, make_account
from tests.deletion_data import Noted, fill_journal
from tests.fixtures.routines import make_routine

PASSWORD = "a-long-password-1"
URL = "/household/account/delete/"


def text(response) -> str:
    return html.unescape(response.content.decode())


def totals() -> dict[str, int]:
    return {
        "users": User.objects.count(),
        "households": Household.objects.count(),
        "profiles": Profile.objects.count(),
        "nights": Night.objects.count(),
        "intake": Intake.objects.count(),
        "disturbances noted": Noted.objects.count(),
        "checklists": Checklist.objects.count(),
        "routines": Routine.objects.count(),
        "invites": Invite.objects.count(),
        "own entries": Disturbance.objects.filter(household__isnull=False).count()
        + IntakeItem.objects.filter(household__isnull=False).count(),
    }


def lost(before: dict[str, int]) -> dict[str, int]:
    after = totals()
    return {key: before[key] - after[key] for key in before if before[key] != after[key]}


def test_the_url_is_the_households_account_delete():
    assert reverse("households:account_delete") == URL


@pytest.fixture
def bobs_journal(alice, bob, mallory):
    """Bob's 30 nights, a routine only he follows and one he shares with Alice; Alice's and
    Mallory's journals beside it."""
    juice = IntakeItem.objects.create(household=alice.household, name="Cherry juice")
    barking = Disturbance.objects.create(household=alice.household, name="Dog barking")
    stretch = make_routine([bob.profile], name="Bob's stretch")
    shared = make_routine([bob.profile, alice.profile], name="Family wind down")
    journal = fill_journal(
        bob.profile,
        first=date(2026, 10, 1),
        nights=30,
        item=juice,
        disturbance=barking,
        routine=stretch,
    )
    fill_journal(alice.profile, first=date(2026, 10, 1), nights=5, item=juice, routine=shared)
    fill_journal(mallory.profile, first=date(2026, 10, 1), nights=7)
    return journal


def test_a_member_sees_their_journal_counted_before_deleting(client_for, bob, bobs_journal):
    page = text(client_for(bob).get(URL))
    assert "Your account (bob@example.com): you are signed out" in page
    assert (
        "Your journal: 30 nights from 1 October 2026 to 30 October 2026, 15 intake entries, "
        "10 disturbances noted and 8 checklists." in page
    )
    assert "1 routine nobody else follows: Bob's stretch." in page
    assert "The household “Alice's household” and everyone else's journals." in page
    assert "Nights you logged and steps you ticked for others stay" in page
    assert "Family wind down" not in page  # Alice follows it too: it stays
    assert "Download a copy first" in page
    assert reverse("exchange:profile_json", args=[bob.profile.pk]) in page
    assert reverse("exchange:profile_csv", args=[bob.profile.pk]) in page


def test_deleting_removes_exactly_what_the_page_said(client_for, alice, bob, bobs_journal):
    before = totals()
    response = client_for(bob).post(URL, {"password": PASSWORD})
    assert response.status_code == 302
    assert lost(before) == {
        "users": 1,
        "profiles": 1,
        "nights": bobs_journal.nights,
        "intake": bobs_journal.intake,
        "disturbances noted": bobs_journal.disturbances,
        "checklists": bobs_journal.checklists,
        "routines": 1,
    }
    assert list(Routine.objects.values_list("name", flat=True)) == ["Family wind down"]
    assert Night.objects.filter(profile=alice.profile).count() == 5


def test_a_wrong_password_deletes_nothing(client_for, bob, bobs_journal):
    before = totals()
    response = client_for(bob).post(URL, {"password": "wrong"})
    assert response.status_code == 200
    assert "That is not your password." in text(response)
    assert lost(before) == {}


def test_alone_the_household_and_the_children_go_too(client_for, alice, mallory):
    kit = add_dependant(alice, "Kit")
    juice = IntakeItem.objects.create(household=alice.household, name="Cherry juice")
    bedtime = make_routine([kit], name="Kit's bedtime")
    make_routine([alice.profile], name="Reading")
    kits = fill_journal(kit, first=date(2024, 3, 12), nights=40, item=juice, routine=bedtime)
    fill_journal(mallory.profile, first=date(2026, 10, 1), nights=7)
    Invite.objects.create(household=alice.household, created_by=alice)
    client = client_for(alice)
    page = text(client.get(URL))
    assert "You are the only member of Alice's household" in page
    assert "Your profile, with nothing logged yet." in page
    assert (
        "Kit's journal: 40 nights from 12 March 2024 to 20 April 2024, 20 intake entries "
        "and 10 checklists." in page
    )
    assert "The household “Alice's household” itself." in page
    assert "2 routines of the household: Kit's bedtime and Reading." in page
    assert "1 invite link (1 still open)." in page
    assert (
        "1 entry the household added to the “Disturbances and intake” lists: Cherry juice" in page
    )
    assert "What stays" not in page
    assert reverse("exchange:household_json") in page  # the household's export, children in it

    before = totals()
    client.post(URL, {"password": PASSWORD})
    assert lost(before) == {
        "users": 1,
        "households": 1,
        "profiles": 2,
        "nights": kits.nights,
        "intake": kits.intake,
        "checklists": kits.checklists,
        "routines": 2,
        "invites": 1,
        "own entries": 1,
    }
    assert Night.objects.filter(profile=mallory.profile).count() == 7


def test_the_last_admin_is_shown_the_ways_out_instead_of_the_form(client_for, alice, bob):
    page = text(client_for(alice).get(URL))
    assert "You are the last admin" in page
    assert reverse("households:household_delete") in page
    assert 'name="password"' not in page
    client_for(alice).post(URL, {"password": PASSWORD})
    assert User.objects.filter(pk=alice.pk).exists()


def test_the_warning_page_reads_a_fixed_number_of_queries(
    client_for, alice, django_assert_max_num_queries
):
    """However many children, nights and routines: counted in a handful of grouped queries."""
    juice = IntakeItem.objects.create(household=alice.household, name="Cherry juice")
    for name in ("Kit", "Robin", "Sam", "Ash"):
        child = add_dependant(alice, name)
        routine = make_routine([child], name=f"{name}'s bedtime")
        fill_journal(child, first=date(2025, 1, 1), nights=60, item=juice, routine=routine)
    client = client_for(alice)
    with django_assert_max_num_queries(15):
        response = client.get(URL)
    assert "Sam's journal: 60 nights" in text(response)


def test_deleting_the_last_account_of_a_household_with_a_childs_intake(client_for, db):
    sam = make_account("sam@example.com", "Sam")
    kid = add_dependant(sam, "Kit")
    juice = IntakeItem.objects.create(household=sam.household, name="Cherry juice")
    night = Night.objects.create(profile=kid, date=date(2026, 11, 1), quality=3)
    Intake.objects.create(night=night, item=juice)
    household = sam.household
    response = client_for(sam).post(reverse("households:account_delete"), {"password": PASSWORD})
    assert response.status_code == 302
    assert not User.objects.filter(pk=sam.pk).exists()
    assert not Household.objects.filter(pk=household.pk).exists()
    assert not Night.objects.filter(pk=night.pk).exists()


def test_an_intake_item_in_use_still_cannot_be_deleted_on_its_own(alice):
    from django.db.models import RestrictedError

    juice = IntakeItem.objects.create(household=alice.household, name="Cherry juice")
    night = Night.objects.create(profile=alice.profile, date=date(2026, 11, 1))
    Intake.objects.create(night=night, item=juice)
    with pytest.raises(RestrictedError):
        juice.delete()
