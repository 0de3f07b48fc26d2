"""From an app's sleep records to diary nights: the noon rule, split nights and naps.

Trackers write one record per stretch of sleep. The diary has one night per date, so the
records of a person are grouped by the night their start falls in (noon to noon in the zone
the record was made in) and each group becomes one `IncomingNight`:

* into bed = lights out = the first start; final wake = out of bed = the last end. A tracker
  counts its whole record as sleep, so the time to fall asleep (SOL) is 0 — that keeps the
  night's total sleep time equal to what the app itself reported.
* a split night (several records) has its gaps counted as time awake (WASO) and each gap as one
  awakening, plus any awakenings the app recorded inside a record. Records that overlap (or
  follow each other within a minute) are merged first, so nothing is counted twice.
* naps add their minutes to `nap_minutes` of the night the noon rule puts them in (a nap at
  14:00 belongs to the night beginning that evening) and do not touch the night's times; a
  night with only naps has only nap minutes.
* quality is the last non-zero rating of the night's records: the one given at the final
  awakening, which is when the diary asks how the night was.
* tags and notes are gathered in order, without repeats.

Pure: no ORM, no request. The callers (one module per app) read and check the records.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from itertools import pairwise

from django.utils.translation import gettext as _

from exchange.importing.incoming import IncomingNight, Parsed, Rejected
from journal.clock import hours_and_minutes, minutes_between, night_of

# Neither one record nor one night (first start to last end) may last longer than the diary
# allows for time in bed.
LONGEST = timedelta(hours=24)
# Records closer than this are one stretch of sleep (an app restarted, a rounding of seconds).
SAME_STRETCH = timedelta(minutes=1)


@dataclass(frozen=True, kw_only=True)
class SleepRecord:
    """One stretch of sleep read from a file, already checked: start < end, at most 24 h."""

    source: str
    line: int
    start: datetime  # aware, in UTC
    end: datetime  # aware, in UTC
    zone: tzinfo  # where the record was made: decides its night
    nap: bool = False
    rating: int | None = None  # 1-5 or None
    awakenings: int = 0  # woken up within the record, as the app counted
    tags: tuple[str, ...] = ()
    notes: str = ""


def check_span(start: datetime, end: datetime) -> str | None:
    """Why a single record cannot be a stretch of sleep, or None."""
    if end < start:
        return _("The sleep ends before it starts.")
    if end == start:
        return _("The sleep ends when it starts (0 minutes).")
    if end - start > LONGEST:
        return _("The sleep lasts %(length)s; a record can be at most 24 hours.") % {
            "length": hours_and_minutes(minutes_between(start, end))
        }
    return None


def _merged(records: list[SleepRecord]) -> list[tuple[datetime, datetime]]:
    """The stretches the records cover, in order, overlapping or touching ones joined."""
    stretches: list[tuple[datetime, datetime]] = []
    for record in sorted(records, key=lambda r: (r.start, r.end)):
        start, end = record.start, record.end
        if stretches and start - stretches[-1][1] < SAME_STRETCH:
            last_start, last_end = stretches[-1]
            stretches[-1] = (last_start, max(last_end, end))
        else:
            stretches.append((start, end))
    return stretches


def _minutes(delta: timedelta) -> int:
    return round(delta.total_seconds() / 60)


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(item for item in items if item))


def _night(source: str, night: date, records: list[SleepRecord]) -> IncomingNight | Rejected:
    records.sort(key=lambda r: (r.start, r.line))
    line = min(r.line for r in records)
    sleeps = [r for r in records if not r.nap]
    naps = [r for r in records if r.nap]
    fields: dict = {}
    if sleeps:
        stretches = _merged(sleeps)
        first, last = stretches[0][0], stretches[-1][1]
        if last - first > LONGEST:
            span = hours_and_minutes(minutes_between(first, last))
            return Rejected(
                line,
                _(
                    "The sleeps of the night of %(night)s span %(span)s from the first start to "
                    "the last end; a night can be at most 24 hours."
                )
                % {"night": f"{night:%Y-%m-%d}", "span": span},
                source,
            )
        gaps = [later[0] - earlier[1] for earlier, later in pairwise(stretches)]
        ratings = [r.rating for r in sleeps if r.rating is not None]
        fields.update(
            into_bed=first,
            lights_out=first,
            sol_minutes=0,
            waso_minutes=_minutes(sum(gaps, timedelta())),
            awakenings=len(gaps) + sum(r.awakenings for r in sleeps),
            final_wake=last,
            out_of_bed=last,
            quality=ratings[-1] if ratings else None,
        )
    if naps:
        fields["nap_minutes"] = _minutes(
            sum((end - start for start, end in _merged(naps)), timedelta())
        )
    return IncomingNight(
        source=source,
        line=line,
        date=night,
        tags=_unique(tag for r in records for tag in r.tags),
        notes="\n".join(_unique(r.notes.strip() for r in records)),
        **fields,
    )


def nights_from(records: Iterable[SleepRecord]) -> tuple[list[IncomingNight], list[Rejected]]:
    """The records grouped into nights, one per person and date, sorted by person then date."""
    groups: dict[tuple[str, date], list[SleepRecord]] = {}
    for record in records:
        key = (record.source, night_of(record.start, record.zone))
        groups.setdefault(key, []).append(record)
    nights: list[IncomingNight] = []
    rejected: list[Rejected] = []
    for (source, night), members in sorted(groups.items(), key=lambda item: item[0]):
        result = _night(source, night, members)
        (rejected if isinstance(result, Rejected) else nights).append(result)
    return nights, rejected


def into_nights(parsed: Parsed, records: Iterable[SleepRecord]) -> Parsed:
    """Group the records into nights and put the rejections of both steps in file order."""
    nights, rejected = nights_from(records)
    parsed.nights = nights
    parsed.rejected = sorted(parsed.rejected + rejected, key=lambda r: r.line)
    return parsed
