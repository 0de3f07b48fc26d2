"""A routine's past stays as it was: pausing it or changing its evenings judges only the nights
from the change on, and the progress a page carries forward equals a count from all history."""

from datetime import UTC, date, datetime, timedelta
from importlib import import_module

import pytest
from django.apps import apps
from django.urls import reverse

from insights.selectors import routine_shares
from routines import summaries
from routines.models import Progress, Routine, RoutineSchedule

from .fixtures.routines import make_routine
from .test_routine_list import ALL_DONE, record

M = 0.5 ** (1 / 13)
SCHEDULE = ("effective_from", "active_weekdays", "is_active")


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


def jan(day: int) -> date:
    return date(2026, 1, day)


def summary_at(routine: Routine, now: datetime) -> summaries.Summary:
    routine = Routine.objects.prefetch_related("steps", "schedules", "followers").get(pk=routine.pk)
    [found] = summaries.summaries(routines=[routine], now=now)
    return found


def started_on_the_first(alice, days: int) -> Routine:
    """A nightly routine since 1 January 2026, every night of ``days`` complete."""
    routine = make_routine([alice.profile])
    routine.backdate(utc(2026, 1, 1, 12))
    for day in range(1, days + 1):
        record(alice.profile, routine, day, ALL_DONE)
    return routine


def test_pausing_a_routine_leaves_its_past_as_it_was(alice, freeze):
    routine = started_on_the_first(alice, 10)
    before = summary_at(routine, utc(2026, 1, 10, 21))
    assert (before.current_streak, before.best_streak) == (10, 10)

    freeze(utc(2026, 1, 11, 13))
    routine.is_active = False
    routine.save()
    paused = summary_at(routine, utc(2026, 1, 20, 21))
    # The ten nights it was on still count, and the paused nights neither break nor fade them.
    assert (paused.current_streak, paused.best_streak) == (10, 10)
    assert abs(paused.score - (1 - M**10)) < 1e-12
    assert [night.night for night in paused.recent] == [jan(day) for day in range(1, 11)]

    freeze(utc(2026, 1, 20, 21))
    routine.is_active = True
    routine.save()
    # On again from the 20th: the 20th and 21st not done break the run, never the best.
    back = summary_at(routine, utc(2026, 1, 22, 21))
    assert (back.current_streak, back.best_streak) == (0, 10)
    assert abs(back.score - (1 - M**10) * M**2) < 1e-12


def test_changing_the_evenings_judges_only_the_nights_after(alice, freeze):
    routine = started_on_the_first(alice, 14)
    freeze(utc(2026, 1, 15, 13))
    routine.active_weekdays = [5, 6]  # weekends only from now on
    routine.save()
    # Friday the 16th: no night since the change was scheduled; the fortnight stands whole.
    later = summary_at(routine, utc(2026, 1, 16, 21))
    assert (later.current_streak, later.best_streak) == (14, 14)
    assert abs(later.score - (1 - M**14)) < 1e-12


def test_every_change_of_weekdays_or_on_off_is_recorded_and_nothing_else(alice, freeze):
    freeze(utc(2026, 1, 5, 20))
    routine = make_routine([alice.profile], created_at=utc(2026, 1, 5, 20))
    assert list(routine.schedules.values_list("active_weekdays", "is_active")) == [
        ([0, 1, 2, 3, 4, 5, 6], True)
    ]
    freeze(utc(2026, 1, 6, 20))
    routine.name = "Renamed"
    routine.save()
    routine.active_weekdays = [4, 0]
    routine.save(update_fields=["active_weekdays"])
    freeze(utc(2026, 1, 7, 20))
    routine.is_active = False
    routine.save()
    assert list(routine.schedules.values_list(*SCHEDULE)) == [
        (routine.created_at, [0, 1, 2, 3, 4, 5, 6], True),
        (utc(2026, 1, 6, 20), [0, 4], True),
        (utc(2026, 1, 7, 20), [0, 4], False),
    ]


def test_the_edit_form_records_a_pause(client_for, alice, freeze):
    freeze(utc(2026, 1, 5, 20))
    routine = make_routine([alice.profile], created_at=utc(2026, 1, 5, 20))
    url = reverse("routines:edit", kwargs={"routine_id": routine.pk})
    client_for(alice).post(
        url,
        {
            "name": routine.name,
            "bedtime": "22:30",
            "active_weekdays": [0, 1, 2, 3, 4, 5, 6],
            "followers": [alice.profile.pk],
            "version": routine.version,
        },
    )
    assert routine.schedules.last().is_active is False


def test_insights_count_a_paused_routines_nights_as_off(alice, freeze):
    routine = started_on_the_first(alice, 3)
    freeze(utc(2026, 1, 4, 13))
    routine.is_active = False
    routine.save()
    shares = routine_shares(user=alice, profile=alice.profile, start=jan(1), end=jan(10))
    assert shares == {jan(1): 1.0, jan(2): 1.0, jan(3): 1.0}


def test_the_migration_seeds_each_routines_schedule_from_its_creation(alice):
    routine = make_routine([alice.profile], active_weekdays=[1, 3], is_active=False)
    Routine.objects.filter(pk=routine.pk).update(created_at=utc(2025, 6, 1, 12))
    RoutineSchedule.objects.all().delete()
    migration = import_module("routines.migrations.0005_routine_schedule_history_and_progress")
    migration.seed_schedules(apps, None)
    assert list(routine.schedules.values_list(*SCHEDULE)) == [(utc(2025, 6, 1, 12), [1, 3], False)]


# --- progress carried forward equals a count from all history --------------------------------


def mixed_history(alice) -> Routine:
    """Sixty nights since 1 January: complete but for every seventh, and every eleventh never
    opened, on every evening but Wednesday's."""
    routine = make_routine([alice.profile], active_weekdays=[0, 1, 3, 4, 5, 6])
    routine.backdate(utc(2026, 1, 1, 12))
    for offset in range(60):
        night = jan(1) + timedelta(days=offset)
        if offset % 11 == 10:
            continue
        statuses = {"Screens off": "done"} if offset % 7 == 6 else ALL_DONE
        record(alice.profile, routine, night, statuses)
    return routine


def figures(summary: summaries.Summary) -> tuple:
    return (
        summary.current_streak,
        summary.best_streak,
        round(summary.score, 12),
        [(night.night, night.share, night.opened) for night in summary.recent],
        [(step.title, step.windows) for step in summary.steps],
    )


def test_progress_carried_night_by_night_equals_all_history_at_once(alice):
    routine = mixed_history(alice)
    for day in range(2, 62):
        now = utc(2026, 1, 1, 21) + timedelta(days=day)
        carried = figures(summary_at(routine, now))
        Progress.objects.all().delete()
        assert figures(summary_at(routine, now)) == carried
        # Leave the progress of the night before, to be carried on at the next step.
        Progress.objects.all().delete()
        summary_at(routine, now - timedelta(days=1))


def test_a_view_on_the_same_day_reads_only_recent_nights(alice, django_assert_num_queries):
    routine = mixed_history(alice)
    now = utc(2026, 3, 1, 21)
    summary_at(routine, now)
    assert Progress.objects.get().through_night == date(2026, 2, 28)
    # Routine, its steps, schedules and followers; night counts; step items; progress.
    with django_assert_num_queries(7):
        summary_at(routine, now)


def test_a_checklist_written_for_a_past_night_discards_the_progress(alice):
    routine = mixed_history(alice)
    now = utc(2026, 3, 1, 21)
    before = summary_at(routine, now)
    # The 11th was never opened; done after the fact (an admin's correction, an import).
    record(alice.profile, routine, jan(11), ALL_DONE)
    assert not Progress.objects.exists()
    after = summary_at(routine, now)
    assert after.best_streak > before.best_streak
    Progress.objects.all().delete()
    assert figures(summary_at(routine, now)) == figures(after)


def test_moving_to_another_time_zone_counts_again(alice):
    routine = mixed_history(alice)
    now = utc(2026, 3, 1, 21)
    summary_at(routine, now)
    alice.profile.time_zone = "Pacific/Auckland"
    alice.profile.save()
    summary_at(routine, now)
    assert Progress.objects.get().basis.startswith("Pacific/Auckland|")


def page_summary_at(routine: Routine, now: datetime) -> summaries.Summary:
    """The summary as the routines page reads it: no steps, only the nights it needs."""
    routine = Routine.objects.prefetch_related("steps", "schedules", "followers").get(pk=routine.pk)
    [found] = summaries.summaries(routines=[routine], now=now, with_steps=False)
    return found


@pytest.mark.parametrize("weekdays", [[0, 1, 3, 4, 5, 6], [2]])
@pytest.mark.parametrize("last_view", [None, 1, 3, 20, 200])
def test_the_routines_page_reads_a_window_and_shows_what_all_history_shows(
    alice, weekdays, last_view
):
    """Whatever the progress it finds (none, a night old, weeks old, older than the window),
    the page's summary equals one counted from all history, links included."""
    routine = mixed_history(alice)
    routine.active_weekdays = weekdays
    routine.save()
    routine.backdate(utc(2026, 1, 1, 12))
    for day in (5, 16, 40, 61, 75):
        now = utc(2026, 1, 1, 21) + timedelta(days=day)
        Progress.objects.all().delete()
        if last_view is not None:
            page_summary_at(routine, now - timedelta(days=last_view))
        page = page_summary_at(routine, now)
        assert page.steps == []
        Progress.objects.all().delete()
        full = summary_at(routine, now)
        assert figures(page)[:4] == figures(full)[:4]
        assert [night.url for night in page.recent] == [
            reverse("routines:checklist", kwargs={"checklist_id": night.checklist_id})
            if night.checklist_id
            else ""
            for night in full.recent
        ]
