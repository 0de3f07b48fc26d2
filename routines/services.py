"""Writes to routines and checklists, with their rules."""

from collections.abc import Collection, Iterable
from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from households.models import Household, Profile, User
from journal.clock import night_of

from . import schedule
from .models import Checklist, ChecklistItem, Routine, Step
from .templates_catalog import CATALOG

Status = ChecklistItem.Status


# --- routines and steps ---------------------------------------------------------------------


def _check_followers(*, household: Household, followers: Iterable[Profile]) -> list[Profile]:
    followers = list(followers)
    if not followers:
        raise ValidationError(_("A routine needs at least one person to follow it."))
    if any(profile.household_id != household.pk for profile in followers):
        raise ValidationError(_("Everyone following a routine must be in its household."))
    return followers


class StaleEdit(Exception):
    """An edit begun on an older version: someone saved the routine or step since.

    ``saved`` is the row as it is now; nothing of the refused edit was written.
    """

    def __init__(self, saved: Routine | Step):
        super().__init__(
            f"{saved} was changed since this edit began (now version {saved.version})."
        )
        self.saved = saved


def _claim_version(obj: Routine | Step, *, seen: int | None) -> None:
    """Lock ``obj``'s row and move ``obj`` to the next version, if it is still the one ``seen``.

    Optimistic concurrency: two people may open the same edit form; the first save wins and the
    later one, begun on a version that is no longer current, raises ``StaleEdit`` instead of
    silently writing over it. The row lock makes the compare-and-bump atomic. Call in a
    transaction.
    """
    saved = type(obj).objects.select_for_update().get(pk=obj.pk)
    if seen is None or saved.version != seen:
        raise StaleEdit(saved)
    obj.version = saved.version + 1
    if isinstance(obj, Routine):
        # save() writes every field: keep the revision others counted since the form was read.
        obj.revision = saved.revision


def touch(routine: Routine) -> None:
    """Count one more change to what ``routine`` plans (see Routine.revision)."""
    now = timezone.now()
    Routine.objects.filter(pk=routine.pk).update(revision=F("revision") + 1, changed_at=now)
    routine.refresh_from_db(fields=["revision", "changed_at"])


@transaction.atomic
def save_routine(
    *, routine: Routine, followers: Iterable[Profile], version: int | None = None
) -> Routine:
    """Create or update a routine and set who follows it (all of the routine's household).

    To update, ``version`` is the routine's version the edit began on; if someone saved it since,
    ``StaleEdit`` is raised and nothing changes.
    """
    followers = _check_followers(household=routine.household, followers=followers)
    if routine.pk is not None:
        _claim_version(routine, seen=version)
    routine.full_clean()
    is_new = routine.pk is None
    routine.save()
    routine.followers.set(followers)
    if not is_new:
        touch(routine)
    refresh_tonight(routine=routine)
    return routine


@transaction.atomic
def copy_template(
    *, household: Household, template_key: str, followers: Iterable[Profile]
) -> Routine:
    """A new routine, with its steps, from one of the starter templates."""
    starter = CATALOG[template_key]
    routine = Routine(
        household=household,
        name=str(starter.name),  # in the language of whoever copies it
        bedtime=starter.bedtime,
        alternate_bedtime=starter.alternate_bedtime,
        alternate_weekdays=list(starter.alternate_weekdays),
        active_weekdays=list(starter.active_weekdays),
    )
    save_routine(routine=routine, followers=followers)
    Step.objects.bulk_create(
        Step(
            routine=routine,
            title=str(step.title),
            minutes_before=step.minutes_before,
            duration_minutes=step.duration_minutes,
            note=str(step.note),
            position=position,
        )
        for position, step in enumerate(starter.steps)
    )
    touch(routine)
    return routine


@transaction.atomic
def add_step(*, routine: Routine, step: Step) -> Step:
    """Add a step where its time puts it: before the first step that comes later."""
    steps = list(Routine.objects.select_for_update().get(pk=routine.pk).steps.all())
    index = next(
        (i for i, other in enumerate(steps) if other.minutes_before < step.minutes_before),
        len(steps),
    )
    step.routine = routine
    steps.insert(index, step)
    step.position = index
    step.full_clean()
    step.save()
    _renumber(steps)
    touch(routine)
    refresh_tonight(routine=routine)
    return step


# What a step's edit form changes; its position belongs to move_step.
STEP_EDIT_FIELDS = ["title", "minutes_before", "duration_minutes", "note"]


@transaction.atomic
def update_step(*, step: Step, version: int | None) -> Step:
    """Save an edited step begun on ``version``; ``StaleEdit`` if someone saved it since."""
    _claim_version(step, seen=version)
    step.full_clean()
    step.save(update_fields=[*STEP_EDIT_FIELDS, "version"])
    touch(step.routine)
    refresh_tonight(routine=step.routine)
    return step


@transaction.atomic
def delete_step(*, step: Step) -> None:
    routine = step.routine
    step.delete()  # past checklist items keep their snapshot (step becomes NULL)
    touch(routine)
    refresh_tonight(routine=routine)


@transaction.atomic
def move_step(*, step: Step, offset: int) -> None:
    """Move a step up (offset −1) or down (+1) in its routine's list.

    Not an edit: it never conflicts, and it leaves the steps' versions alone, since it changes only
    their positions, which an edit form neither shows nor saves (update_step writes its own fields
    only). So a move while someone edits a step loses nothing and refuses nothing.
    """
    steps = list(Routine.objects.select_for_update().get(pk=step.routine_id).steps.all())
    index = next(i for i, other in enumerate(steps) if other.pk == step.pk)
    target = min(max(index + offset, 0), len(steps) - 1)
    steps.insert(target, steps.pop(index))
    _renumber(steps)
    touch(step.routine)
    refresh_tonight(routine=step.routine)


def _renumber(steps: list[Step]) -> None:
    changed = []
    for position, step in enumerate(steps):
        if step.position != position:
            step.position = position
            changed.append(step)
    Step.objects.bulk_update(changed, ["position"])


@transaction.atomic
def delete_routine(*, routine: Routine) -> None:
    """Delete a routine; past checklists keep their snapshot and stay in the history."""
    routine.delete()


# --- checklists -----------------------------------------------------------------------------

# Ticks write in one transaction: the request's own (ATOMIC_REQUESTS), or their own when called
# outside one (atomic(savepoint=False)). No savepoint inside the request's: no caller catches an
# error from the writes to carry on, so one would only cost two round trips on the evening's
# hot path. A concurrent first tick is handled by get_or_create's own savepoint.


def _snapshot(*, profile: Profile, routine: Routine, night: date) -> Checklist:
    """Tonight's checklist for ``profile``, created with the routine's current steps if new.

    Safe against a concurrent first tick: get_or_create retries the read after the unique
    constraint refuses a second row, and items go in with INSERT … ON CONFLICT DO NOTHING.
    """
    bedtime_at = schedule.bedtime_for(
        night=night, tz=profile.zone, bedtime=routine.bedtime_on(night)
    )
    checklist, created = Checklist.objects.get_or_create(
        profile=profile,
        routine=routine,
        night=night,
        defaults={"routine_name": routine.name, "bedtime_at": bedtime_at},
    )
    # Also on later ticks: a step added tonight joins tonight's checklist.
    ChecklistItem.objects.bulk_create(
        [
            ChecklistItem(
                checklist=checklist,
                step=step,
                title=step.title,
                minutes_before=step.minutes_before,
                position=step.position,
            )
            for step in routine.steps.all()
        ],
        ignore_conflicts=True,
    )
    return checklist


def _set_status(
    *,
    profile: Profile,
    step: Step,
    night: date,
    by: User,
    status: str,
    now: datetime,
) -> None:
    if status == Status.PENDING:
        ChecklistItem.objects.filter(
            checklist__profile=profile,
            checklist__routine_id=step.routine_id,
            checklist__night=night,
            step=step,
        ).update(status=Status.PENDING, checked_at=None, checked_by=None)
        return
    checklist = _snapshot(profile=profile, routine=step.routine, night=night)
    ChecklistItem.objects.filter(checklist=checklist, step=step).update(
        status=status, checked_at=now, checked_by=by
    )


def tick(
    *,
    profile: Profile,
    step: Step,
    night: date,
    by: User,
    status: str = Status.DONE,
    now: datetime | None = None,
    followers: Collection[int] | None = None,
) -> None:
    """Mark a step done (or skipped) on ``profile``'s checklist of ``night``.

    Idempotent: ticking twice, or two people ticking at once, leaves one item. ``followers``:
    see `_require_follower`.
    """
    if status not in (Status.DONE, Status.SKIPPED):
        raise ValueError(f"tick sets done or skipped, not {status!r}")
    _require_follower(profile=profile, routine=step.routine, followers=followers)
    with transaction.atomic(savepoint=False):  # see "Ticks write in one transaction"
        _set_status(
            profile=profile,
            step=step,
            night=night,
            by=by,
            status=status,
            now=now or timezone.now(),
        )


def undo(
    *,
    profile: Profile,
    step: Step,
    night: date,
    by: User,
    followers: Collection[int] | None = None,
) -> None:
    """Put a done or skipped step back to not done. The snapshot of the night stays.
    ``followers``: see `_require_follower`."""
    _require_follower(profile=profile, routine=step.routine, followers=followers)
    with transaction.atomic(savepoint=False):  # see "Ticks write in one transaction"
        _set_status(
            profile=profile,
            step=step,
            night=night,
            by=by,
            status=Status.PENDING,
            now=timezone.now(),
        )


def tick_for_all(
    *,
    step: Step,
    by: User,
    profiles: Iterable[Profile],
    now: datetime | None = None,
    followers: Collection[int] | None = None,
) -> list[Profile]:
    """Tick a step of a shared routine, at once, for each of ``profiles`` that follows it.

    ``profiles`` are those ``by`` may log for. Each gets the step on its own current night, which
    for a household in one time zone is the same night for all. ``followers``: see
    `_require_follower`.
    """
    now = now or timezone.now()
    if followers is None:
        followers = {follower.pk for follower in step.routine.followers.all()}
    ticked = [profile for profile in profiles if profile.pk in followers]
    with transaction.atomic(savepoint=False):  # see "Ticks write in one transaction"
        for profile in ticked:
            _set_status(
                profile=profile,
                step=step,
                night=night_of(now, profile.zone),
                by=by,
                status=Status.DONE,
                now=now,
            )
    return ticked


def _require_follower(
    *, profile: Profile, routine: Routine, followers: Collection[int] | None = None
) -> None:
    """ValidationError unless ``profile`` follows ``routine`` (a view answers 404).

    ``followers``: ids of the routine's followers among the profiles the caller may log for,
    read in this transaction, when it has them (the tick views do); else the routine's
    followers, prefetched or read here.
    """
    if followers is None:
        followers = {follower.pk for follower in routine.followers.all()}
    if profile.pk not in followers:
        raise ValidationError(f"{profile} does not follow {routine}.")


def refresh_tonight(*, routine: Routine, now: datetime | None = None) -> None:
    """Bring tonight's checklists of ``routine`` in line with the routine after an edit.

    Only the night still under way for each follower changes, and there only the steps not yet
    done or skipped: a ticked step keeps the title it was ticked under. Past nights never change.
    """
    now = now or timezone.now()
    recent = Checklist.objects.filter(
        routine=routine, night__gte=now.date() - timedelta(days=2)
    ).select_related("profile")
    tonight = [c for c in recent if c.night == night_of(now, c.profile.zone)]
    if not tonight:
        return
    steps = {step.pk: step for step in routine.steps.all()}
    for checklist in tonight:
        checklist.routine_name = routine.name
        checklist.bedtime_at = schedule.bedtime_for(
            night=checklist.night,
            tz=checklist.profile.zone,
            bedtime=routine.bedtime_on(checklist.night),
        )
        checklist.save(update_fields=["routine_name", "bedtime_at"])
        pending = checklist.items.filter(status=Status.PENDING)
        pending.exclude(step_id__in=steps).delete()
        for item in pending:
            step = steps[item.step_id]
            item.title, item.minutes_before, item.position = (
                step.title,
                step.minutes_before,
                step.position,
            )
            item.save(update_fields=["title", "minutes_before", "position"])
        _snapshot(profile=checklist.profile, routine=routine, night=checklist.night)
