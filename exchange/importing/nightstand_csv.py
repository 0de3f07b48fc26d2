"""Nightstand's own CSV of nights (`exchange.nights_csv`), read back.

One row per night. The diary's columns are read; the computed metrics (time in bed, efficiency…)
are ignored, since Nightstand computes them again from the times. Instants carry their UTC
offset (2026-11-02T23:00:00+00:00); one without an offset, as a spreadsheet may leave it, is read
as wall-clock time in the row's `time_zone`. Lists are separated by ";". An intake reads as the
export writes it: "Caffeine 2 cup @ 15:30" (what, how much, the unit, the clock time), each part
after the name optional. The apostrophe the export puts in front of a cell a spreadsheet would
run as a formula is taken off again.

Pure: no Django here.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from exchange.nights_csv import COLUMNS
from households.spreadsheet import FORMULA_STARTS
from journal import clock

from .incoming import Format, IncomingIntake, IncomingNight, NotThisFormat, Parsed, Rejected, Source

KEY = "nightstand-csv"
# The columns a file must have to be read as this format; the others may be left out. The admin's
# download across households has a `household` column in front, which is ignored.
REQUIRED = ("profile", "time_zone", "date")
KNOWN = {*COLUMNS, "household"}
MOMENTS = ("into_bed", "lights_out", "final_wake", "out_of_bed")
NUMBERS = (
    "sol_minutes",
    "awakenings",
    "waso_minutes",
    "quality",
    "rested",
    "stress",
    "nap_minutes",
)
NAMES = {
    "into_bed": gettext_lazy("into bed"),
    "lights_out": gettext_lazy("lights out"),
    "final_wake": gettext_lazy("final awakening"),
    "out_of_bed": gettext_lazy("out of bed"),
    "sol_minutes": gettext_lazy("minutes to fall asleep"),
    "awakenings": gettext_lazy("awakenings"),
    "waso_minutes": gettext_lazy("minutes awake"),
    "quality": gettext_lazy("quality"),
    "rested": gettext_lazy("rested"),
    "stress": gettext_lazy("stress"),
    "nap_minutes": gettext_lazy("naps"),
}
INTAKE = re.compile(
    r"^(?P<item>.+?)"
    r"(?:\s+(?P<amount>\d+(?:\.\d+)?)(?:\s+(?P<unit>[^@\s].*?))?)?"
    r"(?:\s+@\s*(?P<at>\d{1,2}:\d{2}))?$"
)


class RowProblem(ValueError):
    """A cell that cannot be read; the message says which and why."""


def undefused(text: str) -> str:
    """The cell as typed: without the apostrophe that kept a spreadsheet from running it."""
    if text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text


def _header(text: str) -> list[str]:
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    try:
        return [name.strip() for name in next(csv.reader([first]))]
    except (csv.Error, StopIteration):
        return []


def sniff(text: str) -> bool:
    header = _header(text)
    return set(REQUIRED) <= set(header) <= KNOWN


def _moment(column: str, raw: str, zone: ZoneInfo) -> datetime | None:
    if not raw:
        return None
    try:
        moment = datetime.fromisoformat(raw)
    except ValueError:
        raise RowProblem(
            _("%(column)s “%(cell)s” is not a date and time like 2026-11-02T23:00:00+00:00.")
            % {"column": NAMES[column], "cell": raw}
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone)
    return moment


def _number(column: str, raw: str) -> int | None:
    if not raw:
        return None
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise RowProblem(
            _("%(column)s “%(cell)s” is not a number.") % {"column": NAMES[column], "cell": raw}
        ) from None
    if not value.is_finite() or value != value.to_integral_value():
        raise RowProblem(
            _("%(column)s “%(cell)s” is not a whole number.")
            % {"column": NAMES[column], "cell": raw}
        )
    if abs(value) > 10**6:
        raise RowProblem(
            _("%(column)s “%(cell)s” is far too large.") % {"column": NAMES[column], "cell": raw}
        )
    return int(value)


def _names(raw: str) -> tuple[str, ...]:
    return tuple(name.strip() for name in raw.split(";") if name.strip())


def intake_of(text: str, *, night: date, zone: ZoneInfo) -> IncomingIntake:
    """ "Caffeine 2 cup @ 15:30" -> item, amount, unit and the instant (as the diary places a
    clock time for a night: `clock.intake_moment`)."""
    match = INTAKE.match(text)
    if match is None:  # (only a blank text fails the pattern, and blanks are dropped)
        raise RowProblem(_("intake “%(text)s” cannot be read.") % {"text": text})
    taken_at = None
    if match["at"]:
        hours, minutes = (int(part) for part in match["at"].split(":"))
        if hours > 23 or minutes > 59:
            raise RowProblem(
                _("intake “%(text)s”: %(at)s is not a clock time.")
                % {"text": text, "at": match["at"]}
            )
        taken_at = clock.intake_moment(night, time(hours, minutes), zone)
    return IncomingIntake(
        item=match["item"].strip(),
        amount=Decimal(match["amount"]) if match["amount"] else None,
        unit=(match["unit"] or "").strip(),
        taken_at=taken_at,
    )


def _zone(raw: str) -> ZoneInfo:
    try:
        return ZoneInfo(raw)
    except (ValueError, KeyError, OSError):
        raise RowProblem(
            _("time zone “%(zone)s” is not one Nightstand knows.") % {"zone": raw}
        ) from None


def _night(row: dict[str, str], line: int) -> IncomingNight:
    profile = row.get("profile", "")
    if not profile:
        raise RowProblem(_("the profile column is empty."))
    zone = _zone(row.get("time_zone") or "UTC")
    try:
        night_date = date.fromisoformat(row.get("date", ""))
    except ValueError:
        raise RowProblem(
            _("date “%(cell)s” is not a date like 2026-11-02.") % {"cell": row.get("date", "")}
        ) from None
    fields = {column: _moment(column, row.get(column, ""), zone) for column in MOMENTS}
    fields |= {column: _number(column, row.get(column, "")) for column in NUMBERS}
    intake = tuple(
        intake_of(text, night=night_date, zone=zone) for text in _names(row.get("intake", ""))
    )
    return IncomingNight(
        source=profile,
        line=line,
        date=night_date,
        disturbances=_names(row.get("disturbances", "")),
        intake=intake,
        notes=row.get("notes", ""),
        **fields,
    )


def parse(text: str, zone: ZoneInfo | None = None) -> Parsed:
    """`zone` is not needed: every row names its own."""
    if not sniff(text):
        raise NotThisFormat(_("The first line is not the header of Nightstand's CSV of nights."))
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    parsed = Parsed()
    seen: dict[str, Source] = {}
    line = 2  # the line the next row starts on (the header is line 1)
    try:
        for row in reader:
            cells = {
                (name or "").strip(): undefused((value or "").strip())
                for name, value in row.items()
                if isinstance(value, str)
            }
            profile = cells.get("profile", "")
            try:
                parsed.nights.append(_night(cells, line))
            except RowProblem as problem:
                parsed.rejected.append(Rejected(line, _sentence(problem), profile))
            if profile and profile not in seen:
                seen[profile] = Source(key=profile, label=profile)
            line = reader.line_num + 1
    except csv.Error as error:
        reason = _("The file cannot be read from here on (%(error)s).") % {"error": error}
        parsed.rejected.append(Rejected(line, reason))
    parsed.sources = list(seen.values())
    return parsed


def _sentence(problem: RowProblem) -> str:
    text = str(problem)
    return text[:1].upper() + text[1:]


FORMAT = Format(
    key=KEY,
    label=gettext_lazy("Nightstand (CSV of nights)"),
    needs_zone=False,
    sniff=sniff,
    parse=parse,
)
