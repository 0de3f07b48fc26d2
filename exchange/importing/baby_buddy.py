"""Baby Buddy's sleep export (its admin: Sleep → Export, CSV), for families moving over.

Baby Buddy exports through django-import-export: ``id,child_id,child_first_name,
child_last_name`` first, then the sleep's own fields, ``start,end,nap,notes`` (newer versions
add ``tags`` and more; versions before 2.0 called the nap flag ``napping``). Read by name:

* **child_id** is the person in the file (one `Source` per child, labelled "First Last"); the
  upload asks which child is which profile. Very old exports have a ``child`` column instead.
* **start**, **end**: the admin writes them as local wall-clock text without a zone
  ("2024-03-02 19:30:00"), so the upload asks for the zone. A time that the clocks skip (the
  spring-forward gap) or show twice (the fall-back hour) is read as the diary reads it (PEP 495
  fold=0: the offset before the change); only when that would put an end at or before its start
  is the end read as the repeated hour's second occurrence. Text with an offset is taken as is.
* **nap**: "1"/"0" as the export writes it ("True"/"False", "yes"/"no" accepted; blank = not a
  nap). Naps add their minutes to the night the noon rule puts them in; the other sleeps of a
  night (noon to noon) form it, gaps between them counted as time awake.
* **notes** → notes. Everything else (id, tags, duration) is ignored.

Pure: text in, `Parsed` out.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from django.utils.translation import gettext, gettext_lazy

from exchange.importing.cells import (
    UNREADABLE,
    CellError,
    Row,
    check_bounds,
    csv_lines,
    first_line,
    header_names,
    quoted,
    wall_readings,
)
from exchange.importing.incoming import Format, NotThisFormat, Parsed, Rejected, Source
from exchange.importing.sleeps import SleepRecord, check_span, into_nights

LABEL = "Baby Buddy"
_TRUE = frozenset({"1", "true", "yes", "y", "t"})
_FALSE = frozenset({"0", "false", "no", "n", "f", ""})
# ISO-like date and time, seconds and fractions optional, offset optional.
_TIME_TEXT = re.compile(
    r"\d{4}-\d{2}-\d{2}[ T]\d{1,2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?", re.ASCII
)


def _columns(names: list[str]) -> dict[str, int] | None:
    """Where each needed column is, or None when these are not the columns of sleeps."""
    columns = {name: names.index(name) for name in reversed(names)}
    child = "child_id" if "child_id" in columns else "child"
    nap = "nap" if "nap" in columns else "napping"
    if not {child, "start", "end", nap} <= columns.keys():
        return None
    return {
        "child": columns[child],
        "start": columns["start"],
        "end": columns["end"],
        "nap": columns[nap],
        **{
            name: columns[name]
            for name in ("child_first_name", "child_last_name", "notes")
            if name in columns
        },
    }


def sniff(text: str) -> bool:
    return _columns(header_names(first_line(text))) is not None


def _wall_or_aware(text: str, *, what: str) -> datetime:
    cleaned = text.strip()
    if not _TIME_TEXT.fullmatch(cleaned):
        raise CellError(
            gettext("%(what)s %(cell)s is not a date and time like “2024-03-02 19:30”.")
            % {"what": what, "cell": quoted(text)}
        )
    try:
        return datetime.fromisoformat(cleaned)
    except ValueError:
        raise CellError(
            gettext("%(what)s %(cell)s is not a real date and time.")
            % {"what": what, "cell": quoted(text)}
        ) from None


def _span(start_text: str, end_text: str, zone: ZoneInfo) -> tuple[datetime, datetime]:
    start_wall = _wall_or_aware(start_text, what="Start")
    end_wall = _wall_or_aware(end_text, what="End")
    if start_wall.tzinfo is not None:
        start = start_wall.astimezone(UTC)
    else:
        start = wall_readings(start_wall, zone)[0]
    if end_wall.tzinfo is not None:
        end = end_wall.astimezone(UTC)
    else:
        readings = wall_readings(end_wall, zone)
        end = next((moment for moment in readings if moment > start), readings[0])
    return check_bounds(start, what="Start"), check_bounds(end, what="End")


def _nap(text: str) -> bool:
    value = text.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise CellError(gettext("Nap %(cell)s is neither yes (1) nor no (0).") % {"cell": quoted(text)})


def _source(child: str, cell: Row) -> Source:
    name = " ".join(f"{cell['child_first_name']} {cell['child_last_name']}".split())
    return Source(child, name or gettext("Child %(id)s") % {"id": child})


def _record(line: int, child: str, cell: Row, zone: ZoneInfo) -> SleepRecord:
    start, end = _span(cell["start"], cell["end"], zone)
    problem = check_span(start, end)
    if problem:
        raise CellError(problem)
    return SleepRecord(
        source=child,
        line=line,
        start=start,
        end=end,
        zone=zone,
        nap=_nap(cell["nap"]),
        notes=" ".join(cell["notes"].split()),
    )


def parse(text: str, zone: ZoneInfo | None) -> Parsed:
    """Read a Baby Buddy sleep export; its wall-clock times are in `zone` (required)."""
    columns = _columns(header_names(first_line(text)))
    if columns is None:
        raise NotThisFormat(
            gettext(
                "This is not a Baby Buddy sleep export (no child_id, start, end and nap columns)."
            )
        )
    if zone is None:
        raise ValueError("Baby Buddy files need a time zone to read their times.")
    parsed = Parsed()
    sources: dict[str, Source] = {}
    records: list[SleepRecord] = []
    lines = csv_lines(text)
    next(lines)  # the header, read above
    needed = max(columns[name] for name in ("child", "start", "end", "nap")) + 1
    for line, fields in lines:
        if fields is None:
            parsed.rejected.append(Rejected(line, UNREADABLE))
            continue
        if not any(field.strip() for field in fields):
            continue
        cell = Row(fields, columns)
        child = cell["child"].strip()
        try:
            if len(fields) < needed:
                raise CellError(
                    gettext("This line has %(count)s fields; the header needs %(needed)s.")
                    % {"count": len(fields), "needed": needed}
                )
            if not child:
                raise CellError(gettext("The child (child_id) is missing."))
            if child not in sources:
                sources[child] = _source(child, cell)
            records.append(_record(line, child, cell, zone))
        except CellError as error:
            parsed.rejected.append(Rejected(line, str(error), child))
    parsed.sources = list(sources.values())
    return into_nights(parsed, records)


FORMAT = Format(
    key="baby-buddy",
    label=gettext_lazy("Baby Buddy sleep (CSV)"),
    needs_zone=True,
    sniff=sniff,
    parse=parse,
)
