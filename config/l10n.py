"""Words and numbers in the reader's language: durations, a night's date, the order of a week.

Every page writes these through the template filters (journal_tags: `day`, `duration`, `clock`,
`percent`, `count`; insights_tags), which call these functions; the active language (set per
request by LocaleMiddleware and households.language) decides the words and formats, Django's
locale formats (config/formats) the order of day and month and the week's first day.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.utils import formats
from django.utils.dates import WEEKDAYS, WEEKDAYS_ABBR
from django.utils.translation import gettext


def duration_words(minutes: float) -> str:
    """Minutes as "6 h 45 min", "45 min" or "8 h" in the active language; "−" when negative."""
    total = round(minutes)
    hours, rest = divmod(abs(total), 60)
    sign = "−" if total < 0 else ""
    if not hours:
        words = gettext("%(minutes)s min") % {"minutes": rest}
    elif not rest:
        words = gettext("%(hours)s h") % {"hours": hours}
    else:
        words = gettext("%(hours)s h %(minutes)s min") % {"hours": hours, "minutes": rest}
    return sign + words


def night_date(value: date, *, today: date) -> str:
    """A night's date as every page writes it: "Thu 15 Jan" (de "Do, 15. Jan", es "jue 15 ene"),
    with the year when it is not this year."""
    name = "NIGHT_DATE_FORMAT" if value.year == today.year else "NIGHT_DATE_YEAR_FORMAT"
    return formats.date_format(value, name)


def decimal(value: float | Decimal, places: int) -> str:
    """A number with `places` decimals and the language's decimal separator: "83,5"."""
    return formats.number_format(value, places)


def first_weekday() -> int:
    """The first day of the week in the active language, as date.weekday() (0 = Monday)."""
    sunday_based = int(formats.get_format("FIRST_DAY_OF_WEEK"))  # Django's: 0 = Sunday
    return (sunday_based - 1) % 7


def week_order() -> list[int]:
    """The seven weekdays (0 = Monday) in the order the active language's week runs."""
    first = first_weekday()
    return [(first + offset) % 7 for offset in range(7)]


def weekday_name(weekday: int, *, short: bool = False) -> str:
    """The weekday's name (0 = Monday) in the active language: "Monday", "Mo", "lun"."""
    return str((WEEKDAYS_ABBR if short else WEEKDAYS)[weekday])
