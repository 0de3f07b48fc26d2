"""A trend: nightly values as dots, their rolling mean as a line broken at gaps."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext, ngettext, pgettext

from .parts import (
    NO_NIGHTS,
    WIDTH,
    Chart,
    DayWords,
    Dot,
    Label,
    LegendItem,
    Line,
    Polyline,
    Table,
    clamp,
    finite,
    legend_row,
    r1,
    tick_text,
    value_text,
    value_ticks,
)


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


def trend(
    points: Sequence[tuple[date, float | None]],
    rolling: Sequence[float | None],
    *,
    y_label: str,
    unit: str,
    y_min: float | None = None,
    y_max: float | None = None,
    chart_id: str | None = None,
    missing: str | None = None,
    day_words: DayWords | None = None,
) -> TrendChart:
    """Nightly values as dots and their rolling mean as a line, over the nights' dates.

    ``rolling[i]`` belongs to ``points[i]``; a None in either is a gap. Give one point per
    calendar night (None where nothing was logged) so the line breaks where the diary does.
    ``unit`` "min" shows hours on the axis; any other unit ("%") is printed after the value.
    ``missing`` is the sentence shown when no night has a value ("No total sleep logged…").
    ``day_words`` names the days (one shared by a page's charts names each day once).
    """
    if len(rolling) != len(points):
        raise ValueError(f"{len(rolling)} rolling means for {len(points)} nights")
    chart_id = chart_id or "trend-" + "-".join(re.findall(r"[a-z0-9]+", y_label.lower()))
    pairs = sorted(
        (
            (day, finite(value), finite(mean))
            for (day, value), mean in zip(points, rolling, strict=True)
        ),
        key=lambda p: p[0],
    )
    values = [v for _, v, _ in pairs if v is not None]
    means = [m for _, _, m in pairs if m is not None]
    day_words = day_words or DayWords()
    # Each night's words once: its table row, and its dot's hover text from the same words.
    rows = tuple(
        (day_words.night(d), value_text(v, unit), value_text(m, unit)) for d, v, m in pairs
    )
    table = Table(
        gettext("%(label)s each night, with the 7-night rolling mean") % {"label": y_label},
        (pgettext("chart table", "Night"), y_label, gettext("7-night mean")),
        rows,
    )
    height = 190.0
    if not values and not means:
        empty = (
            gettext(NO_NIGHTS)
            if not pairs
            else missing or f"No {y_label.lower()} logged in these nights."
        )
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
        Dot(x_of(d), y_of(v), 3, "value", f"{night}: {value}")
        for (d, v, _), (night, value, _) in zip(pairs, rows, strict=True)
        if v is not None
    )
    lines, lone = _rolling(pairs, x_of, y_of, unit, day_words)
    label_days = sorted({first + timedelta(days=round(days * k / 3)) for k in range(4)})
    x_labels = tuple(
        Label(
            x_of(d),
            TREND_BOTTOM + 14,
            day_words.date(d),
            "start" if d == first and days else "end" if d == last and days else "middle",
        )
        for d in label_days
    )
    latest = next((m for _, _, m in reversed(pairs) if m is not None), None)
    desc = (
        ngettext(
            "%(label)s for %(count)d night from %(start)s to %(end)s, %(values)d with a value",
            "%(label)s for %(count)d nights from %(start)s to %(end)s, %(values)d with a value",
            len(pairs),
        )
        % {
            "label": y_label,
            "count": len(pairs),
            "start": day_words.date(first),
            "end": day_words.date(last),
            "values": len(values),
        }
        + (
            gettext(", from %(low)s to %(high)s")
            % {"low": value_text(min(values), unit), "high": value_text(max(values), unit)}
            if values
            else ""
        )
        + (
            gettext("; latest 7-night mean %(mean)s.") % {"mean": value_text(latest, unit)}
            if latest is not None
            else "."
        )
    )
    return TrendChart(
        chart_id=chart_id,
        width=WIDTH,
        height=height,
        title=gettext("%(label)s, night by night") % {"label": y_label},
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
        legend=legend_row(
            [("value-swatch", gettext("one night")), ("rolling-swatch", gettext("7-night mean"))],
            y=182,
        ),
    )


def _rolling(
    pairs: Sequence[tuple[date, float | None, float | None]],
    x_of: Callable[[date], float],
    y_of: Callable[[float], float],
    unit: str,
    day_words: DayWords,
) -> tuple[tuple[Polyline, ...], tuple[Dot, ...]]:
    """The rolling mean as lines broken at every None, and a dot for a run of one night."""
    runs: list[list[tuple[date, float]]] = [[]]
    for day, _, mean in pairs:
        if mean is None:
            runs.append([])
        else:
            runs[-1].append((day, mean))
    lines = tuple(
        Polyline(
            tuple((x_of(day), y_of(mean)) for day, mean in run),
            "rolling",
            gettext("7-night mean, %(start)s to %(end)s")
            % {"start": day_words.date(run[0][0]), "end": day_words.date(run[-1][0])},
        )
        for run in runs
        if len(run) > 1
    )
    lone = tuple(
        Dot(
            x_of(day),
            y_of(mean),
            2,
            "rolling-point",
            gettext("7-night mean to %(day)s: %(mean)s")
            % {"day": day_words.date(day), "mean": value_text(mean, unit)},
        )
        for run in runs
        if len(run) == 1
        for day, mean in run
    )
    return lines, lone
