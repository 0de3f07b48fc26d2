"""What an importer reads out of a file, before anything touches the database.

Every format's parser turns the text of an uploaded file into a `Parsed`: the nights it found
(`IncomingNight`, aware datetimes, fields named as on `journal.Night`), the lines it could not
use (`Rejected`, with the line and the reason in words a user understands) and the people the
file speaks of (`Source`), which the preview asks the user to map onto profiles they may log for.

Parsers are pure: text in, `Parsed` out, no ORM (their messages go through gettext, so they are
in the language of the request that reads the file). Matching names against the household's
catalogue, skipping nights that are already there and saving are the planner's work.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Protocol
from zoneinfo import ZoneInfo

from django.utils.translation import ngettext_lazy, pgettext_lazy


class NotThisFormat(ValueError):
    """The text is not a file of this format at all (as opposed to a file with bad rows)."""


@dataclass(frozen=True, kw_only=True)
class IncomingIntake:
    item: str
    amount: Decimal | None = None
    unit: str = ""
    taken_at: datetime | None = None  # aware


@dataclass(frozen=True, kw_only=True)
class IncomingNight:
    source: str  # key of the person in the file (a `Source.key`); "" when the file has one person
    line: int  # the line of the file where this night's first record begins (1-based)
    date: date  # the evening the night began (noon-to-noon rule in the person's zone)
    into_bed: datetime | None = None
    lights_out: datetime | None = None
    sol_minutes: int | None = None
    awakenings: int | None = None
    waso_minutes: int | None = None
    final_wake: datetime | None = None
    out_of_bed: datetime | None = None
    quality: int | None = None  # 1-5
    rested: int | None = None  # 1-5
    stress: int | None = None  # 1-5
    nap_minutes: int | None = None
    disturbances: tuple[str, ...] = ()  # names, matched against the catalogue by the planner
    intake: tuple[IncomingIntake, ...] = ()
    # Labels from the other app (Sleep as Android's #hashtags, without the #): the planner maps
    # each onto a disturbance or intake item of the same name and keeps the rest in the notes.
    tags: tuple[str, ...] = ()
    notes: str = ""


@dataclass(frozen=True)
class Rejected:
    line: int
    reason: str
    source: str = ""


@dataclass(frozen=True)
class Source:
    key: str
    label: str  # how the file names the person ("Kit Smith", "Ada"), shown in the preview


@dataclass
class Parsed:
    nights: list[IncomingNight] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)


@dataclass(frozen=True)
class Format:
    key: str  # "sleep-as-android", used in forms, URLs and `manage.py import --format`
    label: str  # "Sleep as Android (CSV)"
    # The file's times are wall-clock times without a zone: the upload form asks for the zone.
    needs_zone: bool
    sniff: Callable[[str], bool]  # does the text look like this format? (cheap, first lines)
    parse: Callable[[str, ZoneInfo | None], Parsed]  # raises NotThisFormat


# The kinds of record a preview lists, as words: alone ("New disturbance: Dog"), and counted.
KIND_NAMES = {
    "night": pgettext_lazy("imported record", "night"),
    "routine": pgettext_lazy("imported record", "routine"),
    "checklist": pgettext_lazy("imported record", "checklist"),
    "profile": pgettext_lazy("imported record", "profile"),
    "disturbance": pgettext_lazy("imported record", "disturbance"),
    "intake item": pgettext_lazy("imported record", "intake item"),
}
KIND_COUNTS = {
    "night": ngettext_lazy("%(count)d night", "%(count)d nights", "count"),
    "routine": ngettext_lazy("%(count)d routine", "%(count)d routines", "count"),
    "checklist": ngettext_lazy("%(count)d checklist", "%(count)d checklists", "count"),
    "profile": ngettext_lazy("%(count)d profile", "%(count)d profiles", "count"),
    "disturbance": ngettext_lazy("%(count)d disturbance", "%(count)d disturbances", "count"),
    "intake item": ngettext_lazy("%(count)d intake item", "%(count)d intake items", "count"),
}


@dataclass(frozen=True)
class Planned:
    """One record of the preview: what it is, which, and for a skipped one, why."""

    kind: str  # "night", "routine", "checklist", "profile", "disturbance", "intake item"
    label: str  # "Ada · night of 2024-03-02"
    line: int | None = None
    reason: str = ""  # for a skipped record ("already there")

    @property
    def kind_label(self) -> str:
        return str(KIND_NAMES.get(self.kind, self.kind))


class ImportPlan(Protocol):
    """What an import would do, computed from the stored file without writing anything.

    The preview shows it; the confirmation computes it again from the same stored file and
    applies it in one transaction (all or nothing). Applying a plan whose file was imported
    before creates nothing: every record already there is in `skipped`.
    """

    to_create: list[Planned]
    skipped: list[Planned]
    rejected: list[Rejected]

    def apply(self, *, progress: Callable[[int, int], None] | None = None) -> int:
        """Write `to_create` (the caller holds the transaction); call progress(done, total)
        now and then; return how many records were created."""
        ...
