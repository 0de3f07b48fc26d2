"""The pieces every chart is drawn from: shapes, labels, a table, a legend, ticks and number text.

Coordinates are user units of the chart's viewBox, rounded to 0.1.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from django.utils.formats import get_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_noop

from config.markup import text as escape
from journal import wording
from journal.clock import hours_and_minutes

# Every chart is this many units wide; the SVG scales it to the width of the page.
WIDTH = 320


def r1(value: float) -> float:
    """A coordinate rounded to a tenth of a unit: enough for a screen, short in the markup."""
    return round(value, 1)


def clamp(value: float, lo: float, hi: float) -> float:
    return min(max(value, lo), hi)


def finite(value: float | None) -> float | None:
    """The value, or None when it is missing, NaN or infinite (never drawn as a number)."""
    if value is None or not math.isfinite(value):
        return None
    return value


# Each shape's SVG element as the chart templates (templates/insights/charts.html) write it: a
# chart draws hundreds of them, and one string built here costs a fraction of the six or seven
# template variables per element. Numbers print as the templates print them ({% localize off %}),
# text is escaped as they escape it. Marks made of shapes (a sleep log's row, a heatmap's cell, a
# legend's item) write theirs the same way, and `svg_of` writes a run of them for the templates'
# `svg` filter: a template loop costs more per element than the element's own string.


def svg_of(marks: Iterable) -> SafeString:
    """The marks' SVG elements one after another; each mark has an ``svg``."""
    return mark_safe("".join([mark.svg for mark in marks]))


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float
    css: str
    title: str = ""

    @property
    def svg(self) -> SafeString:
        """A chart's bar or cell: rounded corners and a tooltip."""
        return mark_safe(
            f'<rect class="{escape(self.css)}" x="{self.x}" y="{self.y}" width="{self.width}" '
            f'height="{self.height}" rx="2"><title>{escape(self.title)}</title></rect>'
        )

    @property
    def swatch_svg(self) -> SafeString:
        """A legend's swatch: square corners, and its words beside it instead of a tooltip."""
        return mark_safe(
            f'<rect class="swatch {escape(self.css)}" x="{self.x}" y="{self.y}" '
            f'width="{self.width}" height="{self.height}"/>'
        )


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    css: str = ""

    @property
    def svg(self) -> SafeString:
        return mark_safe(
            f'<line class="{escape(self.css)}" x1="{self.x1}" y1="{self.y1}" x2="{self.x2}" '
            f'y2="{self.y2}"/>'
        )


@dataclass(frozen=True)
class Dot:
    cx: float
    cy: float
    r: float
    css: str
    title: str = ""

    @property
    def svg(self) -> SafeString:
        return mark_safe(
            f'<circle class="{escape(self.css)}" cx="{self.cx}" cy="{self.cy}" r="{self.r}">'
            f"<title>{escape(self.title)}</title></circle>"
        )


@dataclass(frozen=True)
class Label:
    x: float
    y: float
    text: str
    anchor: str = "middle"  # SVG text-anchor: start, middle or end
    css: str = ""

    @property
    def svg(self) -> SafeString:
        """An axis label: the axis's class styles it."""
        return mark_safe(
            f'<text x="{self.x}" y="{self.y}" text-anchor="{escape(self.anchor)}">'
            f"{escape(self.text)}</text>"
        )

    @property
    def classed_svg(self) -> SafeString:
        return mark_safe(
            f'<text class="{escape(self.css)}" x="{self.x}" y="{self.y}" '
            f'text-anchor="{escape(self.anchor)}">{escape(self.text)}</text>'
        )


@dataclass(frozen=True)
class Polyline:
    points: tuple[tuple[float, float], ...]
    css: str
    title: str = ""

    @property
    def svg_points(self) -> str:
        """The points as SVG wants them: "x1,y1 x2,y2 …"."""
        return " ".join(f"{x:g},{y:g}" for x, y in self.points)

    @property
    def svg(self) -> SafeString:
        return mark_safe(
            f'<polyline class="{escape(self.css)}" points="{self.svg_points}">'
            f"<title>{escape(self.title)}</title></polyline>"
        )


@dataclass(frozen=True)
class Table:
    """The chart's numbers as a table: its text alternative."""

    caption: str
    head: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]

    @property
    def body_rows(self) -> SafeString:
        """The rows of its tbody: each row's first cell is its header."""
        return mark_safe(
            "".join(
                "\n            <tr>"
                + "".join(
                    f'<th scope="row">{escape(cell)}</th>'
                    if index == 0
                    else f'<td class="num">{escape(cell)}</td>'
                    for index, cell in enumerate(row)
                )
                + "</tr>\n          "
                for row in self.rows
            )
        )


@dataclass(frozen=True)
class LegendItem:
    swatch: Rect | None  # None when the words carry their own glyph ("| woke")
    label: Label
    fill: Rect | None = None  # a heatmap swatch filled from the bottom, as its cells are

    @property
    def svg(self) -> SafeString:
        return mark_safe(
            (self.swatch.swatch_svg if self.swatch else "")
            + (self.fill.swatch_svg if self.fill else "")
            + self.label.classed_svg
        )


def nice_ticks(lo: float, hi: float, count: int = 4) -> tuple[float, ...]:
    """Round tick values (steps of 1, 2, 2.5 or 5 × 10ⁿ) from at or below lo to at or above hi."""
    if hi < lo:
        lo, hi = hi, lo
    if (hi - lo) / count <= 0:  # also a range so narrow that its step underflows to 0
        pad = max(abs(lo) * 0.1, 1)
        lo, hi = lo - pad, hi + pad
    raw = (hi - lo) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    digits = max(0, 2 - math.floor(math.log10(step)))  # enough to keep 2.5 × 10ⁿ exact
    start = math.floor(lo / step) * step
    steps = max(1, math.ceil(round((hi - start) / step, 9)))
    return tuple(round(start + i * step, digits) for i in range(steps + 1))


def value_text(value: float | None, unit: str) -> str:
    """A value for a title or table: minutes as hours and minutes, others with one decimal."""
    if value is None:
        return "—"
    if unit == "min":
        return hours_and_minutes(value)
    # Rounded by Python, as in English (Django's number_format cuts digits off instead).
    return f"{value:.1f} {unit}".replace(".", get_format("DECIMAL_SEPARATOR")).rstrip()


def tick_text(value: float, unit: str) -> str:
    """A short axis label: "7 h", "7.5 h", "85 %"."""
    if unit == "min":
        return f"{_decimal(value / 60)} h"
    return f"{_decimal(value)} {unit}".rstrip()


def _decimal(value: float) -> str:
    """7.5 as "7.5", "7,5" in German and Spanish; 7.0 as "7"."""
    return f"{value:g}".replace(".", get_format("DECIMAL_SEPARATOR"))


def value_ticks(lo: float, hi: float, unit: str, count: int = 4) -> tuple[float, ...]:
    """Nice ticks; for minutes, nice in hours (so 6 h, 7 h, 8 h rather than 400, 450 min)."""
    if unit == "min":
        return tuple(t * 60 for t in nice_ticks(lo / 60, hi / 60, count))
    return nice_ticks(lo, hi, count)


# The sentence of an empty chart, in English; charts show it through gettext.
NO_NIGHTS = gettext_noop("No nights yet.")
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


LEGEND_LINE = 16.0  # from one line of a legend to the next
LEGEND_RIGHT = WIDTH - 4  # words past this would be cut off by the viewBox


def legend_row(
    items: Sequence[tuple[str, str] | tuple[str, str, float]], *, y: float, x: float = 4
) -> tuple[LegendItem, ...]:
    """Swatches with their words, left to right (about 5.8 units a character).

    An item whose css is "" has no swatch: its words start with their own glyph. A third value
    fills the swatch from the bottom by that share, as the heatmap's cells are. An item that
    would run past the right edge (longer words in another language) starts a new line
    `LEGEND_LINE` below; `legend_depth` says how much lower the last line is than the first.
    """
    legend = []
    left = x
    for css, text, *share in items:
        end = (x + 15 if css else x) + 5.8 * len(text)
        if legend and end > LEGEND_RIGHT:
            x, y = left, r1(y + LEGEND_LINE)
        swatch = Rect(x, r1(y - 9), 11, 11, css) if css else None
        fill = None
        if swatch and share and share[0] > 0:
            height = r1(11 * share[0])
            fill = Rect(x, r1(y + 2 - height), 11, height, css.replace("adh ", "adh-fill "))
        start = x + 15 if css else x
        legend.append(LegendItem(swatch, Label(r1(start), y, text, "start", "legend"), fill))
        x = r1(start + 5.8 * len(text) + 10)
    return tuple(legend)


def legend_depth(legend: Sequence[LegendItem]) -> float:
    """How far below its first line a legend's last line is: 0 when it fits on one."""
    if not legend:
        return 0.0
    return r1(legend[-1].label.y - legend[0].label.y)


def date_text(day: date) -> str:
    """ "3 Dec", in the active language."""
    return wording.short_day_month(day)


def night_text(day: date) -> str:
    """ "Mon 3 Dec", in the active language."""
    return wording.weekday_day_month(day)


class DayWords:
    """`night_text` and `date_text`, each day worked out once.

    A page's charts name the same nights again and again (a table row, a dot's or a cell's hover
    text, in three charts), and Django's date formatting costs more than everything else a chart
    does with a night. One lives for one page's charts, in the language active while they are
    built: it keeps nothing beyond them.
    """

    def __init__(self) -> None:
        self._nights: dict[date, str] = {}
        self._dates: dict[date, str] = {}

    def night(self, day: date) -> str:
        """ "Mon 3 Dec"."""
        try:
            return self._nights[day]
        except KeyError:
            text = self._nights[day] = night_text(day)
            return text

    def date(self, day: date) -> str:
        """ "3 Dec"."""
        try:
            return self._dates[day]
        except KeyError:
            text = self._dates[day] = date_text(day)
            return text
