"""Display of journal numbers: "—" for anything unknown, never a made-up value."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django import template
from django.utils import timezone

from config import l10n
from households.clock_format import format_time
from journal import clock, undo

register = template.Library()

UNKNOWN = "—"


@register.filter
def duration(minutes: float | None) -> str:
    """Minutes as "6 h 45 min", "45 min" or "8 h" (in the reader's language)."""
    return UNKNOWN if minutes is None else l10n.duration_words(minutes)


@register.filter
def percent(value: float | None) -> str:
    """A percentage with one decimal: "83.5 %" (de, es "83,5 %")."""
    return UNKNOWN if value is None else f"{l10n.decimal(value, 1)} %"


@register.filter
def count(value: int | None) -> str:
    return UNKNOWN if value is None else l10n.decimal(value, 0)


@register.filter
def clock_time(moment: datetime | None, zone: ZoneInfo) -> str:
    """An aware instant as the wall-clock time in `zone`: "23:05"."""
    if moment is None:
        return UNKNOWN
    return format_time(clock.to_local(moment, zone).time())


@register.filter(name="clock")
def clock_filter(value: time | datetime | None) -> str:
    """A wall-clock time (or a datetime already in the right zone) in the reader's clock
    format: "21:30" or "9:30 pm"."""
    if value is None or value == "":
        return UNKNOWN
    return format_time(value.time() if isinstance(value, datetime) else value)


def written_date(value: date, *, today: date) -> str:
    """A date as every page writes it: "Thu 15 Jan" (de "Do, 15. Jan", es "jue 15 ene"), with
    the year when it is not this year."""
    return l10n.night_date(value, today=today)


@register.filter(name="day")
def day_filter(value: date | datetime | None) -> str:
    if value is None or value == "":
        return UNKNOWN
    if isinstance(value, datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return written_date(value, today=timezone.localdate())


@register.filter
def efficiency_scale(value: float | None) -> str:
    """A colour class for sleep efficiency: below 75 %, 75–85, 85–90, 90 % and over."""
    if value is None:
        return "scale-none"
    if value < 75:
        return "scale-1"
    if value < 85:
        return "scale-2"
    if value < 90:
        return "scale-3"
    return "scale-4"


@register.filter
def quality_scale(value: int | None) -> str:
    """A colour class for quality 1–5 (very poor and poor share the lowest colour)."""
    if value is None:
        return "scale-none"
    return f"scale-{max(1, value - 1)}"


@register.simple_tag(takes_context=True)
def pending_undo(context, profile) -> dict | None:
    """The quick action on `profile` that can still be undone in this session, or None."""
    request = context.get("request")
    if request is None or profile is None or not hasattr(request, "session"):
        return None
    return undo.pending(request, profile.pk)
