"""What Tonight reads of routines and their followers (routines/selectors.py).

Alice may log for herself and Robin; Bob, another adult of the household, follows routines too
but is never hers to tick, shared or not.
"""

from datetime import UTC, datetime

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from households.selectors import loggable_profiles
from routines import selectors, services
from routines.models import ChecklistItem, Routine, Step

from .fixtures.routines import make_routine

EVENING = datetime(2026, 1, 15, 18, 0, tzinfo=UTC)  # 18:00 in London, a Thursday


@pytest.fixture
def routines(alice, bob, child):
    bob.profile.shared_with_household = True
    bob.profile.save()
    return {
        "family": make_routine([alice.profile, bob.profile, child], name="Family"),
        "robin": make_routine([child], name="Robin's"),
        "bobs": make_routine([bob.profile], name="Bob's"),
        "paused": make_routine([alice.profile], name="Paused", is_active=False),
    }


def test_the_active_routines_and_which_of_the_users_profiles_follow_each_in_one_query(
    alice, bob, child, routines, django_assert_num_queries
):
    loggable = list(loggable_profiles(alice))
    with django_assert_num_queries(1):
        found, followers = selectors._routines_with_followers(user=alice, loggable=loggable)
    assert [routine.name for routine in found] == ["Family", "Robin's"]  # each once, in order
    assert followers == {
        routines["family"].pk: {alice.profile.pk, child.pk},  # never Bob
        routines["robin"].pk: {child.pk},
    }


def test_another_adult_sees_only_what_he_may_tick(bob, routines):
    bob.looks_after_children = False
    bob.save()
    found, followers = selectors._routines_with_followers(
        user=bob, loggable=list(loggable_profiles(bob))
    )
    assert [routine.name for routine in found] == ["Bob's", "Family"]
    assert followers == {
        routines["bobs"].pk: {bob.profile.pk},
        routines["family"].pk: {bob.profile.pk},  # never Alice, whom he may not log for
    }


def test_done_for_all_names_the_users_profiles_in_name_order(alice, child, routines):
    people = selectors.tonight(user=alice, now=EVENING)
    cards = {(card.profile.name, card.routine.name): card for p in people for card in p.cards}
    assert set(cards) == {("Alice", "Family"), ("Robin", "Family"), ("Robin", "Robin's")}
    assert cards["Alice", "Family"].shared_with == [alice.profile, child]
    assert cards["Robin", "Family"].shared_names == "Alice, Robin"
    assert cards["Robin", "Robin's"].shared_with == []  # "all" of one is just "Done"


@pytest.fixture(params=["alice", "bob", "bob, no children", "mallory"])
def someone(request, alice, bob, mallory):
    if request.param == "bob, no children":
        bob.looks_after_children = False
        bob.save()
    return {"alice": alice, "mallory": mallory}.get(request.param, bob)


def test_editable_with_followers_is_editable_by_with_its_followers(someone, routines):
    loggable = list(loggable_profiles(someone))
    ours = {profile.pk for profile in loggable}
    rows = list(Routine.objects.editable_with_followers(someone, loggable))
    editable = list(Routine.objects.editable_by(someone).prefetch_related("followers"))
    assert {row.pk for row in rows} == {routine.pk for routine in editable}
    assert {(row.pk, row.follower_id) for row in rows} == {
        (routine.pk, follower.pk)
        for routine in editable
        for follower in routine.followers.all()
        if follower.pk in ours
    }
    steps = Step.objects.editable_with_followers(someone, loggable)
    assert {(step.pk, step.routine_id, step.follower_id) for step in steps} == {
        (step.pk, row.pk, row.follower_id)
        for row in rows
        for step in Step.objects.filter(routine_id=row.pk)
    }
    assert set(steps.values_list("pk", flat=True)) == set(
        Step.objects.editable_by(someone).values_list("pk", flat=True)
    )


def test_the_step_to_tick_with_its_routines_steps_and_followers(
    alice, bob, child, routines, django_assert_num_queries
):
    family = routines["family"]
    wanted = family.steps.last()
    loggable = list(loggable_profiles(alice))
    with django_assert_num_queries(2):
        step, followers = selectors.get_step_to_tick(alice, wanted.pk, loggable)
        assert [s.title for s in step.routine.steps.all()] == ["Screens off", "Read", "Breathe"]
    assert step == wanted
    assert followers == {family.pk: {alice.profile.pk, child.pk}}
    with pytest.raises(Http404):  # Bob's own routine: not Alice's to tick
        selectors.get_step_to_tick(alice, routines["bobs"].steps.first().pk, loggable)


def test_a_tick_for_someone_not_among_the_followers_given_is_refused(alice, child, routines):
    step = routines["family"].steps.first()
    with pytest.raises(ValidationError):
        services.tick(
            profile=child, step=step, night=EVENING.date(), by=alice, followers={alice.profile.pk}
        )
    services.tick(profile=child, step=step, night=EVENING.date(), by=alice, followers={child.pk})
    ticked = services.tick_for_all(
        step=step, by=alice, profiles=[alice.profile, child], now=EVENING, followers={child.pk}
    )
    assert ticked == [child]
    assert not ChecklistItem.objects.filter(checklist__profile=alice.profile).exists()


def test_the_evening_reads_the_profiles_the_user_may_log_for_in_one_query(
    someone, routines, django_assert_num_queries
):
    with django_assert_num_queries(1):
        profiles = selectors.evening_profiles(someone)
        names = [(profile.name, profile.user_id) for profile in profiles]
    assert names == [(profile.name, profile.user_id) for profile in loggable_profiles(someone)]
