"""What Tonight reads of routines and their followers (routines/selectors.py).

Alice may log for herself and Robin; Bob, another adult of the household, follows routines too
but is never hers to tick, shared or not.
"""

from datetime import UTC, datetime

import pytest
from django.db.models import prefetch_related_objects

from households.selectors import loggable_profiles
from routines import selectors

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


def test_loggable_followers_from_the_prefetched_followers(alice, bob, child, routines):
    family = routines["family"]
    prefetch_related_objects([family], "followers")
    assert selectors.loggable_followers(family, loggable_profiles(alice)) == {
        family.pk: {alice.profile.pk, child.pk}
    }
    assert selectors.loggable_followers(family, [bob.profile]) == {family.pk: {bob.profile.pk}}


def test_done_for_all_names_the_users_profiles_in_name_order(alice, child, routines):
    people = selectors.tonight(user=alice, now=EVENING)
    cards = {(card.profile.name, card.routine.name): card for p in people for card in p.cards}
    assert set(cards) == {("Alice", "Family"), ("Robin", "Family"), ("Robin", "Robin's")}
    assert cards["Alice", "Family"].shared_with == [alice.profile, child]
    assert cards["Robin", "Family"].shared_names == "Alice, Robin"
    assert cards["Robin", "Robin's"].shared_with == []  # "all" of one is just "Done"
