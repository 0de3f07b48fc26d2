"""Everything an insights page or report shows for one profile and range, from plain records.

Pure: the view maps nights onto `NightRecord`s (insights.selectors) and hands them here; this
module only calls the figures and the chart geometry and bundles the answers for templates.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import date, time, timedelta

from . import figures
from .figures import NightRecord

SUMMARY_ROWS = (
    ("tst", "Total sleep", "duration"),
    ("se", "Sleep efficiency", "percent"),
    ("sol", "Time to fall asleep", "duration"),
    ("waso", "Awake in the night", "duration"),
    ("tib", "Time in bed", "duration"),
    ("quality", "Sleep quality (1–5)", "rating"),
    ("rested", "Rested on waking (1–5)", "rating"),
)


@dataclass(frozen=True)
class SummaryRow:
    key: str
    label: str
    kind: str
    summary: figures.Summary


@dataclass(frozen=True)
class ClockRow:
    label: str
    mean: float | None  # minutes after midnight
    sd: float | None
    n: int


@dataclass
class Report:
    nights: int  # nights in the range
    logged: int
    headline: figures.Headline | None
    summary: list[SummaryRow]
    sri: float | None
    clocks: list[ClockRow]
    jet_lag: figures.SocialJetLag | None
    weekdays: list
    routines: figures.RoutineGroups
    comparisons: list
    window: figures.SleepWindow | None
    window_history: list = field(default_factory=list)


def _clock_row(label: str, moments: Sequence[tuple]) -> ClockRow:
    minutes = [figures.clock_minutes(moment, zone) for moment, zone in moments]
    mean, sd = figures.circular_mean_and_sd(minutes)
    return ClockRow(label=label, mean=mean, sd=sd, n=len(minutes))


def _mid_sleep(record: NightRecord):
    return record.sleep_onset + (record.final_wake - record.sleep_onset) / 2


def build(
    records: Sequence[NightRecord],
    *,
    earlier: Sequence[NightRecord],
    start: date,
    end: date,
    work_days: Collection[int],
    usual_wake: time,
) -> Report:
    """``records`` are the range's nights; ``earlier`` the same plus the week before the range
    (the headline compares the range's last week with the one before)."""
    slept = [r for r in records if r.sleep_onset is not None and r.final_wake is not None]
    return Report(
        nights=(end - start).days + 1,
        logged=len(records),
        headline=figures.week_over_week(earlier, end),
        summary=[
            SummaryRow(key, label, kind, figures.summarize(getattr(r, key) for r in records))
            for key, label, kind in SUMMARY_ROWS
        ],
        sri=figures.sleep_regularity_index(records),
        clocks=[
            _clock_row("Fell asleep", [(r.sleep_onset, r.zone_name) for r in slept]),
            _clock_row("Woke up", [(r.final_wake, r.zone_name) for r in slept]),
            _clock_row("Mid-sleep", [(_mid_sleep(r), r.zone_name) for r in slept]),
        ],
        jet_lag=figures.social_jet_lag(records, work_days),
        weekdays=figures.weekday_pattern(records),
        routines=figures.routine_groups(records),
        comparisons=figures.tag_comparisons(records),
        window=figures.sleep_window(records, usual_wake),
        window_history=figures.sleep_window_history(records, usual_wake),
    )


def week_before(start: date) -> date:
    return start - timedelta(days=7)
