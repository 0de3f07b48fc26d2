"""Sleep as Android's CSV export (Settings → Backup → Export data → CSV).

The file is a run of records, each written as:

* a header line: ``Id,Tz,From,To,Sched,Hours,Rating,Comment,Framerate,Snore,Noise,Cycles,
  DeepSleep,LenAdjust,Geo`` then one column per actigraphy sample (named by its clock time,
  "23:47") and "Event" columns. Every record repeats it, with its own sample columns;
* a values line, every field quoted: ``"1606345620000","Europe/Prague","25. 11. 2020 23:47",
  "26. 11. 2020 7:00",...``;
* sometimes a noise line (the noise levels under the sample columns, its first fields empty):
  it has no Id and is skipped without a word.

What is read, per values line:

* **Id**, the start in milliseconds since 1970 (exact, unlike the local text), and **Tz**, the
  IANA zone the phone was in, which also decides the record's night (noon to noon there).
* **To**, the end as local day-first text ("26. 11. 2020 7:00"). Around a fall-back change that
  text names two instants (and a time in the spring-forward gap two readings); the one taken is
  after the start and nearest to Id + **Hours** (the length the app reported, decimal hours).
  Hours is only that hint: the app shortens it for paused tracking, so it is not the end itself.
* **Rating**, 0–5 in quarter stars: 0 is "not rated"; otherwise the nearest whole star, halves
  up (3.5 → 4, 0.25 → 1). A split night takes its last rating (see `sleeps`).
* **Comment**: its ``#hashtags`` become tags (without the #; the planner matches them against
  the disturbances and intake items), the rest of the text the notes.

Everything else (From, Sched, Framerate, Snore, Noise, Cycles, DeepSleep, LenAdjust, Geo, the
samples and the events) is ignored. Records of one night become one night (`sleeps`).

Pure: text in, `Parsed` out.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _

from exchange.importing.cells import (
    UNREADABLE,
    CellError,
    Row,
    csv_lines,
    first_line,
    header_names,
    instant_from_epoch_ms,
    quality_from_rating,
    quoted,
    rating_0_to_5,
    wall_readings,
    zone_named,
)
from exchange.importing.incoming import Format, NotThisFormat, Parsed, Rejected, Source
from exchange.importing.sleeps import SleepRecord, check_span, into_nights

LABEL = "Sleep as Android"
_REQUIRED = ("id", "tz", "to")
_OPTIONAL = ("hours", "rating", "comment")

# "26. 11. 2020 7:00": day. month. year hour:minute (seconds tolerated), spaces optional.
_LOCAL_TEXT = re.compile(
    r"(\d{1,2})\.\s*(\d{1,2})\.\s*(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?", re.ASCII
)
_HASHTAG = re.compile(r"#(\w+)")


def sniff(text: str) -> bool:
    return header_names(first_line(text))[:4] == ["id", "tz", "from", "to"]


def _columns(fields: list[str]) -> dict[str, int]:
    names = [name.strip().lower() for name in fields]
    return {name: names.index(name) for name in _REQUIRED + _OPTIONAL if name in names}


def _local_text(text: str) -> datetime:
    match = _LOCAL_TEXT.fullmatch(text.strip())
    try:
        if match is None:
            raise ValueError
        day, month, year, hour, minute, second = (int(part or 0) for part in match.groups())
        return datetime(year, month, day, hour, minute, second)
    except ValueError:
        raise CellError(
            _("To %(cell)s is not a date and time like “26. 11. 2020 7:00”.")
            % {"cell": quoted(text)}
        ) from None


def _hours(text: str) -> timedelta | None:
    """The reported length, or None when it can't help (blank, garbage, out of range)."""
    try:
        hours = float(text)
    except ValueError:
        return None
    return timedelta(hours=hours) if 0 <= hours <= 24 else None


def _end(start: datetime, to_text: str, zone, hours: timedelta | None) -> datetime:
    readings = wall_readings(_local_text(to_text), zone)
    after_start = [moment for moment in readings if moment > start]
    if not after_start:
        return readings[0]  # check_span says why it can't be
    if hours is None:
        return after_start[0]
    expected = start + hours
    return min(after_start, key=lambda moment: abs(moment - expected))


def _comment(text: str) -> tuple[tuple[str, ...], str]:
    tags = tuple(dict.fromkeys(_HASHTAG.findall(text)))
    notes = " ".join(_HASHTAG.sub(" ", text).split())
    return tags, notes


def _record(line: int, fields: list[str], columns: dict[str, int]) -> SleepRecord:
    needed = max(columns[name] for name in _REQUIRED) + 1
    if len(fields) < needed:
        raise CellError(
            _("This line has %(count)s fields; its header names at least %(needed)s.")
            % {"count": len(fields), "needed": needed}
        )
    cell = Row(fields, columns)
    start = instant_from_epoch_ms(cell["id"], what="Id")
    zone = zone_named(cell["tz"])
    if zone is None:
        if not cell["tz"].strip():
            raise CellError(_("The time zone (Tz) is missing."))
        raise CellError(_("Unknown time zone %(zone)s.") % {"zone": quoted(cell["tz"])})
    end = _end(start, cell["to"], zone, _hours(cell["hours"]))
    problem = check_span(start, end)
    if problem:
        raise CellError(problem)
    tags, notes = _comment(cell["comment"])
    return SleepRecord(
        source="",
        line=line,
        start=start,
        end=end,
        zone=zone,
        rating=quality_from_rating(rating_0_to_5(cell["rating"])),
        tags=tags,
        notes=notes,
    )


def parse(text: str, zone: ZoneInfo | None = None) -> Parsed:
    """Read a Sleep as Android export; `zone` is not needed (every record names its own)."""
    if not sniff(text):
        raise NotThisFormat(
            _("This is not a Sleep as Android CSV export (no Id,Tz,From,To header).")
        )
    parsed = Parsed(sources=[Source("", LABEL)])
    records: list[SleepRecord] = []
    columns: dict[str, int] | None = None
    for line, fields in csv_lines(text):
        if fields is None:
            parsed.rejected.append(Rejected(line, UNREADABLE))
            continue
        first = fields[0].strip() if fields else ""
        if not first:
            continue  # a blank line, or the noise line that follows some records
        if first.lower() == "id":
            columns = _columns(fields)
            missing = [name for name in _REQUIRED if name not in columns]
            if missing:
                columns = None
                names = ", ".join(name.capitalize() for name in missing)
                reason = _("This header line lacks: %(names)s.") % {"names": names}
                parsed.rejected.append(Rejected(line, reason))
            continue
        if columns is None:
            parsed.rejected.append(
                Rejected(line, _("No usable header line (Id,Tz,From,To,…) comes before this line."))
            )
            continue
        try:
            records.append(_record(line, fields, columns))
        except CellError as error:
            parsed.rejected.append(Rejected(line, str(error)))
    return into_nights(parsed, records)


FORMAT = Format(
    key="sleep-as-android",
    label="Sleep as Android (CSV)",
    needs_zone=False,
    sniff=sniff,
    parse=parse,
)
