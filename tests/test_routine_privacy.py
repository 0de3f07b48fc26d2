"""A household routine followed by an adult who does not share: the others see the routine
(through the child who follows it too) but nothing of that adult."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from journal.clock import night_of
from routines import services

from .fixtures.routines import make_routine


@pytest.fixture(autouse=True)
def evening(freeze):
    """A fixed evening, so Bob's tick and the pages read the same night whatever the hour."""
    return freeze(datetime(2026, 1, 15, 18, 0, tzinfo=UTC))


def _bath_time(bob, child):
    routine = make_routine(
        [bob.profile, child], name="Bath time", steps=(("Bath", 30),), active_weekdays=[*range(7)]
    )
    step = routine.steps.get()
    night = night_of(timezone.now(), child.zone)
    services.tick(profile=bob.profile, step=step, night=night, by=bob)
    return routine


def test_an_unshared_follower_is_hidden_from_the_list_and_the_routine_page(
    client_for, alice, bob, child
):
    routine = _bath_time(bob, child)
    client = client_for(alice)
    for url in (reverse("routines:list"), reverse("routines:detail", args=[routine.pk])):
        page = client.get(url).content.decode()
        assert "Bath time" in page
        assert "Robin" in page
        assert "Bob" not in page, url


def test_a_sharing_follower_is_shown(client_for, alice, bob, child):
    bob.profile.shared_with_household = True
    bob.profile.save()
    routine = _bath_time(bob, child)
    page = client_for(alice).get(reverse("routines:detail", args=[routine.pk])).content.decode()
    assert "Bob" in page


def test_editing_keeps_the_hidden_follower(client_for, alice, bob, child):
    routine = _bath_time(bob, child)
    client_for(alice).post(
        reverse("routines:edit", args=[routine.pk]),
        {
            "name": "Bath and bed",
            "bedtime": "19:30",
            "active_weekdays": [str(day) for day in range(7)],
            "is_active": "on",
            "followers": [str(child.pk)],
            "version": "1",
        },
    )
    routine.refresh_from_db()
    assert routine.name == "Bath and bed"
    assert set(routine.followers.all()) == {bob.profile, child}
