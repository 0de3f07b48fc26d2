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
        raise BadField(f"{key} contains a NUL character")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise BadField(f"{key} contains a character that is not valid text") from None


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
            raise BadField(f"{key} is missing")
        return None if null else ""
    if not isinstance(value, str):
        raise BadField(f"{key} should be text")
    if max_length is not None and len(value) > max_length:
        raise BadField(f"{key} is longer than {max_length} characters")
    _check_storable(key, value)
    if required and not value.strip():
        raise BadField(f"{key} is empty")
    if single_line and any(ord(char) < 32 or ord(char) == 127 for char in value):
        raise BadField(f"{key} should be a single line without control characters")
    return value


def integer(
    record: dict, key: str, *, low: int = 0, high: int = SMALL_INT_MAX, null: bool = True
) -> int | None:
    value = record.get(key)
    if _absent(value):
        if null:
            return None
        raise BadField(f"{key} is missing")
    # bool is an int in Python, and 4.0 is not what the export writes.
    if isinstance(value, bool) or not isinstance(value, int):
        raise BadField(f"{key} should be a whole number")
    if not low <= value <= high:
        raise BadField(f"{key} should be from {low} to {high}")
    return value


def boolean(record: dict, key: str) -> bool:
    value = record.get(key)
    if not isinstance(value, bool):
        raise BadField(f"{key} should be true or false")
    return value


def _short(record: dict, key: str, what: str) -> str | None:
    value = record.get(key)
    if _absent(value):
        return None
    if not isinstance(value, str) or len(value) > SHORT_TEXT:
        raise BadField(f"{key} should be {what}")
    return value


def instant(record: dict, key: str, *, null: bool = True) -> datetime | None:
    """An ISO 8601 instant with its UTC offset, answered in UTC."""
    value = _short(record, key, "a date and time with its UTC offset")
    if value is None:
        if null:
            return None
        raise BadField(f"{key} is missing")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise BadField(f"{key} should be a date and time with its UTC offset") from None
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise BadField(f"{key} has no UTC offset")
    try:
        return moment.astimezone(UTC)
    except OverflowError:
        raise BadField(f"{key} is out of range") from None


def day(record: dict, key: str) -> date:
    value = _short(record, key, "a date (YYYY-MM-DD)")
    if value is None:
        raise BadField(f"{key} is missing")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise BadField(f"{key} should be a date (YYYY-MM-DD)") from None


def clock(record: dict, key: str, *, null: bool = False) -> time | None:
    value = _short(record, key, "a time of day (HH:MM:SS)")
    if value is None:
        if null:
            return None
        raise BadField(f"{key} is missing")
    try:
        moment = time.fromisoformat(value)
    except ValueError:
        raise BadField(f"{key} should be a time of day (HH:MM:SS)") from None
    if moment.tzinfo is not None:
        raise BadField(f"{key} should be a time of day without a zone")
    return moment


def weekdays(record: dict, key: str) -> list[int]:
    value = record.get(key)
    if _absent(value):
        return []
    if not isinstance(value, list) or len(value) > 7:
        raise BadField(f"{key} should be a list of weekdays (0 = Monday … 6 = Sunday)")
    for entry in value:
        if isinstance(entry, bool) or not isinstance(entry, int) or entry not in WEEKDAYS:
            raise BadField(f"{key} should be a list of weekdays (0 = Monday … 6 = Sunday)")
    if len(set(value)) != len(value):
        raise BadField(f"{key} names a weekday twice")
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
        raise BadField(f'{key} should be a decimal number in a string ("0.50")') from None
    if not number.is_finite():
        raise BadField(f"{key} should be a finite number")
    if number < 0:
        raise BadField(f"{key} can't be negative")
    if number >= Decimal(10) ** (digits - places):
        raise BadField(f"{key} is too large")
    quantum = Decimal(1).scaleb(-places)
    if number.quantize(quantum) != number:
        raise BadField(f"{key} has more than {places} decimal places")
    return number.quantize(quantum)


def time_zone(record: dict, key: str) -> str:
    value = text(record, key, max_length=64, required=True)
    try:
        ZoneInfo(value)
    except (ValueError, KeyError, OSError):
        raise BadField(f"{key} “{value}” is not a time zone") from None
    return value


def names(record: dict, key: str, *, max_length: int) -> list[str]:
    """A list of names (catalogue entries, followers), each a non-empty string."""
    value = record.get(key)
    if _absent(value):
        return []
    if not isinstance(value, list):
        raise BadField(f"{key} should be a list of names")
    found = []
    for entry in value:
        if not isinstance(entry, str):
            raise BadField(f"{key} should be a list of names")
        found.append(text({key: entry}, key, max_length=max_length, required=True))
    return found


def objects(record: dict, key: str) -> list[dict]:
    value = record.get(key)
    if _absent(value):
        return []
    if not isinstance(value, list) or not all(isinstance(entry, dict) for entry in value):
        raise BadField(f"{key} should be a list of objects")
    return value
