"""Tonight's checklist, the home page: each person's routines, steps at their clock times."""

import re
from datetime import UTC, date, datetime, time, timedelta

import pytest
from django.urls import reverse

from routines.models import Checklist, ChecklistItem
from routines.services import copy_template

from .conftest import add_dependant
from .fixtures.journal import make_night
from .fixtures.routines import make_routine

URL = reverse("routines:tonight")


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


def page(client) -> str:
    response = client.get(URL)
    assert response.status_code == 200
    return response.content.decode()


def test_the_home_page_after_sign_in_is_tonight(client_for, alice):
    response = client_for(alice).get("/")
    assert response.resolver_match.view_name == "routines:tonight"


def test_without_routines_it_offers_a_template_or_a_new_routine(client_for, this_evening, alice):
    html = page(client_for(alice))
    assert "No wind-down routine for tonight." in html
    assert reverse("routines:starters") in html
    assert reverse("routines:create") in html


def test_each_person_looked_after_with_steps_at_clock_times(client_for, freeze, alice, child):
    make_routine([alice.profile], name="Alice winds down", bedtime=time(22, 30))
    make_routine([child], name="Robin's bedtime", bedtime=time(19, 30), steps=[("Bath", 40)])
    freeze(utc(2026, 1, 15, 18, 0))  # 18:00 in London, a Thursday in winter
    html = page(client_for(alice))
    assert "Alice winds down" in html and "Robin&#x27;s bedtime" in html
    assert "night of Thu 15 Jan" in html
    # 22:30 bedtime: 45, 30 and 5 minutes before.
    for clock in ("21:45", "22:00", "22:25"):
        assert f">{clock}</time>" in html
    assert ">18:50</time>" in html  # Robin's bath, 40 minutes before 19:30
    assert "<progress" in html and 'value="0"' in html
    assert "0 of 3 done" in html
    assert "style=" not in html


def test_steps_cross_midnight_into_the_evening_before(client_for, freeze, alice):
    make_routine(
        [alice.profile], bedtime=time(0, 30), steps=[("Tea", 90), ("Read", 30), ("Lights", 0)]
    )
    freeze(utc(2026, 1, 15, 21, 0))
    html = page(client_for(alice))
    assert "Bed at <time" in html and ">00:30</time></span>" in html
    steps = html[html.index('<ol class="checklist">') :]
    # Tea at 23:00 on the 15th, then 00:00 and 00:30 on the 16th: all the night of the 15th.
    assert "night of Thu 15 Jan" in html
    times = [">23:00</time>", ">00:00</time>", ">00:30</time>"]
    assert [steps.index(t) for t in times] == sorted(steps.index(t) for t in times)


def test_after_midnight_the_checklist_is_still_the_evening_before(client_for, freeze, alice):
    routine = make_routine([alice.profile], bedtime=time(23, 30), steps=[("Read", 30)])
    freeze(utc(2026, 1, 16, 0, 30))  # 00:30 on Friday the 16th
    client = client_for(alice)
    html = page(client)
    assert "night of Thu 15 Jan" in html
    assert "Due now" in html  # 23:00 has passed and it is not done
    client.post(
        reverse(
            "routines:mark",
            kwargs={"step_id": routine.steps.get().pk, "profile_id": alice.profile.pk},
        ),
        {"action": "done"},
    )
    assert Checklist.objects.get().night == date(2026, 1, 15)
    assert "1 of 1 done" in page(client)


def test_clock_times_across_the_spring_forward_night(client_for, freeze, alice):
    berlin = add_dependant(alice, "Mia", time_zone="Europe/Berlin")
    # Sunday 29 March 2026 at 02:00 CET the clocks jump to 03:00 CEST.
    make_routine([berlin], bedtime=time(3, 30), steps=[("Warm bath", 90), ("Lights out", 0)])
    freeze(utc(2026, 3, 28, 20, 0))
    html = page(client_for(alice))
    # 90 real minutes before 03:30 CEST is 01:00 CET: the hour that never happens is not counted.
    assert ">01:00</time>" in html and ">03:30</time>" in html
    assert "night of Sat 28 Mar" in html


def test_clock_times_across_the_fall_back_night(client_for, freeze, alice):
    make_routine([alice.profile], bedtime=time(1, 30), steps=[("Read", 120)])
    # Sunday 25 October 2026, 02:00 BST → 01:00 GMT. 01:30 reads as BST (the first one).
    freeze(utc(2026, 10, 24, 18, 0))
    html = page(client_for(alice))
    assert ">23:30</time>" in html  # 120 minutes before 01:30 BST


def test_the_due_step_is_marked(client_for, freeze, alice):
    make_routine([alice.profile], bedtime=time(22, 30))
    freeze(utc(2026, 1, 15, 22, 10))  # after "Screens off" (21:45) and "Read" (22:00)
    html = page(client_for(alice))
    assert html.count("Due now") == 1
    due_row = html[html.index('class="check-row pending due"') :]
    assert due_row.index("Screens off") < due_row.index("Read")


def test_alternate_bedtime_on_chosen_evenings(client_for, freeze, alice):
    make_routine(
        [alice.profile],
        bedtime=time(22, 0),
        alternate_bedtime=time(23, 30),
        alternate_weekdays=[4, 5],
        steps=[("Read", 30)],
    )
    freeze(utc(2026, 1, 16, 18, 0))  # Friday
    assert ">23:00</time>" in page(client_for(alice))


def test_routines_off_or_not_on_tonight_are_left_out(client_for, freeze, alice):
    make_routine([alice.profile], name="Weeknights", active_weekdays=[0, 1, 2, 3, 6])
    make_routine([alice.profile], name="Paused", is_active=False)
    make_routine([alice.profile], name="Every night")
    freeze(utc(2026, 1, 16, 18, 0))  # Friday evening
    html = page(client_for(alice))
    assert "Every night" in html
    assert "Weeknights" not in html and "Paused" not in html


def test_only_people_the_user_looks_after(client_for, freeze, alice, bob, mallory):
    bob.profile.shared_with_household = True
    bob.profile.save()
    make_routine([bob.profile], name="Bob's routine")
    make_routine([mallory.profile], name="Mallory's routine")
    freeze(utc(2026, 1, 15, 18, 0))
    html = page(client_for(alice))
    assert "Bob&#x27;s routine" not in html and "Mallory" not in html


def test_a_shared_routine_offers_done_for_all(client_for, freeze, alice, child):
    twin = add_dependant(alice, "Sasha")
    make_routine([child, twin], name="Twins' bedtime", bedtime=time(19, 30))
    freeze(utc(2026, 1, 15, 18, 0))
    html = page(client_for(alice))
    assert html.count("Twins&#x27; bedtime</h3>") == 2  # once for each child
    assert "Done for all" in html


def test_ticks_already_made_tonight_show(client_for, freeze, alice):
    routine = make_routine([alice.profile])
    freeze(utc(2026, 1, 15, 21, 50))
    checklist = Checklist.objects.create(
        profile=alice.profile,
        routine=routine,
        night=date(2026, 1, 15),
        routine_name=routine.name,
        bedtime_at=utc(2026, 1, 15, 22, 30),
    )
    for step in routine.steps.all():
        status = {"Screens off": "done", "Read": "skipped"}.get(step.title, "pending")
        ChecklistItem.objects.create(
            checklist=checklist, step=step, title=step.title, minutes_before=1, status=status
        )
    html = page(client_for(alice))
    assert "1 of 3 done, 1 skipped" in html
    assert 'value="2"' in html
    # Tapping a done row again undoes it; a skipped row keeps a quiet Undo beside it.
    assert 'aria-label="Undo: Screens off"' in html
    assert 'aria-label="Undo: Read"' in html
    assert 'aria-label="Done: Breathe"' in html and 'aria-label="Skip: Breathe"' in html


def test_a_get_writes_nothing(client_for, freeze, alice):
    make_routine([alice.profile])
    freeze(utc(2026, 1, 15, 21, 50))
    page(client_for(alice))
    assert not Checklist.objects.exists()


def _history(profile, routine, nights: int):
    for offset in range(1, nights + 1):
        night = date(2026, 1, 15) - timedelta(days=offset)
        checklist = Checklist.objects.create(
            profile=profile,
            routine=routine,
            night=night,
            routine_name=routine.name,
            bedtime_at=utc(2026, 1, 15, 22, 30) - timedelta(days=offset),
        )
        ChecklistItem.objects.bulk_create(
            ChecklistItem(checklist=checklist, step=step, title=step.title, minutes_before=5)
            for step in routine.steps.all()
        )


@pytest.mark.parametrize("size", [1, 6])
def test_a_fixed_number_of_queries(client_for, freeze, alice, size, django_assert_num_queries):
    """The same count with 1 or 6 people, routines, steps and weeks of history: session, user,
    the request's savepoint and its release, and 5 of ours (profiles, routines with the
    followers the user may log for, their steps, tonight's ticks, the last two weeks' nights for
    the weekly line)."""
    routine = make_routine([alice.profile], steps=[(f"Step {i}", i * 5) for i in range(size)])
    for i in range(size - 1):
        child = add_dependant(alice, f"Child {i}")
        shared = make_routine([child, alice.profile], steps=[(f"S{j}", j) for j in range(size)])
        _history(child, shared, size * 3)
    _history(alice.profile, routine, size * 5)
    freeze(utc(2026, 1, 15, 21, 50))
    client = client_for(alice)
    with django_assert_num_queries(9):
        html = page(client)
    assert html.count("<progress") == 1 + 2 * (size - 1)


# --- a light page: one form per card, and the weight of a household of five -----------------


def _household_of_five(alice):
    """As the benchmark's household (bench/seed.py): Alice with her own routine and four
    children sharing theirs, five steps each, from the starter templates, with two weeks of
    nights each for the weekly line."""
    children = [add_dependant(alice, name) for name in ("Robin", "Kit", "Jo", "Max")]
    copy_template(
        household=alice.household, template_key="sleep-hygiene", followers=[alice.profile]
    )
    copy_template(household=alice.household, template_key="childrens-bedtime", followers=children)
    for profile in [alice.profile, *children]:
        for offset in range(1, 15):
            make_night(profile, date(2026, 1, 15) - timedelta(days=offset))
    return children


def test_a_household_of_five_with_five_steps_each_stays_under_30_kb(client_for, freeze, alice):
    """The budget of bench/load.py (README, "Performance"), measured on the page as served."""
    _household_of_five(alice)
    freeze(utc(2026, 1, 15, 18, 0))  # the evening: every row can be ticked, skipped, done for all
    html = page(client_for(alice))
    assert html.count('class="row-tap"') == 25
    assert html.count("Done for all") == 20  # the children's shared steps, on each child's card
    assert html.count('class="weekly-line') == 5
    size = len(html.encode())
    assert size <= 30 * 1024, f"Tonight weighs {size / 1024:.1f} KB"


def test_each_card_is_one_form_with_the_token_once(client_for, freeze, alice):
    children = _household_of_five(alice)
    freeze(utc(2026, 1, 15, 18, 0))
    html = page(client_for(alice))
    cards = re.findall(r'<article class="card routine-card".*?</article>', html, re.S)
    assert len(cards) == 5
    for card in cards:
        assert card.count("<form") == 1 and card.count("csrfmiddlewaretoken") == 1
        assert re.search(r'<form method="post" hx-post="" data-offline-queue>', card)
        # Every button posts the card's form to its own row's address.
        buttons = re.findall(r"<button [^>]*>", card)
        assert len(buttons) >= 10
        assert all('formaction="/tonight/steps/' in button for button in buttons)
    # htmx's settings are inherited from one place instead of repeated on every form.
    assert html.count("hx-swap=") == 1 + html.count('class="undo"')
    assert children[0].name in html


def test_without_javascript_a_button_posts_the_card_form(freeze, alice, child):
    """What a browser without JavaScript sends: the form's fields (the token), the pressed
    button's name and value, to the button's formaction. CSRF is checked as in production."""
    from django.test import Client

    routine = make_routine([child], name="Robin's bedtime", bedtime=time(19, 30))
    freeze(utc(2026, 1, 15, 18, 0))
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice, backend="django.contrib.auth.backends.ModelBackend")
    html = page(client)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    skip = re.search(
        r'<button class="quiet" name="action" value="skip" formaction="([^"]+)" '
        r'aria-label="Skip: Read">',
        html,
    )
    response = client.post(skip.group(1), {"csrfmiddlewaretoken": token, "action": "skip"})
    assert response.status_code == 302 and response["Location"] == URL
    item = ChecklistItem.objects.get(step=routine.steps.get(title="Read"))
    assert item.status == "skipped"
    # And without the token the same post is refused.
    assert client.post(skip.group(1), {"action": "undo"}).status_code == 403
