"""Nights and local times.

A diary night of date D runs from noon of D to noon of D+1 in the profile's time zone, so going
to bed at 01:30 on 3 January belongs to the night of 2 January. People type wall-clock times
only; this module turns them into aware UTC datetimes so that every duration computed later is
real elapsed time, including on the two nights a year when the clocks change.

Pure stdlib: no Django here, so the rules can be tested and reused on their own.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

# The night boundary. Clocks change at night, far from noon, so a window's ends always
# exist and are unambiguous.
NIGHT_STARTS_AT = time(12, 0)

_ONE_DAY = timedelta(days=1)

# The morning, when the home page asks about last night instead of offering tonight's routine:
# from 04:00 until the night ends at noon. Before 04:00 people are still in the night (a late
# bedtime, a child awake), and the page keeps showing the evening's checklist.
MORNING_STARTS_AT = time(4, 0)


def _require_aware(moment: datetime, *, name: str = "moment") -> None:
    # A naive datetime would silently be read as server-local time and give a wrong number.
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware, got naive {moment!r}")


def to_local(moment: datetime, tz: ZoneInfo) -> datetime:
    """The same instant as a wall-clock datetime in `tz` (for display and for finding the night)."""
    _require_aware(moment)
    return moment.astimezone(tz)


def night_of(moment: datetime, tz: ZoneInfo) -> date:
    """The night an instant belongs to: its local date, or the day before if before noon."""
    local = to_local(moment, tz)
    if local.time() < NIGHT_STARTS_AT:
        return local.date() - _ONE_DAY
    return local.date()


def is_morning(moment: datetime, tz: ZoneInfo) -> bool:
    """Whether `moment` is in the morning in `tz`: from 04:00 until noon, local time."""
    return MORNING_STARTS_AT <= to_local(moment, tz).time() < NIGHT_STARTS_AT


def local_to_utc(day: date, clock: time, tz: ZoneInfo) -> datetime:
    """The UTC instant at which a wall clock in `tz` shows `clock` on `day`.

    Wall-clock times around a DST change are resolved the way PEP 495 does with ``fold=0``:

    * a time that does not exist (the spring-forward gap) is read with the offset in force
      before the change, i.e. it lands the length of the gap later: 02:30 in Europe/Berlin on
      2026-03-29 becomes 01:30 UTC (03:30 CEST);
    * a time that happens twice (the fall-back hour) is the first occurrence: 02:30 in
      Europe/Berlin on 2026-10-25 becomes 00:30 UTC (still CEST).

    Any tzinfo or fold already on `clock` is ignored so every caller gets the same rule.
    """
    wall = datetime.combine(day, clock.replace(tzinfo=None, fold=0), tzinfo=tz)
    return wall.astimezone(UTC)


def night_window(night: date, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """Aware UTC start and end of a night: noon of `night` to noon of the next day, local time.

    Usually 24 h long; 23 h on the night the clocks spring forward and 25 h when they fall back.
    """
    return (
        local_to_utc(night, NIGHT_STARTS_AT, tz),
        local_to_utc(night + _ONE_DAY, NIGHT_STARTS_AT, tz),
    )


def resolve_night_times(
    night: date, tz: ZoneInfo, clocks: Sequence[time | None]
) -> list[datetime | None]:
    """Place the diary's clock times (into bed, lights out, final wake, out of bed) on real days.

    The first time given is on the night's own date if it is at or after noon, otherwise on the
    next morning. Each later time is on the same day as the previous *given* time unless its
    wall-clock time is earlier, in which case the clock has passed midnight and it is on the next
    day. Blanks ("don't remember") stay None and do not break the chain.

    Returns aware UTC datetimes; see `local_to_utc` for how DST gaps and overlaps are read.
    """
    resolved: list[datetime | None] = []
    day: date | None = None
    previous: time | None = None
    for clock in clocks:
        if clock is None:
            resolved.append(None)
            continue
        # Compare naive wall times: a stray tzinfo on one of them would make `<` raise.
        wall = clock.replace(tzinfo=None, fold=0)
        if day is None:
            day = night if wall >= NIGHT_STARTS_AT else night + _ONE_DAY
        elif previous is not None and wall < previous:
            day += _ONE_DAY
        previous = wall
        resolved.append(local_to_utc(day, wall, tz))
    return resolved


# The diary asks about what was taken during the day before the night and during the night
# itself, so intake clock times belong to a window that starts in the early morning of the
# night's date: coffee at 07:30 is that morning, melatonin at 03:00 is the next.
INTAKE_DAY_STARTS_AT = time(6, 0)


def intake_moment(night: date, clock: time, tz: ZoneInfo) -> datetime:
    """The UTC instant of an intake clock time recorded for a night.

    From 06:00 (inclusive) the time is on the night's own date; earlier times are after
    midnight, on the next day. DST gaps and overlaps are read as in `local_to_utc`.
    """
    wall = clock.replace(tzinfo=None, fold=0)
    day = night if wall >= INTAKE_DAY_STARTS_AT else night + _ONE_DAY
    return local_to_utc(day, wall, tz)


def minutes_between(start: datetime, end: datetime) -> float:
    """Elapsed minutes from `start` to `end` (negative if `end` is earlier).

    Both are converted to UTC first: Python subtracts two datetimes that share one ZoneInfo as
    wall-clock times, which is an hour off across a DST change.
    """
    _require_aware(start, name="start")
    _require_aware(end, name="end")
    return (end.astimezone(UTC) - start.astimezone(UTC)).total_seconds() / 60


def hours_and_minutes(minutes: float) -> str:
    """Minutes as "6 h 45 min", "45 min" or "8 h", rounded to the minute; "−" when negative."""
    total = round(minutes)
    hours, rest = divmod(abs(total), 60)
    sign = "−" if total < 0 else ""
    if not hours:
        return f"{sign}{rest} min"
    if not rest:
        return f"{sign}{hours} h"
    return f"{sign}{hours} h {rest} min"
