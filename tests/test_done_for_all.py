""" "Done for all" ticks a shared routine's step for everyone the user may log for, and no one else.

Alice, Bob and their child Robin follow one routine. Alice may log for herself and Robin, never
for Bob, whether or not Bob shares his nights with the household: the button lists only Alice and
Robin, and pressing it ticks only them.
"""

import re
from datetime import UTC, datetime, time

import pytest
from django.urls import reverse

from routines.models import Checklist, ChecklistItem

from .conftest import add_dependant
from .fixtures.routines import make_routine

HTMX = {"HX-Request": "true"}
TONIGHT = reverse("routines:tonight")


@pytest.fixture
def evening(freeze):
    return freeze(datetime(2026, 1, 15, 18, 0, tzinfo=UTC))  # 18:00 in London, a Thursday


@pytest.fixture(params=["unshared", "shared"])
def bob_as(request, bob):
    """Bob, once keeping his nights to himself and once sharing them with the household."""
    bob.profile.shared_with_household = request.param == "shared"
    bob.profile.save()
    return bob


@pytest.fixture
def family_routine(alice, bob_as, child):
    return make_routine([alice.profile, bob_as.profile, child], name="Family wind-down")


def done(profile) -> set[str]:
    return set(
        ChecklistItem.objects.filter(
            checklist__profile=profile, status=ChecklistItem.Status.DONE
        ).values_list("title", flat=True)
    )


def done_for_all_buttons(html: str) -> list[str]:
    """The names each "Done for all" button says it ticks."""
    return re.findall(
        r'<button class="quiet for-all" formaction="[^"]*" title="([^"]*)"[^>]*>Done for all', html
    )


def test_done_for_all_ticks_alice_and_the_child_never_bob(
    client_for, alice, bob_as, child, family_routine, evening
):
    step = family_routine.steps.get(title="Read")
    response = client_for(alice).post(
        reverse("routines:mark_all", kwargs={"step_id": step.pk}), headers=HTMX
    )
    assert response.status_code == 200
    assert done(alice.profile) == done(child) == {"Read"}
    assert done(bob_as.profile) == set()
    assert not Checklist.objects.filter(profile=bob_as.profile).exists()
    # The cards swapped back are Alice's and Robin's, never Bob's.
    html = response.content.decode()
    assert html.count('hx-swap-oob="true"') == 2
    assert f'id="card-{bob_as.profile.pk}-' not in html


def test_done_for_all_lists_only_people_alice_may_log_for(
    client_for, alice, bob_as, child, family_routine, evening
):
    html = client_for(alice).get(TONIGHT).content.decode()
    # On Alice's card and on Robin's: one button per step, each naming only the two of them.
    assert done_for_all_buttons(html) == ["Alice, Robin"] * 6
    assert 'aria-label="Done for Alice, Robin: Read"' in html


def test_done_for_all_is_not_offered_when_only_one_follower_is_hers(
    client_for, alice, bob_as, evening
):
    make_routine([alice.profile, bob_as.profile], name="Grown-ups")
    html = client_for(alice).get(TONIGHT).content.decode()
    assert "Grown-ups" in html
    assert "Done for all" not in html  # "all" would be only Alice, the same as "Done"


def test_bob_pressing_it_ticks_bob_and_the_child_not_alice(
    client_for, alice, bob_as, child, family_routine, evening
):
    step = family_routine.steps.get(title="Breathe")
    client_for(bob_as).post(reverse("routines:mark_all", kwargs={"step_id": step.pk}))
    assert done(bob_as.profile) == done(child) == {"Breathe"}
    assert done(alice.profile) == set()


def test_a_routine_of_bob_and_the_child_ticks_only_the_child_for_alice(
    client_for, alice, bob, child, evening
):
    twin = add_dependant(alice, "Sasha")
    routine = make_routine([bob.profile, child, twin], name="Bath time", bedtime=time(19, 30))
    html = client_for(alice).get(TONIGHT).content.decode()
    assert done_for_all_buttons(html) == ["Robin, Sasha"] * 6
    client_for(alice).post(
        reverse("routines:mark_all", kwargs={"step_id": routine.steps.get(title="Read").pk})
    )
    assert done(child) == done(twin) == {"Read"}
    assert done(bob.profile) == set()


def test_done_for_all_on_bobs_own_routine_is_404(client_for, alice, bob, evening):
    routine = make_routine([bob.profile], name="Bob's")
    response = client_for(alice).post(
        reverse("routines:mark_all", kwargs={"step_id": routine.steps.first().pk})
    )
    assert response.status_code == 404
    assert not Checklist.objects.exists()
