"""Reading one field of an archive record, with the checks the database would otherwise make.

Each reader takes the record (a dict from the JSON), the key and the limits of the model field it
fills, and answers the Python value or raises `BadField` with a message a person understands.
A key that is absent reads as `null`, as the export writes a blank field; a field that may not
be blank then says it is missing. Limits mirror the models' columns and CheckConstraints, so a
record that reads cleanly can be written without an IntegrityError or a DataError.

Pure: no Django, no ORM.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from decimal import Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo

from django.utils.translation import gettext

SMALL_INT_MAX = 32767  # PositiveSmallIntegerField
INT_MAX = 2147483647  # PositiveIntegerField
WEEKDAYS = range(7)
# Longer than any ISO 8601 value, decimal amount or email the export writes; a longer string is
# refused before it is parsed (Decimal and int parsing of megabytes of digits is slow).
SHORT_TEXT = 320


class BadField(ValueError):
    """A field of a record that cannot be imported as it is; the message names the field."""


def _absent(value: Any) -> bool:
    return value is None


def _check_storable(key: str, text: str) -> None:
    # PostgreSQL refuses NUL in text, and a lone surrogate (legal in JSON's \u escapes) cannot
    # be encoded as UTF-8 at all.
    if "\x00" in text:
        raise BadField(gettext("%(key)s contains a NUL character") % {"key": key})
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise BadField(
            gettext("%(key)s contains a character that is not valid text") % {"key": key}
        ) from None


def text(
    record: dict,
    key: str,
    *,
    max_length: int | None = None,
    required: bool = False,
    single_line: bool = False,
    null: bool = False,
) -> str | None:
    """A string; `required` refuses an empty one, `null` lets it be null (else null reads "")."""
    value = record.get(key)
    if _absent(value):
        if required:
            raise BadField(gettext("%(key)s is missing") % {"key": key})
        return None if null else ""
    if not isinstance(value, str):
        raise BadField(gettext("%(key)s should be text") % {"key": key})
    if max_length is not None and len(value) > max_length:
        raise BadField(
            gettext("%(key)s is longer than %(most)s characters") % {"key": key, "most": max_length}
        )
    _check_storable(key, value)
    if required and not value.strip():
        raise BadField(gettext("%(key)s is empty") % {"key": key})
    if single_line and any(ord(char) < 32 or ord(char) == 127 for char in value):
        raise BadField(
            gettext("%(key)s should be a single line without control characters") % {"key": key}
        )
    return value


def integer(
    record: dict, key: str, *, low: int = 0, high: int = SMALL_INT_MAX, null: bool = True
) -> int | None:
    value = record.get(key)
    if _absent(value):
        if null:
            return None
        raise BadField(gettext("%(key)s is missing") % {"key": key})
    # bool is an int in Python, and 4.0 is not what the export writes.
    if isinstance(value, bool) or not isinstance(value, int):
        raise BadField(gettext("%(key)s should be a whole number") % {"key": key})
    if not low <= value <= high:
        raise BadField(
            gettext("%(key)s should be from %(low)s to %(high)s")
            % {"key": key, "low": low, "high": high}
        )
    return value


def boolean(record: dict, key: str) -> bool:
    value = record.get(key)
    if not isinstance(value, bool):
        raise BadField(gettext("%(key)s should be true or false") % {"key": key})
    return value


def _short(record: dict, key: str, what: str) -> str | None:
    value = record.get(key)
    if _absent(value):
        return None
    if not isinstance(value, str) or len(value) > SHORT_TEXT:
        raise BadField(gettext("%(key)s should be %(what)s") % {"key": key, "what": what})
    return value


def instant(record: dict, key: str, *, null: bool = True) -> datetime | None:
    """An ISO 8601 instant with its UTC offset, answered in UTC."""
    value = _short(record, key, gettext("a date and time with its UTC offset"))
    if value is None:
        if null:
            return None
        raise BadField(gettext("%(key)s is missing") % {"key": key})
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise BadField(
            gettext("%(key)s should be a date and time with its UTC offset") % {"key": key}
        ) from None
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise BadField(gettext("%(key)s has no UTC offset") % {"key": key})
    try:
        return moment.astimezone(UTC)
    except OverflowError:
        raise BadField(gettext("%(key)s is out of range") % {"key": key}) from None


def day(record: dict, key: str) -> date:
    value = _short(record, key, gettext("a date (YYYY-MM-DD)"))
    if value is None:
        raise BadField(gettext("%(key)s is missing") % {"key": key})
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise BadField(gettext("%(key)s should be a date (YYYY-MM-DD)") % {"key": key}) from None


def clock(record: dict, key: str, *, null: bool = False) -> time | None:
    value = _short(record, key, gettext("a time of day (HH:MM:SS)"))
    if value is None:
        if null:
            return None
        raise BadField(gettext("%(key)s is missing") % {"key": key})
    try:
        moment = time.fromisoformat(value)
    except ValueError:
        raise BadField(
            gettext("%(key)s should be a time of day (HH:MM:SS)") % {"key": key}
        ) from None
    if moment.tzinfo is not None:
        raise BadField(gettext("%(key)s should be a time of day without a zone") % {"key": key})
    return moment


def weekdays(record: dict, key: str) -> list[int]:
    value = record.get(key)
    if _absent(value):
        return []
    if not isinstance(value, list) or len(value) > 7:
        raise BadField(
            gettext("%(key)s should be a list of weekdays (0 = Monday … 6 = Sunday)") % {"key": key}
        )
    for entry in value:
        if isinstance(entry, bool) or not isinstance(entry, int) or entry not in WEEKDAYS:
            raise BadField(
                gettext("%(key)s should be a list of weekdays (0 = Monday … 6 = Sunday)")
                % {"key": key}
            )
    if len(set(value)) != len(value):
        raise BadField(gettext("%(key)s names a weekday twice") % {"key": key})
    return list(value)


def amount(record: dict, key: str, *, digits: int = 7, places: int = 2) -> Decimal | None:
    """A decimal string that fits a DecimalField(max_digits=digits, decimal_places=places)
    exactly: nothing is rounded on the way in either."""
    value = _short(record, key, 'a decimal number in a string ("0.50")')
    if value is None:
        return None
    try:
        number = Decimal(value)
    except InvalidOperation:
        raise BadField(
            gettext('%(key)s should be a decimal number in a string ("0.50")') % {"key": key}
        ) from None
    if not number.is_finite():
        raise BadField(gettext("%(key)s should be a finite number") % {"key": key})
    if number < 0:
        raise BadField(gettext("%(key)s can't be negative") % {"key": key})
    if number >= Decimal(10) ** (digits - places):
        raise BadField(gettext("%(key)s is too large") % {"key": key})
    quantum = Decimal(1).scaleb(-places)
    if number.quantize(quantum) != number:
        raise BadField(
            gettext("%(key)s has more than %(places)s decimal places")
            % {"key": key, "places": places}
        )
    return number.quantize(quantum)


def time_zone(record: dict, key: str) -> str:
    value = text(record, key, max_length=64, required=True)
    try:
        ZoneInfo(value)
    except (ValueError, KeyError, OSError):
        raise BadField(
            gettext("%(key)s “%(value)s” is not a time zone") % {"key": key, "value": value}
        ) from None
    return value


def names(record: dict, key: str, *, max_length: int) -> list[str]:
    """A list of names (catalogue entries, followers), each a non-empty string."""
    value = record.get(key)
    if _absent(value):
        return []
    if not isinstance(value, list):
        raise BadField(gettext("%(key)s should be a list of names") % {"key": key})
    found = []
    for entry in value:
        if not isinstance(entry, str):
            raise BadField(gettext("%(key)s should be a list of names") % {"key": key})
        found.append(text({key: entry}, key, max_length=max_length, required=True))
    return found


def objects(record: dict, key: str) -> list[dict]:
    value = record.get(key)
    if _absent(value):
        return []
    if not isinstance(value, list) or not all(isinstance(entry, dict) for entry in value):
        raise BadField(gettext("%(key)s should be a list of objects") % {"key": key})
    return value
