"""Nights run noon to noon in the profile's zone, and diary clock times land on real days."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journal.clock import (
    intake_moment,
    local_to_utc,
    minutes_between,
    night_of,
    night_window,
    resolve_night_times,
    to_local,
)

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
SYDNEY = ZoneInfo("Australia/Sydney")
LORD_HOWE = ZoneInfo("Australia/Lord_Howe")  # DST shifts by only 30 minutes


def local(tz: ZoneInfo, *args: int, fold: int = 0) -> datetime:
    return datetime(*args, tzinfo=tz, fold=fold)


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


# --- night_of -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("wall", "night"),
    [
        ((2026, 1, 2, 12, 0), date(2026, 1, 2)),  # noon starts the night
        ((2026, 1, 2, 11, 59), date(2026, 1, 1)),  # just before noon: still last night
        ((2026, 1, 2, 23, 59), date(2026, 1, 2)),
        ((2026, 1, 3, 0, 0), date(2026, 1, 2)),  # midnight doesn't start a new night
        ((2026, 1, 3, 1, 30), date(2026, 1, 2)),  # the brief's example
        ((2026, 1, 3, 11, 59, 59), date(2026, 1, 2)),
        ((2026, 1, 1, 0, 30), date(2025, 12, 31)),  # across a year boundary
        ((2026, 3, 1, 6, 0), date(2026, 2, 28)),  # across a month boundary
    ],
)
def test_night_of_uses_noon_as_the_boundary(wall: tuple[int, ...], night: date) -> None:
    assert night_of(local(BERLIN, *wall), BERLIN) == night


def test_night_of_reads_the_instant_in_the_profiles_zone() -> None:
    # 03:00 UTC is 04:00 in Berlin (last night) but 22:00 the previous evening in New York.
    moment = utc(2026, 1, 3, 3, 0)
    assert night_of(moment, BERLIN) == date(2026, 1, 2)
    assert night_of(moment, NEW_YORK) == date(2026, 1, 2)
    # 12:30 UTC is 13:30 in Berlin (a new night) but still morning in New York.
    moment = utc(2026, 1, 3, 12, 30)
    assert night_of(moment, BERLIN) == date(2026, 1, 3)
    assert night_of(moment, NEW_YORK) == date(2026, 1, 2)


@pytest.mark.parametrize(
    ("wall", "fold", "night"),
    [
        ((2026, 3, 29, 3, 30), 0, date(2026, 3, 28)),  # just after spring forward
        ((2026, 3, 29, 11, 59), 0, date(2026, 3, 28)),
        ((2026, 3, 29, 12, 0), 0, date(2026, 3, 29)),
        ((2026, 10, 25, 2, 30), 0, date(2026, 10, 24)),  # first 02:30 of the fall-back night
        ((2026, 10, 25, 2, 30), 1, date(2026, 10, 24)),  # and the second
        ((2026, 10, 25, 12, 0), 0, date(2026, 10, 25)),
    ],
)
def test_night_of_across_dst(wall: tuple[int, ...], fold: int, night: date) -> None:
    assert night_of(local(BERLIN, *wall, fold=fold), BERLIN) == night


def test_night_of_rejects_naive_datetimes() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        night_of(datetime(2026, 1, 3, 1, 30), BERLIN)


# --- night_window ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tz", "night", "hours"),
    [
        (BERLIN, date(2026, 1, 2), 24),
        (BERLIN, date(2026, 3, 28), 23),  # clocks spring forward on the 29th
        (BERLIN, date(2026, 3, 29), 24),
        (BERLIN, date(2026, 10, 24), 25),  # clocks fall back on the 25th
        (NEW_YORK, date(2026, 3, 7), 23),
        (NEW_YORK, date(2026, 10, 31), 25),
        (SYDNEY, date(2026, 4, 4), 25),  # southern hemisphere: autumn in April
        (SYDNEY, date(2026, 10, 3), 23),
        (LORD_HOWE, date(2026, 10, 3), 23.5),
        (ZoneInfo("UTC"), date(2026, 3, 28), 24),
    ],
)
def test_night_window_has_its_real_length(tz: ZoneInfo, night: date, hours: float) -> None:
    start, end = night_window(night, tz)
    assert end - start == timedelta(hours=hours)


def test_night_window_runs_noon_to_noon_local_and_is_utc() -> None:
    start, end = night_window(date(2026, 3, 28), BERLIN)
    assert start == utc(2026, 3, 28, 11, 0)  # noon CET
    assert end == utc(2026, 3, 29, 10, 0)  # noon CEST
    assert start.tzinfo is UTC and end.tzinfo is UTC
    assert to_local(start, BERLIN).time() == time(12, 0)
    assert to_local(end, BERLIN).time() == time(12, 0)


def test_consecutive_night_windows_tile_time() -> None:
    night = date(2026, 3, 20)
    for _ in range(20):
        assert night_window(night, BERLIN)[1] == night_window(night + timedelta(days=1), BERLIN)[0]
        night += timedelta(days=1)


# --- local_to_utc ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tz", "day", "clock", "expected"),
    [
        (BERLIN, date(2026, 1, 2), time(22, 45), utc(2026, 1, 2, 21, 45)),
        (BERLIN, date(2026, 7, 2), time(22, 45), utc(2026, 7, 2, 20, 45)),
        # Spring-forward gap: 02:30 doesn't exist; fold=0 reads it as 02:30 CET = 03:30 CEST.
        (BERLIN, date(2026, 3, 29), time(2, 30), utc(2026, 3, 29, 1, 30)),
        (BERLIN, date(2026, 3, 29), time(3, 0), utc(2026, 3, 29, 1, 0)),
        # Fall-back overlap: 02:30 happens twice; the first (CEST) one is taken.
        (BERLIN, date(2026, 10, 25), time(2, 30), utc(2026, 10, 25, 0, 30)),
        (NEW_YORK, date(2026, 3, 8), time(2, 30), utc(2026, 3, 8, 7, 30)),  # gap
        (NEW_YORK, date(2026, 11, 1), time(1, 30), utc(2026, 11, 1, 5, 30)),  # first of two
    ],
)
def test_local_to_utc(tz: ZoneInfo, day: date, clock: time, expected: datetime) -> None:
    result = local_to_utc(day, clock, tz)
    assert result == expected
    assert result.tzinfo is UTC


def test_local_to_utc_ignores_a_fold_on_the_clock_time() -> None:
    # One rule for everyone: even a time marked as the second occurrence resolves to the first.
    assert local_to_utc(date(2026, 10, 25), time(2, 30, fold=1), BERLIN) == utc(2026, 10, 25, 0, 30)


# --- resolve_night_times --------------------------------------------------------------------


def resolved_wall_times(night: date, clocks: list[time | None]) -> list[datetime | None]:
    return [
        None if moment is None else to_local(moment, BERLIN).replace(tzinfo=None)
        for moment in resolve_night_times(night, BERLIN, clocks)
    ]


@pytest.mark.parametrize(
    ("clocks", "expected"),
    [
        pytest.param(
            [time(22, 45), time(23, 0), time(6, 30), time(6, 50)],
            [(2, 22, 45), (2, 23, 0), (3, 6, 30), (3, 6, 50)],
            id="crossing-midnight",
        ),
        pytest.param(
            [time(1, 30), time(1, 40), time(9, 0), time(9, 10)],
            [(3, 1, 30), (3, 1, 40), (3, 9, 0), (3, 9, 10)],
            id="after-midnight-bedtime",
        ),
        pytest.param(
            [time(21, 0), None, time(7, 0), None],
            [(2, 21, 0), None, (3, 7, 0), None],
            id="blanks-skip",
        ),
        pytest.param(
            [None, time(0, 15), time(7, 0), time(7, 0)],
            [None, (3, 0, 15), (3, 7, 0), (3, 7, 0)],
            id="first-given-is-after-midnight",
        ),
        pytest.param(
            [time(12, 0), time(12, 0), time(11, 59), None],
            [(2, 12, 0), (2, 12, 0), (3, 11, 59), None],
            id="noon-is-evening-and-equal-times-stay-on-the-day",
        ),
        pytest.param(
            [time(23, 0), None, None, time(8, 0)],
            [(2, 23, 0), None, None, (3, 8, 0)],
            id="only-bed-times",
        ),
        pytest.param([None, None, None, None], [None, None, None, None], id="all-blank"),
        pytest.param([], [], id="nothing"),
    ],
)
def test_resolve_night_times(clocks: list[time | None], expected: list[tuple | None]) -> None:
    wall = [None if e is None else datetime(2026, 1, e[0], e[1], e[2]) for e in expected]
    assert resolved_wall_times(date(2026, 1, 2), clocks) == wall


def test_resolve_night_times_returns_aware_utc() -> None:
    resolved = resolve_night_times(date(2026, 1, 2), BERLIN, [time(22, 45), None, time(6, 30)])
    assert resolved == [utc(2026, 1, 2, 21, 45), None, utc(2026, 1, 3, 5, 30)]
    assert all(moment.tzinfo is UTC for moment in resolved if moment is not None)


def test_resolve_night_times_over_a_dst_gap() -> None:
    resolved = resolve_night_times(date(2026, 3, 28), BERLIN, [time(23, 0), time(2, 30)])
    # 02:30 doesn't exist that night: it's read as 03:30 CEST, an hour and a half after 01:00 UTC.
    assert resolved == [utc(2026, 3, 28, 22, 0), utc(2026, 3, 29, 1, 30)]


def test_resolve_night_times_over_a_dst_overlap() -> None:
    resolved = resolve_night_times(date(2026, 10, 24), BERLIN, [time(2, 30), time(2, 45)])
    assert resolved == [utc(2026, 10, 25, 0, 30), utc(2026, 10, 25, 0, 45)]  # both CEST


def exists(day: date, clock: time, tz: ZoneInfo) -> bool:
    wall = datetime.combine(day, clock, tzinfo=tz)
    return wall.astimezone(UTC).astimezone(tz).replace(tzinfo=None) == wall.replace(tzinfo=None)


@settings(max_examples=200, deadline=None)
@given(
    night=st.dates(min_value=date(2000, 1, 1), max_value=date(2037, 12, 31)),
    tz=st.sampled_from([BERLIN, NEW_YORK, SYDNEY, LORD_HOWE]),
    clocks=st.lists(st.none() | st.times(), max_size=4),
)
def test_resolved_times_follow_the_next_day_rule(
    night: date, tz: ZoneInfo, clocks: list[time | None]
) -> None:
    resolved = resolve_night_times(night, tz, clocks)
    assert [moment is None for moment in resolved] == [clock is None for clock in clocks]
    window_start, _ = night_window(night, tz)
    previous: tuple[time, date] | None = None
    for clock, moment in zip(clocks, resolved, strict=True):
        if clock is None or moment is None:
            continue
        assert moment.tzinfo is UTC
        assert moment >= window_start
        wall = to_local(moment, tz)
        # The clock time comes back unchanged, unless it fell in a DST gap (those shift forward;
        # in these zones the gap is at 02:00, so the date is unaffected).
        assert wall.time() == clock or not exists(wall.date(), clock, tz)
        if previous is None:
            assert wall.date() == (night if clock >= time(12) else night + timedelta(days=1))
        else:
            previous_clock, previous_day = previous
            days_later = 1 if clock < previous_clock else 0
            assert wall.date() == previous_day + timedelta(days=days_later)
        previous = (clock, wall.date())


# --- minutes_between ------------------------------------------------------------------------


def test_minutes_between_subtracts_in_utc_across_dst() -> None:
    into_bed = local(BERLIN, 2026, 3, 28, 23, 0)
    out_of_bed = local(BERLIN, 2026, 3, 29, 7, 0)
    # Same ZoneInfo on both: Python alone would say 8 hours of wall-clock time.
    assert (out_of_bed - into_bed) == timedelta(hours=8)
    assert minutes_between(into_bed, out_of_bed) == 420


@pytest.mark.parametrize(
    ("start", "end", "minutes"),
    [
        (local(BERLIN, 2026, 1, 2, 22, 45), local(BERLIN, 2026, 1, 3, 6, 50), 485),
        (local(BERLIN, 2026, 10, 24, 23, 0), local(BERLIN, 2026, 10, 25, 7, 0), 540),
        (local(BERLIN, 2026, 1, 3, 6, 50), local(BERLIN, 2026, 1, 2, 22, 45), -485),
        (utc(2026, 1, 1, 0, 0), local(NEW_YORK, 2026, 1, 1, 0, 0), 300),  # mixed zones
        (utc(2026, 1, 1, 0, 0), utc(2026, 1, 1, 0, 0, 30), 0.5),
    ],
)
def test_minutes_between(start: datetime, end: datetime, minutes: float) -> None:
    assert minutes_between(start, end) == minutes


def test_minutes_between_rejects_naive_datetimes() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        minutes_between(datetime(2026, 1, 1), utc(2026, 1, 1))


# --- intake_moment --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("clock", "expected"),
    [
        (time(7, 30), local(BERLIN, 2026, 1, 2, 7, 30)),  # the morning before the night
        (time(15, 0), local(BERLIN, 2026, 1, 2, 15, 0)),
        (time(23, 30), local(BERLIN, 2026, 1, 2, 23, 30)),
        (time(0, 30), local(BERLIN, 2026, 1, 3, 0, 30)),  # after midnight: the next day
        (time(5, 59), local(BERLIN, 2026, 1, 3, 5, 59)),
        (time(6, 0), local(BERLIN, 2026, 1, 2, 6, 0)),
    ],
)
def test_intake_moment_puts_the_day_before_and_the_night_together(
    clock: time, expected: datetime
) -> None:
    moment = intake_moment(date(2026, 1, 2), clock, BERLIN)
    assert moment == expected
    assert moment.tzinfo is UTC
