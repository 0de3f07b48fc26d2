"""The complete JSON export: everything needed to recreate a household's journals exactly.

Layout (documented in the README, "Your data"): format name and version, when and what was
exported, then profiles, the household's own catalogue entries, nights, routines with their steps
and followers, and checklists with their items. Objects refer to each other by name (profiles,
catalogue entries, which are unique in a household) or by the `id` they carry in this file
(routines and steps). Instants are ISO 8601 in UTC; wall-clock times of day are HH:MM:SS;
amounts are decimal strings, so nothing is rounded on the way out.

A fixed number of queries whatever the size of the household.
"""

from __future__ import annotations

from datetime import UTC, datetime

from django.db.models import Prefetch
from django.utils import timezone

from households.models import Household, Profile
from journal.models import Disturbance, IntakeItem
from routines.models import Checklist, ChecklistItem

from .selectors import nights_of

FORMAT = "nightstand-export"
VERSION = 1


def utc(moment: datetime | None) -> str | None:
    return None if moment is None else moment.astimezone(UTC).isoformat()


def build(*, household: Household, profiles: list[Profile], routines, scope: str) -> dict:
    """The archive of `profiles` (already scoped by the caller) and `routines` (a queryset)."""
    profile_ids = [profile.pk for profile in profiles]
    routines = list(
        routines.prefetch_related(
            "steps",
            "schedules",
            Prefetch("followers", queryset=Profile.objects.filter(pk__in=profile_ids)),
        ).order_by("pk")
    )
    routine_ids = {routine.pk for routine in routines}
    step_ids = {step.pk for routine in routines for step in routine.steps.all()}
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": utc(timezone.now()),
        "scope": scope,
        "household": {"name": household.name, "created_at": utc(household.created_at)},
        "profiles": [_profile(profile) for profile in profiles],
        "disturbances": _catalogue(Disturbance, household),
        "intake_items": _catalogue(IntakeItem, household),
        "nights": [_night(night) for night in nights_of(profiles).select_related("created_by")],
        "routines": [_routine(routine) for routine in routines],
        "checklists": [
            _checklist(checklist, routine_ids=routine_ids, step_ids=step_ids)
            for checklist in Checklist.objects.filter(profile__in=profile_ids)
            .select_related("profile")
            .prefetch_related(
                Prefetch("items", queryset=ChecklistItem.objects.select_related("checked_by"))
            )
            .order_by("profile__name", "night", "pk")
        ],
    }


def _email(user) -> str | None:
    return None if user is None else user.email


def _profile(profile: Profile) -> dict:
    return {
        "name": profile.name,
        "account": _email(profile.user),
        "time_zone": profile.time_zone,
        "usual_bedtime": profile.usual_bedtime.isoformat(),
        "usual_wake_time": profile.usual_wake_time.isoformat(),
        "work_days": sorted(profile.work_days),
        "shared_with_household": profile.shared_with_household,
        "created_at": utc(profile.created_at),
    }


def _catalogue(model, household: Household) -> list[dict]:
    entries = model.objects.filter(household=household).order_by("position", "name")
    return [{"name": entry.name, "position": entry.position} for entry in entries]


def _night(night) -> dict:
    return {
        "profile": night.profile.name,
        "date": night.date.isoformat(),
        "into_bed": utc(night.into_bed),
        "lights_out": utc(night.lights_out),
        "sol_minutes": night.sol_minutes,
        "awakenings": night.awakenings,
        "waso_minutes": night.waso_minutes,
        "final_wake": utc(night.final_wake),
        "out_of_bed": utc(night.out_of_bed),
        "quality": night.quality,
        "rested": night.rested,
        "stress": night.stress,
        "nap_minutes": night.nap_minutes,
        "disturbances": sorted(d.name for d in night.disturbances.all()),
        "intake": [
            {
                "item": intake.item.name,
                "amount": None if intake.amount is None else str(intake.amount),
                "unit": intake.unit,
                "taken_at": utc(intake.taken_at),
            }
            for intake in night.intakes.all()
        ],
        "notes": night.notes,
        "created_by": _email(night.created_by),
        "created_at": utc(night.created_at),
        "updated_at": utc(night.updated_at),
        "version": night.version,
    }


def _time(value) -> str | None:
    return None if value is None else value.isoformat()


def _routine(routine) -> dict:
    return {
        "id": routine.pk,
        "name": routine.name,
        "bedtime": _time(routine.bedtime),
        "alternate_bedtime": _time(routine.alternate_bedtime),
        "alternate_weekdays": sorted(routine.alternate_weekdays),
        "active_weekdays": sorted(routine.active_weekdays),
        "is_active": routine.is_active,
        "created_at": utc(routine.created_at),
        "version": routine.version,
        "revision": routine.revision,
        "changed_at": utc(routine.changed_at),
        "followers": sorted(profile.name for profile in routine.followers.all()),
        # The evenings it ran on and whether it was on, from each change on: past adherence is
        # judged by the schedule of the night.
        "schedule": [
            {
                "effective_from": utc(entry.effective_from),
                "active_weekdays": sorted(entry.active_weekdays),
                "is_active": entry.is_active,
            }
            for entry in sorted(routine.schedules.all(), key=lambda e: (e.effective_from, e.pk))
        ],
        "steps": [
            {
                "id": step.pk,
                "title": step.title,
                "minutes_before": step.minutes_before,
                "duration_minutes": step.duration_minutes,
                "note": step.note,
                "position": step.position,
                "created_at": utc(step.created_at),
                "version": step.version,
            }
            for step in routine.steps.all()
        ],
    }


def _checklist(checklist, *, routine_ids: set[int], step_ids: set[int]) -> dict:
    return {
        "profile": checklist.profile.name,
        "routine": checklist.routine_id if checklist.routine_id in routine_ids else None,
        "night": checklist.night.isoformat(),
        "routine_name": checklist.routine_name,
        "bedtime_at": utc(checklist.bedtime_at),
        "created_at": utc(checklist.created_at),
        "items": [
            {
                "step": item.step_id if item.step_id in step_ids else None,
                "title": item.title,
                "minutes_before": item.minutes_before,
                "position": item.position,
                "status": item.status,
                "checked_at": utc(item.checked_at),
                "checked_by": _email(item.checked_by),
            }
            for item in checklist.items.all()
        ],
    }
