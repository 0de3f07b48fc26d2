"""Reading the cells of other apps' CSV files: lines with their numbers, instants, zones, ratings.

Shared by the outside formats (Sleep as Android, Plees Tracker, Baby Buddy). Every reader
returns None (or raises `CellError` with a sentence for the user) instead of letting a
malformed cell escape as a crash: an upload is arbitrary text.

Pure: no ORM here; the reasons go through gettext.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)

# No diary night is older than 1970 (journal.plausibility.EARLIEST_NIGHT), and an instant far
# in the future is a typo or garbage: keeping every instant inside these bounds also keeps the
# date arithmetic downstream (night windows, a day later) clear of the calendar's ends.
EARLIEST = _EPOCH
LATEST = datetime(2100, 1, 1, tzinfo=UTC)
_LATEST_MS = (LATEST - _EPOCH) // timedelta(milliseconds=1)


class CellError(ValueError):
    """A cell that cannot be read; the message is shown to the user as the line's reason."""


def first_line(text: str) -> str:
    """The first line of a file, without a byte-order mark: all a sniffer needs to look at."""
    head = text[:4096].lstrip("\ufeff")
    return head.splitlines()[0] if head else ""


def header_names(line: str) -> list[str]:
    """The column names of a header line, unquoted, trimmed and lower-cased."""
    try:
        fields = next(csv.reader([line]), [])
    except csv.Error:
        return []
    return [name.strip().lower() for name in fields]


# Read leniently (csv's default), a record only fails when a cell is over csv's field size
# limit; a quote left open simply runs to the end of the file.
UNREADABLE = gettext_lazy("This line can't be read: one of its cells is longer than 128 KB.")


def csv_lines(text: str) -> Iterator[tuple[int, list[str] | None]]:
    """Each record of a CSV text with the file line it starts on (1-based).

    A record that cannot be read comes as (line, None) (see `UNREADABLE`) and reading goes on
    with the next line. Quoted cells may span lines; the number is where the record begins.
    """
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    read_so_far = 0
    while True:
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error:
            yield read_so_far + 1, None
            if reader.line_num == read_so_far:  # nothing consumed: don't spin
                return
        else:
            yield read_so_far + 1, fields
        read_so_far = reader.line_num


class Row:
    """One record's cells by column name; a column the record lacks reads as blank."""

    __slots__ = ("columns", "fields")

    def __init__(self, fields: list[str], columns: dict[str, int]) -> None:
        self.fields = fields
        self.columns = columns

    def __getitem__(self, name: str) -> str:
        index = self.columns.get(name)
        return self.fields[index] if index is not None and index < len(self.fields) else ""


def quoted(text: str, limit: int = 40) -> str:
    """A cell as it is shown inside a reason: in quotes and cut short when long."""
    text = text.strip()
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return f"“{text}”"


def check_bounds(moment: datetime, *, what: str) -> datetime:
    """The instant in UTC, if it is a plausible time for a diary."""
    if not EARLIEST <= moment < LATEST:
        raise CellError(_("%(what)s is not between 1970 and 2099.") % {"what": what})
    return moment if moment.tzinfo is UTC else moment.astimezone(UTC)


def instant_from_epoch_ms(text: str, *, what: str) -> datetime:
    """An instant written as milliseconds since 1970-01-01 UTC (Java's `Date.getTime()`)."""
    cleaned = text.strip()
    if not cleaned.isascii() or not cleaned.isdigit() or len(cleaned) > 15:
        raise CellError(
            _("%(what)s %(cell)s is not a time in milliseconds since 1970.")
            % {"what": what, "cell": quoted(text)}
        )
    milliseconds = int(cleaned)
    if milliseconds >= _LATEST_MS:  # before adding: past year 9999 the sum would overflow
        raise CellError(_("%(what)s is not between 1970 and 2099.") % {"what": what})
    return check_bounds(_EPOCH + timedelta(milliseconds=milliseconds), what=what)


_FIXED_OFFSET = re.compile(r"(?:GMT|UTC)([+-])(\d{1,2}):?(\d{2})?")


@lru_cache(maxsize=256)
def zone_named(name: str) -> tzinfo | None:
    """The zone an app wrote: an IANA name ("Europe/Prague") or Java's "GMT+01:00"; None if
    unknown. Cached: building a zone per record would dominate the time of a large import."""
    name = name.strip()
    fixed = _FIXED_OFFSET.fullmatch(name)
    if fixed:
        sign, hours, minutes = fixed.groups()
        offset = timedelta(hours=int(hours), minutes=int(minutes or 0))
        if offset > timedelta(hours=14):
            return None
        return timezone(-offset if sign == "-" else offset)
    if not name or len(name) > 64:
        return None
    try:
        return ZoneInfo(name)
    except (ValueError, OSError, KeyError):  # KeyError: ZoneInfoNotFoundError
        return None


_NAIVE_EPOCH = datetime(1970, 1, 1)
# Offsets change at most a few times a year, never twice within this: when the zone's offset
# is the same this long before and after a wall time, the time has exactly one reading.
_CLEAR_OF_CHANGES = timedelta(hours=6)


def wall_readings(wall: datetime, zone: tzinfo) -> tuple[datetime, ...]:
    """The UTC instants a naive wall-clock time can mean in `zone`: one, or two around a change.

    The first is PEP 495's fold=0 reading, the diary's rule (`journal.clock.local_to_utc`): a
    time in the spring-forward gap is read with the offset before the change (so it lands the
    gap's length later) and a time in the repeated fall-back hour is its first occurrence. The
    second, when there is one, is the fold=1 reading (the other side of the change).
    """
    try:
        # Offsets of the naive wall time itself (tzinfo.utcoffset reads a naive datetime as
        # wall-clock time), and arithmetic from the epoch: several times faster than
        # datetime.replace(tzinfo=...).astimezone(UTC) on tens of thousands of records.
        wall = wall.replace(fold=0) if wall.fold else wall
        offset = zone.utcoffset(wall)
        since_epoch = wall - _NAIVE_EPOCH
        first = _EPOCH + (since_epoch - offset)
        if (
            zone.utcoffset(wall - _CLEAR_OF_CHANGES)
            == offset
            == zone.utcoffset(wall + _CLEAR_OF_CHANGES)
        ):
            return (first,)
        second = _EPOCH + (since_epoch - zone.utcoffset(wall.replace(fold=1)))
    except (OverflowError, ValueError):
        raise CellError(
            _("%(what)s is not between 1970 and 2099.") % {"what": f"{wall:%Y-%m-%d %H:%M}"}
        ) from None
    return (first,) if first == second else (first, second)


def rating_0_to_5(text: str, *, what: str = "Rating") -> float | None:
    """A 0–5 rating as the apps write it ("3", "3.75"); None when blank."""
    cleaned = text.strip()
    if not cleaned:
        return None
    try:
        value = float(cleaned)
    except ValueError:
        value = math.nan
    if not 0 <= value <= 5:  # also false for NaN
        raise CellError(
            _("%(what)s %(cell)s is not a number from 0 to 5.")
            % {"what": what, "cell": quoted(text)}
        )
    return value


def quality_from_rating(value: float | None) -> int | None:
    """A 0–5 star rating as the diary's 1–5 quality: 0 means "not rated" (None); anything else
    rounds to the nearest whole star, halves up (2.5 → 3), and never below 1 (0.25 → 1)."""
    if not value:
        return None
    return max(1, min(5, math.floor(value + 0.5)))
