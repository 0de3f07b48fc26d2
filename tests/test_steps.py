"""Adding, editing, deleting and reordering steps in place, with htmx or plain forms."""

import pytest
from django.urls import reverse

from .fixtures.routines import make_routine

HTMX = {"HX-Request": "true"}


@pytest.fixture
def routine(alice):
    return make_routine([alice.profile])


def titles(routine) -> list[str]:
    return list(routine.steps.values_list("title", flat=True))


def detail(routine) -> str:
    return reverse("routines:detail", kwargs={"routine_id": routine.pk})


def test_the_routine_page_lists_steps_with_their_controls(client_for, alice, routine):
    html = client_for(alice).get(detail(routine)).content.decode()
    assert "45 min before bed" in html and "Screens off" in html
    assert "Add a step" in html and 'aria-label="Move Read up"' in html
    assert "style=" not in html and " onclick" not in html


def test_add_a_step_in_place(client_for, alice, routine):
    url = reverse("routines:step_add", kwargs={"routine_id": routine.pk})
    response = client_for(alice).post(
        url, {"title": "Herbal tea", "minutes_before": 60, "note": "No caffeine"}, headers=HTMX
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="steps"')
    assert "Herbal tea" in html and "No caffeine" in html
    # Placed by its time: an hour before comes first.
    assert titles(routine) == ["Herbal tea", "Screens off", "Read", "Breathe"]


def test_add_without_javascript_returns_to_the_routine(client_for, alice, routine):
    url = reverse("routines:step_add", kwargs={"routine_id": routine.pk})
    response = client_for(alice).post(url, {"title": "Lights out", "minutes_before": 0})
    assert response["Location"] == detail(routine)
    assert titles(routine)[-1] == "Lights out"


def test_an_invalid_step_shows_its_errors(client_for, alice, routine):
    url = reverse("routines:step_add", kwargs={"routine_id": routine.pk})
    client = client_for(alice)
    response = client.post(url, {"title": "", "minutes_before": -5}, headers=HTMX)
    assert response.status_code == 200  # htmx swaps only 2xx answers
    assert "This field is required" in response.content.decode()
    response = client.post(url, {"title": "Tea", "minutes_before": -5})
    assert response.status_code == 422
    assert "greater than or equal to 0" in response.content.decode()
    assert len(titles(routine)) == 3


def test_edit_a_step_in_place(client_for, alice, routine):
    step = routine.steps.get(title="Read")
    url = reverse("routines:step_edit", kwargs={"step_id": step.pk})
    client = client_for(alice)
    form = client.get(url, headers=HTMX).content.decode()
    assert form.lstrip().startswith(f'<li id="step-{step.pk}"') and 'value="Read"' in form
    response = client.post(
        url,
        {"title": "Read fiction", "minutes_before": 30, "duration_minutes": 20, "version": 1},
        headers=HTMX,
    )
    assert (
        "Read fiction" in response.content.decode() and "takes 20 min" in response.content.decode()
    )
    step.refresh_from_db()
    assert (step.title, step.duration_minutes) == ("Read fiction", 20)


def test_an_invalid_edit_goes_back_into_its_row(client_for, alice, routine):
    step = routine.steps.get(title="Read")
    url = reverse("routines:step_edit", kwargs={"step_id": step.pk})
    response = client_for(alice).post(url, {"title": "", "minutes_before": 30}, headers=HTMX)
    assert response["HX-Retarget"] == f"#step-{step.pk}"
    assert "This field is required" in response.content.decode()


def test_edit_without_javascript(client_for, alice, routine):
    step = routine.steps.get(title="Read")
    url = reverse("routines:step_edit", kwargs={"step_id": step.pk})
    client = client_for(alice)
    assert "<h1>Edit “Read”</h1>" in client.get(url).content.decode()
    response = client.post(url, {"title": "Read poems", "minutes_before": 25, "version": 1})
    assert response["Location"] == detail(routine)


def test_delete_a_step(client_for, alice, routine):
    step = routine.steps.get(title="Read")
    url = reverse("routines:step_delete", kwargs={"step_id": step.pk})
    response = client_for(alice).post(url, headers=HTMX)
    assert "Read" not in response.content.decode().replace("Read a", "")
    assert titles(routine) == ["Screens off", "Breathe"]


def test_move_steps_up_and_down(client_for, alice, routine):
    client = client_for(alice)
    breathe = routine.steps.get(title="Breathe")
    url = reverse("routines:step_move", kwargs={"step_id": breathe.pk})
    client.post(url, {"direction": "up"}, headers=HTMX)
    assert titles(routine) == ["Screens off", "Breathe", "Read"]
    client.post(url, {"direction": "up"})
    client.post(url, {"direction": "up"})  # already first: stays
    assert titles(routine) == ["Breathe", "Screens off", "Read"]
    response = client.post(url, {"direction": "down"}, headers=HTMX)
    assert titles(routine) == ["Screens off", "Breathe", "Read"]
    assert response.content.decode().index("Screens off") < response.content.decode().index(
        "Breathe"
    )


def test_someone_who_cannot_edit_gets_404(client_for, alice, bob, mallory, routine):
    alice.profile.shared_with_household = True  # Bob may see the routine, not change it
    alice.profile.save()
    step = routine.steps.first()
    for user in (bob, mallory):
        client = client_for(user)
        add = reverse("routines:step_add", kwargs={"routine_id": routine.pk})
        assert client.post(add, {"title": "X", "minutes_before": 1}).status_code == 404
        for name in ("step_edit", "step_delete", "step_move"):
            url = reverse(f"routines:{name}", kwargs={"step_id": step.pk})
            assert client.post(url, {"title": "X", "minutes_before": 1}).status_code == 404
    assert titles(routine) == ["Screens off", "Read", "Breathe"]


def test_delete_a_step_without_javascript_asks_first(client_for, alice, routine):
    step = routine.steps.get(title="Read")
    url = reverse("routines:step_delete", kwargs={"step_id": step.pk})
    client = client_for(alice)
    page = client.get(detail(routine)).content.decode()
    assert f'<form method="get" action="{url}"' in page  # the plain form only asks
    confirm = client.get(url).content.decode()
    assert "<h1>Delete “Read”?</h1>" in confirm
    assert titles(routine) == ["Screens off", "Read", "Breathe"]
    response = client.post(url)
    assert response["Location"] == detail(routine)
    assert titles(routine) == ["Screens off", "Breathe"]
