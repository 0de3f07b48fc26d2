"""Chart geometry for the Insights page and the clinician report, drawn as SVG by a template.

Each function takes plain data and returns a frozen dataclass of numbers and labels in a viewBox
``WIDTH`` units wide; ``templates/insights/charts.html`` draws it (one partial per chart) with
classes only, and a table of the same numbers as its text alternative. Missing values are gaps,
never zeros. An empty input gives a chart whose ``empty`` says so instead of drawing axes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from .chart_parts import (
    WIDTH,
    Dot,
    Label,
    LegendItem,
    Line,
    Polyline,
    Rect,
    Table,
    clamp,
    finite,
    hours_and_minutes,
    r1,
    tick_text,
    value_text,
    value_ticks,
)

NO_NIGHTS = "No nights yet."
DAY_MINUTES = 1440


@dataclass(frozen=True)
class Chart:
    """What every chart has: its size, its accessible name and summary, and its numbers."""

    chart_id: str  # unique on the page: the SVG's title and desc ids derive from it
    width: float
    height: float
    title: str
    desc: str
    empty: str  # "" when there is something to draw, else the sentence to show instead
    table: Table

    @property
    def viewbox(self) -> str:
        return f"0 0 {self.width:g} {self.height:g}"


def _legend(
    items: Sequence[tuple[str, str] | tuple[str, str, float]], *, y: float, x: float = 4
) -> tuple[LegendItem, ...]:
    """Swatches with their words, left to right on one line (about 5.5 units a character).

    An item whose css is "" has no swatch: its words start with their own glyph. A third value
    fills the swatch from the bottom by that share, as the heatmap's cells are.
    """
    legend = []
    for css, text, *share in items:
        swatch = Rect(x, r1(y - 9), 11, 11, css) if css else None
        fill = None
        if swatch and share and share[0] > 0:
            height = r1(11 * share[0])
            fill = Rect(x, r1(y + 2 - height), 11, height, css.replace("adh ", "adh-fill "))
        start = x + 15 if css else x
        legend.append(LegendItem(swatch, Label(r1(start), y, text, "start", "legend"), fill))
        x = r1(start + 5.5 * len(text) + 10)
    return tuple(legend)


# --- Sleep log ------------------------------------------------------------------------------


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
    clocks_changed: bool


@dataclass(frozen=True)
class SleepLogChart(Chart):
    rows: tuple[LogRow, ...]
    gridlines: tuple[Line, ...]
    hour_labels: tuple[Label, ...]
    legend: tuple[LegendItem, ...]


LOG_LEFT, LOG_RIGHT, LOG_NAP = 48.0, 300.0, 310.0  # label column, plot, nap marker column
LOG_TOP, LOG_ROW = 18.0, 18.0
LOG_HOURS = ((0, "noon"), (360, "18"), (720, "00"), (1080, "06"), (1440, "noon"))


def _span(row: LogInput, start: float | None, end: float | None) -> tuple[float, float] | None:
    start, end = finite(start), finite(end)
    if start is None or end is None:
        return None
    window = max(row.window_minutes, 0)
    start = clamp(start, 0, window)
    return start, clamp(end, start, window)


def sleep_log(rows: Sequence[LogInput], *, chart_id: str = "sleep-log") -> SleepLogChart:
    """One row per night from noon to noon: in bed, asleep, awakenings and naps."""
    span = max([DAY_MINUTES, *(r.window_minutes for r in rows)])
    scale = (LOG_RIGHT - LOG_LEFT) / span
    x_of = lambda minutes: r1(LOG_LEFT + minutes * scale)  # noqa: E731
    height = LOG_TOP + LOG_ROW * len(rows) + 26
    drawn, table_rows = [], []
    for i, row in enumerate(rows):
        top = LOG_TOP + i * LOG_ROW + 3
        changed = row.window_minutes != DAY_MINUTES
        night_words = row.label
        if changed:
            night_words += f" (clocks changed: a {row.window_minutes / 60:g}-hour night)"
        bed = _span(row, row.in_bed_start, row.in_bed_end)
        asleep = _span(row, row.asleep_start, row.asleep_end)
        bed_text = (
            f"in bed {_clock(row, bed[0])}–{_clock(row, bed[1])}, "
            f"{hours_and_minutes(bed[1] - bed[0])}"
            if bed
            else "in bed: not logged"
        )
        asleep_text = (
            f"asleep {_clock(row, asleep[0])}–{_clock(row, asleep[1])}, "
            f"{hours_and_minutes(asleep[1] - asleep[0])}"
            if asleep
            else "asleep: not logged"
        )
        wakes = row.awakenings if row.awakenings and row.awakenings > 0 else 0
        wakes_title = (
            f"{row.label}: woke {wakes} time{'s' if wakes != 1 else ''} (times not logged)"
        )
        ticks: tuple[Line, ...] = ()
        host = asleep or bed
        if wakes and host:
            shown = min(wakes, 12)
            step = (host[1] - host[0]) / (shown + 1)
            ticks = tuple(
                Line(x_of(host[0] + step * k), top + 2, x_of(host[0] + step * k), top + 10, "wake")
                for k in range(1, shown + 1)
            )
        nap = None
        if row.nap_minutes and row.nap_minutes > 0:
            nap = Dot(
                LOG_NAP,
                top + 6,
                3.5,
                "nap",
                f"{row.label}: nap {hours_and_minutes(row.nap_minutes)}",
            )
        drawn.append(
            LogRow(
                label=Label(LOG_LEFT - 4, top + 10, row.label + ("*" if changed else ""), "end"),
                title=night_words,
                bed=Rect(
                    x_of(bed[0]),
                    top,
                    r1((bed[1] - bed[0]) * scale),
                    12,
                    "bed",
                    f"{night_words}: {bed_text}",
                )
                if bed
                else None,
                asleep=Rect(
                    x_of(asleep[0]),
                    top,
                    r1((asleep[1] - asleep[0]) * scale),
                    12,
                    "asleep",
                    f"{night_words}: {asleep_text}",
                )
                if asleep
                else None,
                awakenings=ticks,
                awakenings_title=wakes_title,
                nap=nap,
                clocks_changed=changed,
            )
        )
        table_rows.append(
            (
                night_words,
                bed_text.removeprefix("in bed ").removeprefix(": "),
                asleep_text.removeprefix("asleep ").removeprefix(": "),
                "—" if row.awakenings is None else str(row.awakenings),
                "—" if row.nap_minutes is None else hours_and_minutes(row.nap_minutes),
            )
        )
    plot_bottom = LOG_TOP + LOG_ROW * len(rows) + 2
    changed_count = sum(r.clocks_changed for r in drawn)
    legend_items = [("bed", "in bed"), ("asleep", "asleep"), ("", "| woke"), ("", "● nap")]
    if changed_count:
        legend_items.append(("", "* clocks changed"))
    desc = (
        f"Each row is one night from noon to noon: a light bar for time in bed, a dark bar for "
        f"time asleep, ticks for the number of awakenings and a dot for a nap the day before. "
        f"{len(rows)} night{'s' if len(rows) != 1 else ''}"
        + (f", {changed_count} with a clock change." if changed_count else ".")
    )
    return SleepLogChart(
        chart_id=chart_id,
        width=WIDTH,
        height=r1(height) if rows else 40,
        title=f"Sleep log, {len(rows)} night{'s' if len(rows) != 1 else ''}",
        desc=desc,
        empty="" if rows else NO_NIGHTS,
        table=Table(
            "Sleep log: time in bed and asleep each night",
            ("Night", "In bed", "Asleep", "Awakenings", "Nap"),
            tuple(table_rows),
        ),
        rows=tuple(drawn),
        gridlines=tuple(
            Line(x_of(m), LOG_TOP - 2, x_of(m), r1(plot_bottom), "grid") for m, _ in LOG_HOURS
        )
        if rows
        else (),
        hour_labels=tuple(Label(x_of(m), 12, text) for m, text in LOG_HOURS) if rows else (),
        legend=_legend(legend_items, y=r1(plot_bottom + 16)) if rows else (),
    )


# --- Trend ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class TrendChart(Chart):
    dots: tuple[Dot, ...]  # one per night with a value; none for a missing night
    rolling: tuple[Polyline, ...]  # the rolling mean, one line per unbroken run
    rolling_points: tuple[Dot, ...]  # a run of a single night, which a line cannot show
    gridlines: tuple[Line, ...]
    y_labels: tuple[Label, ...]
    x_labels: tuple[Label, ...]
    legend: tuple[LegendItem, ...]


TREND_LEFT, TREND_RIGHT, TREND_TOP, TREND_BOTTOM = 38.0, 312.0, 10.0, 150.0


def _date_text(day: date) -> str:
    return f"{day.day} {day:%b}"


def trend(
    points: Sequence[tuple[date, float | None]],
    rolling: Sequence[float | None],
    *,
    y_label: str,
    unit: str,
    y_min: float | None = None,
    y_max: float | None = None,
    chart_id: str | None = None,
) -> TrendChart:
    """Nightly values as dots and their rolling mean as a line, over the nights' dates.

    ``rolling[i]`` belongs to ``points[i]``; a None in either is a gap. Give one point per
    calendar night (None where nothing was logged) so the line breaks where the diary does.
    ``unit`` "min" shows hours on the axis; any other unit ("%") is printed after the value.
    """
    chart_id = chart_id or "trend-" + "-".join(y_label.lower().split())
    pairs = sorted(
        (
            (day, finite(value), finite(mean))
            for (day, value), mean in zip(points, rolling, strict=False)
        ),
        key=lambda p: p[0],
    )
    values = [v for _, v, _ in pairs if v is not None]
    means = [m for _, _, m in pairs if m is not None]
    table = Table(
        f"{y_label} each night, with the 7-night rolling mean",
        ("Night", y_label, "7-night mean"),
        tuple(
            (f"{d:%a} {_date_text(d)}", value_text(v, unit), value_text(m, unit))
            for d, v, m in pairs
        ),
    )
    height = 190.0
    if not values and not means:
        empty = NO_NIGHTS if not pairs else f"No {y_label.lower()} logged in these nights."
        return TrendChart(
            chart_id, WIDTH, 40, y_label, empty, empty, table, (), (), (), (), (), (), ()
        )
    seen = values + means
    lo = y_min if y_min is not None else min(seen)
    hi = y_max if y_max is not None else max(seen)
    ticks = value_ticks(lo, hi, unit)
    low, high = ticks[0], ticks[-1]
    first, last = pairs[0][0], pairs[-1][0]
    days = (last - first).days

    def x_of(day: date) -> float:
        if days == 0:
            return r1((TREND_LEFT + TREND_RIGHT) / 2)
        return r1(TREND_LEFT + (day - first).days / days * (TREND_RIGHT - TREND_LEFT))

    def y_of(value: float) -> float:
        share = (clamp(value, low, high) - low) / (high - low)
        return r1(TREND_BOTTOM - share * (TREND_BOTTOM - TREND_TOP))

    dots = tuple(
        Dot(x_of(d), y_of(v), 3, "value", f"{d:%a} {_date_text(d)}: {value_text(v, unit)}")
        for d, v, _ in pairs
        if v is not None
    )
    runs: list[list[tuple[date, float]]] = [[]]
    for d, _, m in pairs:
        if m is None:
            runs.append([])
        else:
            runs[-1].append((d, m))
    lines = tuple(
        Polyline(
            tuple((x_of(d), y_of(m)) for d, m in run),
            "rolling",
            f"7-night mean, {_date_text(run[0][0])} to {_date_text(run[-1][0])}",
        )
        for run in runs
        if len(run) > 1
    )
    lone = tuple(
        Dot(
            x_of(run[0][0]),
            y_of(run[0][1]),
            2,
            "rolling-point",
            f"7-night mean to {_date_text(run[0][0])}: {value_text(run[0][1], unit)}",
        )
        for run in runs
        if len(run) == 1
    )
    label_days = sorted({first + timedelta(days=round(days * k / 3)) for k in range(4)})
    x_labels = tuple(
        Label(
            x_of(d),
            TREND_BOTTOM + 14,
            _date_text(d),
            "start" if d == first and days else "end" if d == last and days else "middle",
        )
        for d in label_days
    )
    latest = next((m for _, _, m in reversed(pairs) if m is not None), None)
    desc = (
        f"{y_label} for {len(pairs)} nights from {_date_text(first)} to {_date_text(last)}, "
        f"{len(values)} with a value"
        + (
            f", from {value_text(min(values), unit)} to {value_text(max(values), unit)}"
            if values
            else ""
        )
        + (f"; latest 7-night mean {value_text(latest, unit)}." if latest is not None else ".")
    )
    return TrendChart(
        chart_id=chart_id,
        width=WIDTH,
        height=height,
        title=f"{y_label}, night by night",
        desc=desc,
        empty="",
        table=table,
        dots=dots,
        rolling=lines,
        rolling_points=lone,
        gridlines=tuple(Line(TREND_LEFT, y_of(t), TREND_RIGHT, y_of(t), "grid") for t in ticks),
        y_labels=tuple(
            Label(TREND_LEFT - 4, r1(y_of(t) + 4), tick_text(t, unit), "end") for t in ticks
        ),
        x_labels=x_labels,
        legend=_legend([("value-swatch", "one night"), ("rolling-swatch", "7-night mean")], y=182),
    )


# --- Weekday bars ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Bar:
    rect: Rect  # the bar, or for a weekday with no data a full-height outline
    has_data: bool
    value: Label  # the value above the bar, or "no data" inside the outline
    day: Label
    nights: Label


@dataclass(frozen=True)
class BarChart(Chart):
    bars: tuple[Bar, ...]
    gridlines: tuple[Line, ...]
    y_labels: tuple[Label, ...]


BARS_LEFT, BARS_RIGHT, BARS_TOP, BARS_BOTTOM = 34.0, 316.0, 20.0, 140.0


def weekday_bars(
    rows: Sequence[tuple[str, float | None, int]],
    *,
    unit: str,
    y_label: str = "Mean",
    chart_id: str = "weekday-bars",
) -> BarChart:
    """Monday … Sunday side by side: a bar from zero per weekday, with the nights behind it."""
    clean = [(label, finite(value), max(n, 0)) for label, value, n in rows]
    table = Table(
        f"{y_label} by weekday",
        ("Weekday", y_label, "Nights"),
        tuple((label, value_text(v, unit), str(n)) for label, v, n in clean),
    )
    if not clean:
        return BarChart(
            chart_id, WIDTH, 40, f"{y_label} by weekday", NO_NIGHTS, NO_NIGHTS, table, (), (), ()
        )
    values = [v for _, v, _ in clean if v is not None]
    ticks = value_ticks(0, max([*values, 0]) or (60 if unit == "min" else 1), unit, count=3)
    ticks = tuple(t for t in ticks if t >= 0)
    high = ticks[-1]
    slot = (BARS_RIGHT - BARS_LEFT) / len(clean)
    bar_width = r1(min(slot * 0.64, 40))

    def y_of(value: float) -> float:
        return r1(BARS_BOTTOM - clamp(value, 0, high) / high * (BARS_BOTTOM - BARS_TOP))

    bars = []
    for i, (label, value, n) in enumerate(clean):
        centre = r1(BARS_LEFT + slot * (i + 0.5))
        x = r1(centre - bar_width / 2)
        nights = f"{n} night{'s' if n != 1 else ''}"
        if value is None:
            rect = Rect(
                x, BARS_TOP, bar_width, BARS_BOTTOM - BARS_TOP, "no-data", f"{label}: no data"
            )
            text = Label(centre, r1((BARS_TOP + BARS_BOTTOM) / 2), "no data", css="no-data-text")
        else:
            top = y_of(value)
            rect = Rect(
                x,
                top,
                bar_width,
                r1(BARS_BOTTOM - top),
                "bar",
                f"{label}: {value_text(value, unit)} ({nights})",
            )
            text = Label(
                centre, r1(top - 4), tick_text(value, unit) if unit != "min" else _short_hm(value)
            )
        bars.append(
            Bar(
                rect,
                value is not None,
                text,
                Label(centre, BARS_BOTTOM + 14, label, css="day"),
                Label(centre, BARS_BOTTOM + 27, f"n={n}", css="count"),
            )
        )
    return BarChart(
        chart_id=chart_id,
        width=WIDTH,
        height=BARS_BOTTOM + 34,
        title=f"{y_label} by weekday",
        desc=(
            f"{y_label} for each weekday, Monday to Sunday, with n the number of nights behind "
            f"each bar; weekdays without data: {len(clean) - len(values)}."
        ),
        empty="",
        table=table,
        bars=tuple(bars),
        gridlines=tuple(Line(BARS_LEFT, y_of(t), BARS_RIGHT, y_of(t), "grid") for t in ticks),
        y_labels=tuple(
            Label(BARS_LEFT - 4, r1(y_of(t) + 4), tick_text(t, unit), "end") for t in ticks
        ),
    )


def _short_hm(minutes: float) -> str:
    """A bar's value in little room: "7:05"."""
    hours, rest = divmod(round(minutes), 60)
    return f"{hours}:{rest:02d}"


# --- Routine adherence heatmap --------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    outline: Rect  # classed by level; its title gives the night and the share
    fill: Rect | None  # filled from the bottom to the share done: readable without colour
    level: str


@dataclass(frozen=True)
class Heatmap(Chart):
    cells: tuple[Cell, ...]
    weekday_labels: tuple[Label, ...]
    month_labels: tuple[Label, ...]
    legend: tuple[LegendItem, ...]


# (level, words) from none done to all done, then no routine; the css class is "adh-<level>".
ADHERENCE_LEVELS = (
    ("zero", "none done"),
    ("low", "under half"),
    ("high", "half or more"),
    ("full", "all done"),
    ("none", "no routine"),
)
LEGEND_SHARES = (0, 0.3, 0.7, 1, 0)  # how full each level's legend swatch is drawn
HEAT_LEFT, HEAT_TOP, HEAT_CELL = 30.0, 16.0, 20.0
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def adherence_level(share: float | None) -> str:
    """The heatmap's class for a night: none, zero, low (< 50 %), high (< 100 %) or full."""
    share = finite(share)
    if share is None:
        return "none"
    if share <= 0:
        return "zero"
    if share < 0.5:
        return "low"
    return "high" if share < 1 else "full"


def adherence_heatmap(
    days: Sequence[tuple[date, float | None]], *, chart_id: str = "adherence"
) -> Heatmap:
    """A calendar of routine adherence: weeks as columns, Monday at the top, one cell a night.

    A share is the part of the night's routine done (0 to 1); None means no routine that night.
    """
    nights = sorted(((d, finite(s)) for d, s in days), key=lambda p: p[0])
    words = dict(ADHERENCE_LEVELS)

    def share_text(share: float | None) -> str:
        if share is None:
            return "no routine"
        return f"{round(clamp(share, 0, 1) * 100)} % of the routine done"

    table = Table(
        "Routine done each night",
        ("Night", "Routine done"),
        tuple((f"{d:%a} {_date_text(d)}", share_text(s)) for d, s in nights),
    )
    title = "Routine adherence by night"
    if not nights:
        return Heatmap(chart_id, WIDTH, 40, title, NO_NIGHTS, NO_NIGHTS, table, (), (), (), ())
    monday = nights[0][0] - timedelta(days=nights[0][0].weekday())
    weeks = (nights[-1][0] - monday).days // 7 + 1
    cell = min(HEAT_CELL, (WIDTH - HEAT_LEFT - 4) / weeks)
    inner = cell - 2
    cells = []
    for d, share in nights:
        column, row = (d - monday).days // 7, d.weekday()
        x, y = r1(HEAT_LEFT + column * cell), r1(HEAT_TOP + row * cell)
        level = adherence_level(share)
        text = f"{d:%a} {_date_text(d)}: {share_text(share)}"
        fill = None
        if share is not None and share > 0:
            height = r1(inner * clamp(share, 0, 1))
            fill = Rect(x, r1(y + inner - height), r1(inner), height, f"adh-fill adh-{level}", text)
        cells.append(Cell(Rect(x, y, r1(inner), r1(inner), f"adh adh-{level}", text), fill, level))
    step = 1 if cell >= 12 else 2
    weekday_labels = tuple(
        Label(HEAT_LEFT - 4, r1(HEAT_TOP + i * cell + inner / 2 + 3.5), name, "end", "weekday")
        for i, name in enumerate(WEEKDAYS)
        if i % step == 0
    )
    month_labels, last_column = [], -9
    for column in range(weeks):
        week = [monday + timedelta(days=column * 7 + k) for k in range(7)]
        first_of_month = next((d for d in week if d.day == 1), None)
        if column == 0 or first_of_month:
            shown = first_of_month or nights[0][0]
            if (column - last_column) * cell >= 28:
                month_labels.append(
                    Label(r1(HEAT_LEFT + column * cell), 11, f"{shown:%b}", "start")
                )
                last_column = column
    grid_bottom = HEAT_TOP + 7 * cell
    samples = [
        (f"adh adh-{level}", words, share)
        for (level, words), share in zip(ADHERENCE_LEVELS, LEGEND_SHARES, strict=True)
    ]
    legend = _legend(samples[:3], y=r1(grid_bottom + 16))
    legend += _legend(samples[3:], y=r1(grid_bottom + 32))
    counts = {lv: sum(c.level == lv for c in cells) for lv, _ in ADHERENCE_LEVELS}
    desc = (
        f"{len(cells)} nights from {_date_text(nights[0][0])} to {_date_text(nights[-1][0])}, "
        "weeks as columns and Monday at the top; each cell is filled from the bottom by the share "
        "of the routine done. "
        + ", ".join(f"{counts[lv]} {words[lv]}" for lv, _ in ADHERENCE_LEVELS)
        + "."
    )
    return Heatmap(
        chart_id=chart_id,
        width=WIDTH,
        height=r1(grid_bottom + 40),
        title=title,
        desc=desc,
        empty="",
        table=table,
        cells=tuple(cells),
        weekday_labels=weekday_labels,
        month_labels=tuple(month_labels),
        legend=legend,
    )
