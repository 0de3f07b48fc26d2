"""Ticking, skipping and undoing a step tonight, one tap, swapped in place by htmx."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
from django.urls import reverse

from routines.models import Checklist, ChecklistItem

from .conftest import add_dependant
from .fixtures.routines import make_routine

HTMX = {"HX-Request": "true"}


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


def mark_url(step, profile) -> str:
    return reverse("routines:mark", kwargs={"step_id": step.pk, "profile_id": profile.pk})


@pytest.fixture
def routine(alice):
    return make_routine([alice.profile], bedtime=time(22, 30))


@pytest.fixture
def evening(freeze):
    return freeze(utc(2026, 1, 15, 21, 50))  # 21:50 in London on Thursday 15 January


def statuses(profile) -> dict[str, str]:
    return dict(
        ChecklistItem.objects.filter(checklist__profile=profile).values_list("title", "status")
    )


def test_a_tick_swaps_the_card_and_its_progress_bar(client_for, alice, routine, evening):
    step = routine.steps.get(title="Screens off")
    response = client_for(alice).post(
        mark_url(step, alice.profile), {"action": "done"}, headers=HTMX
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith("<article")  # a fragment, not the page
    assert f'id="card-{alice.profile.pk}-{routine.pk}" hx-swap-oob="true"' in html
    assert "1 of 3 done" in html and 'value="1"' in html
    assert "Due now" not in html or html.index("Due now") > html.index("Read")
    # The ticked row, tapped again, undoes.
    url = mark_url(step, alice.profile)
    assert f'name="action" value="undo" formaction="{url}" aria-label="Undo: Screens off"' in html


def test_the_first_tick_snapshots_the_whole_night(client_for, alice, routine, evening):
    step = routine.steps.get(title="Read")
    client_for(alice).post(mark_url(step, alice.profile), {"action": "done"})
    checklist = Checklist.objects.get()
    assert (checklist.night, checklist.routine_name) == (date(2026, 1, 15), "Wind down")
    assert checklist.bedtime_at == utc(2026, 1, 15, 22, 30)
    assert statuses(alice.profile) == {
        "Screens off": "pending",
        "Read": "done",
        "Breathe": "pending",
    }
    item = checklist.items.get(title="Read")
    assert (item.checked_by, item.checked_at) == (alice, evening)


def test_without_javascript_it_goes_back_to_tonight(client_for, alice, routine, evening):
    response = client_for(alice).post(mark_url(routine.steps.first(), alice.profile))
    assert response.status_code == 302 and response["Location"] == reverse("routines:tonight")
    assert statuses(alice.profile)["Screens off"] == "done"


def test_skip_then_undo(client_for, alice, routine, evening):
    client = client_for(alice)
    step = routine.steps.get(title="Breathe")
    html = client.post(mark_url(step, alice.profile), {"action": "skip"}, headers=HTMX)
    assert "0 of 3 done, 1 skipped" in html.content.decode()
    assert statuses(alice.profile)["Breathe"] == "skipped"
    html = client.post(mark_url(step, alice.profile), {"action": "undo"}, headers=HTMX)
    assert "0 of 3 done" in html.content.decode()
    item = ChecklistItem.objects.get(title="Breathe")
    assert (item.status, item.checked_at, item.checked_by) == ("pending", None, None)


def test_undo_before_any_tick_changes_nothing(client_for, alice, routine, evening):
    client_for(alice).post(mark_url(routine.steps.first(), alice.profile), {"action": "undo"})
    assert not Checklist.objects.exists()


def test_ticking_twice_keeps_one_record(client_for, alice, routine, evening):
    client = client_for(alice)
    for _ in range(2):
        client.post(mark_url(routine.steps.first(), alice.profile), {"action": "done"})
    assert Checklist.objects.count() == 1 and ChecklistItem.objects.count() == 3


def test_a_tick_after_midnight_counts_for_the_evening_before(client_for, freeze, alice, routine):
    freeze(utc(2026, 1, 16, 0, 30))
    client_for(alice).post(mark_url(routine.steps.first(), alice.profile))
    assert Checklist.objects.get().night == date(2026, 1, 15)
    freeze(utc(2026, 1, 16, 12, 0))  # noon: the next night begins
    client_for(alice).post(mark_url(routine.steps.first(), alice.profile))
    assert sorted(Checklist.objects.values_list("night", flat=True)) == [
        date(2026, 1, 15),
        date(2026, 1, 16),
    ]


def test_done_for_all_ticks_every_child_following(client_for, alice, child, evening):
    twin = add_dependant(alice, "Sasha")
    routine = make_routine([child, twin], name="Twins", bedtime=time(19, 30))
    step = routine.steps.get(title="Read")
    url = reverse("routines:mark_all", kwargs={"step_id": step.pk})
    response = client_for(alice).post(url, headers=HTMX)
    html = response.content.decode()
    assert html.count('hx-swap-oob="true"') == 2
    assert statuses(child)["Read"] == statuses(twin)["Read"] == "done"


def test_another_adults_step_or_a_non_follower_is_404(client_for, alice, bob, child, evening):
    bobs = make_routine([bob.profile], name="Bob's")
    childs = make_routine([child], name="Robin's")
    client = client_for(alice)
    # Bob's own routine is not Alice's to tick, even for herself.
    assert client.post(mark_url(bobs.steps.first(), alice.profile)).status_code == 404
    # Alice may log for Robin, but Alice does not follow Robin's routine.
    assert client.post(mark_url(childs.steps.first(), alice.profile)).status_code == 404
    # And Bob's profile is not hers to log for.
    assert client.post(mark_url(childs.steps.first(), bob.profile)).status_code == 404
    assert not Checklist.objects.exists()


def test_another_household_gets_404(client_for, mallory, routine, alice, evening):
    client = client_for(mallory)
    response = client.post(mark_url(routine.steps.first(), mallory.profile))
    assert response.status_code == 404
    response = client.post(mark_url(routine.steps.first(), alice.profile))
    assert response.status_code == 404


def test_a_get_is_refused(client_for, alice, routine):
    assert client_for(alice).get(mark_url(routine.steps.first(), alice.profile)).status_code == 405


@pytest.mark.parametrize(("steps", "past_nights"), [(1, 0), (12, 40)])
def test_a_tick_costs_a_fixed_number_of_queries(
    client_for, alice, evening, steps, past_nights, django_assert_num_queries
):
    routine = make_routine([alice.profile], steps=[(f"Step {i}", i) for i in range(steps)])
    for offset in range(1, past_nights + 1):
        Checklist.objects.create(
            profile=alice.profile,
            routine=routine,
            night=date(2026, 1, 15) - timedelta(days=offset),
            routine_name="Old",
            bedtime_at=utc(2026, 1, 1),
        )
    client = client_for(alice)
    step = routine.steps.first()
    # Session, user; the request's savepoint pair (the tick writes inside the request's
    # transaction, without one of its own); profiles, step with its routine's followers among
    # them, the routine's steps; the snapshot (get, savepoint, insert, release, items insert),
    # the tick, and tonight's ticks for the answer; the new snapshot discards any progress that
    # covers its night (none).
    with django_assert_num_queries(15):
        client.post(mark_url(step, alice.profile), {"action": "done"}, headers=HTMX)
    # Later ticks find the snapshot: 3 queries fewer.
    with django_assert_num_queries(11):
        client.post(mark_url(step, alice.profile), {"action": "skip"}, headers=HTMX)
