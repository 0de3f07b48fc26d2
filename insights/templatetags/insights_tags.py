"""Display of insight figures: "—" for anything unknown, units by kind, never a made-up value."""

from __future__ import annotations

from django import template

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
        return f"{value:.1f} %"
    if kind == "rating":
        return f"{value:.1f}"
    if kind == "share":
        return f"{value * 100:.0f} %"
    return f"{value:.0f}"


@register.filter
def signed(value: float | None, kind: str) -> str:
    """A difference with its sign: "+25 min", "−3.2 %", "+0.4"."""
    if value is None:
        return UNKNOWN
    sign = "+" if value > 0 else "−" if value < 0 else "±"
    if kind == "duration":
        return f"{sign}{duration(abs(value))}"
    if kind == "percent":
        return f"{sign}{abs(value):.1f} points"
    return f"{sign}{abs(value):.1f}"


@register.filter
def clock_minutes(value: float | None) -> str:
    """Minutes after midnight as a clock time: 1415.6 → "23:36"."""
    if value is None:
        return UNKNOWN
    total = round(value) % (24 * 60)
    return f"{total // 60:02d}:{total % 60:02d}"


@register.filter
def lookup(mapping, key):
    """``mapping[key]``, or None: for dicts keyed by id, such as the weekly lines."""
    return mapping.get(key) if mapping else None
