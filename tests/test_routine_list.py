"""The routines page: each routine with how each follower keeps to it, on a worked example."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
from django.urls import reverse

from routines.models import Checklist, ChecklistItem, Routine

from .fixtures.routines import make_routine

M = 0.5 ** (1 / 13)  # the daily habit score multiplier: 13 nights halve it


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


def night(day: int) -> date:
    return date(2026, 1, day)


def record(profile, routine, day: int | date, statuses: dict[str, str]) -> Checklist:
    the_night = night(day) if isinstance(day, int) else day
    checklist = Checklist.objects.create(
        profile=profile,
        routine=routine,
        night=the_night,
        routine_name=routine.name,
        bedtime_at=datetime.combine(the_night, datetime.min.time(), UTC) + timedelta(hours=22),
    )
    for step in routine.steps.all():
        ChecklistItem.objects.create(
            checklist=checklist,
            step=step,
            title=step.title,
            minutes_before=step.minutes_before,
            status=statuses.get(step.title, "pending"),
        )
    return checklist


ALL_DONE = {"Screens off": "done", "Read": "done", "Breathe": "done"}
ALL_SKIPPED = {"Screens off": "skipped", "Read": "skipped", "Breathe": "skipped"}


@pytest.fixture
def history(alice, freeze):
    """Every night since 1 January 2026; it is now 21:00 on the 15th.

    1–7 complete; 8: two of three; 9: never opened; 10–11 complete; 12: all skipped (carried);
    13–14 complete; 15 (tonight, still going): one done so far.
    """
    routine = make_routine([alice.profile])
    started = utc(2026, 1, 1, 12, 0)
    Routine.objects.filter(pk=routine.pk).update(created_at=started)
    routine.steps.update(created_at=started)
    for day in (1, 2, 3, 4, 5, 6, 7, 10, 11, 13, 14):
        record(alice.profile, routine, day, ALL_DONE)
    record(alice.profile, routine, 8, {"Screens off": "done", "Read": "done"})
    record(alice.profile, routine, 12, ALL_SKIPPED)
    record(alice.profile, routine, 15, {"Screens off": "done"})
    freeze(utc(2026, 1, 15, 21, 0))
    return routine


def test_streaks_and_habit_strength(client_for, alice, history):
    html = client_for(alice).get(reverse("routines:list")).content.decode()
    assert "Wind down" in html
    # Current run 13–14 plus 10–11 across the carried 12th; tonight does not break it yet.
    assert "Streak 4" in html and "best 7" in html
    # Seven complete nights from 0, two misses, then four complete (the carried night is not a
    # step): (1 − m⁷)·m²·m⁴ + (1 − m⁴).
    score = (1 - M**7) * M**6 + (1 - M**4)
    assert round(score * 100) == 42
    assert "habit 42%" in html


def test_the_last_nights_with_links_to_them(client_for, alice, history):
    html = client_for(alice).get(reverse("routines:list")).content.decode()
    strip = html[
        html.index('<ol class="nights"') : html.index("</ol>", html.index('class="nights"'))
    ]
    assert strip.count("<li") == 14  # the 1st to the 14th; tonight is still going
    assert strip.count("100%") == 11
    assert "67%" in strip and "not opened" in strip and "skipped" in strip
    eighth = Checklist.objects.get(night=night(8))
    assert reverse("routines:checklist", kwargs={"checklist_id": eighth.pk}) in strip
    assert "style=" not in html


def test_step_completion_over_7_30_and_90_nights(client_for, alice, history):
    url = reverse("routines:detail", kwargs={"routine_id": history.pk})
    html = client_for(alice).get(url).content.decode()
    table = html[html.index('<table class="step-rates"') :]

    def row(title):
        start = table.index(f">{title}</th>")
        return table[start : table.index("</tr>", start)]

    # Breathe over the 7 nights 9–15: scheduled 9, 10, 11, 13, 14 (12 skipped, tonight still
    # going), done 10, 11, 13, 14. Over 30 (and 90): 13 scheduled, 11 done.
    assert row("Breathe").count("%") == 3
    assert ">80%<" in row("Breathe") and row("Breathe").count(">85%<") == 2
    assert 'title="4 of 5"' in row("Breathe") and 'title="11 of 13"' in row("Breathe")
    # Screens off was done on the 8th as well: 12 of 13.
    assert row("Screens off").count(">92%<") == 2


def test_a_new_routine_has_no_history_yet(client_for, alice, freeze):
    freeze(utc(2026, 1, 15, 21, 0))
    routine = make_routine([alice.profile])
    Routine.objects.filter(pk=routine.pk).update(created_at=utc(2026, 1, 15, 20, 0))
    html = client_for(alice).get(reverse("routines:list")).content.decode()
    assert "Streak 0" in html and "best 0" in html and "habit 0%" in html


def test_an_empty_list_offers_templates(client_for, alice):
    html = client_for(alice).get(reverse("routines:list")).content.decode()
    assert "No routines yet." in html and reverse("routines:starters") in html


@pytest.mark.parametrize("nights", [3, 60])
def test_the_list_costs_a_fixed_number_of_queries(
    client_for, alice, child, freeze, nights, django_assert_num_queries
):
    freeze(utc(2026, 3, 15, 21, 0))
    routines = [make_routine([alice.profile]), make_routine([child, alice.profile], name="Kids")]
    for routine in routines:
        Routine.objects.filter(pk=routine.pk).update(created_at=utc(2026, 1, 1, 12))
        for profile in routine.followers.all():
            for offset in range(nights):
                record(profile, routine, date(2026, 3, 14) - timedelta(days=offset), ALL_DONE)
    client = client_for(alice)
    # The first view of the day also reads each follower's whole history once (3 followers) and
    # saves their progress.
    with django_assert_num_queries(9 + 3 + 1):
        client.get(reverse("routines:list"))
    # Session, user, savepoint pair; routines with their number of steps, schedules, followers;
    # progress; night counts (the page shows no per-step rates, so it reads no step items).
    with django_assert_num_queries(9):
        client.get(reverse("routines:list"))


def test_each_routine_with_its_number_of_steps_in_bedtime_order(client_for, alice, child):
    make_routine([alice.profile], name="Late", bedtime=time(23, 0))
    make_routine([child], name="Early", steps=[("Bath", 30)], bedtime=time(19, 0))
    html = client_for(alice).get(reverse("routines:list")).content.decode()
    assert html.index(">Early<") < html.index(">Late<")
    assert "· 1 step</p>" in html and "· 3 steps</p>" in html
