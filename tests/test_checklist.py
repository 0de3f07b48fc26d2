"""A past night's checklist shows the steps as they were that night, whatever happened since."""

from datetime import UTC, date, datetime, time

import pytest
from django.urls import reverse

from routines.models import Checklist

from .fixtures.routines import make_routine


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.fixture
def routine(alice):
    return make_routine([alice.profile], bedtime=time(22, 30))


@pytest.fixture
def last_night(client_for, freeze, alice, routine):
    """Alice ticked "Screens off" and skipped "Breathe" on Thursday 15 January."""
    freeze(utc(2026, 1, 15, 21, 50))
    client = client_for(alice)
    for title, action in (("Screens off", "done"), ("Breathe", "skip")):
        step = routine.steps.get(title=title)
        url = reverse("routines:mark", kwargs={"step_id": step.pk, "profile_id": alice.profile.pk})
        client.post(url, {"action": action})
    freeze(utc(2026, 1, 16, 19, 0))  # the next evening
    return Checklist.objects.get()


def article(html: str) -> str:
    return html[html.index("<article") : html.index("</article>")]


def night_page(client, checklist) -> str:
    response = client.get(reverse("routines:checklist", kwargs={"checklist_id": checklist.pk}))
    assert response.status_code == 200
    return response.content.decode()


def test_a_past_night_shows_what_was_done(client_for, alice, last_night):
    html = night_page(client_for(alice), last_night)
    assert "Wind down" in html and "night of Thu 15 Jan" in html
    assert "1 of 3 done" in html
    assert ">21:45</time>" in html  # Screens off, 45 minutes before 22:30
    assert html.count(">Done</span>") == 1 and html.count(">Skipped</span>") == 1
    assert html.count(">Not done</span>") == 1  # "Read" was never ticked
    assert "21:50 by Alice" in html


def test_editing_the_routine_leaves_the_past_night_as_it_was(
    client_for, alice, routine, last_night
):
    client = client_for(alice)
    before = night_page(client, last_night)
    step = routine.steps.get(title="Screens off")
    client.post(
        reverse("routines:step_edit", kwargs={"step_id": step.pk}),
        {"title": "Phone away", "minutes_before": 90, "version": 1},
    )
    client.post(
        reverse("routines:step_delete", kwargs={"step_id": routine.steps.get(title="Read").pk})
    )
    client.post(
        reverse("routines:step_add", kwargs={"routine_id": routine.pk}),
        {"title": "Herbal tea", "minutes_before": 60},
    )
    client.post(
        reverse("routines:edit", kwargs={"routine_id": routine.pk}),
        {
            "name": "New name",
            "bedtime": "23:15",
            "active_weekdays": list(range(7)),
            "is_active": "on",
            "followers": [alice.profile.pk],
            "version": 1,
        },
    )
    assert routine.steps.filter(title="Phone away").exists()
    after = night_page(client, last_night)
    assert article(after) == article(before)
    assert "Phone away" not in after and "Herbal tea" not in after and "Read" in after
    assert "<h1>Wind down</h1>" in after and "New name" not in after


def test_deleting_the_routine_keeps_its_past_nights(client_for, alice, routine, last_night):
    client = client_for(alice)
    response = client.post(reverse("routines:delete", kwargs={"routine_id": routine.pk}))
    assert response.status_code == 302
    html = night_page(client, last_night)
    assert "Wind down" in html and "1 of 3 done" in html
    assert "This routine has since been deleted." in html


def test_editing_tonight_updates_only_unticked_steps_of_tonight(
    client_for, freeze, alice, routine, last_night
):
    client = client_for(alice)
    step = routine.steps.get(title="Read")
    mark = reverse("routines:mark", kwargs={"step_id": step.pk, "profile_id": alice.profile.pk})
    client.post(mark, {"action": "done"})  # tonight, the 16th
    tonight = Checklist.objects.get(night=date(2026, 1, 16))
    screens = routine.steps.get(title="Screens off")
    client.post(
        reverse("routines:step_edit", kwargs={"step_id": screens.pk}),
        {"title": "Phone away", "minutes_before": 45, "version": 1},
    )
    client.post(
        reverse("routines:step_edit", kwargs={"step_id": step.pk}),
        {"title": "Read fiction", "minutes_before": 30, "version": 1},
    )
    titles = set(tonight.items.values_list("title", flat=True))
    assert titles == {"Phone away", "Read", "Breathe"}  # "Read" was ticked as "Read"
    assert set(last_night.items.values_list("title", flat=True)) == {
        "Screens off",
        "Read",
        "Breathe",
    }


def test_someone_elses_night(client_for, bob, mallory, last_night):
    # Alice does not share her journal: Bob, in her household, cannot see it; Mallory neither.
    for user in (bob, mallory):
        url = reverse("routines:checklist", kwargs={"checklist_id": last_night.pk})
        assert client_for(user).get(url).status_code == 404


def test_a_shared_profiles_night_is_visible_to_the_household(client_for, alice, bob, last_night):
    alice.profile.shared_with_household = True
    alice.profile.save()
    assert "1 of 3 done" in night_page(client_for(bob), last_night)
