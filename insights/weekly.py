"""The one-line weekly summary on Tonight and History: the last 7 nights against the 7 before.

Pure: plain `NightRecord`s in, figures out. Blanks are missing, never zero; a week with no
night logged has no figures, and a change needs a figure in both weeks.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from .records import NightRecord
from .regularity import sleep_regularity_index
from .stats import summarize


@dataclass(frozen=True)
class WeekFigures:
    n: int  # nights logged of the 7
    tst: float | None  # mean total sleep, minutes
    se: float | None  # mean sleep efficiency, percent
    sri: float | None  # Sleep Regularity Index over the week's consecutive nights


@dataclass(frozen=True)
class WeeklyLine:
    this_week: WeekFigures
    week_before: WeekFigures

    @property
    def tst_change(self) -> float | None:
        return _change(self.this_week.tst, self.week_before.tst)

    @property
    def se_change(self) -> float | None:
        return _change(self.this_week.se, self.week_before.se)

    @property
    def sri_change(self) -> float | None:
        return _change(self.this_week.sri, self.week_before.sri)

    @property
    def has_changes(self) -> bool:
        return any(c is not None for c in (self.tst_change, self.se_change, self.sri_change))


def _change(now: float | None, before: float | None) -> float | None:
    return None if now is None or before is None else now - before


def _week(records: list[NightRecord], last: date) -> WeekFigures:
    first = last - timedelta(days=6)
    week = [r for r in records if first <= r.date <= last]
    return WeekFigures(
        n=len(week),
        tst=summarize(r.tst for r in week).mean,
        se=summarize(r.se for r in week).mean,
        sri=sleep_regularity_index(week),
    )


def weekly_line(records: Iterable[NightRecord], last_night: date) -> WeeklyLine | None:
    """The 7 nights ending at ``last_night`` against the 7 before; None with no night logged in
    the last 7."""
    records = sorted(records, key=lambda record: record.date)
    this_week = _week(records, last_night)
    if this_week.n == 0:
        return None
    return WeeklyLine(
        this_week=this_week, week_before=_week(records, last_night - timedelta(days=7))
    )
