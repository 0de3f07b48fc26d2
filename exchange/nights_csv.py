"""A CSV of nights, one row per night: every diary field, then the computed metrics.

Rows in, CSV text out. A row is a mapping with the keys of `COLUMNS`; its values are what the
diary holds (aware datetimes, ints, floats, strings, lists of names or intake rows). Instants are
written in the row's time zone WITH their UTC offset, so a night across a DST change reads
right; durations are minutes to one decimal; a blank is an empty cell, never 0.

Cells are user text (names, notes): one that a spreadsheet would run as a formula
(starting with = + - @, or a tab or carriage return) gets a leading apostrophe.

Pure stdlib: no Django here. The columns are documented in the README ("Your data").
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from households.spreadsheet import defused, local_iso

COLUMNS = (
    "profile",
    "time_zone",
    "date",
    "into_bed",
    "lights_out",
    "sol_minutes",
    "awakenings",
    "waso_minutes",
    "final_wake",
    "out_of_bed",
    "quality",
    "rested",
    "stress",
    "nap_minutes",
    "disturbances",
    "intake",
    "notes",
    "time_in_bed",
    "total_sleep_time",
    "sleep_efficiency",
    "sleep_onset_latency",
    "terminal_wakefulness",
    "mid_sleep",
)

MOMENTS = ("into_bed", "lights_out", "final_wake", "out_of_bed", "mid_sleep")
DURATIONS = (
    "time_in_bed",
    "total_sleep_time",
    "sleep_efficiency",
    "sleep_onset_latency",
    "terminal_wakefulness",
)
LIST_SEPARATOR = "; "


@dataclass(frozen=True)
class IntakeRow:
    item: str
    amount: Decimal | None
    unit: str
    taken_at: datetime | None  # aware


def minutes(value: float | None) -> str:
    """485 / 83.5: one decimal, without a trailing .0; blank stays blank."""
    if value is None:
        return ""
    rounded = round(value, 1)
    return str(int(rounded)) if rounded == int(rounded) else f"{rounded:.1f}"


def intake_text(intake: IntakeRow, zone: ZoneInfo) -> str:
    """ "Caffeine 2 cup @ 15:30": the parts that were recorded, in that order."""
    parts = [intake.item]
    if intake.amount is not None:
        parts.append(f"{intake.amount.normalize():f}")
    if intake.unit:
        parts.append(intake.unit)
    if intake.taken_at is not None:
        parts.append(f"@ {intake.taken_at.astimezone(zone):%H:%M}")
    return " ".join(parts)


def cells(row: Mapping, columns: Sequence[str] = COLUMNS) -> list[str]:
    """One night's row as the text of its cells, in the order of ``columns``."""
    zone = ZoneInfo(row["time_zone"])
    out = []
    for column in columns:
        value = row.get(column)
        if column in MOMENTS:
            text = local_iso(value, zone)
        elif column in DURATIONS:
            text = minutes(value)
        elif column == "disturbances":
            text = LIST_SEPARATOR.join(value or ())
        elif column == "intake":
            text = LIST_SEPARATOR.join(intake_text(intake, zone) for intake in value or ())
        elif value is None:
            text = ""
        else:
            text = str(value)
        out.append(defused(text))
    return out


class _Line:
    """A file-like object that hands back what csv.writer wrote, one line at a time."""

    def write(self, text: str) -> str:
        return text


def lines(rows: Iterable[Mapping], columns: Sequence[str] = COLUMNS) -> Iterator[str]:
    """The CSV, header first, one line per row (for a streamed response). The admin's download
    across households puts a `household` column in front of the same columns."""
    writer = csv.writer(_Line())
    yield writer.writerow(columns)
    for row in rows:
        yield writer.writerow(cells(row, columns))


def to_text(rows: Iterable[Mapping]) -> str:
    buffer = io.StringIO()
    for line in lines(rows):
        buffer.write(line)
    return buffer.getvalue()
