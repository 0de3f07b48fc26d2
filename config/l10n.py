"""Words and numbers in the reader's language: durations, a night's date, the order of a week.

Every page writes these through the template filters (journal_tags: `day`, `duration`, `clock`,
`percent`, `count`; insights_tags), which call these functions; the active language (set per
request by LocaleMiddleware and households.language) decides the words and formats, Django's
locale formats (config/formats) the order of day and month and the week's first day.

A page writes dozens of these per request (two per night of a history page), so what depends only
on the language — a date format taken apart, the month and weekday names, the duration patterns,
the decimal separator — is looked up once per language and process (`Writer`), not once per
value. The translations and formats are files shipped with the code: nothing a request or another
process can change.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal

from django.core.signals import setting_changed
from django.utils import formats, numberformat
from django.utils.dates import MONTHS, MONTHS_3, MONTHS_ALT, MONTHS_AP, WEEKDAYS, WEEKDAYS_ABBR
from django.utils.translation import get_language, gettext

# Django's date format characters (django.utils.dateformat) that depend on the date alone.
_FORMAT_CHARS = re.compile(r"(?<!\\)([aAbcdDeEfFgGhHiIjlLmMnNoOPrsStTUuwWyYzZ])")
_ESCAPED = re.compile(r"\\(.)")

DateWriter = Callable[[date], str]


class Writer:
    """The active language's way of writing dates, durations and numbers, resolved once."""

    def __init__(self) -> None:
        self.weekdays = [str(WEEKDAYS[day]) for day in range(7)]
        self.weekdays_abbr = [str(WEEKDAYS_ABBR[day]) for day in range(7)]
        months = {
            "F": MONTHS,
            "b": MONTHS_3,
            "E": MONTHS_ALT,
            "N": MONTHS_AP,
        }
        self.months = {
            char: {n: str(name) for n, name in table.items()} for char, table in months.items()
        }
        self.months["M"] = {n: name.title() for n, name in self.months["b"].items()}
        self.minutes_only = gettext("%(minutes)s min")
        self.hours_only = gettext("%(hours)s h")
        self.hours_minutes = gettext("%(hours)s h %(minutes)s min")
        self.decimal_separator = formats.get_format("DECIMAL_SEPARATOR")
        self.grouping = formats.get_format("NUMBER_GROUPING")
        self.thousand_separator = formats.get_format("THOUSAND_SEPARATOR")
        self._dates: dict[str, DateWriter | None] = {}

    # --- dates

    def date(self, value: date, format_name: str) -> str:
        """formats.date_format(value, format_name): the same text for a plain date."""
        try:
            write = self._dates[format_name]
        except KeyError:
            write = self._dates[format_name] = self._compile(formats.get_format(format_name))
        if write is None or type(value) is not date:
            return formats.date_format(value, format_name)
        return write(value)

    def _compile(self, format_string: str) -> DateWriter | None:
        """A date format taken apart once, as django.utils.dateformat reads it: its literal text
        and a function for each format character. None when the format has a character this
        does not write (Django's own formatter writes it then)."""
        template, parts = [], []
        for index, piece in enumerate(_FORMAT_CHARS.split(str(format_string))):
            if index % 2 == 0:
                text = _ESCAPED.sub(r"\1", piece)
                template.append(text.replace("{", "{{").replace("}", "}}"))
                continue
            part = self._date_part(piece)
            if part is None:
                return None
            template.append("{}")
            parts.append(part)
        pattern = "".join(template)
        return lambda value: pattern.format(*[part(value) for part in parts])

    def _date_part(self, char: str) -> Callable[[date], str] | None:
        if char in self.months:
            names = self.months[char]
            return lambda value: names[value.month]
        weekdays = {"D": self.weekdays_abbr, "l": self.weekdays}.get(char)
        if weekdays is not None:
            return lambda value: weekdays[value.weekday()]
        return {
            "j": lambda value: str(value.day),
            "d": lambda value: f"{value.day:02d}",
            "n": lambda value: str(value.month),
            "m": lambda value: f"{value.month:02d}",
            "Y": lambda value: f"{value.year:04d}",
            "y": lambda value: f"{value.year % 100:02d}",
        }.get(char)

    def night_date(self, value: date, *, today: date) -> str:
        name = "NIGHT_DATE_FORMAT" if value.year == today.year else "NIGHT_DATE_YEAR_FORMAT"
        return self.date(value, name)

    # --- durations and numbers

    def duration(self, minutes: float) -> str:
        total = round(minutes)
        hours, rest = divmod(abs(total), 60)
        sign = "−" if total < 0 else ""
        if not hours:
            words = self.minutes_only % {"minutes": rest}
        elif not rest:
            words = self.hours_only % {"hours": hours}
        else:
            words = self.hours_minutes % {"hours": hours, "minutes": rest}
        return sign + words

    def decimal(self, value: float | Decimal, places: int) -> str:
        """formats.number_format(value, places), with the separators already looked up."""
        return numberformat.format(
            value, self.decimal_separator, places, self.grouping, self.thousand_separator
        )


_writers: dict[str | None, Writer] = {}


def writer() -> Writer:
    """The active language's Writer."""
    language = get_language()
    try:
        return _writers[language]
    except KeyError:
        return _writers.setdefault(language, Writer())


def _forget_writers(**kwargs) -> None:
    # Tests that change the formats' or translations' settings get writers made under the new
    # ones. (Real deployments never change settings while running.)
    _writers.clear()


setting_changed.connect(_forget_writers)


def duration_words(minutes: float) -> str:
    """Minutes as "6 h 45 min", "45 min" or "8 h" in the active language; "−" when negative."""
    return writer().duration(minutes)


def night_date(value: date, *, today: date) -> str:
    """A night's date as every page writes it: "Thu 15 Jan" (de "Do, 15. Jan", es "jue 15 ene"),
    with the year when it is not this year."""
    return writer().night_date(value, today=today)


def decimal(value: float | Decimal, places: int) -> str:
    """A number with `places` decimals and the language's decimal separator: "83,5"."""
    return writer().decimal(value, places)


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
