"""Monday … Sunday side by side: one bar from zero per weekday, with the nights behind it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext, pgettext
from django.utils.translation import gettext_lazy as _

from .parts import (
    NO_NIGHTS,
    WIDTH,
    Chart,
    Label,
    Line,
    Rect,
    Table,
    clamp,
    escape,
    finite,
    r1,
    tick_text,
    value_text,
    value_ticks,
)


@dataclass(frozen=True)
class Bar:
    rect: Rect  # the bar, or for a weekday with no data a full-height outline
    has_data: bool
    value: Label  # the value above the bar, or "no data" inside the outline
    day: Label
    nights: Label

    @property
    def svg(self) -> SafeString:
        """The weekday's group: its bar, the value over it, the day and its count of nights."""
        value = self.value
        return mark_safe(
            f'<g class="weekday{"" if self.has_data else " without-data"}">'
            + self.rect.svg
            + f'<text class="value {escape(value.css)}" x="{value.x}" y="{value.y}" '
            f'text-anchor="{escape(value.anchor)}">{escape(value.text)}</text>'
            + self.day.classed_svg
            + self.nights.classed_svg
            + "</g>"
        )


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
    y_label: str = _("Mean"),
    chart_id: str = "weekday-bars",
) -> BarChart:
    """Monday … Sunday side by side: a bar from zero per weekday, with the nights behind it."""
    clean = [(label, finite(value), max(n, 0)) for label, value, n in rows]
    title = gettext("%(label)s by weekday") % {"label": y_label}
    table = Table(
        title,
        (gettext("Weekday"), str(y_label), pgettext("chart table", "Nights")),
        tuple((label, value_text(v, unit), str(n)) for label, v, n in clean),
    )
    if not clean:
        return BarChart(
            chart_id, WIDTH, 40, title, gettext(NO_NIGHTS), gettext(NO_NIGHTS), table, (), (), ()
        )
    values = [v for _, v, _ in clean if v is not None]
    ticks = value_ticks(0, max([*values, 0]) or (60 if unit == "min" else 1), unit, count=4)
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
        nights = ngettext("%(count)d night", "%(count)d nights", n) % {"count": n}
        if value is None:
            rect = Rect(
                x,
                BARS_TOP,
                bar_width,
                BARS_BOTTOM - BARS_TOP,
                "no-data",
                gettext("%(day)s: no data") % {"day": label},
            )
            text = Label(
                centre, r1((BARS_TOP + BARS_BOTTOM) / 2), gettext("no data"), css="no-data-text"
            )
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
            text = Label(centre, r1(top - 4), _bar_text(value, unit))
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
        title=title,
        desc=gettext(
            "%(label)s for each weekday, Monday to Sunday, with n the number of nights behind "
            "each bar; weekdays without data: %(count)d."
        )
        % {"label": y_label, "count": len(clean) - len(values)},
        empty="",
        table=table,
        bars=tuple(bars),
        gridlines=tuple(Line(BARS_LEFT, y_of(t), BARS_RIGHT, y_of(t), "grid") for t in ticks),
        y_labels=tuple(
            Label(BARS_LEFT - 4, r1(y_of(t) + 4), tick_text(t, unit), "end") for t in ticks
        ),
    )


def _bar_text(value: float, unit: str) -> str:
    """A bar's value in little room: "7:05" for minutes, "84 %" otherwise."""
    if unit == "min":
        hours, rest = divmod(round(value), 60)
        return f"{hours}:{rest:02d}"
    return f"{value:.0f} {unit}".rstrip()
