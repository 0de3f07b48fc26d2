"""A person who leaves a household — by leaving, by being removed, or by joining another with
their account — keeps no right in it and loses nothing of their own.

"Grants nothing": every routine URL of the old household answers 404, and nothing they add
shows up there. "Loses nothing": their nights with disturbances and intake (even the old
household's own entries), the routines only they follow and their checklist history come along.
"""

from datetime import UTC, date, datetime

import pytest
from django.urls import reverse

from households.models import Household, Invite, Profile, User
from journal.models import Disturbance, Intake, IntakeItem, Night
from routines import services as routine_services
from routines.models import Checklist, Routine, Step
from tests.conftest import add_dependant, add_member, make_account
from tests.fixtures.routines import make_routine

NIGHT = date(2026, 11, 20)


@pytest.fixture(autouse=True)
def _tonight_is_night(freeze):
    """Tonight is NIGHT, the night of Bob's ticks, whatever the real date (issue 7)."""
    freeze(datetime(2026, 11, 20, 23, 0, tzinfo=UTC))


def _night_with_household_entries(profile: Profile) -> Night:
    """A night that uses the household's own disturbance and intake item, and a built-in one."""
    household = profile.household
    barking = Disturbance.objects.create(household=household, name="Dog barking")
    melatonin = IntakeItem.objects.create(household=household, name="Cherry juice")
    night = Night.objects.create(
        profile=profile,
        date=NIGHT,
        into_bed=datetime(2026, 11, 20, 22, 30, tzinfo=UTC),
        out_of_bed=datetime(2026, 11, 21, 6, 30, tzinfo=UTC),
        quality=4,
    )
    night.disturbances.add(barking, Disturbance.objects.get(household=None, name="Noise"))
    Intake.objects.create(night=night, item=melatonin, amount=1, unit="glass")
    return night


@pytest.fixture
def bob_in_routines(alice, bob, child):
    """Bob follows the household's shared routine and has one of his own, with history."""
    shared = make_routine([alice.profile, bob.profile, child], name="Family wind-down")
    own = make_routine([bob.profile], name="Bob's stretches", steps=(("Stretch", 20),))
    step = own.steps.first()
    routine_services.tick(
        profile=bob.profile,
        step=step,
        night=NIGHT,
        by=bob,
        now=datetime(2026, 11, 20, 22, 0, tzinfo=UTC),
    )
    shared_step = shared.steps.first()
    routine_services.tick(
        profile=bob.profile,
        step=shared_step,
        night=NIGHT,
        by=bob,
        now=datetime(2026, 11, 20, 21, 0, tzinfo=UTC),
    )
    return shared, own


def _leave(client_for, bob, alice):
    return client_for(bob).post(reverse("households:leave"), follow=True)


def _removed(client_for, bob, alice):
    return client_for(alice).post(reverse("households:member_remove", args=[bob.pk]), follow=True)


def _joins_elsewhere(client_for, bob, alice):
    dana = make_account("dana@example.com", "Dana")
    invite = Invite.objects.create(household=dana.household)
    return client_for(bob).post(reverse("accept_invite", args=[invite.token]), follow=True)


WAYS_OUT = pytest.mark.parametrize(
    "way_out", [_leave, _removed, _joins_elsewhere], ids=["leaves", "removed", "joins-elsewhere"]
)


@WAYS_OUT
def test_an_ex_member_can_no_longer_touch_the_households_routines(
    client_for, alice, bob, bob_in_routines, way_out
):
    shared, _own = bob_in_routines
    step = shared.steps.first()
    way_out(client_for, bob, alice)
    bob.refresh_from_db()
    assert bob.household_id != alice.household_id
    client = client_for(bob)
    attempts = [
        ("get", reverse("routines:detail", args=[shared.pk]), {}),
        ("get", reverse("routines:edit", args=[shared.pk]), {}),
        (
            "post",
            reverse("routines:edit", args=[shared.pk]),
            {"name": "Mine now", "bedtime": "21:00", "active_weekdays": [0, 1]},
        ),
        (
            "post",
            reverse("routines:step_add", args=[shared.pk]),
            {"title": "X", "minutes_before": 5},
        ),
        (
            "post",
            reverse("routines:step_edit", args=[step.pk]),
            {"title": "Y", "minutes_before": 1},
        ),
        ("post", reverse("routines:step_move", args=[step.pk]), {"direction": "down"}),
        ("post", reverse("routines:step_delete", args=[step.pk]), {}),
        ("post", reverse("routines:delete", args=[shared.pk]), {}),
        ("post", reverse("routines:mark", args=[step.pk, bob.profile.pk]), {"status": "done"}),
        ("post", reverse("routines:mark_all", args=[step.pk]), {"status": "done"}),
    ]
    for method, url, data in attempts:
        response = getattr(client, method)(url, data)
        assert response.status_code == 404, (method, url, response.status_code)
    shared.refresh_from_db()
    assert shared.name == "Family wind-down"
    assert list(shared.steps.values_list("title", flat=True)) == ["Screens off", "Read", "Breathe"]
    assert bob.profile not in shared.followers.all()
    assert set(shared.followers.all()) == {alice.profile, Profile.objects.get(name="Robin")}


@WAYS_OUT
def test_an_ex_members_new_steps_never_reach_the_old_households_tonight(
    client_for, alice, bob, bob_in_routines, way_out
):
    way_out(client_for, bob, alice)
    bob.refresh_from_db()
    _shared, own = bob_in_routines
    client_for(bob).post(
        reverse("routines:step_add", args=[own.pk]), {"title": "Secret step", "minutes_before": 5}
    )
    assert Step.objects.filter(routine=own, title="Secret step").exists()
    tonight = client_for(alice).get(reverse("routines:tonight")).content.decode()
    assert "Family wind-down" in tonight  # the page does show tonight's routines
    assert "Secret step" not in tonight
    assert "Stretch" not in tonight


@WAYS_OUT
def test_an_ex_member_keeps_their_nights_routines_and_history(
    client_for, alice, bob, bob_in_routines, way_out
):
    night = _night_with_household_entries(bob.profile)
    old_household = alice.household
    _shared, own = bob_in_routines
    way_out(client_for, bob, alice)
    bob.refresh_from_db()
    new_household = bob.household
    assert new_household != old_household

    night = Night.objects.get(pk=night.pk)
    assert night.profile == bob.profile and night.quality == 4
    disturbances = {(d.name, d.household_id) for d in night.disturbances.all()}
    assert disturbances == {("Dog barking", new_household.pk), ("Noise", None)}
    intake = night.intakes.get()
    assert (intake.item.name, intake.item.household_id) == ("Cherry juice", new_household.pk)
    assert (intake.amount, intake.unit) == (1, "glass")
    # The old household keeps its own entries for the people still there.
    assert Disturbance.objects.filter(household=old_household, name="Dog barking").exists()
    assert IntakeItem.objects.filter(household=old_household, name="Cherry juice").exists()

    own.refresh_from_db()
    assert own.household == new_household
    assert list(own.followers.all()) == [bob.profile]
    assert Checklist.objects.filter(profile=bob.profile).count() == 2

    # What they keep, they can still use: their own routine is theirs to edit, the night too.
    client = client_for(bob)
    assert client.get(reverse("routines:edit", args=[own.pk])).status_code == 200
    page = client.get(reverse("journal:night", args=[night.pk])).content.decode()
    assert "Dog barking" in page and "Cherry juice" in page


def test_the_nights_edit_form_offers_the_carried_entries(client_for, alice, bob):
    night = _night_with_household_entries(bob.profile)
    _leave(client_for, bob, alice)
    bob.refresh_from_db()
    page = client_for(bob).get(reverse("journal:edit", args=[night.pk])).content.decode()
    assert "Dog barking" in page and "Cherry juice" in page


def test_leaving_asks_first_and_says_what_comes_along(client_for, alice, bob, bob_in_routines):
    page = client_for(bob).get(reverse("households:leave")).content.decode()
    assert "Leave Alice&#x27;s household?" in page
    assert "Routines only you follow come with you: Bob&#x27;s stretches." in page
    assert "You stop following the household&#x27;s shared routines (Family wind-down)" in page
    bob.refresh_from_db()
    assert bob.household_id == alice.household_id  # a GET changes nothing


def test_the_last_admin_cannot_leave_and_keeps_everything(client_for, alice, bob, child):
    routine = make_routine([alice.profile, child])
    response = client_for(alice).post(reverse("households:leave"), follow=True)
    assert "You are the last admin" in response.content.decode()
    alice.refresh_from_db()
    assert alice.household == bob.household
    assert set(routine.followers.all()) == {alice.profile, child}


def test_joining_while_alone_with_children_brings_everything_along(client_for, alice):
    """Alone in a household (with a child), joining moves it all and closes the old one."""
    sam = make_account("sam@example.com", "Sam")
    kid = add_dependant(sam, "Kit")
    routine = make_routine([sam.profile, kid], name="Bath and book")
    sam_night = _night_with_household_entries(sam.profile)
    Night.objects.create(profile=kid, date=NIGHT, quality=3)
    spare = Disturbance.objects.create(household=sam.household, name="Thunder")
    old = sam.household
    invite = Invite.objects.create(household=alice.household)
    url = reverse("accept_invite", args=[invite.token])

    page = client_for(sam).get(url).content.decode()
    assert "Kit and their journals come with you to Alice&#x27;s household." in page
    assert "Your household “Sam&#x27;s household” is closed" in page
    assert "Your routines come with you: Bath and book." in page

    client_for(sam).post(url)
    sam.refresh_from_db()
    kid.refresh_from_db()
    routine.refresh_from_db()
    spare.refresh_from_db()
    assert sam.household == alice.household and kid.household == alice.household
    assert routine.household == alice.household
    assert spare.household == alice.household
    assert not Household.objects.filter(pk=old.pk).exists()
    assert Night.objects.filter(profile=kid).exists()
    intake = Night.objects.get(pk=sam_night.pk).intakes.get()
    assert intake.item.household == alice.household
    # Alice now sees and can log for Kit, and sees the routine.
    assert kid in Profile.objects.loggable_by(alice)
    assert routine in Routine.objects.visible_to(alice)


def test_joining_merges_entries_with_the_same_name(client_for, alice):
    Disturbance.objects.create(household=alice.household, name="Dog barking")
    sam = make_account("sam@example.com", "Sam")
    night = _night_with_household_entries(sam.profile)
    invite = Invite.objects.create(household=alice.household)
    client_for(sam).post(reverse("accept_invite", args=[invite.token]))
    barking = Night.objects.get(pk=night.pk).disturbances.get(name="Dog barking")
    assert barking.household == alice.household
    assert Disturbance.objects.filter(name="Dog barking").count() == 1


def test_a_member_of_a_shared_household_can_join_another_after_seeing_what_happens(
    client_for, alice, bob, bob_in_routines
):
    dana = make_account("dana@example.com", "Dana")
    invite = Invite.objects.create(household=dana.household)
    url = reverse("accept_invite", args=[invite.token])
    page = client_for(bob).get(url).content.decode()
    assert "You leave Alice&#x27;s household" in page
    assert "Routines only you follow come with you" in page
    bob.refresh_from_db()
    assert bob.household == alice.household
    response = client_for(bob).post(url, follow=True)
    assert "You joined Dana&#x27;s household." in response.content.decode()
    bob.refresh_from_db()
    assert bob.household == dana.household
    assert Household.objects.filter(pk=alice.household_id).exists()


def test_the_old_household_with_an_intake_in_use_is_not_a_500(client_for, alice):
    """Joining used to delete the old household and hit its protected intake items."""
    sam = make_account("sam@example.com", "Sam")
    _night_with_household_entries(sam.profile)
    invite = Invite.objects.create(household=alice.household)
    response = client_for(sam).post(reverse("accept_invite", args=[invite.token]), follow=True)
    assert response.status_code == 200
    assert Night.objects.filter(profile__user=sam).exists()


def test_a_stale_follower_link_grants_nothing(client_for, alice, bob, child):
    """Even if a follower link outlives a membership, rights come from the membership."""
    routine = make_routine([alice.profile, bob.profile, child])
    bob.household = Household.objects.create(name="Elsewhere")
    bob.save()
    Profile.objects.filter(pk=bob.profile.pk).update(household=bob.household)
    response = client_for(bob).post(
        reverse("routines:edit", args=[routine.pk]),
        {"name": "Mine", "bedtime": "21:00", "active_weekdays": [0]},
    )
    assert response.status_code == 404
    assert not Routine.objects.editable_by(bob).exists()
    assert not Routine.objects.visible_to(bob).exists()


def test_an_admin_editing_a_routine_with_a_stale_follower_is_not_a_500(client_for, alice, child):
    bob = add_member(alice, "bob@example.com", "Bob")
    routine = make_routine([alice.profile, bob.profile, child])
    Profile.objects.filter(pk=bob.profile.pk).update(
        household=Household.objects.create(name="Elsewhere")
    )
    response = client_for(alice).post(
        reverse("routines:edit", args=[routine.pk]),
        {
            "name": "Renamed",
            "bedtime": "21:00",
            "active_weekdays": [0, 1],
            "followers": [alice.profile.pk, child.pk],
            "version": routine.version,
        },
    )
    assert response.status_code == 302
    routine.refresh_from_db()
    assert routine.name == "Renamed"
    assert set(routine.followers.all()) == {alice.profile, child}


@pytest.mark.parametrize("role", [User.Role.MEMBER, User.Role.ADMIN])
def test_a_removed_or_leaving_person_is_admin_of_their_new_household(client_for, alice, role):
    carol = add_member(alice, "carol@example.com", "Carol", role=role)
    client_for(alice).post(reverse("households:member_remove", args=[carol.pk]))
    carol.refresh_from_db()
    assert carol.household != alice.household
    assert carol.role == User.Role.ADMIN
    assert carol.profile.household == carol.household
    assert not carol.profile.shared_with_household
