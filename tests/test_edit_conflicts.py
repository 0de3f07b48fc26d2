"""Two people edit the same routine or step: the later save is refused, never silently lost.

Each edit form carries the version it was opened on. The first save wins and bumps the version;
a save begun on an older version shows the person's values beside the saved ones, with the form
again on top of the new version (saving it keeps theirs) and a link to keep the saved version.
"""

import re
import threading
import time as clock

import pytest
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse

from routines import services
from routines.forms import StepForm
from routines.models import Routine, Step

from .fixtures.routines import make_routine

HTMX = {"HX-Request": "true"}
REFUSED = "Not saved: someone else saved"


def signed_in(user) -> Client:
    """A browser of its own for ``user``, so two people can hold forms open at once."""
    browser = Client()
    browser.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return browser


def version_in(page: str) -> str:
    return re.search(r'name="version" value="(\d+)"', page).group(1)


def routine_data(version, **overrides):
    data = {
        "name": "Robin's bedtime",
        "bedtime": "19:30",
        "alternate_bedtime": "",
        "active_weekdays": list(range(7)),
        "is_active": "on",
        "version": version,
    }
    data.update(overrides)
    return data


@pytest.fixture
def routine(child):
    """Robin's bedtime, which both parents (Alice and Bob) look after."""
    return make_routine([child], name="Robin's bedtime")


@pytest.fixture
def parents(alice, bob):
    return signed_in(alice), signed_in(bob)


def edit_url(routine):
    return reverse("routines:edit", kwargs={"routine_id": routine.pk})


def step_url(step):
    return reverse("routines:step_edit", kwargs={"step_id": step.pk})


# --- routines -------------------------------------------------------------------------------


def test_the_later_routine_save_is_refused_and_shows_both_values(parents, routine, child):
    alices, bobs = parents
    seen_by_alice = version_in(alices.get(edit_url(routine)).content.decode())
    seen_by_bob = version_in(bobs.get(edit_url(routine)).content.decode())
    assert seen_by_alice == seen_by_bob == "1"

    first = alices.post(
        edit_url(routine), routine_data(seen_by_alice, bedtime="19:00", followers=[child.pk])
    )
    assert first.status_code == 302
    later = bobs.post(
        edit_url(routine),
        routine_data(seen_by_bob, name="Bath and bed", bedtime="20:00", followers=[child.pk]),
    )

    assert later.status_code == 409
    page = later.content.decode()
    assert REFUSED + " this routine while you were editing it" in page
    rows = re.findall(r"<tr><th scope=\"row\">(.*?)</th><td>(.*?)</td><td>(.*?)</td></tr>", page)
    # Bob's values beside the saved ones, only where they differ.
    assert rows == [("Name", "Bath and bed", "Robin&#x27;s bedtime"), ("Bedtime", "20:00", "19:00")]
    assert "keep the saved version" in page
    assert f'href="{reverse("routines:detail", kwargs={"routine_id": routine.pk})}"' in page
    routine.refresh_from_db()
    assert (routine.name, routine.bedtime.strftime("%H:%M"), routine.version) == (
        "Robin's bedtime",
        "19:00",
        2,
    )
    # The form comes back with Bob's values, on top of the version now saved.
    assert 'value="Bath and bed"' in page and version_in(page) == "2"
    assert "Save mine over the saved version" in page


def test_saving_the_refused_form_again_keeps_theirs(parents, routine, child):
    alices, bobs = parents
    alices.post(edit_url(routine), routine_data(1, bedtime="19:00", followers=[child.pk]))
    refused = bobs.post(edit_url(routine), routine_data(1, name="Bath", followers=[child.pk]))
    again = bobs.post(
        edit_url(routine),
        routine_data(version_in(refused.content.decode()), name="Bath", followers=[child.pk]),
    )
    assert again.status_code == 302
    routine.refresh_from_db()
    assert (routine.name, routine.version) == ("Bath", 3)
    # Bob's form held the bedtime he saw (19:30): keeping his values keeps that too.
    assert routine.bedtime.strftime("%H:%M") == "19:30"


def test_the_same_values_saved_twice_are_still_refused_and_said_so(parents, routine, child):
    alices, bobs = parents
    same = routine_data(1, bedtime="19:00", followers=[child.pk])
    alices.post(edit_url(routine), same)
    page = bobs.post(edit_url(routine), same).content.decode()
    assert "What they saved is the same as what you entered." in page


def test_followers_are_compared_as_far_as_the_editor_may_change_them(parents, routine, bob, child):
    alices, bobs = parents
    alices.post(edit_url(routine), routine_data(1, followers=[child.pk]))
    page = bobs.post(
        edit_url(routine), routine_data(1, followers=[child.pk, bob.profile.pk])
    ).content.decode()
    assert '<th scope="row">Who follows it</th><td>Bob, Robin</td><td>Robin</td>' in page


def test_an_edit_without_its_version_is_refused(client_for, alice, routine, child):
    data = routine_data(1, name="Sneaky", followers=[child.pk])
    del data["version"]
    response = client_for(alice).post(edit_url(routine), data)
    assert response.status_code == 200
    assert "This form is out of date" in response.content.decode()
    routine.refresh_from_db()
    assert (routine.name, routine.version) == ("Robin's bedtime", 1)


def test_a_new_routine_has_no_version_to_carry(client_for, alice):
    page = client_for(alice).get(reverse("routines:create")).content.decode()
    assert 'name="version"' not in page


# --- steps ----------------------------------------------------------------------------------


def step_data(version, **overrides):
    data = {"title": "Read", "minutes_before": 30, "duration_minutes": "", "note": ""}
    data.update(overrides, version=version)
    return data


def test_the_later_step_save_is_refused_without_javascript(parents, routine):
    alices, bobs = parents
    step = routine.steps.get(title="Read")
    assert version_in(alices.get(step_url(step)).content.decode()) == "1"
    assert version_in(bobs.get(step_url(step)).content.decode()) == "1"

    assert alices.post(step_url(step), step_data(1, title="Read a story")).status_code == 302
    later = bobs.post(step_url(step), step_data(1, minutes_before=40))

    assert later.status_code == 409
    page = later.content.decode()
    assert REFUSED + " this step while you were editing it" in page
    assert '<th scope="row">Title</th><td>Read</td><td>Read a story</td>' in page
    assert '<th scope="row">Minutes before bedtime</th><td>40</td><td>30</td>' in page
    step.refresh_from_db()
    assert (step.title, step.minutes_before, step.version) == ("Read a story", 30, 2)
    assert version_in(page) == "2" and 'value="40"' in page


def test_the_later_in_place_step_save_answers_its_row_with_the_conflict(parents, routine):
    alices, bobs = parents
    step = routine.steps.get(title="Read")
    bobs.get(step_url(step), headers=HTMX)
    alices.post(step_url(step), step_data(1, note="Two chapters"), headers=HTMX)

    later = bobs.post(step_url(step), step_data(1, note="One chapter"), headers=HTMX)

    # htmx swaps only 2xx answers: the row with the conflict comes as 200, into the step's row.
    assert later.status_code == 200
    assert later["HX-Retarget"] == f"#step-{step.pk}"
    page = later.content.decode()
    assert page.lstrip().startswith(f'<li id="step-{step.pk}"')
    assert REFUSED + " this step" in page
    assert '<th scope="row">Note</th><td>One chapter</td><td>Two chapters</td>' in page
    step.refresh_from_db()
    assert step.note == "Two chapters"

    # Saving the row again keeps Bob's note over the new version.
    again = bobs.post(step_url(step), step_data(version_in(page), note="One chapter"), headers=HTMX)
    assert "One chapter" in again.content.decode() and REFUSED not in again.content.decode()
    step.refresh_from_db()
    assert (step.note, step.version) == ("One chapter", 3)


def test_moving_a_step_does_not_make_an_open_edit_stale_nor_get_undone(parents, routine):
    alices, bobs = parents
    step = routine.steps.get(title="Read")
    version = version_in(alices.get(step_url(step)).content.decode())
    bobs.post(reverse("routines:step_move", kwargs={"step_id": step.pk}), {"direction": "up"})
    step.refresh_from_db()
    assert (step.position, step.version) == (0, 1)

    saved = alices.post(step_url(step), step_data(version, title="Read together"))

    assert saved.status_code == 302
    step.refresh_from_db()
    assert (step.title, step.position, step.version) == ("Read together", 0, 2)


# --- two saves at the same moment -----------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_two_saves_at_the_same_moment_one_wins_one_is_refused(child):
    assert connection.vendor == "postgresql"
    routine = make_routine([child])
    step_id = routine.steps.get(title="Read").pk
    barrier = threading.Barrier(2)
    outcomes = []

    def save(title):
        try:
            step = Step.objects.select_related("routine").get(pk=step_id)
            form = StepForm(step_data(1, title=title), instance=step)
            assert form.is_valid(), form.errors
            barrier.wait(timeout=5)
            with transaction.atomic():  # as a request (ATOMIC_REQUESTS)
                services.update_step(step=form.instance, version=form.seen_version)
                clock.sleep(0.2)  # the other save meets this one's lock
            outcomes.append("saved")
        except services.StaleEdit:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(t,)) for t in ("Read", "Read more")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)

    assert sorted(outcomes) == ["refused", "saved"]
    assert Step.objects.get(pk=step_id).version == 2
    assert Routine.objects.get().version == 1  # a step's edit is not the routine's
