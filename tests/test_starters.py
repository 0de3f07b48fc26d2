"""Starter routines to copy from."""

from datetime import time

from django.urls import reverse

from routines.models import Routine
from routines.templates_catalog import CATALOG

from .conftest import add_dependant

URL = reverse("routines:starters")


def test_at_least_three_starters_are_offered(client_for, alice):
    html = client_for(alice).get(URL).content.decode()
    for name in ("Sleep-hygiene basics", "Screen-free hour", "Children&#x27;s bedtime"):
        assert name in html
    assert len(CATALOG) >= 3
    assert "45 min before: Screens off" in html


def test_copy_a_starter_for_two_children(client_for, alice, child):
    twin = add_dependant(alice, "Sasha")
    response = client_for(alice).post(
        URL, {"template": "childrens-bedtime", "followers": [child.pk, twin.pk]}
    )
    routine = Routine.objects.get()
    assert response["Location"] == reverse("routines:detail", kwargs={"routine_id": routine.pk})
    starter = CATALOG["childrens-bedtime"]
    assert routine.name == "Children's bedtime" and routine.household == alice.household
    assert (routine.bedtime, routine.alternate_bedtime) == (time(19, 30), time(20, 0))
    assert routine.alternate_weekdays == [4, 5]
    assert set(routine.followers.all()) == {child, twin}
    assert [
        (s.title, s.minutes_before, s.duration_minutes, s.position) for s in routine.steps.all()
    ] == [
        (step.title, step.minutes_before, step.duration_minutes, i)
        for i, step in enumerate(starter.steps)
    ]


def test_two_copies_are_independent(client_for, alice):
    client = client_for(alice)
    for _ in range(2):
        client.post(URL, {"template": "screen-free-hour", "followers": [alice.profile.pk]})
    first, second = Routine.objects.order_by("pk")
    first.steps.all().delete()
    assert second.steps.count() == len(CATALOG["screen-free-hour"].steps)


def test_copy_needs_someone_the_user_looks_after(client_for, alice, mallory):
    client = client_for(alice)
    response = client.post(URL, {"template": "sleep-hygiene", "followers": [mallory.profile.pk]})
    assert "Select a valid choice" in response.content.decode()
    response = client.post(URL, {"template": "sleep-hygiene"})
    assert "This field is required" in response.content.decode()
    response = client.post(URL, {"template": "no-such-thing", "followers": [alice.profile.pk]})
    assert response.status_code == 200
    assert not Routine.objects.exists()
