"""Dates in the words of the active language, for sentences built in Python (messages, errors,
chart titles). Templates use the journal's filters; these are for text that never passes one.

Each format is itself translatable, so every language writes a date its own way: "3 December"
in English, "3. Dezember" in German, "3 de diciembre" in Spanish.
"""

from __future__ import annotations

from datetime import date

from django.utils import formats
from django.utils.translation import pgettext


def day_month(day: date) -> str:
    """ "3 December"."""
    return formats.date_format(day, pgettext("date format: day and month", "j F"))


def day_month_year(day: date) -> str:
    """ "3 December 2026"."""
    return formats.date_format(day, pgettext("date format: day, month and year", "j F Y"))


def short_day_month(day: date) -> str:
    """ "3 Dec", for chart titles and table rows."""
    return formats.date_format(day, pgettext("date format: day and short month", "j M"))


def weekday_day(day: date) -> str:
    """ "Mon 3", a sleep-log row's label."""
    return formats.date_format(day, pgettext("date format: short weekday and day", "D j"))


def short_month(day: date) -> str:
    """ "Dec", over a heatmap's weeks."""
    return formats.date_format(day, "M")


def weekday_day_month(day: date) -> str:
    """ "Mon 3 Dec", a night in a chart's table or hover text."""
    return formats.date_format(
        day, pgettext("date format: short weekday, day and short month", "D j M")
    )
