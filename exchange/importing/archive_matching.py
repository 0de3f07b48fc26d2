"""How an archive's lists and routines meet the household's: matched with what is here, or
planned for creation (for the planner in `archive_restore`, which holds the household and the
plan they add to).

A catalogue entry matches by name (case ignored; the household's own entry before a built-in
one); a routine matches one of the household's with the same name and creation instant, and its
steps match by position and title. The file's routine and step ids resolve to either.
"""

from __future__ import annotations

from django.utils.translation import gettext, gettext_lazy, ngettext

from journal.models import Disturbance, IntakeItem
from routines.models import Routine, RoutineSchedule, Step

from .archive_records import RoutineRecord, ScheduleRecord
from .incoming import KIND_NAMES, Rejected

NOT_ON_THE_LISTS = gettext_lazy(
    "not on the household's lists, and only a household admin can add it"
)


class Catalogue:
    """The household's lists of disturbances and intake items, and what the file adds."""

    def __init__(self, planner) -> None:
        self.planner = planner
        self.entries_by_model: dict[type, dict[str, object]] = {}
        for model in (Disturbance, IntakeItem):
            # The household's own entry wins over a built-in one of the same name.
            found = sorted(
                model.objects.for_household(planner.household),
                key=lambda entry: entry.household_id is not None,
            )
            self.entries_by_model[model] = {entry.name: entry for entry in found}

    def plan(self, model, records, kind: str) -> None:
        for record in records:
            if self._known(model, record.name) is not None:
                self.planner.skip(kind, record.name, record.line)
                continue
            problem = self._add(model, record.name, record.position, kind, record.line)
            if problem:
                self.planner.result.rejected.append(
                    Rejected(
                        record.line,
                        gettext("%(kind)s “%(name)s”: %(problem)s")
                        % {"kind": KIND_NAMES[kind], "name": record.name, "problem": problem},
                    )
                )

    @property
    def may_add(self) -> bool:
        return self.planner.household is not None and self.planner.user.is_household_admin

    def missing(self, model, names) -> str:
        """Why a night using these names can't be imported: one is on no list here and the
        importer may not add it. "" when every name is known or may be added."""
        for name in names:
            if self._known(model, name) is None and not self.may_add:
                return f"“{name}”: {NOT_ON_THE_LISTS}"
        return ""

    def entries(self, model, names) -> list:
        """The entries for the names a night uses (after `missing` found no problem); a name
        the file's lists left out is added like a listed one, at the default position."""
        kind = "disturbance" if model is Disturbance else "intake item"
        default = model._meta.get_field("position").default
        found = []
        for name in names:
            if self._known(model, name) is None:
                self._add(model, name, default, kind, None)
            found.append(self._known(model, name))
        return found

    def _known(self, model, name: str):
        entries = self.entries_by_model[model]
        if name in entries:
            return entries[name]
        # Names are unique in a household whatever the case (as the lists page adds them).
        folded = name.casefold()
        return next((e for n, e in entries.items() if n.casefold() == folded), None)

    def _add(self, model, name: str, position: int, kind: str, line: int | None) -> str:
        planner = self.planner
        if not self.may_add:
            return NOT_ON_THE_LISTS
        entry = model(household=planner.household, name=name, position=position)
        self.entries_by_model[model][name] = entry
        writes = planner.writes
        (writes.disturbances if model is Disturbance else writes.intake_items).append(entry)
        planner.create(kind, name, line)
        return ""


class Routines:
    """The file's routines: matched with the household's (same name, same creation instant),
    or created with their steps and the followers that map; and the file's ids resolved."""

    def __init__(self, planner) -> None:
        self.planner = planner
        self.by_id: dict[int, Routine] = {}
        self.steps_by_id: dict[int, Step] = {}
        self.file_ids: set[int] = set()  # every routine id the file holds, imported or not
        self.step_file_ids: set[int] = set()
        self.matched: set[int] = set()  # routines here that a routine of the file matched
        household_id = planner.user.household_id
        here = (
            Routine.objects.filter(household_id=household_id).prefetch_related("steps")
            if household_id
            else []
        )
        self.here = {(routine.name, routine.created_at): routine for routine in here}

    def plan(self) -> None:
        planner = self.planner
        used = {
            record.routine
            for record in planner.archive.checklists
            if record.routine is not None and record.profile in planner.profiles
        }
        for record in planner.archive.routines:
            step_ids = [step.id for step in record.steps]
            if record.id in self.file_ids:
                planner.reject(
                    record, gettext("its id %(id)s is another routine's too") % {"id": record.id}
                )
                continue
            if len(set(step_ids)) != len(step_ids) or self.step_file_ids & set(step_ids):
                planner.reject(record, gettext("two steps in the file have the same id"))
                continue
            self.file_ids.add(record.id)
            self.step_file_ids.update(step_ids)
            self._plan(record, used)

    def _plan(self, record: RoutineRecord, used: set[int]) -> None:
        planner = self.planner
        label = ngettext(
            "%(name)s (%(count)d step)", "%(name)s (%(count)d steps)", len(record.steps)
        ) % {
            "name": record.name,
            "count": len(record.steps),
        }
        existing = self.here.get((record.name, record.created_at))
        if existing is not None and existing.pk in self.matched:
            planner.reject(record, gettext("it appears twice in the file"))
            return
        if existing is not None:
            self.matched.add(existing.pk)
            self.by_id[record.id] = existing
            self._match_steps(record, existing)
            planner.skip("routine", label, record.line)
            return
        followers = [planner.profiles[n] for n in record.followers if n in planner.profiles]
        if not followers and record.id not in used:
            refusals = [planner.refused[n] for n in record.followers if n in planner.refused]
            reason = refusals[0] if refusals else gettext("nobody in the file follows it")
            planner.reject(record, reason)
            return
        routine = Routine(
            household=planner.household,
            name=record.name,
            bedtime=record.bedtime,
            alternate_bedtime=record.alternate_bedtime,
            alternate_weekdays=record.alternate_weekdays,
            active_weekdays=record.active_weekdays,
            is_active=record.is_active,
            created_at=record.created_at,
            version=record.version,
            revision=record.revision,
            changed_at=record.changed_at,
        )
        self.by_id[record.id] = routine
        planner.writes.routines.append((routine, followers))
        planner.writes.schedules.extend(_schedule(record, routine))
        for row in record.steps:
            step = Step(
                routine=routine,
                title=row.title,
                minutes_before=row.minutes_before,
                duration_minutes=row.duration_minutes,
                note=row.note,
                position=row.position,
                created_at=row.created_at,
                version=row.version,
            )
            self.steps_by_id[row.id] = step
            planner.writes.steps.append(step)
        planner.create("routine", label, record.line)

    def _match_steps(self, record: RoutineRecord, routine: Routine) -> None:
        """A routine already here keeps its steps; ticks find them by position and title."""
        here = {}
        for step in routine.steps.all():
            here.setdefault((step.position, step.title), []).append(step)
        for row in record.steps:
            matches = here.get((row.position, row.title), [])
            if len(matches) == 1:
                # Each step here answers one step of the file, so ticks stay one per step.
                self.steps_by_id[row.id] = matches.pop()

    def routine_for(self, file_id: int | None) -> tuple[Routine | None, str]:
        if file_id is None:
            return None, ""
        if file_id in self.by_id:
            return self.by_id[file_id], ""
        if file_id in self.file_ids:
            return None, gettext("its routine (id %(id)s) is not imported") % {"id": file_id}
        return None, gettext("it refers to routine %(id)s, which is not in the file") % {
            "id": file_id
        }

    def step_for(self, file_id: int | None) -> tuple[Step | None, str]:
        if file_id is None or file_id in self.steps_by_id:
            return self.steps_by_id.get(file_id), ""
        if file_id in self.step_file_ids:
            return None, ""  # a step of a routine already here that has changed since
        return None, gettext("it refers to step %(id)s, which is not in the file") % {"id": file_id}


def _schedule(record: RoutineRecord, routine: Routine) -> list[RoutineSchedule]:
    """The schedule's history as the file has it; a file without one (written before it was
    kept) gives the routine its schedule as it is, from its creation, as the migration did."""
    entries = record.schedule or (
        ScheduleRecord(
            effective_from=record.created_at,
            active_weekdays=sorted(record.active_weekdays),
            is_active=record.is_active,
        ),
    )
    return [
        RoutineSchedule(
            routine=routine,
            effective_from=entry.effective_from,
            active_weekdays=entry.active_weekdays,
            is_active=entry.is_active,
        )
        for entry in entries
    ]
