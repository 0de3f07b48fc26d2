"""Nights as the history page writes them: each night's text worked out once, in Python.

The history shows every night twice (a list for phones, a table for wide screens), with its date,
times, sleep figures and quality in the reader's language and clock. Through the template filters
that was each value written twice, with the language, the clock format and today's date looked
up again for each; here they are looked up once per page and each night's text once. The text
is the filters' own (journal_tags), so a night reads the same here as on every other page.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from config import l10n
from households import clock_format

from . import metrics
from .models import QUALITY_CHOICES, Night

UNKNOWN = "—"


@dataclass(frozen=True, slots=True)
class NightRow:
    night: Night
    link: str  # the night's page
    day: str  # "Thu 15 Jan"
    lights_out: str  # "22:45", or "—"
    final_wake: str
    asleep: str  # "6 h 45 min", or "—"
    efficiency: str  # "83.5 %", or "—"
    quality: str  # "Good", or "—"
    extras: str  # its disturbances and intake, "" when none


def night_rows(
    nights: Iterable[Night],
    *,
    zone: ZoneInfo,
    today: date,
    link: Callable[[int], str],
    extras: Mapping[int, str],
) -> list[NightRow]:
    """A row for each night, in the active language and clock format; `today` decides which
    dates are written with their year, `link` gives a night's URL from its id, `extras` its
    disturbances and intake (selectors.extras_of)."""
    words = l10n.writer()
    clock = clock_format.current()
    qualities = {value: str(label) for value, label in QUALITY_CHOICES}

    def time_of(moment: datetime | None) -> str:
        if moment is None:
            return UNKNOWN
        return clock_format.format_time(moment.astimezone(zone).time(), clock)

    rows = []
    for night in nights:
        # The two figures shown, not every metric (Night.metrics).
        times = night.times()
        asleep, efficiency = metrics.total_sleep_time(times), metrics.sleep_efficiency(times)
        rows.append(
            NightRow(
                night=night,
                link=link(night.pk),
                day=words.night_date(night.date, today=today),
                lights_out=time_of(night.lights_out),
                final_wake=time_of(night.final_wake),
                asleep=UNKNOWN if asleep is None else words.duration(asleep),
                efficiency=UNKNOWN if efficiency is None else f"{words.decimal(efficiency, 1)} %",
                quality=str(qualities.get(night.quality, night.quality) or UNKNOWN),
                extras=extras.get(night.pk, ""),
            )
        )
    return rows
