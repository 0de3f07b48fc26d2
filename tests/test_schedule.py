"""When tonight's wind-down steps happen: bedtimes, step times, DST nights, the step that is due."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from journal.clock import night_of
from routines.schedule import (
    Period,
    ScheduledStep,
    bedtime_for,
    bedtime_on,
    due_step_index,
    is_active,
    nights_on,
    schedule,
    step_time,
)

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def local(instant: datetime, tz: ZoneInfo) -> tuple[date, time, timedelta | None]:
    """What the profile sees: local date, wall clock, and UTC offset."""
    shown = instant.astimezone(tz)
    return shown.date(), shown.time(), shown.utcoffset()


class TestBedtimeFor:
    def test_evening_bedtime_is_on_the_night_date(self):
        # 22:30 CET (UTC+1) on 15 January.
        at = bedtime_for(night=date(2026, 1, 15), tz=BERLIN, bedtime=time(22, 30))
        assert at == utc(2026, 1, 15, 21, 30)
        assert at.tzinfo is UTC

    def test_bedtime_after_midnight_lands_on_the_next_day(self):
        at = bedtime_for(night=date(2026, 1, 15), tz=BERLIN, bedtime=time(0, 30))
        assert at == utc(2026, 1, 15, 23, 30)
        assert local(at, BERLIN)[:2] == (date(2026, 1, 16), time(0, 30))

    def test_noon_is_the_first_moment_of_the_night(self):
        night = date(2026, 1, 15)
        assert bedtime_for(night=night, tz=BERLIN, bedtime=time(12, 0)) == utc(2026, 1, 15, 11)
        assert bedtime_for(night=night, tz=BERLIN, bedtime=time(11, 59)) == utc(2026, 1, 16, 10, 59)

    def test_rejects_a_bedtime_with_a_zone(self):
        with pytest.raises(ValueError):
            bedtime_for(night=date(2026, 1, 15), tz=BERLIN, bedtime=time(22, 30, tzinfo=UTC))


class TestStepTime:
    def test_steps_cross_midnight_back_into_the_evening(self):
        # Bedtime 00:30 on the 16th; an hour before is 23:30 on the night's own date.
        bedtime_at = bedtime_for(night=date(2026, 1, 15), tz=BERLIN, bedtime=time(0, 30))
        at = step_time(bedtime_at=bedtime_at, minutes_before=60)
        assert local(at, BERLIN)[:2] == (date(2026, 1, 15), time(23, 30))

    def test_zero_minutes_before_is_bedtime(self):
        bedtime_at = utc(2026, 1, 15, 21, 30)
        assert step_time(bedtime_at=bedtime_at, minutes_before=0) == bedtime_at

    def test_rejects_negative_minutes_and_naive_bedtimes(self):
        with pytest.raises(ValueError):
            step_time(bedtime_at=utc(2026, 1, 15, 21, 30), minutes_before=-1)
        with pytest.raises(ValueError):
            step_time(bedtime_at=datetime(2026, 1, 15, 22, 30), minutes_before=10)


class TestBerlinSpringForward:
    # Sunday 2026-03-29: at 02:00 CET (01:00 UTC) the clocks jump to 03:00 CEST.
    night = date(2026, 3, 28)

    def test_bedtime_after_the_jump_is_in_summer_time(self):
        at = bedtime_for(night=self.night, tz=BERLIN, bedtime=time(3, 30))
        # 03:30 CEST = 01:30 UTC.
        assert at == utc(2026, 3, 29, 1, 30)

    def test_step_before_the_jump_is_real_minutes_and_the_clock_shows_the_gap(self):
        bedtime_at = bedtime_for(night=self.night, tz=BERLIN, bedtime=time(3, 30))
        at = step_time(bedtime_at=bedtime_at, minutes_before=90)
        # 01:30 UTC − 90 min = 00:00 UTC = 01:00 CET: 2½ hours on the wall clock, 90 minutes lived.
        assert at == utc(2026, 3, 29, 0, 0)
        assert local(at, BERLIN) == (date(2026, 3, 29), time(1, 0), timedelta(hours=1))
        assert bedtime_at - at == timedelta(minutes=90)

    def test_bedtime_in_the_gap_moves_forward_by_the_gap(self):
        # 02:30 never happens that night; fold=0 reads it with CET (+1) → 01:30 UTC = 03:30 CEST.
        at = bedtime_for(night=self.night, tz=BERLIN, bedtime=time(2, 30))
        assert at == utc(2026, 3, 29, 1, 30)
        assert local(at, BERLIN) == (date(2026, 3, 29), time(3, 30), timedelta(hours=2))


class TestBerlinFallBack:
    # Sunday 2026-10-25: at 03:00 CEST (01:00 UTC) the clocks go back to 02:00 CET.
    night = date(2026, 10, 24)

    def test_ambiguous_bedtime_takes_the_first_occurrence(self):
        # 02:30 happens twice; fold=0 is the summer-time one: 02:30 CEST = 00:30 UTC.
        at = bedtime_for(night=self.night, tz=BERLIN, bedtime=time(2, 30))
        assert at == utc(2026, 10, 25, 0, 30)
        assert local(at, BERLIN)[2] == timedelta(hours=2)

    def test_a_fold_on_the_bedtime_is_ignored(self):
        at = bedtime_for(night=self.night, tz=BERLIN, bedtime=time(2, 30, fold=1))
        assert at == utc(2026, 10, 25, 0, 30)

    def test_step_across_the_repeated_hour_shows_less_wall_clock(self):
        # 03:30 CET = 02:30 UTC; 120 real minutes earlier is 00:30 UTC = 02:30 CEST.
        bedtime_at = bedtime_for(night=self.night, tz=BERLIN, bedtime=time(3, 30))
        assert bedtime_at == utc(2026, 10, 25, 2, 30)
        at = step_time(bedtime_at=bedtime_at, minutes_before=120)
        assert local(at, BERLIN) == (date(2026, 10, 25), time(2, 30), timedelta(hours=2))

    def test_step_before_midnight_is_unaffected(self):
        # 02:30 CEST bedtime; an hour before is 01:30 CEST = 23:30 UTC on the 24th.
        bedtime_at = bedtime_for(night=self.night, tz=BERLIN, bedtime=time(2, 30))
        at = step_time(bedtime_at=bedtime_at, minutes_before=60)
        assert at == utc(2026, 10, 24, 23, 30)
        assert local(at, BERLIN)[:2] == (date(2026, 10, 25), time(1, 30))


class TestNewYork:
    def test_spring_forward_gap_bedtime(self):
        # Sunday 2026-03-08, 02:00 EST → 03:00 EDT. 02:30 read as EST (−5) = 07:30 UTC = 03:30 EDT.
        at = bedtime_for(night=date(2026, 3, 7), tz=NEW_YORK, bedtime=time(2, 30))
        assert at == utc(2026, 3, 8, 7, 30)
        assert local(at, NEW_YORK)[1] == time(3, 30)

    def test_spring_forward_step_before_the_jump(self):
        # 03:00 EDT = 07:00 UTC; 60 min before = 06:00 UTC = 01:00 EST.
        bedtime_at = bedtime_for(night=date(2026, 3, 7), tz=NEW_YORK, bedtime=time(3, 0))
        at = step_time(bedtime_at=bedtime_at, minutes_before=60)
        assert local(at, NEW_YORK) == (date(2026, 3, 8), time(1, 0), timedelta(hours=-5))

    def test_fall_back_ambiguous_bedtime_is_daylight_time(self):
        # Sunday 2026-11-01, 02:00 EDT → 01:00 EST. 01:30 EDT (−4) = 05:30 UTC.
        at = bedtime_for(night=date(2026, 10, 31), tz=NEW_YORK, bedtime=time(1, 30))
        assert at == utc(2026, 11, 1, 5, 30)

    def test_fall_back_step_before_a_standard_time_bedtime(self):
        # 02:00 EST = 07:00 UTC; 90 real minutes before = 05:30 UTC = 01:30 EDT (not 00:30).
        bedtime_at = bedtime_for(night=date(2026, 10, 31), tz=NEW_YORK, bedtime=time(2, 0))
        assert bedtime_at == utc(2026, 11, 1, 7, 0)
        at = step_time(bedtime_at=bedtime_at, minutes_before=90)
        assert local(at, NEW_YORK) == (date(2026, 11, 1), time(1, 30), timedelta(hours=-4))


class TestWhichNights:
    def test_alternate_bedtime_on_friday_and_saturday_evenings(self):
        rule = {
            "default": time(22, 30),
            "alternate": time(23, 30),
            "alternate_weekdays": {FRI, SAT},
        }
        assert date(2026, 1, 15).weekday() == THU
        assert bedtime_on(night=date(2026, 1, 15), **rule) == time(22, 30)
        assert bedtime_on(night=date(2026, 1, 16), **rule) == time(23, 30)  # Friday
        assert bedtime_on(night=date(2026, 1, 17), **rule) == time(23, 30)  # Saturday
        assert bedtime_on(night=date(2026, 1, 18), **rule) == time(22, 30)  # Sunday

    def test_without_an_alternate_the_weekdays_do_not_matter(self):
        assert bedtime_on(
            night=date(2026, 1, 16), default=time(22, 30), alternate=None, alternate_weekdays={FRI}
        ) == time(22, 30)

    def test_active_weekdays_are_those_of_the_evening(self):
        weeknights = {SUN, MON, TUE, WED, THU}  # the nights before a work day
        assert is_active(night=date(2026, 1, 18), weekdays=weeknights)  # Sunday evening
        assert not is_active(night=date(2026, 1, 16), weekdays=weeknights)  # Friday evening
        assert not is_active(night=date(2026, 1, 16), weekdays=())


class TestDueStepIndex:
    times = [utc(2026, 1, 15, 20, 30), utc(2026, 1, 15, 21, 0), utc(2026, 1, 15, 21, 30)]

    def due(self, now: datetime, done: list[bool]) -> int | None:
        return due_step_index(now=now, step_times=self.times, done=done)

    def test_nothing_is_due_before_the_first_step(self):
        assert self.due(utc(2026, 1, 15, 20, 29), [False] * 3) is None

    def test_a_step_is_due_from_its_exact_time(self):
        assert self.due(utc(2026, 1, 15, 20, 30), [False] * 3) == 0

    def test_the_earliest_undone_step_stays_due_while_later_ones_come(self):
        assert self.due(utc(2026, 1, 15, 21, 45), [False, False, False]) == 0
        assert self.due(utc(2026, 1, 15, 21, 45), [True, False, False]) == 1

    def test_after_ticking_off_the_due_step_the_next_is_not_due_before_its_time(self):
        assert self.due(utc(2026, 1, 15, 20, 45), [True, False, False]) is None

    def test_steps_done_early_are_passed_over(self):
        assert self.due(utc(2026, 1, 15, 21, 0), [False, True, True]) == 0
        assert self.due(utc(2026, 1, 15, 21, 45), [True, True, False]) == 2

    def test_nothing_is_due_once_everything_is_done(self):
        assert self.due(utc(2026, 1, 15, 23, 0), [True] * 3) is None

    def test_order_is_by_time_not_position(self):
        times = list(reversed(self.times))
        now = utc(2026, 1, 15, 21, 45)
        assert due_step_index(now=now, step_times=times, done=[False] * 3) == 2

    def test_now_in_another_zone_is_the_same_instant(self):
        now = utc(2026, 1, 15, 21, 0).astimezone(BERLIN)  # 22:00 CET
        assert self.due(now, [True, False, False]) == 1

    def test_an_empty_routine_has_nothing_due(self):
        assert due_step_index(now=utc(2026, 1, 15, 21), step_times=[], done=[]) is None

    def test_rejects_mismatched_lengths_and_naive_now(self):
        with pytest.raises(ValueError):
            self.due(utc(2026, 1, 15, 21), [False])
        with pytest.raises(ValueError):
            self.due(datetime(2026, 1, 15, 21), [False] * 3)


class TestSchedule:
    def test_steps_in_the_order_they_happen_with_ties_in_routine_order(self):
        steps = [
            ("teeth", "Brush teeth", 10),
            ("screens", "Screens off", 60),
            ("read", "Read a paper book", 30),
            ("lights", "Dim the lights", 60),
        ]
        tonight = schedule(night=date(2026, 1, 15), tz=BERLIN, bedtime=time(22, 30), steps=steps)
        assert [step.key for step in tonight] == ["screens", "lights", "read", "teeth"]
        assert tonight[0] == ScheduledStep(
            key="screens", title="Screens off", at=utc(2026, 1, 15, 20, 30)
        )
        assert [local(step.at, BERLIN)[1] for step in tonight] == [
            time(21, 30),
            time(21, 30),
            time(22, 0),
            time(22, 20),
        ]

    def test_across_the_spring_forward_gap(self):
        steps = [("bed", "In bed", 0), ("bath", "Warm bath", 90)]
        tonight = schedule(night=date(2026, 3, 28), tz=BERLIN, bedtime=time(3, 30), steps=steps)
        assert [(s.key, s.at) for s in tonight] == [
            ("bath", utc(2026, 3, 29, 0, 0)),
            ("bed", utc(2026, 3, 29, 1, 30)),
        ]

    def test_scheduled_steps_are_immutable(self):
        step = ScheduledStep(key=1, title="Tea", at=utc(2026, 1, 15, 20))
        with pytest.raises(AttributeError):
            step.title = "Coffee"  # type: ignore[misc]


ZONES = [
    BERLIN,
    NEW_YORK,
    ZoneInfo("Australia/Lord_Howe"),
    ZoneInfo("Asia/Kolkata"),
    ZoneInfo("UTC"),
]
nights = st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31))
bedtimes = st.times()
zones = st.sampled_from(ZONES)


@given(night=nights, tz=zones, bedtime=bedtimes)
def test_bedtime_always_falls_within_its_own_night(night, tz, bedtime):
    at = bedtime_for(night=night, tz=tz, bedtime=bedtime)
    assert night_of(at, tz) == night


@given(night=nights, tz=zones, bedtime=bedtimes)
def test_bedtime_shows_as_set_or_pushed_forward_through_a_gap(night, tz, bedtime):
    at = bedtime_for(night=night, tz=tz, bedtime=bedtime)
    day = night if bedtime >= time(12) else night + timedelta(days=1)
    wanted = datetime.combine(day, bedtime)
    shown = at.astimezone(tz).replace(tzinfo=None)
    # Equal except in a spring-forward gap, which none of these zones makes longer than an hour.
    assert timedelta(0) <= shown - wanted <= timedelta(hours=1)


@given(
    night=nights,
    tz=zones,
    bedtime=bedtimes,
    minutes=st.lists(st.integers(min_value=0, max_value=600), max_size=8),
)
def test_schedule_is_ordered_and_counts_real_minutes(night, tz, bedtime, minutes):
    steps = [(index, f"step {index}", m) for index, m in enumerate(minutes)]
    tonight = schedule(night=night, tz=tz, bedtime=bedtime, steps=steps)
    bedtime_at = bedtime_for(night=night, tz=tz, bedtime=bedtime)
    assert [s.at for s in tonight] == sorted(s.at for s in tonight)
    for step in tonight:
        assert bedtime_at - step.at == timedelta(minutes=minutes[step.key])


# --- the schedule's history -------------------------------------------------------------------

EVERY_EVENING = frozenset(range(7))
MON = date(2026, 1, 5)


def test_each_night_is_judged_by_the_period_in_force_then():
    periods = [
        Period(date.min, EVERY_EVENING, True),
        Period(MON + timedelta(days=3), frozenset({5, 6}), True),  # weekends from Thursday
        Period(MON + timedelta(days=6), EVERY_EVENING, False),  # off from Sunday
        Period(MON + timedelta(days=8), frozenset({1}), True),  # Tuesdays from Tuesday
    ]
    nights = nights_on(periods=periods, first=MON, last=MON + timedelta(days=15))
    assert nights == [
        MON,
        MON + timedelta(days=1),
        MON + timedelta(days=2),
        MON + timedelta(days=5),  # Saturday
        MON + timedelta(days=8),  # Tuesday
        MON + timedelta(days=15),  # the next Tuesday
    ]


def test_before_its_first_change_the_first_period_holds():
    periods = [Period(MON + timedelta(days=7), frozenset({0}), True)]
    assert nights_on(periods=periods, first=MON, last=MON + timedelta(days=7)) == [
        MON,
        MON + timedelta(days=7),
    ]


def test_of_two_changes_on_one_night_the_later_holds():
    periods = [
        Period(date.min, EVERY_EVENING, True),
        Period(MON, EVERY_EVENING, False),
        Period(MON, frozenset({0}), True),
    ]
    assert nights_on(periods=periods, first=MON, last=MON + timedelta(days=7)) == [
        MON,
        MON + timedelta(days=7),
    ]


@given(
    st.frozensets(st.integers(min_value=0, max_value=6)),
    st.booleans(),
    st.integers(min_value=0, max_value=60),
)
def test_one_period_is_its_weekdays_when_on_and_nothing_when_off(weekdays, is_on, days):
    nights = nights_on(
        periods=[Period(date.min, weekdays, is_on)], first=MON, last=MON + timedelta(days=days)
    )
    expected = [
        MON + timedelta(days=offset)
        for offset in range(days + 1)
        if is_on and (MON + timedelta(days=offset)).weekday() in weekdays
    ]
    assert nights == expected
