"""Plees Tracker's CSV export (Export to file, or its automatic backup.csv).

The header names the columns: ``sid,start,stop,rating,comment,wakes`` today; older versions
wrote ``sid,start,stop,rating`` (or without the rating), and the "pretty backup" setting adds a
``length`` column and writes the times as text. Read by name, so every variant works:

* **start**, **stop**: milliseconds since 1970 (UTC). Pretty backups write local text instead:
  "2024-03-02 23:15:00 +01:00" (with its offset, exact) or "2024-03-02 23:15" (compact view: no
  offset, read in the zone given at upload, a time in a DST change as the diary reads it).
* **rating**: 0–5 whole stars, 0 = not rated; a split night takes its last rating.
* **comment** → notes; **wakes** (times woken up within the sleep) → awakenings.
* **sid** and **length** are ignored.

The night's date needs a zone (an instant has no date of its own): the upload asks for it and
the profile's zone is the default. into bed = lights out = start, final wake = out of bed =
stop; several sleeps in one night (noon to noon) become one night, gaps counted as time awake.

Pure: text in, `Parsed` out.
"""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils.translation import gettext

from exchange.importing.cells import (
    UNREADABLE,
    CellError,
    Row,
    check_bounds,
    csv_lines,
    first_line,
    header_names,
    instant_from_epoch_ms,
    quality_from_rating,
    quoted,
    rating_0_to_5,
    wall_readings,
)
from exchange.importing.incoming import Format, NotThisFormat, Parsed, Rejected, Source
from exchange.importing.sleeps import SleepRecord, check_span, into_nights

LABEL = "Plees Tracker"
_TEXT_TIME = re.compile(
    r"(?P<wall>\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?)\s*(?P<offset>Z|[+-]\d{2}:?\d{2})?",
    re.ASCII,
)


def sniff(text: str) -> bool:
    return header_names(first_line(text))[:3] == ["sid", "start", "stop"]


def _instant(text: str, zone: ZoneInfo, *, what: str) -> datetime:
    cleaned = text.strip()
    if cleaned.isascii() and cleaned.isdigit():
        return instant_from_epoch_ms(cleaned, what=what)
    match = _TEXT_TIME.fullmatch(cleaned)
    if match is None:
        raise CellError(
            gettext(
                "%(what)s %(cell)s is neither milliseconds since 1970 nor a time like "
                "“2024-03-02 23:15”."
            )
            % {"what": what, "cell": quoted(text)}
        )
    try:
        moment = datetime.fromisoformat(match["wall"] + (match["offset"] or ""))
    except ValueError:
        raise CellError(
            gettext("%(what)s %(cell)s is not a real date and time.")
            % {"what": what, "cell": quoted(text)}
        ) from None
    if moment.tzinfo is None:
        moment = wall_readings(moment, zone)[0]
    return check_bounds(moment, what=what)


def _whole(text: str, *, what: str) -> int:
    cleaned = text.strip()
    if not cleaned:
        return 0
    if not (cleaned.isascii() and cleaned.isdigit()) or len(cleaned) > 3:
        raise CellError(
            gettext("%(what)s %(cell)s is not a whole number from 0 to 999.")
            % {"what": what, "cell": quoted(text)}
        )
    return int(cleaned)


def _rating(text: str) -> int | None:
    value = rating_0_to_5(text)
    if value is not None and value != int(value):
        raise CellError(
            gettext("Rating %(cell)s is not a whole number of stars from 0 to 5.")
            % {"cell": quoted(text)}
        )
    return quality_from_rating(value)


def _record(line: int, cell: Row, zone: ZoneInfo) -> SleepRecord:
    start = _instant(cell["start"], zone, what="Start")
    stop = _instant(cell["stop"], zone, what="Stop")
    problem = check_span(start, stop)
    if problem:
        raise CellError(problem)
    return SleepRecord(
        source="",
        line=line,
        start=start,
        end=stop,
        zone=zone,
        rating=_rating(cell["rating"]),
        awakenings=_whole(cell["wakes"], what="Wakes"),
        notes=" ".join(cell["comment"].split()),
    )


def parse(text: str, zone: ZoneInfo | None) -> Parsed:
    """Read a Plees Tracker export; nights are dated in `zone` (required)."""
    if not sniff(text):
        raise NotThisFormat(
            gettext("This is not a Plees Tracker CSV export (no sid,start,stop header).")
        )
    if zone is None:
        raise ValueError("Plees Tracker files need a time zone to date their nights.")
    lines = csv_lines(text)
    _, header = next(lines)
    names = [name.strip().lower() for name in header or ()]
    columns = {name: names.index(name) for name in reversed(names)}
    parsed = Parsed(sources=[Source("", LABEL)])
    records: list[SleepRecord] = []
    for line, fields in lines:
        if fields is None:
            parsed.rejected.append(Rejected(line, UNREADABLE))
        elif any(field.strip() for field in fields):
            try:
                records.append(_record(line, Row(fields, columns), zone))
            except CellError as error:
                parsed.rejected.append(Rejected(line, str(error)))
    return into_nights(parsed, records)


FORMAT = Format(
    key="plees-tracker",
    label="Plees Tracker (CSV)",
    needs_zone=True,
    sniff=sniff,
    parse=parse,
)
