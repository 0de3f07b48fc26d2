"""The sleep-window worksheet: the arithmetic CBT-i sleep restriction uses (docs/sleep-metrics.md).

Over the last 7 logged nights, mean TST and mean SE; the window is a time in bed as long as the
mean TST, never shorter than 5 hours (the safety floor programmes use), ending at the usual wake
time. These are figures to discuss with a clinician, never advice: sleep restriction is done
with a clinician's guidance.

Pure stdlib: no Django here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, time, timedelta

from insights.records import MINUTES_PER_DAY, NightRecord
from insights.stats import mean

WINDOW_NIGHTS = 7
# The shortest window programmes allow, in minutes.
MIN_WINDOW = 5 * 60


@dataclass(frozen=True)
class SleepWindow:
    """The worksheet's figures. `window_minutes` is unrounded; the clock times are to the minute."""

    n: int  # nights with a TST behind the figures (at most 7)
    mean_tst: float
    mean_se: float | None  # None when none of the nights has an SE
    window_minutes: float  # max(mean TST, 5 h)
    start: time  # end − window, wrapping past midnight
    end: time  # the usual wake time

    @property
    def at_floor(self) -> bool:
        """Whether the 5-hour floor, not the mean TST, set the window's length."""
        return self.mean_tst < MIN_WINDOW


def _window(tst_nights: list[NightRecord], usual_wake: time) -> SleepWindow:
    mean_tst = mean(night.tst for night in tst_nights)
    assert mean_tst is not None
    window = max(mean_tst, float(MIN_WINDOW))
    end = usual_wake.replace(second=0, microsecond=0, tzinfo=None, fold=0)
    start_minutes = round(end.hour * 60 + end.minute - window) % MINUTES_PER_DAY
    return SleepWindow(
        n=len(tst_nights),
        mean_tst=mean_tst,
        mean_se=mean(night.se for night in tst_nights),
        window_minutes=window,
        start=time(*divmod(start_minutes, 60)),
        end=end,
    )


def sleep_window(nights: Iterable[NightRecord], usual_wake: time) -> SleepWindow | None:
    """The window from the last 7 logged nights (by date) that have a TST; None if none has."""
    with_tst = sorted((night for night in nights if night.tst is not None), key=lambda n: n.date)
    if not with_tst:
        return None
    return _window(with_tst[-WINDOW_NIGHTS:], usual_wake)


@dataclass(frozen=True)
class WeekRow:
    """One calendar week of the worksheet's history."""

    week_start: date  # first night of the block
    week_end: date  # last night of the block (week_start + 6)
    n: int  # nights with a TST in the block
    mean_tst: float
    mean_se: float | None
    window: SleepWindow


def sleep_window_history(nights: Iterable[NightRecord], usual_wake: time) -> list[WeekRow]:
    """The worksheet week by week, newest first.

    Blocks of 7 consecutive dates ending at the newest night with a TST, then the 7 before, and
    so on back to the oldest. A block without any night with a TST has no row. (The newest row
    covers 7 calendar nights, so after a gap it can differ from `sleep_window`, which takes the
    last 7 logged nights however far apart.)
    """
    with_tst = [night for night in nights if night.tst is not None]
    if not with_tst:
        return []
    newest = max(night.date for night in with_tst)
    blocks: dict[int, list[NightRecord]] = {}
    for night in with_tst:
        blocks.setdefault((newest - night.date).days // WINDOW_NIGHTS, []).append(night)
    rows = []
    for index in sorted(blocks):
        window = _window(blocks[index], usual_wake)
        week_end = newest - timedelta(days=index * WINDOW_NIGHTS)
        rows.append(
            WeekRow(
                week_start=week_end - timedelta(days=WINDOW_NIGHTS - 1),
                week_end=week_end,
                n=window.n,
                mean_tst=window.mean_tst,
                mean_se=window.mean_se,
                window=window,
            )
        )
    return rows
