"""Writing what an archive plan decided to create, in a fixed number of queries per kind.

The planner (`archive_restore`) hands over `Writes`: unsaved model objects whose foreign keys
point at other objects of the plan or at rows already in the database, plus the timestamps that
the models' auto_now fields would overwrite on the way in. `write()` saves them kind by kind
with bulk_create (parents first, so children pick up their parents' new ids), then puts the
exported timestamps back with bulk_update. It never opens the outer transaction (the caller
holds it) but runs in a savepoint, so that a row someone else wrote since the plan was made
surfaces as `ArchiveConflict`, not as a broken transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from django.db import DatabaseError, connection, transaction
from django.utils.translation import gettext

from households.models import Profile
from journal.models import Disturbance, Intake, IntakeItem, Night
from routines.models import Checklist, ChecklistItem, Routine, RoutineSchedule, Step
from routines.progress import forget_checklists

# Rows per UPDATE when restoring timestamps with bulk_update (SQLite): a CASE branch per row.
TIMESTAMP_BATCH = 500


class ArchiveConflict(ValueError):
    """The household changed between the preview and the import; nothing was written."""


@dataclass
class Writes:
    profiles: list[tuple[Profile, datetime]] = field(default_factory=list)  # with created_at
    disturbances: list[Disturbance] = field(default_factory=list)
    intake_items: list[IntakeItem] = field(default_factory=list)
    # Each night with its created_at and updated_at, its disturbances and its intake rows.
    nights: list[NightWrite] = field(default_factory=list)
    routines: list[tuple[Routine, list[Profile]]] = field(default_factory=list)  # with followers
    steps: list[Step] = field(default_factory=list)
    schedules: list[RoutineSchedule] = field(default_factory=list)
    checklists: list[tuple[Checklist, list[ChecklistItem]]] = field(default_factory=list)

    def __len__(self) -> int:
        kinds = (self.profiles, self.disturbances, self.intake_items, self.nights)
        return sum(map(len, kinds)) + len(self.routines) + len(self.checklists)


@dataclass
class NightWrite:
    night: Night
    created_at: datetime
    updated_at: datetime
    disturbances: list[Disturbance]
    intakes: list[Intake]


Progress = Callable[[int, int], None] | None


def write(writes: Writes, *, progress: Progress = None) -> int:
    total = len(writes)
    done = 0

    def step(count: int) -> None:
        nonlocal done
        done += count
        if progress is not None:
            progress(done, total)

    try:
        with transaction.atomic():
            step(_profiles(writes.profiles))
            step(_catalogue(writes.disturbances, writes.intake_items))
            step(_nights(writes.nights))
            step(_routines(writes.routines, writes.steps, writes.schedules))
            step(_checklists(writes.checklists))
    except DatabaseError as error:
        raise ArchiveConflict(
            gettext(
                "The household changed while the import was being prepared (someone saved a "
                "record that the file also holds). Nothing was imported: preview the file again."
            )
        ) from error
    return total


def _profiles(rows: list[tuple[Profile, datetime]]) -> int:
    profiles = Profile.objects.bulk_create([profile for profile, _ in rows])
    for profile, (_, created_at) in zip(profiles, rows, strict=True):
        profile.created_at = created_at  # auto_now_add set "now"; the archive says when
    _put_back(Profile, profiles, ["created_at"])
    return len(rows)


def _catalogue(disturbances: list[Disturbance], items: list[IntakeItem]) -> int:
    Disturbance.objects.bulk_create(disturbances)
    IntakeItem.objects.bulk_create(items)
    return len(disturbances) + len(items)


def _nights(rows: list[NightWrite]) -> int:
    nights = Night.objects.bulk_create([row.night for row in rows])
    for night, row in zip(nights, rows, strict=True):
        night.created_at, night.updated_at = row.created_at, row.updated_at
    _put_back(Night, nights, ["created_at", "updated_at"])
    Through = Night.disturbances.through
    Through.objects.bulk_create(
        Through(night_id=row.night.pk, disturbance_id=disturbance.pk)
        for row in rows
        for disturbance in row.disturbances
    )
    Intake.objects.bulk_create(intake for row in rows for intake in row.intakes)
    return len(rows)


def _routines(
    rows: list[tuple[Routine, list[Profile]]], steps: list[Step], schedules: list[RoutineSchedule]
) -> int:
    Routine.objects.bulk_create([routine for routine, _ in rows])
    Step.objects.bulk_create(steps)
    RoutineSchedule.objects.bulk_create(schedules)
    Through = Routine.followers.through
    Through.objects.bulk_create(
        Through(routine_id=routine.pk, profile_id=profile.pk)
        for routine, followers in rows
        for profile in followers
    )
    return len(rows)


def _checklists(rows: list[tuple[Checklist, list[ChecklistItem]]]) -> int:
    checklists = Checklist.objects.bulk_create([checklist for checklist, _ in rows])
    ChecklistItem.objects.bulk_create(item for _, items in rows for item in items)
    # bulk_create sends no post_save: a routine already here may have stored progress that
    # these past nights change.
    if checklists:
        forget_checklists(Checklist.objects.filter(pk__in=[c.pk for c in checklists]))
    return len(rows)


def _put_back(model, objs: list, names: list[str]) -> None:
    """Write the timestamps the objects carry over the ones auto_now and auto_now_add gave
    their rows on insert.

    On PostgreSQL one UPDATE joins the rows to arrays of their values: bulk_update's CASE with
    a branch per row costs seconds of Python for ten years of nights. SQLite (the quick start)
    uses bulk_update.
    """
    if not objs:
        return
    if connection.vendor != "postgresql":
        model.objects.bulk_update(objs, names, batch_size=TIMESTAMP_BATCH)
        return
    quote = connection.ops.quote_name
    table, key = quote(model._meta.db_table), quote(model._meta.pk.column)
    columns = [quote(model._meta.get_field(name).column) for name in names]
    assignments = ", ".join(f"{column} = restored.{column}" for column in columns)
    arrays = ", ".join(["%s::bigint[]", *["%s::timestamptz[]"] * len(columns)])
    sql = (
        f"UPDATE {table} SET {assignments} "
        f"FROM unnest({arrays}) AS restored(id, {', '.join(columns)}) "
        f"WHERE {table}.{key} = restored.id"
    )
    values = [[obj.pk for obj in objs], *([getattr(obj, n) for obj in objs] for n in names)]
    with connection.cursor() as cursor:
        cursor.execute(sql, values)
