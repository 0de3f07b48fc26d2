"""Diary nights for the insights tests, built the way the journal builds them.

`night()` turns clock times into a NightRecord through journal.clock and journal.metrics, the
same path the insights selectors take, so the tests see real windows, real DST lengths and the
metrics a person would get. `nights()` is the hypothesis strategy for ranges of nights.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import strategies as st

from insights.records import NightRecord
from journal.clock import night_window, resolve_night_times
from journal.metrics import NightTimes, compute

BERLIN = "Europe/Berlin"
SPRING_FORWARD = date(2026, 3, 28)  # Europe/Berlin: the night the clocks go 02:00 → 03:00
FALL_BACK = date(2026, 10, 24)  # Europe/Berlin: the night the clocks go 03:00 → 02:00

_SAME = "same"  # into bed at lights out, out of bed at final wake


def night(
    day: date,
    lights_out: str | None = "23:00",
    final_wake: str | None = "07:00",
    *,
    into_bed: str | None = _SAME,
    out_of_bed: str | None = _SAME,
    sol: int | None = 0,
    waso: int | None = 0,
    zone: str = BERLIN,
    quality: int | None = None,
    rested: int | None = None,
    tags: Iterable[str] = (),
    intake: Iterable[str] = (),
    routine_complete: bool | None = None,
) -> NightRecord:
    """The night of `day` from the diary's clock times ("HH:MM", None for blank)."""
    tz = ZoneInfo(zone)
    into_bed = lights_out if into_bed == _SAME else into_bed
    out_of_bed = final_wake if out_of_bed == _SAME else out_of_bed
    clocks = [
        None if clock is None else time.fromisoformat(clock)
        for clock in (into_bed, lights_out, final_wake, out_of_bed)
    ]
    bed, dark, wake, up = resolve_night_times(day, tz, clocks)
    metrics = compute(NightTimes(bed, dark, sol, waso, wake, up))
    start, end = night_window(day, tz)
    return NightRecord(
        date=day,
        window_start=start,
        window_end=end,
        into_bed=bed,
        lights_out=dark,
        final_wake=wake,
        out_of_bed=up,
        sleep_onset=metrics.sleep_onset,
        tst=metrics.total_sleep_time,
        se=metrics.sleep_efficiency,
        sol=metrics.sleep_onset_latency,
        waso=metrics.wake_after_sleep_onset,
        tib=metrics.time_in_bed,
        quality=quality,
        rested=rested,
        tags=frozenset(tags),
        intake=frozenset(intake),
        routine_complete=routine_complete,
        zone_name=zone,
    )


def scored(day: date, *, zone: str = BERLIN, **numbers: object) -> NightRecord:
    """A night with only the given numbers (tst=…, se=…, quality=…, tags=…) and no clock times."""
    start, end = night_window(day, ZoneInfo(zone))
    return NightRecord(date=day, window_start=start, window_end=end, zone_name=zone, **numbers)


# --- Hypothesis -------------------------------------------------------------------------------

ZONES = [BERLIN, "America/New_York", "Australia/Sydney", "UTC"]
# Ranges start near the clock changes so that many examples have a DST night in them.
_STARTS = [SPRING_FORWARD, FALL_BACK, date(2026, 3, 6), date(2026, 10, 30), date(2026, 1, 2)]

_clock = st.builds(time, st.integers(0, 23), st.sampled_from([0, 10, 15, 30, 45, 59]))
_maybe_clock = st.one_of(st.none(), _clock, _clock, _clock)
_minutes = st.one_of(st.none(), st.integers(0, 90))
_rating = st.one_of(st.none(), st.integers(1, 5))


@st.composite
def one_night(draw: st.DrawFn, day: date, zone: str) -> NightRecord:
    """Any night a person could log: any clock times (across midnight or not), any blanks."""

    def text(clock: time | None) -> str | None:
        return None if clock is None else clock.strftime("%H:%M")

    return night(
        day,
        text(draw(_maybe_clock)),
        text(draw(_maybe_clock)),
        into_bed=text(draw(_maybe_clock)),
        out_of_bed=text(draw(_maybe_clock)),
        sol=draw(_minutes),
        waso=draw(_minutes),
        zone=zone,
        quality=draw(_rating),
        rested=draw(_rating),
        tags=draw(st.frozensets(st.sampled_from(["noise", "pain", "heat"]))),
        intake=draw(st.frozensets(st.sampled_from(["coffee", "wine"]))),
        routine_complete=draw(st.sampled_from([None, True, False])),
    )


@st.composite
def nights(draw: st.DrawFn, max_nights: int = 21) -> list[NightRecord]:
    """A range of nights in one zone: gaps, DST nights, blanks and all (possibly none)."""
    zone = draw(st.sampled_from(ZONES))
    first = draw(st.sampled_from(_STARTS)) - timedelta(days=draw(st.integers(0, 7)))
    offsets = draw(st.sets(st.integers(0, max_nights - 1), max_size=max_nights))
    return [draw(one_night(first + timedelta(days=offset), zone)) for offset in sorted(offsets)]
