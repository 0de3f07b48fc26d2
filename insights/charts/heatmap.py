"""A calendar heatmap of routine adherence: weeks as columns, Monday at the top."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from .parts import (
    NO_NIGHTS,
    WIDTH,
    Chart,
    Label,
    LegendItem,
    Rect,
    Table,
    clamp,
    date_text,
    finite,
    legend_row,
    r1,
)


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
        tuple((f"{d:%a} {date_text(d)}", share_text(s)) for d, s in nights),
    )
    title = "Routine adherence by night"
    if not nights:
        return Heatmap(chart_id, WIDTH, 40, title, NO_NIGHTS, NO_NIGHTS, table, (), (), (), ())
    monday = nights[0][0] - timedelta(days=nights[0][0].weekday())
    weeks = (nights[-1][0] - monday).days // 7 + 1
    cell = min(HEAT_CELL, (WIDTH - HEAT_LEFT - 4) / weeks)
    inner = cell - min(2, cell * 0.15)  # a gap between cells, small when they are small
    cells = []
    for d, share in nights:
        column, row = (d - monday).days // 7, d.weekday()
        x, y = r1(HEAT_LEFT + column * cell), r1(HEAT_TOP + row * cell)
        level = adherence_level(share)
        text = f"{d:%a} {date_text(d)}: {share_text(share)}"
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
    month_labels = _month_labels(monday, weeks, cell, first=nights[0][0])
    grid_bottom = HEAT_TOP + 7 * cell
    samples = [
        (f"adh adh-{level}", words, share)
        for (level, words), share in zip(ADHERENCE_LEVELS, LEGEND_SHARES, strict=True)
    ]
    legend = legend_row(samples[:3], y=r1(grid_bottom + 16))
    legend += legend_row(samples[3:], y=r1(grid_bottom + 32))
    counts = {lv: sum(c.level == lv for c in cells) for lv, _ in ADHERENCE_LEVELS}
    desc = (
        f"{len(cells)} nights from {date_text(nights[0][0])} to {date_text(nights[-1][0])}, "
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


def _month_labels(monday: date, weeks: int, cell: float, *, first: date) -> tuple[Label, ...]:
    """A month's name over the week its 1st falls in; the first week's month only if it fits."""
    starts = [(0, first)]
    for column in range(weeks):
        week = (monday + timedelta(days=column * 7 + k) for k in range(7))
        first_of_month = next((d for d in week if d.day == 1), None)
        if first_of_month:
            starts.append((column, first_of_month))
    if len(starts) > 1 and (starts[1][0] - starts[0][0]) * cell < 28:
        starts.pop(0)  # the range starts late in a month: name the next one instead
    labels, last = [], None
    for column, day in starts:
        if last is None or (column - last) * cell >= 28:
            labels.append(Label(r1(HEAT_LEFT + column * cell), 11, f"{day:%b}", "start"))
            last = column
    return tuple(labels)
