"""Everything an insights page or report shows for one profile and range, from plain records.

Pure: the view maps nights onto `NightRecord`s (insights.selectors) and hands them here; this
module only calls the figures and bundles the answers for templates.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import date, time

from . import comparisons, regularity, stats, trends, worksheet
from .records import NightRecord

SUMMARY_ROWS = (
    ("tst", "Total sleep", "duration"),
    ("se", "Sleep efficiency", "percent"),
    ("sol", "Time to fall asleep", "duration"),
    ("waso", "Awake in the night", "duration"),
    ("tib", "Time in bed", "duration"),
    ("quality", "Sleep quality (1–5)", "rating"),
    ("rested", "Rested on waking (1–5)", "rating"),
)
OUTCOMES = (
    ("tst", "Total sleep", "duration"),
    ("se", "Sleep efficiency", "percent"),
    ("sol", "Time to fall asleep", "duration"),
    ("quality", "Sleep quality", "rating"),
)


@dataclass(frozen=True)
class SummaryRow:
    key: str
    label: str
    kind: str
    summary: stats.Summary


@dataclass(frozen=True)
class ClockRow:
    label: str
    figures: regularity.ClockSummary


@dataclass(frozen=True)
class RoutineRow:
    label: str
    group: comparisons.RoutineGroup


@dataclass(frozen=True)
class OutcomeRow:
    label: str
    kind: str
    comparison: comparisons.Comparison | None


@dataclass(frozen=True)
class TagRow:
    kind: str  # "disturbance" or "intake"
    name: str
    n_with: int
    n_without: int
    outcomes: list[OutcomeRow]


@dataclass
class Report:
    nights: int  # nights in the range
    logged: int
    headline: trends.Headline | None
    summary: list[SummaryRow]
    sri: float | None
    clocks: list[ClockRow]
    jet_lag: regularity.SocialJetLag | None
    weekdays: list[trends.WeekdayRow]
    routines: list[RoutineRow]
    routine_nights: int  # nights a routine ran
    tags: list[TagRow]
    window: worksheet.SleepWindow | None
    window_history: list[worksheet.WeekRow] = field(default_factory=list)
    minimum_nights: int = comparisons.MIN_NIGHTS


def build(
    records: Sequence[NightRecord],
    *,
    earlier: Sequence[NightRecord],
    start: date,
    end: date,
    work_days: Collection[int],
    usual_wake: time,
) -> Report:
    """``records`` are the range's nights, oldest first; ``earlier`` the same plus the week
    before the range, so that the headline can compare the range's last week with the one
    before even when the range is a week long."""
    clocks = regularity.clock_time_variability(records)
    groups = comparisons.routine_groups(records)
    return Report(
        nights=(end - start).days + 1,
        logged=len(records),
        headline=trends.week_over_week(earlier, end),
        summary=[
            SummaryRow(key, label, kind, stats.summarize(getattr(r, key) for r in records))
            for key, label, kind in SUMMARY_ROWS
        ],
        sri=regularity.sleep_regularity_index(records),
        clocks=[
            ClockRow("Fell asleep", clocks.sleep_onset),
            ClockRow("Woke up", clocks.final_wake),
            ClockRow("Mid-sleep", clocks.mid_sleep),
        ],
        jet_lag=regularity.social_jet_lag(records, work_days),
        weekdays=trends.weekday_pattern(records),
        routines=[
            RoutineRow("Routine complete", groups.complete),
            RoutineRow("Not complete", groups.incomplete),
        ],
        routine_nights=groups.complete.n + groups.incomplete.n,
        tags=[
            TagRow(
                kind=tag.kind,
                name=tag.name,
                n_with=tag.n_with,
                n_without=tag.n_without,
                outcomes=[
                    OutcomeRow(label, kind, tag.outcomes.get(key)) for key, label, kind in OUTCOMES
                ],
            )
            for tag in comparisons.tag_comparisons(records)
        ],
        window=worksheet.sleep_window(records, usual_wake),
        window_history=worksheet.sleep_window_history(records, usual_wake),
    )
