"""Everything an insights page or report shows for one profile and range, from plain records.

Pure: the view maps nights onto `NightRecord`s (insights.selectors) and hands them here; this
module only calls the figures and bundles the answers for templates.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, time, timedelta

from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from config import l10n
from journal import wording

from . import charts as chart_geometry
from . import comparisons, regularity, stats, trends, worksheet
from .records import NightRecord

SUMMARY_ROWS = (
    ("tst", pgettext_lazy("summary row", "Asleep"), "duration"),
    ("se", pgettext_lazy("summary row", "Efficiency"), "percent"),
    ("sol", pgettext_lazy("summary row", "To fall asleep"), "duration"),
    ("waso", pgettext_lazy("summary row", "Awake at night"), "duration"),
    ("tib", pgettext_lazy("summary row", "In bed"), "duration"),
    ("quality", _("Quality (1–5)"), "rating"),
    ("rested", _("Rested (1–5)"), "rating"),
)
OUTCOMES = (
    ("tst", _("Total sleep"), "duration"),
    ("se", _("Sleep efficiency"), "percent"),
    ("sol", _("Time to fall asleep"), "duration"),
    ("quality", _("Sleep quality"), "rating"),
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

    @property
    def comparable(self) -> bool:
        return any(outcome.comparison is not None for outcome in self.outcomes)


@dataclass(frozen=True)
class Adherence:
    """How the routines went over the range's nights, logged or not."""

    ran: int  # nights a routine ran
    complete: int  # of those, nights every step not skipped was done
    mean_share: float | None  # mean share of steps done (None: nothing expected)

    @property
    def percent_complete(self) -> int | None:
        return round(100 * self.complete / self.ran) if self.ran else None


def adherence(routine_shares: Mapping[date, float | None], start: date, end: date) -> Adherence:
    shares = [share for night, share in routine_shares.items() if start <= night <= end]
    return Adherence(
        ran=len(shares),
        complete=sum(share == 1 for share in shares),
        mean_share=stats.mean(shares),
    )


@dataclass
class Report:
    nights: int  # nights in the range
    logged: int
    headline: trends.Headline | None
    headline_sentences: list[str]
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
    adherence: Adherence | None = None
    minimum_nights: int = comparisons.MIN_NIGHTS


def build(
    records: Sequence[NightRecord],
    *,
    earlier: Sequence[NightRecord],
    start: date,
    end: date,
    work_days: Collection[int],
    usual_wake: time,
    routine_shares: Mapping[date, float | None],
    subject: str = "You",
) -> Report:
    """``records`` are the range's nights, oldest first; ``earlier`` the same plus the week
    before the range, so that the headline can compare the range's last week with the one
    before even when the range is a week long."""
    clocks = regularity.clock_time_variability(records)
    groups = comparisons.routine_groups(records)
    headline = trends.week_over_week(earlier, end)
    # The outcomes' names once for every entry's table, not once for each of its rows.
    outcomes = [(key, str(label), kind) for key, label, kind in OUTCOMES]
    return Report(
        nights=(end - start).days + 1,
        logged=len(records),
        headline=headline,
        headline_sentences=headline.sentences(subject) if headline else [],
        summary=[
            SummaryRow(key, label, kind, stats.summarize(getattr(r, key) for r in records))
            for key, label, kind in SUMMARY_ROWS
        ],
        sri=regularity.sleep_regularity_index(records),
        clocks=[
            ClockRow(gettext("Fell asleep"), clocks.sleep_onset),
            ClockRow(gettext("Woke up"), clocks.final_wake),
            ClockRow(gettext("Mid-sleep"), clocks.mid_sleep),
        ],
        jet_lag=regularity.social_jet_lag(records, work_days),
        weekdays=_in_week_order(trends.weekday_pattern(records)),
        routines=[
            RoutineRow(gettext("Routine complete"), groups.complete),
            RoutineRow(gettext("Not complete"), groups.incomplete),
        ],
        routine_nights=groups.complete.n + groups.incomplete.n,
        tags=[
            TagRow(
                kind=tag.kind,
                name=tag.name,
                n_with=tag.n_with,
                n_without=tag.n_without,
                outcomes=[
                    OutcomeRow(label, kind, tag.outcomes.get(key)) for key, label, kind in outcomes
                ],
            )
            for tag in comparisons.tag_comparisons(records)
        ],
        window=worksheet.sleep_window(records, usual_wake),
        window_history=worksheet.sleep_window_history(records, usual_wake),
        adherence=adherence(routine_shares, start, end),
    )


# The sleep log draws a row per night: past a month it would be a scroll, not a picture.
SLEEP_LOG_NIGHTS = 31
# Trends plot a dot a night up to this many nights, weekly means beyond.
NIGHTLY_TREND_NIGHTS = 120
# The adherence heatmap shows at most the range's last year.
HEATMAP_NIGHTS = 371


@dataclass(frozen=True)
class Charts:
    sleep_log: chart_geometry.SleepLogChart
    tst_trend: chart_geometry.TrendChart
    se_trend: chart_geometry.TrendChart
    weekdays: chart_geometry.BarChart
    adherence: chart_geometry.Heatmap


def charts(
    records: Sequence[NightRecord],
    *,
    routine_shares: Mapping[date, float | None],
    start: date,
    end: date,
    zone_name: str,
) -> Charts:
    """The charts of a range: every calendar night has its place, logged or not."""
    by_date = {record.date: record for record in records}
    days = [start + timedelta(days=offset) for offset in range((end - start).days + 1)]
    day_words = chart_geometry.DayWords()  # the trends and the heatmap name the same nights
    return Charts(
        sleep_log=chart_geometry.sleep_log(
            [_log_input(by_date.get(day), day, zone_name) for day in days[-SLEEP_LOG_NIGHTS:]]
        ),
        tst_trend=_trend(
            days,
            by_date,
            "tst",
            y_label=gettext("Total sleep"),
            missing=gettext("No total sleep logged in these nights."),
            unit="min",
            day_words=day_words,
        ),
        se_trend=_trend(
            days,
            by_date,
            "se",
            y_label=gettext("Sleep efficiency"),
            missing=gettext("No sleep efficiency logged in these nights."),
            unit="%",
            y_min=0,
            y_max=100,
            day_words=day_words,
        ),
        weekdays=chart_geometry.weekday_bars(
            [
                (l10n.weekday_name(row.weekday, short=True), row.mean_tst, row.n)
                for row in _in_week_order(trends.weekday_pattern(records))
            ],
            unit="min",
            y_label=gettext("Mean total sleep"),
        ),
        adherence=chart_geometry.adherence_heatmap(
            [(day, routine_shares.get(day)) for day in days[-HEATMAP_NIGHTS:]], day_words=day_words
        ),
    )


# The nightly trends' element ids, the same in every language.
TREND_IDS = {"tst": "trend-total-sleep", "se": "trend-sleep-efficiency"}


def _trend(days: list[date], by_date: Mapping[date, NightRecord], key: str, **labels):
    """Night by night with the 7-night rolling mean; past NIGHTLY_TREND_NIGHTS, a dot a night
    is a smudge, so the chart shows weekly means with a 4-week rolling mean instead."""
    values = [getattr(by_date.get(day), key, None) for day in days]
    if len(days) <= NIGHTLY_TREND_NIGHTS:
        return chart_geometry.trend(
            list(zip(days, values, strict=True)),
            stats.rolling_mean(values),
            chart_id=TREND_IDS[key],
            **labels,
        )
    weeks = [days[i : i + 7] for i in range(0, len(days), 7)]
    means = [stats.summarize(values[i : i + 7]).mean for i in range(0, len(days), 7)]
    return chart_geometry.trend(
        [(week[0], mean) for week, mean in zip(weeks, means, strict=True)],
        stats.rolling_mean(means, window=4),
        chart_id=f"{key}-weekly",
        **{
            **labels,
            "y_label": gettext("%(label)s, weekly means") % {"label": labels["y_label"]},
        },
    )


def _log_input(record: NightRecord | None, night: date, zone_name: str):
    label = wording.weekday_day(night)
    if record is None:
        return chart_geometry.LogInput.from_times(label=label, night=night, zone=zone_name)
    return chart_geometry.LogInput.from_times(
        label=label,
        night=night,
        zone=record.zone_name,
        in_bed=record.into_bed,
        out_of_bed=record.out_of_bed,
        sleep_onset=record.sleep_onset,
        final_wake=record.final_wake,
        awakenings=record.awakenings,
        nap_minutes=record.nap_minutes,
    )


def _in_week_order(rows: list[trends.WeekdayRow]) -> list[trends.WeekdayRow]:
    """The weekday rows from the reader's language's first day of the week."""
    by_weekday = {row.weekday: row for row in rows}
    return [by_weekday[day] for day in l10n.week_order()]
