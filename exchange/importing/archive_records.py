"""The records of a complete JSON export ("nightstand-export" v1), read and checked one by one.

`read_archive(text)` answers an `Archive`: every record that reads cleanly as a typed dataclass,
and every one that doesn't as a `Rejected` that says which record it is ("night 2024-03-02 of
Ada") and what is wrong with it. A text that is not such an export at all raises NotThisFormat.
The checks are those of the models' columns and constraints (see `archive_fields`); whether a
record may go into the importing person's household is the planner's question, not this one's.

Pure: no Django, no ORM. `line` in a rejection is the record's 1-based position in its list.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext, gettext_lazy

from . import archive_fields as read
from .archive_fields import INT_MAX, BadField
from .incoming import KIND_NAMES, NotThisFormat, Rejected

FORMAT = "nightstand-export"
VERSIONS = (1,)
SECTIONS = ("profiles", "disturbances", "intake_items", "nights", "routines", "checklists")
CHECKLIST_STATUSES = ("pending", "done", "skipped")
EMAIL_LENGTH = 254
NAME_LENGTH = 100
ENTRY_NAME_LENGTH = 60


@dataclass(frozen=True, kw_only=True)
class ProfileRecord:
    line: int
    name: str
    account: str | None
    time_zone: str
    usual_bedtime: time
    usual_wake_time: time
    work_days: list[int]
    shared_with_household: bool
    created_at: datetime


@dataclass(frozen=True, kw_only=True)
class EntryRecord:
    line: int
    name: str
    position: int


@dataclass(frozen=True, kw_only=True)
class IntakeRecord:
    item: str
    amount: Decimal | None
    unit: str
    taken_at: datetime | None


@dataclass(frozen=True, kw_only=True)
class NightRecord:
    line: int
    profile: str
    date: date
    into_bed: datetime | None
    lights_out: datetime | None
    sol_minutes: int | None
    awakenings: int | None
    waso_minutes: int | None
    final_wake: datetime | None
    out_of_bed: datetime | None
    quality: int | None
    rested: int | None
    stress: int | None
    nap_minutes: int | None
    disturbances: tuple[str, ...]
    intake: tuple[IntakeRecord, ...]
    notes: str
    created_by: str | None
    created_at: datetime
    updated_at: datetime
    version: int

    @property
    def label(self) -> str:
        return gettext("night %(night)s of %(name)s") % {
            "night": self.date.isoformat(),
            "name": self.profile,
        }


@dataclass(frozen=True, kw_only=True)
class StepRecord:
    id: int
    title: str
    minutes_before: int
    duration_minutes: int | None
    note: str
    position: int
    created_at: datetime
    version: int


@dataclass(frozen=True, kw_only=True)
class ScheduleRecord:
    effective_from: datetime
    active_weekdays: list[int]
    is_active: bool


@dataclass(frozen=True, kw_only=True)
class RoutineRecord:
    line: int
    id: int
    name: str
    bedtime: time
    alternate_bedtime: time | None
    alternate_weekdays: list[int]
    active_weekdays: list[int]
    is_active: bool
    created_at: datetime
    version: int
    revision: int  # the calendar feed's SEQUENCE
    changed_at: datetime  # the calendar feed's LAST-MODIFIED
    followers: tuple[str, ...]
    steps: tuple[StepRecord, ...]
    # Empty in exports written before the schedule's history was kept.
    schedule: tuple[ScheduleRecord, ...] = ()

    @property
    def label(self) -> str:
        return gettext("routine “%(name)s”") % {"name": self.name}


@dataclass(frozen=True, kw_only=True)
class ItemRecord:
    step: int | None
    title: str
    minutes_before: int
    position: int
    status: str
    checked_at: datetime | None
    checked_by: str | None


@dataclass(frozen=True, kw_only=True)
class ChecklistRecord:
    line: int
    profile: str
    routine: int | None
    night: date
    routine_name: str
    bedtime_at: datetime
    created_at: datetime
    items: tuple[ItemRecord, ...]

    @property
    def label(self) -> str:
        return gettext("checklist “%(routine)s” of %(name)s, night %(night)s") % {
            "routine": self.routine_name,
            "name": self.profile,
            "night": self.night.isoformat(),
        }


@dataclass
class Archive:
    scope: str = ""
    household: str = ""
    profiles: list[ProfileRecord] = field(default_factory=list)
    disturbances: list[EntryRecord] = field(default_factory=list)
    intake_items: list[EntryRecord] = field(default_factory=list)
    nights: list[NightRecord] = field(default_factory=list)
    routines: list[RoutineRecord] = field(default_factory=list)
    checklists: list[ChecklistRecord] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)


def sniff(text: str) -> bool:
    """Cheap: does the start of the text look like this format?"""
    head = text.lstrip()[:200]
    return head.startswith("{") and f'"{FORMAT}"' in head


def read_archive(text: str) -> Archive:
    data = _load(text)
    archive = Archive(
        scope=data["scope"] if isinstance(data.get("scope"), str) else "",
        household=_household_name(data.get("household")),
    )
    sections = {key: _section(data, key) for key in SECTIONS}
    archive.profiles = _read_all(sections["profiles"], "profile", _profile, archive.rejected)
    archive.disturbances = _read_all(
        sections["disturbances"], "disturbance", _entry, archive.rejected
    )
    archive.intake_items = _read_all(
        sections["intake_items"], "intake item", _entry, archive.rejected
    )
    archive.nights = _read_all(sections["nights"], "night", _night, archive.rejected)
    archive.routines = _read_all(sections["routines"], "routine", _routine, archive.rejected)
    archive.checklists = _read_all(
        sections["checklists"], "checklist", _checklist, archive.rejected
    )
    return archive


def _load(text: str) -> dict:
    if not isinstance(text, str):
        raise NotThisFormat(gettext("This is not a Nightstand JSON export."))
    try:
        data = json.loads(text)
    except RecursionError:
        raise NotThisFormat(
            gettext("This JSON is nested too deeply to be a Nightstand export.")
        ) from None
    except json.JSONDecodeError:
        raise NotThisFormat(
            gettext("This is not a Nightstand JSON export: it is not valid JSON.")
        ) from None
    except ValueError:  # an integer with more digits than Python converts
        raise NotThisFormat(
            gettext("This JSON has a number too long for a Nightstand export.")
        ) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise NotThisFormat(
            gettext('This JSON is not a Nightstand export (it has no "format": "%(format)s").')
            % {"format": FORMAT}
        )
    version = data.get("version")
    if isinstance(version, bool) or version not in VERSIONS:
        shown = json.dumps(version)[:20]
        raise NotThisFormat(
            gettext(
                "This Nightstand export has version %(version)s, which this Nightstand cannot "
                "read (it reads version %(versions)s)."
            )
            % {"version": shown, "versions": ", ".join(map(str, VERSIONS))}
        )
    return data


def _household_name(value: Any) -> str:
    if isinstance(value, dict) and isinstance(value.get("name"), str):
        return value["name"][:NAME_LENGTH]
    return ""


def _section(data: dict, key: str) -> list:
    value = data.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise NotThisFormat(
            gettext('This Nightstand export is damaged: "%(key)s" is not a list.') % {"key": key}
        )
    return value


def _read_all(entries: list, kind: str, reader: Callable, rejected: list[Rejected]) -> list:
    records = []
    for line, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict):
            reason = gettext("%(kind)s %(line)s: not an object") % {
                "kind": KIND_NAMES[kind],
                "line": line,
            }
            rejected.append(Rejected(line, reason))
            continue
        try:
            records.append(reader(entry, line))
        except BadField as problem:
            locator = _locator(kind, entry, line)
            rejected.append(Rejected(line, f"{locator}: {problem}", _source(entry)))
    return records


def _locator(kind: str, entry: dict, line: int) -> str:
    """How a person finds the record: by its date and profile, or its name, else its place."""
    profile, day, name = (_plain(entry.get(key)) for key in ("profile", "date", "name"))
    if kind == "checklist":
        day = _plain(entry.get("night"))
        name = _plain(entry.get("routine_name"))
        if profile and day:
            return gettext("checklist “%(routine)s” of %(name)s, night %(night)s") % {
                "routine": name,
                "name": profile,
                "night": day,
            }
    shown = KIND_NAMES[kind]
    if profile and day:
        return gettext("%(kind)s %(day)s of %(name)s") % {
            "kind": shown,
            "day": day,
            "name": profile,
        }
    if name:
        return gettext("%(kind)s “%(name)s”") % {"kind": shown, "name": name}
    return gettext("%(kind)s %(line)s") % {"kind": shown, "line": line}


def _plain(value: Any) -> str:
    """A value fit to show in a message: short, printable text, else nothing."""
    if not isinstance(value, str) or len(value) > NAME_LENGTH:
        return ""
    if not value.isprintable() or not value.strip():
        return ""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return ""
    return value


def _source(entry: dict) -> str:
    return _plain(entry.get("profile"))


def _profile(entry: dict, line: int) -> ProfileRecord:
    return ProfileRecord(
        line=line,
        name=_name(entry, "name"),
        account=read.text(entry, "account", max_length=EMAIL_LENGTH, null=True) or None,
        time_zone=read.time_zone(entry, "time_zone"),
        usual_bedtime=read.clock(entry, "usual_bedtime"),
        usual_wake_time=read.clock(entry, "usual_wake_time"),
        work_days=read.weekdays(entry, "work_days"),
        shared_with_household=read.boolean(entry, "shared_with_household"),
        created_at=read.instant(entry, "created_at", null=False),
    )


def _name(entry: dict, key: str, max_length: int = NAME_LENGTH) -> str:
    return read.text(entry, key, max_length=max_length, required=True, single_line=True)


def _entry(entry: dict, line: int) -> EntryRecord:
    return EntryRecord(
        line=line,
        name=read.text(entry, "name", max_length=ENTRY_NAME_LENGTH, required=True),
        position=read.integer(entry, "position", null=False),
    )


def _minutes(entry: dict, key: str) -> int | None:
    return read.integer(entry, key, high=24 * 60)


def _rating(entry: dict, key: str) -> int | None:
    return read.integer(entry, key, low=1, high=5)


# The order journal.Night's CheckConstraints require, pair by pair (only when both are given).
_NIGHT_ORDER = (
    ("into_bed", "lights_out", False, gettext_lazy("lights_out is before into_bed")),
    ("lights_out", "final_wake", True, gettext_lazy("final_wake is not after lights_out")),
    ("final_wake", "out_of_bed", False, gettext_lazy("out_of_bed is before final_wake")),
)


def _night(entry: dict, line: int) -> NightRecord:
    times = {
        key: read.instant(entry, key)
        for key in ("into_bed", "lights_out", "final_wake", "out_of_bed")
    }
    for earlier, later, strictly, message in _NIGHT_ORDER:
        start, end = times[earlier], times[later]
        if start is not None and end is not None and (end < start or (strictly and end == start)):
            raise BadField(str(message))
    return NightRecord(
        line=line,
        profile=_name(entry, "profile"),
        date=read.day(entry, "date"),
        sol_minutes=_minutes(entry, "sol_minutes"),
        awakenings=read.integer(entry, "awakenings", high=99),
        waso_minutes=_minutes(entry, "waso_minutes"),
        quality=_rating(entry, "quality"),
        rested=_rating(entry, "rested"),
        stress=_rating(entry, "stress"),
        nap_minutes=_minutes(entry, "nap_minutes"),
        disturbances=tuple(
            dict.fromkeys(read.names(entry, "disturbances", max_length=ENTRY_NAME_LENGTH))
        ),
        intake=tuple(_intake(row) for row in read.objects(entry, "intake")),
        notes=read.text(entry, "notes"),
        created_by=read.text(entry, "created_by", max_length=EMAIL_LENGTH, null=True),
        created_at=read.instant(entry, "created_at", null=False),
        updated_at=read.instant(entry, "updated_at", null=False),
        version=read.integer(entry, "version", high=INT_MAX, null=False),
        **times,
    )


def _intake(row: dict) -> IntakeRecord:
    try:
        return IntakeRecord(
            item=read.text(row, "item", max_length=ENTRY_NAME_LENGTH, required=True),
            amount=read.amount(row, "amount"),
            unit=read.text(row, "unit", max_length=20),
            taken_at=read.instant(row, "taken_at"),
        )
    except BadField as problem:
        raise BadField(gettext("intake: %(problem)s") % {"problem": problem}) from None


def _routine(entry: dict, line: int) -> RoutineRecord:
    steps = []
    for number, row in enumerate(read.objects(entry, "steps"), start=1):
        try:
            steps.append(_step(row))
        except BadField as problem:
            raise BadField(
                gettext("step %(number)s: %(problem)s") % {"number": number, "problem": problem}
            ) from None
    schedule = []
    for number, row in enumerate(read.objects(entry, "schedule"), start=1):
        try:
            schedule.append(_schedule_entry(row))
        except BadField as problem:
            raise BadField(
                gettext("schedule entry %(number)s: %(problem)s")
                % {"number": number, "problem": problem}
            ) from None
    return RoutineRecord(
        line=line,
        id=read.integer(entry, "id", high=INT_MAX, null=False),
        name=read.text(entry, "name", max_length=NAME_LENGTH, required=True),
        bedtime=read.clock(entry, "bedtime"),
        alternate_bedtime=read.clock(entry, "alternate_bedtime", null=True),
        alternate_weekdays=read.weekdays(entry, "alternate_weekdays"),
        active_weekdays=read.weekdays(entry, "active_weekdays"),
        is_active=read.boolean(entry, "is_active"),
        created_at=read.instant(entry, "created_at", null=False),
        version=read.integer(entry, "version", high=INT_MAX, null=False),
        # Exports written before calendar feeds existed lack these two: a routine then starts
        # its feed at revision 1, changed when it was created.
        revision=read.integer(entry, "revision", high=INT_MAX) or 1,
        changed_at=read.instant(entry, "changed_at")
        or read.instant(entry, "created_at", null=False),
        followers=tuple(dict.fromkeys(read.names(entry, "followers", max_length=NAME_LENGTH))),
        steps=tuple(steps),
        schedule=tuple(schedule),
    )


def _schedule_entry(row: dict) -> ScheduleRecord:
    return ScheduleRecord(
        effective_from=read.instant(row, "effective_from", null=False),
        active_weekdays=sorted(read.weekdays(row, "active_weekdays")),
        is_active=read.boolean(row, "is_active"),
    )


def _step(row: dict) -> StepRecord:
    return StepRecord(
        id=read.integer(row, "id", high=INT_MAX, null=False),
        title=read.text(row, "title", max_length=NAME_LENGTH, required=True),
        minutes_before=read.integer(row, "minutes_before", null=False),
        duration_minutes=read.integer(row, "duration_minutes"),
        note=read.text(row, "note", max_length=200),
        position=read.integer(row, "position", high=INT_MAX, null=False),
        created_at=read.instant(row, "created_at", null=False),
        version=read.integer(row, "version", high=INT_MAX, null=False),
    )


def _checklist(entry: dict, line: int) -> ChecklistRecord:
    items = []
    for number, row in enumerate(read.objects(entry, "items"), start=1):
        try:
            items.append(_item(row))
        except BadField as problem:
            raise BadField(
                gettext("item %(number)s: %(problem)s") % {"number": number, "problem": problem}
            ) from None
    steps = [item.step for item in items if item.step is not None]
    if len(set(steps)) != len(steps):
        raise BadField(gettext("two items are ticks of the same step"))
    return ChecklistRecord(
        line=line,
        profile=_name(entry, "profile"),
        routine=read.integer(entry, "routine", high=INT_MAX),
        night=read.day(entry, "night"),
        routine_name=read.text(entry, "routine_name", max_length=NAME_LENGTH, required=True),
        bedtime_at=read.instant(entry, "bedtime_at", null=False),
        created_at=read.instant(entry, "created_at", null=False),
        items=tuple(items),
    )


def _item(row: dict) -> ItemRecord:
    status = row.get("status")
    if status not in CHECKLIST_STATUSES:
        raise BadField(
            gettext("status should be one of %(statuses)s")
            % {"statuses": ", ".join(CHECKLIST_STATUSES)}
        )
    return ItemRecord(
        step=read.integer(row, "step", high=INT_MAX),
        title=read.text(row, "title", max_length=NAME_LENGTH, required=True),
        minutes_before=read.integer(row, "minutes_before", null=False),
        position=read.integer(row, "position", high=INT_MAX, null=False),
        status=status,
        checked_at=read.instant(row, "checked_at"),
        checked_by=read.text(row, "checked_by", max_length=EMAIL_LENGTH, null=True),
    )
