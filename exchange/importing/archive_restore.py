"""Restoring Nightstand's complete JSON export into the importing person's household.

`plan_archive(text, user=...)` reads the file (`archive_records`), decides what each record
becomes here, and answers an `ArchivePlan` (an `incoming.ImportPlan`) without writing anything:

- Profiles map onto people here. One with an account maps onto that account's profile, if the
  account is in this household and the importer may log for it; a dependant maps onto the
  household's dependant of the same name, or is added, by a household admin only (who alone may
  add dependants). Every record of a profile that does not map is rejected with the reason.
- Catalogue entries match the household's lists by name (built-in entries included); the others
  are added, by a household admin only, as on the lists page.
- Nights, routines and checklists already there are skipped, so importing a file twice creates
  nothing the second time; the others are created with every field as in the file, timestamps
  and versions included.

Reads take a fixed number of queries, and so does `apply` (see `archive_writer`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext, gettext_lazy

from households.models import Profile, User
from journal.models import Disturbance, Intake, IntakeItem, Night
from routines.models import Checklist, ChecklistItem

from .archive_matching import Catalogue, Routines
from .archive_records import (
    FORMAT,
    Archive,
    ChecklistRecord,
    NightRecord,
    ProfileRecord,
    read_archive,
    sniff,
)
from .archive_writer import ArchiveConflict, NightWrite, Writes, write
from .incoming import NotThisFormat, Planned, Rejected

KEY = "nightstand-json"
LABEL = "Nightstand (complete JSON export)"
ALREADY_THERE = gettext_lazy("already there")

__all__ = [
    "FORMAT",
    "KEY",
    "LABEL",
    "ArchiveConflict",
    "ArchivePlan",
    "NotThisFormat",
    "plan_archive",
    "sniff",
]


@dataclass
class ArchivePlan:
    """What importing the archive would do (see `incoming.ImportPlan`)."""

    to_create: list[Planned] = field(default_factory=list)
    skipped: list[Planned] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    writes: Writes = field(default_factory=Writes, repr=False)

    def apply(self, *, progress: Callable[[int, int], None] | None = None) -> int:
        return write(self.writes, progress=progress)


def plan_archive(text: str, *, user) -> ArchivePlan:
    """Raises NotThisFormat when the text is not a Nightstand JSON export."""
    archive = read_archive(text)
    return _Planner(archive, user).plan()


class _Planner:
    def __init__(self, archive: Archive, user) -> None:
        self.archive = archive
        self.user = user
        self.household = user.household if user.household_id is not None else None
        self.result = ArchivePlan(rejected=list(archive.rejected))
        self.writes = self.result.writes
        # file profile name → the profile here (saved, or about to be created)
        self.profiles: dict[str, Profile] = {}
        # file profile name → why none of its records can be imported
        self.refused: dict[str, str] = {}
        self.seen_nights: set = set()
        self.seen_checklists: set = set()

    def plan(self) -> ArchivePlan:
        self._read_household()
        for record in self.archive.profiles:
            self._plan_profile(record)
        self.catalogue = Catalogue(self)
        self.catalogue.plan(Disturbance, self.archive.disturbances, "disturbance")
        self.catalogue.plan(IntakeItem, self.archive.intake_items, "intake item")
        self._read_existing_records()
        for record in self.archive.nights:
            self._plan_night(record)
        self.routines = Routines(self)
        self.routines.plan()
        for record in self.archive.checklists:
            self._plan_checklist(record)
        return self.result

    # --- helpers -------------------------------------------------------------------------

    def reject(self, record, reason: str) -> None:
        source = getattr(record, "profile", "")
        reason = f"{record.label}: {reason}"
        self.result.rejected.append(Rejected(record.line, reason, source))

    def create(self, kind: str, label: str, line: int | None) -> None:
        self.result.to_create.append(Planned(kind, label, line))

    def skip(self, kind: str, label: str, line: int | None, reason: str = ALREADY_THERE) -> None:
        self.result.skipped.append(Planned(kind, label, line, reason))

    def person(self, email: str | None) -> User | None:
        """The household member with that email (who logged or ticked something), else None."""
        return None if email is None else self.members.get(email.casefold())

    def profile_of(self, name: str) -> tuple[Profile | None, str]:
        """The profile a record of the file's `name` goes to, or why it can't go anywhere."""
        if name in self.profiles:
            return self.profiles[name], ""
        return None, self.refused.get(
            name, gettext("the file has no usable profile “%(name)s”") % {"name": name}
        )

    # --- profiles ------------------------------------------------------------------------

    def _read_household(self) -> None:
        household_id = self.user.household_id
        members = User.objects.filter(household_id=household_id) if household_id else []
        self.members = {member.email.casefold(): member for member in members}
        here = list(Profile.objects.filter(household_id=household_id)) if household_id else []
        self.by_account = {profile.user_id: profile for profile in here if profile.user_id}
        self.by_name = {profile.name: profile for profile in here}
        self.loggable = set(Profile.objects.loggable_by(self.user).values_list("pk", flat=True))

    def _plan_profile(self, record: ProfileRecord) -> None:
        name = record.name
        if name in self.profiles or name in self.refused:
            problem = gettext("%(name)s appears twice in the file") % {"name": name}
            self._refuse_profile(record, problem, keep=True)
            return
        if record.account is not None:
            target, problem = self._account_profile(record)
        else:
            target, problem = self._dependant(record)
        if target is not None and any(p is target for p in self.profiles.values()):
            problem = gettext("%(name)s is the same person here as another profile in the file") % {
                "name": name
            }
        if problem:
            self._refuse_profile(record, problem)
        elif target.pk is None:
            self.profiles[name] = target
            self.writes.profiles.append((target, record.created_at))
            self.create("profile", name, record.line)
        else:
            self.profiles[name] = target
            self.skip("profile", name, record.line)

    def _refuse_profile(self, record: ProfileRecord, reason: str, *, keep: bool = False) -> None:
        if not keep:
            self.refused[record.name] = reason
        self.result.rejected.append(
            Rejected(
                record.line,
                gettext("profile %(name)s: %(reason)s") % {"name": record.name, "reason": reason},
                record.name,
            )
        )

    def _account_profile(self, record: ProfileRecord) -> tuple[Profile | None, str]:
        member = self.person(record.account)
        if member is None:
            return None, gettext("%(name)s's account is not in this household") % {
                "name": record.name
            }
        profile = self.by_account.get(member.pk)
        if profile is None or profile.pk not in self.loggable:
            return None, gettext("you may not log for %(name)s") % {"name": record.name}
        return profile, ""

    def _dependant(self, record: ProfileRecord) -> tuple[Profile | None, str]:
        existing = self.by_name.get(record.name)
        if existing is not None:
            if not existing.is_dependant:
                return None, gettext("%(name)s here is an account holder, not a dependant") % {
                    "name": record.name
                }
            if existing.pk not in self.loggable:
                return None, gettext("you may not log for %(name)s") % {"name": record.name}
            return existing, ""
        if self.household is None or not self.user.is_household_admin:
            return None, gettext(
                "%(name)s is not here, and only a household admin can add them"
            ) % {"name": record.name}
        profile = Profile(
            household=self.household,
            name=record.name,
            time_zone=record.time_zone,
            usual_bedtime=record.usual_bedtime,
            usual_wake_time=record.usual_wake_time,
            work_days=record.work_days,
            shared_with_household=record.shared_with_household,
        )
        return profile, ""

    # --- nights --------------------------------------------------------------------------

    def _read_existing_records(self) -> None:
        """(profile, date) of the nights and checklists already here, in two queries."""
        saved = [profile.pk for profile in self.profiles.values() if profile.pk is not None]
        self.nights_here: set = set()
        self.checklists_here: set = set()
        if not saved:
            return
        days = [record.date for record in self.archive.nights]
        if days:
            self.nights_here = set(
                Night.objects.filter(profile__in=saved, date__range=(min(days), max(days)))
                .values_list("profile_id", "date")
            )  # fmt: skip
        evenings = [record.night for record in self.archive.checklists]
        if evenings:
            for profile_id, routine_id, night, name in Checklist.objects.filter(
                profile__in=saved, night__range=(min(evenings), max(evenings))
            ).values_list("profile_id", "routine_id", "night", "routine_name"):
                self.checklists_here.add((profile_id, "routine", routine_id, night))
                self.checklists_here.add((profile_id, "name", name, night))

    def _plan_night(self, record: NightRecord) -> None:
        profile, problem = self.profile_of(record.profile)
        if profile is None:
            return self.reject(record, problem)
        key = (id(profile), record.date)
        if key in self.seen_nights:
            return self.reject(record, gettext("it appears twice in the file"))
        self.seen_nights.add(key)
        label = gettext("%(name)s · night of %(night)s") % {
            "name": record.profile,
            "night": record.date.isoformat(),
        }
        if (profile.pk, record.date) in self.nights_here:
            return self.skip("night", label, record.line)
        uses = {Disturbance: record.disturbances, IntakeItem: [row.item for row in record.intake]}
        # Checked for both lists before adding to either, so a rejected night adds nothing.
        problem = self.catalogue.missing(Disturbance, uses[Disturbance])
        problem = problem or self.catalogue.missing(IntakeItem, uses[IntakeItem])
        if problem:
            return self.reject(record, problem)
        disturbances = self.catalogue.entries(Disturbance, uses[Disturbance])
        items = self.catalogue.entries(IntakeItem, uses[IntakeItem])
        night = Night(
            profile=profile,
            created_by=self.person(record.created_by),
            version=record.version,
            **{name: getattr(record, name) for name in _NIGHT_FIELDS},
        )
        intakes = [
            Intake(night=night, item=item, amount=row.amount, unit=row.unit, taken_at=row.taken_at)
            for item, row in zip(items, record.intake, strict=True)
        ]
        self.writes.nights.append(
            NightWrite(night, record.created_at, record.updated_at, disturbances, intakes)
        )
        self.create("night", label, record.line)

    # --- checklists ----------------------------------------------------------------------

    def _plan_checklist(self, record: ChecklistRecord) -> None:
        profile, problem = self.profile_of(record.profile)
        if profile is None:
            return self.reject(record, problem)
        routine, problem = self.routines.routine_for(record.routine)
        if problem:
            return self.reject(record, problem)
        steps = {}
        for number, item in enumerate(record.items, start=1):
            steps[number], problem = self.routines.step_for(item.step)
            if problem:
                return self.reject(
                    record,
                    gettext("item %(number)s: %(problem)s")
                    % {"number": number, "problem": problem},
                )
        label = gettext("%(name)s · %(routine)s, night of %(night)s") % {
            "name": record.profile,
            "routine": record.routine_name,
            "night": record.night.isoformat(),
        }
        if profile.pk is not None and (
            (profile.pk, "name", record.routine_name, record.night) in self.checklists_here
            or (routine is not None and routine.pk is not None
                and (profile.pk, "routine", routine.pk, record.night) in self.checklists_here)
        ):  # fmt: skip
            return self.skip("checklist", label, record.line)
        if routine is not None:
            # One checklist per profile, routine and night (a database constraint).
            key = (id(profile), id(routine), record.night)
            if key in self.seen_checklists:
                return self.reject(record, gettext("it appears twice in the file"))
            self.seen_checklists.add(key)
        checklist = Checklist(
            profile=profile,
            routine=routine,
            night=record.night,
            routine_name=record.routine_name,
            bedtime_at=record.bedtime_at,
            created_at=record.created_at,
        )
        linked: set[int] = set()
        for number, step in steps.items():
            # A tick keeps the link to its step only while it is a step of the checklist's
            # routine, and one tick per step: (checklist, step) is unique in the database.
            if step is None or step.routine is not routine or id(step) in linked:
                steps[number] = None
            linked.add(id(step))
        items = [
            ChecklistItem(
                checklist=checklist,
                step=steps[number],
                title=item.title,
                minutes_before=item.minutes_before,
                position=item.position,
                status=item.status,
                checked_at=item.checked_at,
                checked_by=self.person(item.checked_by),
            )
            for number, item in enumerate(record.items, start=1)
        ]
        self.writes.checklists.append((checklist, items))
        self.create("checklist", label, record.line)


_NIGHT_FIELDS = (
    "date", "into_bed", "lights_out", "sol_minutes", "awakenings", "waso_minutes", "final_wake",
    "out_of_bed", "quality", "rested", "stress", "nap_minutes", "notes",
)  # fmt: skip
