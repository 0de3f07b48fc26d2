"""Which nights an insights page covers: the last N nights, or dates the person picks.

Pure: the view passes the night under way and the raw query values; nothing here raises on bad
input, it answers a range and, when the input could not be used, a message saying why.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext

PRESETS = (7, 14, 30, 90, 365)
DEFAULT_PRESET = 30
EARLIEST = date(1970, 1, 1)
LONGEST = 10 * 366  # nights in a custom range


@dataclass(frozen=True)
class NightRange:
    start: date
    end: date
    preset: int | None  # None for custom dates
    problem: str = ""  # why the request's own range was not used

    @property
    def nights(self) -> int:
        return (self.end - self.start).days + 1


def _parse(raw: str | None) -> date | None:
    try:
        return date.fromisoformat(raw) if raw else None
    except ValueError:
        return None


def pick_range(
    *,
    last_night: date,
    preset: str | None,
    start: str | None,
    end: str | None,
    default: int = DEFAULT_PRESET,
) -> NightRange:
    """The range asked for, ending at ``last_night`` at the latest (the last night that may be
    logged). Unusable input falls back to the default preset with a problem to show."""
    if start or end:
        first, last = _parse(start), _parse(end)
        problem = ""
        if first is None or last is None:
            problem = gettext("Pick both dates as YYYY-MM-DD.")
        elif last < first:
            problem = gettext("The range ends before it starts.")
        elif first < EARLIEST:
            problem = gettext("Pick a start from 1970 on.")
        elif first > last_night:
            problem = gettext("That range has not begun yet.")
        elif (min(last, last_night) - first).days + 1 > LONGEST:
            problem = gettext("Pick at most ten years.")
        if not problem:
            return NightRange(start=first, end=min(last, last_night), preset=None)
        return _preset_range(last_night, default, problem)
    try:
        nights = int(preset) if preset else default
    except ValueError:
        nights = default
    if nights not in PRESETS:
        return _preset_range(last_night, default, gettext("Pick one of the ranges offered."))
    return _preset_range(last_night, nights, "")


def _preset_range(last_night: date, nights: int, problem: str) -> NightRange:
    return NightRange(
        start=last_night - timedelta(days=nights - 1),
        end=last_night,
        preset=nights,
        problem=problem,
    )
