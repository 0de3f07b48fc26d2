"""When tonight's wind-down steps happen.

A night of date D runs from noon of D to noon of D+1 in the profile's time zone (the Consensus
Sleep Diary convention, see docs/sleep-metrics.md), so a 00:30 bedtime belongs to the night that
began the evening before.

Every instant this module returns is an aware datetime in UTC. Arithmetic is done in UTC on
purpose: two aware datetimes sharing one ``ZoneInfo`` add and subtract as wall-clock times in
Python, which is wrong on the nights the clocks change. Callers convert to the profile's zone only
for display.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Collection, Hashable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import NamedTuple
from zoneinfo import ZoneInfo

from journal.clock import NIGHT_STARTS_AT, local_to_utc

# How long after bedtime a step left undone is still nudged as "Due now". Past that the evening
# is over: a forgotten bath is not "due" at midnight, nor the next morning.
GRACE_AFTER_BEDTIME = timedelta(minutes=60)

# Weekday numbers throughout follow date.weekday() (Monday=0). Which night an instant belongs to
# is journal.clock.night_of: one rule for the whole app.


def _require_aware(value: datetime, *, name: str) -> None:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name} must be an aware datetime, got {value!r}")


def bedtime_for(*, night: date, tz: ZoneInfo, bedtime: time) -> datetime:
    """The UTC instant of the target bedtime on the night of ``night``.

    A bedtime from 12:00 on is on the evening of ``night``; an earlier one (say 00:30) is after
    midnight, on the next calendar day, but still the same night.

    On the nights the clocks change the wall-clock time may not exist or may occur twice. Both
    resolve as PEP 495 ``fold=0`` does: a time in the spring-forward gap is read with the offset
    from before the change, which lands it as far past the gap as it was into it (02:30 in
    Europe/Berlin on 2026-03-29 is 03:30 CEST); an ambiguous time in the fall-back hour takes its
    first occurrence (summer time).
    """
    if bedtime.tzinfo is not None:
        raise ValueError("bedtime is a wall-clock time; pass it without tzinfo")
    day = night if bedtime >= NIGHT_STARTS_AT else night + timedelta(days=1)
    # journal.clock.local_to_utc applies exactly the fold=0 rule above (and ignores a fold).
    return local_to_utc(day, bedtime, tz)


def step_time(*, bedtime_at: datetime, minutes_before: int) -> datetime:
    """The UTC instant ``minutes_before`` real minutes before ``bedtime_at``.

    Across a clock change the displayed interval differs: 90 minutes before a 03:30 bedtime on the
    spring-forward night in Berlin shows as 01:00, because an hour of wall clock never happened.
    The person still gets their full 90 minutes.
    """
    _require_aware(bedtime_at, name="bedtime_at")
    if minutes_before < 0:
        raise ValueError(f"minutes_before must be ≥ 0, got {minutes_before}")
    return bedtime_at.astimezone(UTC) - timedelta(minutes=minutes_before)


def bedtime_on(
    *,
    night: date,
    default: time,
    alternate: time | None,
    alternate_weekdays: Collection[int],
) -> time:
    """The bedtime that applies on ``night``.

    ``alternate_weekdays`` are weekday numbers (Monday=0) of the night's own date D, i.e. of the
    evening: a later bedtime "on Friday and Saturday" means the nights that begin on those
    evenings, which are the ones before a free day.
    """
    if alternate is not None and night.weekday() in alternate_weekdays:
        return alternate
    return default


def is_active(*, night: date, weekdays: Collection[int]) -> bool:
    """Whether a routine active on ``weekdays`` (Monday=0, of the evening) runs on ``night``."""
    return night.weekday() in weekdays


class Period(NamedTuple):
    """From the night ``from_night`` on (until the next period), a routine ran on ``weekdays``
    if it was on."""

    from_night: date
    weekdays: frozenset[int]
    is_on: bool


def nights_on(*, periods: Sequence[Period], first: date, last: date) -> list[date]:
    """The nights from ``first`` to ``last`` a routine ran, each judged by the period in force.

    ``periods`` are in the order they were made; of two that start on the same night the later
    one holds (a change made twice in one evening ends as the second). Before the first period's
    night the first period holds. Runs in time proportional to the nights asked for.
    """
    if not periods or first > last:
        return []
    ordered = sorted(enumerate(periods), key=lambda pair: (pair[1].from_night, pair[0]))
    starts = [period.from_night for _, period in ordered]
    index = max(0, bisect_right(starts, first) - 1)
    nights = []
    night = first
    while night <= last:
        while index + 1 < len(ordered) and starts[index + 1] <= night:
            index += 1
        period = ordered[index][1]
        if period.is_on and night.weekday() in period.weekdays:
            nights.append(night)
        night += timedelta(days=1)
    return nights


def due_step_index(
    *,
    now: datetime,
    step_times: Sequence[datetime],
    done: Sequence[bool],
    until: datetime | None = None,
) -> int | None:
    """The index of the step to nudge the person about right now, or None.

    That is the earliest step whose time has come (``at <= now``) and that is not done yet. An
    overdue step stays due until it is ticked off, even after later steps' times have passed:
    the checklist points at what was left behind rather than silently moving on. When no undone
    step's time has come (too early, or everything due is done) there is nothing due.

    The earliest is taken by time, ties by position, so ``step_times`` need not be sorted. Whether
    ``now`` still falls within the night is the caller's concern; after ``until`` (bedtime plus
    `GRACE_AFTER_BEDTIME`, see `due_until`) nothing is due any more.
    """
    if len(step_times) != len(done):
        raise ValueError(f"step_times and done differ in length ({len(step_times)} vs {len(done)})")
    _require_aware(now, name="now")
    if until is not None and now > until:
        return None
    due = [
        (at, index)
        for index, (at, is_done) in enumerate(zip(step_times, done, strict=True))
        if not is_done and at <= now
    ]
    if not due:
        return None
    return min(due)[1]


def due_until(bedtime_at: datetime) -> datetime:
    """The last instant a step of the night with this bedtime is still "Due now"."""
    _require_aware(bedtime_at, name="bedtime_at")
    return bedtime_at.astimezone(UTC) + GRACE_AFTER_BEDTIME


@dataclass(frozen=True)
class ScheduledStep:
    """One step of tonight's checklist, placed in time.

    ``key`` is whatever identifies the step to the caller (a primary key, a slug). ``at`` is in
    UTC; convert it to the profile's zone for display.
    """

    key: Hashable
    title: str
    at: datetime


def schedule(
    *,
    night: date,
    tz: ZoneInfo,
    bedtime: time,
    steps: Sequence[tuple[Hashable, str, int]],
) -> list[ScheduledStep]:
    """Tonight's steps, given as ``(key, title, minutes_before)``, in the order they happen.

    Steps further from bedtime come first. Steps at the same time keep the order the routine
    lists them in, since that order is the person's own.
    """
    bedtime_at = bedtime_for(night=night, tz=tz, bedtime=bedtime)
    # sorted() is stable, so equal offsets keep the routine's order.
    ordered = sorted(steps, key=lambda step: -step[2])
    return [
        ScheduledStep(
            key=key,
            title=title,
            at=step_time(bedtime_at=bedtime_at, minutes_before=minutes_before),
        )
        for key, title, minutes_before in ordered
    ]
