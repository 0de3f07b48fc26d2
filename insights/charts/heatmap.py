"""A calendar heatmap of routine adherence: weeks as columns, Monday at the top.

Up to 14 weeks (98 nights) make one band that fits a 390 px phone; a longer range wraps into
bands of 14 weeks, one under the other, so the cells stay big enough to see and tap.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.dates import WEEKDAYS_ABBR
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext, pgettext
from django.utils.translation import gettext_lazy as _

from journal import wording

from .parts import (
    NO_NIGHTS,
    WIDTH,
    Chart,
    DayWords,
    Label,
    LegendItem,
    Rect,
    Table,
    clamp,
    finite,
    legend_depth,
    legend_row,
    r1,
)


@dataclass(frozen=True)
class Cell:
    outline: Rect  # classed by level; its title gives the night and the share
    fill: Rect | None  # filled from the bottom to the share done: readable without colour
    level: str

    @property
    def svg(self) -> SafeString:
        return mark_safe(self.outline.svg + (self.fill.svg if self.fill else ""))


@dataclass(frozen=True)
class Heatmap(Chart):
    cells: tuple[Cell, ...]
    weekday_labels: tuple[Label, ...]
    month_labels: tuple[Label, ...]
    legend: tuple[LegendItem, ...]


# (level, words) from none done to all done, then no routine; the css class is "adh-<level>".
ADHERENCE_LEVELS = (
    ("zero", _("none done")),
    ("low", _("under half")),
    ("high", _("half or more")),
    ("full", _("all done")),
    ("none", _("no routine")),
)
LEGEND_SHARES = (0, 0.3, 0.7, 1, 0)  # how full each level's legend swatch is drawn
HEAT_LEFT, HEAT_TOP, HEAT_CELL = 30.0, 16.0, 20.0
BAND_WEEKS, BAND_GAP = 14, 8.0  # 14 columns of 20 fit the width; longer ranges wrap
WEEKDAYS = tuple(WEEKDAYS_ABBR[day] for day in range(7))  # "Mon" … "Sun", translated


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
    days: Sequence[tuple[date, float | None]],
    *,
    chart_id: str = "adherence",
    day_words: DayWords | None = None,
) -> Heatmap:
    """A calendar of routine adherence: weeks as columns, Monday at the top, one cell a night.

    A share is the part of the night's routine done (0 to 1); None means no routine that night.
    ``day_words`` names the days (one shared by a page's charts names each day once).
    """
    nights = sorted(((d, finite(s)) for d, s in days), key=lambda p: p[0])
    words = dict(ADHERENCE_LEVELS)

    no_routine = gettext("no routine")  # translated once for every night
    done = gettext("%(percent)d %% of the routine done")

    def share_text(share: float | None) -> str:
        if share is None:
            return no_routine
        return done % {"percent": round(clamp(share, 0, 1) * 100)}

    day_words = day_words or DayWords()
    # Each night's words once: its table row, and its cell's hover text from the same words.
    rows = tuple((day_words.night(d), share_text(s)) for d, s in nights)
    table = Table(
        gettext("Routine done each night"),
        (pgettext("chart table", "Night"), gettext("Routine done")),
        rows,
    )
    title = gettext("Routine adherence by night")
    if not nights:
        empty = gettext(NO_NIGHTS)
        return Heatmap(chart_id, WIDTH, 40, title, empty, empty, table, (), (), (), ())
    monday = nights[0][0] - timedelta(days=nights[0][0].weekday())
    weeks = (nights[-1][0] - monday).days // 7 + 1
    bands = math.ceil(weeks / BAND_WEEKS)  # a long range wraps into bands of 14 weeks
    band_height = HEAT_TOP + 7 * HEAT_CELL + BAND_GAP
    inner = HEAT_CELL - 2
    cells = []
    for (d, share), (night, done) in zip(nights, rows, strict=True):
        band, column = divmod((d - monday).days // 7, BAND_WEEKS)
        x = r1(HEAT_LEFT + column * HEAT_CELL)
        y = r1(band * band_height + HEAT_TOP + d.weekday() * HEAT_CELL)
        level = adherence_level(share)
        text = f"{night}: {done}"
        fill = None
        if share is not None and share > 0:
            height = r1(inner * clamp(share, 0, 1))
            fill = Rect(x, r1(y + inner - height), inner, height, f"adh-fill adh-{level}", text)
        cells.append(Cell(Rect(x, y, inner, inner, f"adh adh-{level}", text), fill, level))
    weekday_labels = tuple(
        Label(
            HEAT_LEFT - 4,
            r1(band * band_height + HEAT_TOP + i * HEAT_CELL + 12.5),
            str(name),
            "end",
        )
        for band in range(bands)
        for i, name in enumerate(WEEKDAYS)
    )
    month_labels = tuple(
        label
        for band in range(bands)
        for label in _month_labels(
            max(nights[0][0], monday + timedelta(weeks=band * BAND_WEEKS)),
            min(weeks - band * BAND_WEEKS, BAND_WEEKS),
            top=band * band_height,
        )
    )
    grid_bottom = bands * band_height - BAND_GAP
    samples = [
        (f"adh adh-{level}", str(words), share)
        for (level, words), share in zip(ADHERENCE_LEVELS, LEGEND_SHARES, strict=True)
    ]
    legend = legend_row(samples[:3], y=r1(grid_bottom + 16))
    legend += legend_row(samples[3:], y=r1(legend[-1].label.y + 16))
    counts = {lv: sum(c.level == lv for c in cells) for lv, _words in ADHERENCE_LEVELS}
    desc = (
        ngettext(
            "%(count)d night from %(start)s to %(end)s, weeks as columns and Monday at the top; "
            "each cell is filled from the bottom by the share of the routine done.",
            "%(count)d nights from %(start)s to %(end)s, weeks as columns and Monday at the top; "
            "each cell is filled from the bottom by the share of the routine done.",
            len(cells),
        )
        % {
            "count": len(cells),
            "start": day_words.date(nights[0][0]),
            "end": day_words.date(nights[-1][0]),
        }
        + " "
        + ", ".join(f"{counts[lv]} {words[lv]}" for lv, _words in ADHERENCE_LEVELS)
        + "."
    )
    return Heatmap(
        chart_id=chart_id,
        width=WIDTH,
        height=r1(grid_bottom + 40 + legend_depth(legend) - 16),
        title=title,
        desc=desc,
        empty="",
        table=table,
        cells=tuple(cells),
        weekday_labels=weekday_labels,
        month_labels=tuple(month_labels),
        legend=legend,
    )


def _month_labels(first: date, weeks: int, *, top: float) -> tuple[Label, ...]:
    """A band's month names, each over the week its 1st falls in, starting with the first's."""
    monday = first - timedelta(days=first.weekday())
    starts = [(0, first)]
    for column in range(weeks):
        week = (monday + timedelta(days=column * 7 + k) for k in range(7))
        first_of_month = next((d for d in week if d.day == 1), None)
        if first_of_month and first_of_month > first:
            starts.append((column, first_of_month))
    if len(starts) > 1 and starts[1][0] * HEAT_CELL < 28:
        starts.pop(0)  # the band starts late in a month: name the next one instead
    return tuple(
        Label(r1(HEAT_LEFT + column * HEAT_CELL), r1(top + 11), wording.short_month(day), "start")
        for column, day in starts
    )
