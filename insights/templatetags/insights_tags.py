"""Display of insight figures: "—" for anything unknown, units by kind, never a made-up value."""

from __future__ import annotations

from datetime import time

from django import template
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from config.l10n import decimal
from households.clock_format import format_time
from insights.charts.parts import svg_of
from journal.templatetags.journal_tags import UNKNOWN, duration

register = template.Library()


@register.filter
def figure(value: float | None, kind: str) -> str:
    """A figure by its kind: duration (minutes), percent, rating (1–5), share (0–1) or index."""
    if value is None:
        return UNKNOWN
    if kind == "duration":
        return duration(value)
    if kind == "percent":
        return f"{decimal(value, 1)} %"
    if kind == "rating":
        return decimal(value, 1)
    if kind == "share":
        return f"{decimal(value * 100, 0)} %"
    return decimal(value, 0)


@register.filter
def signed(value: float | None, kind: str) -> str:
    """A difference with its sign: "+25 min", "−3.2 %", "+0.4"."""
    if value is None:
        return UNKNOWN
    sign = "+" if value > 0 else "−" if value < 0 else "±"
    if kind == "duration":
        return f"{sign}{duration(abs(value))}"
    if kind == "percent":
        # Translators: a difference of percentages, e.g. "+3.2 points".
        return gettext("%(difference)s points") % {"difference": f"{sign}{decimal(abs(value), 1)}"}
    return f"{sign}{decimal(abs(value), 1)}"


@register.filter
def clock_minutes(value: float | None) -> str:
    """Minutes after midnight as a clock time in the reader's clock format: 1415.6 → "23:36"
    (or "11:36 pm")."""
    if value is None:
        return UNKNOWN
    total = round(value) % (24 * 60)
    return format_time(time(total // 60, total % 60))


@register.filter
def lookup(mapping, key):
    """``mapping[key]``, or None: for dicts keyed by id, such as the weekly lines."""
    return mapping.get(key) if mapping else None


@register.filter
def svg(marks) -> SafeString:
    """A chart's marks (its gridlines, rows, cells, legend…) as their SVG elements."""
    return svg_of(marks)
