"""The sleep log: one row per night from noon to noon, bars placed by elapsed minutes."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext, pgettext, pgettext_lazy

from .parts import (
    DAY_MINUTES,
    NO_NIGHTS,
    WIDTH,
    Chart,
    Dot,
    Label,
    LegendItem,
    Line,
    Rect,
    Table,
    clamp,
    escape,
    finite,
    hours_and_minutes,
    legend_depth,
    legend_row,
    r1,
)


@dataclass(frozen=True)
class LogInput:
    """One night of the sleep log, in minutes since the noon that starts its window."""

    label: str  # "Mon 3"
    date: date
    window_minutes: int  # 1440, or 1380 / 1500 on a night the clocks changed
    in_bed_start: float | None = None
    in_bed_end: float | None = None
    asleep_start: float | None = None
    asleep_end: float | None = None
    awakenings: int | None = None
    nap_minutes: int | None = None
    zone: str | None = None  # the profile's time zone, for clock times in the hover text

    def __post_init__(self) -> None:
        if self.window_minutes <= 0:
            raise ValueError(f"a night's window has a positive length: {self!r}")

    @classmethod
    def from_times(
        cls,
        *,
        label: str,
        night: date,
        zone: str,
        in_bed: datetime | None = None,
        out_of_bed: datetime | None = None,
        sleep_onset: datetime | None = None,
        final_wake: datetime | None = None,
        awakenings: int | None = None,
        nap_minutes: int | None = None,
    ) -> LogInput:
        """A night from aware datetimes: elapsed minutes since noon, so DST nights are real."""
        start = window_start(night, zone)

        def since_noon(moment: datetime | None) -> float | None:
            return None if moment is None else (moment - start).total_seconds() / 60

        return cls(
            label=label,
            date=night,
            window_minutes=window_minutes(night, zone),
            in_bed_start=since_noon(in_bed),
            in_bed_end=since_noon(out_of_bed),
            asleep_start=since_noon(sleep_onset),
            asleep_end=since_noon(final_wake),
            awakenings=awakenings,
            nap_minutes=nap_minutes,
            zone=zone,
        )


def window_start(night: date, zone: str) -> datetime:
    """Noon of the night's date in the zone, in UTC (noon is never skipped or repeated)."""
    return datetime.combine(night, time(12), tzinfo=ZoneInfo(zone)).astimezone(UTC)


def window_minutes(night: date, zone: str) -> int:
    """Real minutes from noon of the night's date to noon of the next day: 1380, 1440 or 1500."""
    end = window_start(night + timedelta(days=1), zone)
    return round((end - window_start(night, zone)).total_seconds() / 60)


def _clock(row: LogInput, minutes: float) -> str:
    if row.zone:
        moment = window_start(row.date, row.zone) + timedelta(minutes=minutes)
        return moment.astimezone(ZoneInfo(row.zone)).strftime("%H:%M")
    return (datetime.combine(row.date, time(12)) + timedelta(minutes=minutes)).strftime("%H:%M")


@dataclass(frozen=True)
class LogRow:
    label: Label
    title: str  # the night in words, for the row's hover text
    bed: Rect | None
    asleep: Rect | None
    awakenings: tuple[Line, ...]  # one tick each, spread evenly: a diary does not time them
    awakenings_title: str
    nap: Dot | None
    note: Label | None  # "not logged" on a row with no bar
    clocks_changed: bool

    @property
    def svg(self) -> SafeString:
        """The row's group: its night as a tooltip, its label, bars, awakening ticks and nap."""
        label = self.label
        wakes = ""
        if self.awakenings:
            wakes = (
                f'<g class="wakes"><title>{escape(self.awakenings_title)}</title>'
                + "".join([tick.svg for tick in self.awakenings])
                + "</g>"
            )
        return mark_safe(
            f'<g class="log-row{" clocks-changed" if self.clocks_changed else ""}">'
            f"<title>{escape(self.title)}</title>"
            f'<text class="row-label" x="{label.x}" y="{label.y}" '
            f'text-anchor="{escape(label.anchor)}">{escape(label.text)}</text>'
            + (self.bed.svg if self.bed else "")
            + (self.asleep.svg if self.asleep else "")
            + wakes
            + (self.note.classed_svg if self.note else "")
            + (self.nap.svg if self.nap else "")
            + "</g>"
        )


@dataclass(frozen=True)
class SleepLogChart(Chart):
    rows: tuple[LogRow, ...]
    gridlines: tuple[Line, ...]
    hour_labels: tuple[Label, ...]
    legend: tuple[LegendItem, ...]


LOG_LEFT, LOG_RIGHT, LOG_NAP = 48.0, 300.0, 310.0  # label column, plot, nap marker column
LOG_TOP, LOG_ROW = 18.0, 18.0
NOON = pgettext_lazy("sleep log axis: 12:00", "noon")
LOG_HOURS = ((0, NOON), (360, "18"), (720, "00"), (1080, "06"), (1440, NOON))


def _span(row: LogInput, start: float | None, end: float | None) -> tuple[float, float] | None:
    start, end = finite(start), finite(end)
    if start is None or end is None:
        return None
    window = max(row.window_minutes, 0)
    start = clamp(start, 0, window)
    return start, clamp(end, start, window)


@dataclass(frozen=True)
class _Words:
    """The sleep log's sentences, translated once for all its rows."""

    not_logged: str
    in_bed: str
    asleep: str
    nap: str
    clocks_changed: str

    @classmethod
    def translated(cls) -> _Words:
        return cls(
            not_logged=gettext("not logged"),
            in_bed=gettext("%(night)s: in bed %(times)s"),
            asleep=gettext("%(night)s: asleep %(times)s"),
            nap=gettext("%(night)s: nap %(duration)s"),
            clocks_changed=gettext("%(night)s (clocks changed: a %(hours)s-hour night)"),
        )


def _bar(
    row: LogInput,
    span: tuple[float, float] | None,
    x_of: Callable[[float], float],
    not_logged: str,
) -> tuple[str, tuple[float, float] | None]:
    """The words for a bar ("22:45–06:50, 8 h 5 min") and its x extent, or "not logged"."""
    if span is None:
        return not_logged, None
    start, end = span
    words = f"{_clock(row, start)}–{_clock(row, end)}, {hours_and_minutes(end - start)}"
    return words, (x_of(start), x_of(end))


def _rect(extent: tuple[float, float] | None, top: float, css: str, title: str) -> Rect | None:
    if extent is None:
        return None
    start, end = extent
    return Rect(start, top, r1(end - start), 12, css, title)


def _row(
    row: LogInput, top: float, x_of: Callable[[float], float], words: _Words
) -> tuple[LogRow, tuple[str, ...]]:
    """One night's marks, and its line of the table."""
    changed = row.window_minutes != DAY_MINUTES
    night = row.label
    if changed:
        night = words.clocks_changed % {
            "night": night,
            "hours": f"{row.window_minutes / 60:g}",
        }
    bed_span = _span(row, row.in_bed_start, row.in_bed_end)
    asleep_span = _span(row, row.asleep_start, row.asleep_end)
    bed_words, bed = _bar(row, bed_span, x_of, words.not_logged)
    asleep_words, asleep = _bar(row, asleep_span, x_of, words.not_logged)
    wakes = max(row.awakenings or 0, 0)
    ticks: tuple[Line, ...] = ()
    host = asleep or bed
    if wakes and host:
        shown = min(wakes, 12)  # beyond a dozen the ticks would merge; the title has the count
        step = (host[1] - host[0]) / (shown + 1)
        xs = [r1(host[0] + step * k) for k in range(1, shown + 1)]
        ticks = tuple(Line(x, top + 2, x, top + 10, "wake") for x in xs)
    nap = None
    if row.nap_minutes and row.nap_minutes > 0:
        nap_words = words.nap % {
            "night": row.label,
            "duration": hours_and_minutes(row.nap_minutes),
        }
        nap = Dot(LOG_NAP, top + 6, 3.5, "nap", nap_words)
    drawn = LogRow(
        label=Label(LOG_LEFT - 4, top + 10, row.label + ("*" if changed else ""), "end"),
        title=night,
        bed=_rect(bed, top, "bed", words.in_bed % {"night": night, "times": bed_words}),
        asleep=_rect(asleep, top, "asleep", words.asleep % {"night": night, "times": asleep_words}),
        awakenings=ticks,
        awakenings_title=ngettext(
            "%(night)s: woke %(count)d time (times not logged)",
            "%(night)s: woke %(count)d times (times not logged)",
            wakes,
        )
        % {"night": row.label, "count": wakes},
        nap=nap,
        note=None
        if host
        else Label(LOG_LEFT + 4, top + 10, words.not_logged, "start", "not-logged"),
        clocks_changed=changed,
    )
    table_row = (
        night,
        bed_words,
        asleep_words,
        "—" if row.awakenings is None else str(row.awakenings),
        "—" if row.nap_minutes is None else hours_and_minutes(row.nap_minutes),
    )
    return drawn, table_row


def sleep_log(rows: Sequence[LogInput], *, chart_id: str = "sleep-log") -> SleepLogChart:
    """One row per night from noon to noon: in bed, asleep, awakenings and naps.

    Bars are placed by elapsed minutes, so a night the clocks changed has its real length (an
    hour shorter or longer than the same clock times on another night); its label gets a "*".
    """
    table_head = (
        pgettext("sleep log table", "Night"),
        pgettext("sleep log table", "In bed"),
        pgettext("sleep log table", "Asleep"),
        pgettext("sleep log table", "Awakenings"),
        pgettext("sleep log table", "Nap"),
    )
    caption = gettext("Sleep log: time in bed and asleep each night")
    nights = ngettext("%(count)d night", "%(count)d nights", len(rows)) % {"count": len(rows)}
    if not rows:
        return SleepLogChart(
            chart_id, WIDTH, 40, gettext("Sleep log"), gettext(NO_NIGHTS), gettext(NO_NIGHTS),
            Table(caption, table_head, ()), (), (), (), (),
        )  # fmt: skip
    scale = (LOG_RIGHT - LOG_LEFT) / max(DAY_MINUTES, *(r.window_minutes for r in rows))

    def x_of(minutes: float) -> float:
        return r1(LOG_LEFT + minutes * scale)

    words = _Words.translated()

    drawn, table_rows = zip(
        *(_row(row, LOG_TOP + i * LOG_ROW + 3, x_of, words) for i, row in enumerate(rows)),
        strict=True,
    )
    plot_bottom = r1(LOG_TOP + LOG_ROW * len(rows) + 2)
    changed = sum(r.clocks_changed for r in drawn)
    legend_items = [
        ("bed", pgettext("sleep log legend", "in bed")),
        ("asleep", pgettext("sleep log legend", "asleep")),
        ("", pgettext("sleep log legend", "| woke")),
        ("", pgettext("sleep log legend", "● nap")),
    ]
    if changed:
        legend_items.append(("", pgettext("sleep log legend", "* clocks changed")))
    legend = legend_row(legend_items, y=r1(plot_bottom + 16))
    return SleepLogChart(
        chart_id=chart_id,
        width=WIDTH,
        height=r1(plot_bottom + 24 + legend_depth(legend)),
        title=gettext("Sleep log, %(nights)s") % {"nights": nights},
        desc=(
            gettext(
                "Each row is one night from noon to noon: a light bar for time in bed, a dark "
                "bar for time asleep, ticks for the number of awakenings and a dot for a nap."
            )
            + " "
            + (
                gettext("%(nights)s, %(count)d with a clock change.")
                % {"nights": nights, "count": changed}
                if changed
                else f"{nights}."
            )
        ),
        empty="",
        table=Table(caption, table_head, tuple(table_rows)),
        rows=tuple(drawn),
        gridlines=tuple(
            Line(x_of(m), LOG_TOP - 2, x_of(m), plot_bottom, "grid") for m, _ in LOG_HOURS
        ),
        hour_labels=tuple(Label(x_of(m), 12, str(text)) for m, text in LOG_HOURS),
        legend=legend,
    )
