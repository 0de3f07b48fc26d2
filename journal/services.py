"""Writes to the journal, with their rules. Views call these; they never save nights themselves.

Callers pass profiles and nights they got through `households.selectors` and
`journal.selectors`, so "may this user write here" is already settled when these run.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F

from households.models import Household, Profile, User

from . import clock
from .models import Disturbance, Intake, IntakeItem, Night

NIGHT_FIELDS = (
    "into_bed",
    "lights_out",
    "sol_minutes",
    "awakenings",
    "waso_minutes",
    "final_wake",
    "out_of_bed",
    "quality",
    "rested",
    "nap_minutes",
    "stress",
    "notes",
)


class JournalRuleError(ValidationError):
    """A request that breaks a journal rule; its message is shown to the user as it is."""


class DuplicateNight(JournalRuleError):
    """The profile already has an entry for that night; `existing` is it."""

    def __init__(self, existing: Night):
        super().__init__(
            f"{existing.profile.name}'s night of {existing.date:%-d %B %Y} is already logged.",
            code="duplicate",
        )
        self.existing = existing


class NightChanged(JournalRuleError):
    """Someone saved the night after the form was opened; `current` is what is saved now."""

    def __init__(self, current: Night):
        super().__init__("Someone else saved this night while you were editing it.", code="changed")
        self.current = current


def log_night(*, profile: Profile, by: User, data: dict[str, Any]) -> Night:
    """Create the entry for one night. `data` holds the night's fields (times as aware
    datetimes), plus `disturbances` (Disturbance objects) and `intakes` (dicts of item,
    amount, unit, taken_at)."""
    night = Night(profile=profile, created_by=by)
    return _save(night, data)


@transaction.atomic
def update_night(
    *, night: Night, by: User, data: dict[str, Any], version: int | None = None
) -> Night:
    """Save changes to a night. With `version` (the one the edit form was opened at), the save
    only happens if nobody saved the night since: otherwise `NightChanged` says what is saved
    now, and nothing is written. The check and the bump are one conditional UPDATE, so two
    saves racing each other cannot both win."""
    if version is not None:
        bumped = Night.objects.filter(pk=night.pk, version=version).update(version=F("version") + 1)
        if not bumped:
            current = Night.objects.with_details().filter(pk=night.pk).first()
            if current is None:
                raise JournalRuleError(
                    "Someone deleted this night while you were editing it: log it again to "
                    "keep what you typed."
                )
            raise NightChanged(current)
        night.version = version + 1
    else:
        _bump_version(night)
    return _save(night, data)


def _bump_version(night: Night) -> None:
    if night.pk is not None:
        Night.objects.filter(pk=night.pk).update(version=F("version") + 1)
        night.version = Night.objects.values_list("version", flat=True).get(pk=night.pk)


def delete_night(*, night: Night, by: User) -> None:
    night.delete()


def _save(night: Night, data: dict[str, Any]) -> Night:
    night.date = data["date"]
    for field in NIGHT_FIELDS:
        if field in data:
            setattr(night, field, data[field])
    night.__dict__.pop("metrics", None)
    night.full_clean(exclude=["created_by"], validate_unique=False, validate_constraints=False)
    _refuse_duplicate(night)
    try:
        # A savepoint, so that losing a race for the same night leaves the request usable.
        with transaction.atomic():
            night.save()
    except IntegrityError:
        existing = _existing(night)
        if existing is None:
            raise
        raise DuplicateNight(existing) from None
    if "disturbances" in data:
        night.disturbances.set(data["disturbances"])
    if "intakes" in data:
        _replace_intakes(night, data["intakes"])
    return night


def _existing(night: Night) -> Night | None:
    others = Night.objects.filter(profile=night.profile, date=night.date)
    if night.pk is not None:
        others = others.exclude(pk=night.pk)
    return others.select_related("profile").first()


def _refuse_duplicate(night: Night) -> None:
    existing = _existing(night)
    if existing is not None:
        raise DuplicateNight(existing)


def _replace_intakes(night: Night, intakes: Iterable[dict[str, Any]]) -> None:
    night.intakes.all().delete()
    Intake.objects.bulk_create(Intake(night=night, **row) for row in intakes)


# --- Quick actions --------------------------------------------------------------------------


def _to_the_minute(now: datetime) -> datetime:
    # The form shows clock times to the minute; stored seconds would change on every edit.
    return now.replace(second=0, microsecond=0)


@transaction.atomic
def going_to_bed(*, profile: Profile, by: User, now: datetime) -> Night:
    """Stamp into bed and lights out now, on the night `now` belongs to (00:30 is last night)."""
    now = _to_the_minute(now)
    night_date = clock.night_of(now, profile.zone)
    night = Night.objects.filter(profile=profile, date=night_date).first()
    if night is None:
        night = Night(profile=profile, date=night_date, created_by=by)
    elif night.is_complete:
        raise JournalRuleError(
            f"{profile.name}'s night of {night_date:%-d %B} already has a final awakening. "
            "Edit that night instead."
        )
    night.into_bed = night.lights_out = now
    return _save_quick(night)


@transaction.atomic
def im_up(*, profile: Profile, by: User, now: datetime) -> Night:
    """Stamp final awakening and out of bed now. Fills the night that "Going to bed" opened
    (even if getting up is after noon), otherwise the night `now` belongs to."""
    now = _to_the_minute(now)
    night_date = clock.night_of(now, profile.zone)
    night = (
        Night.objects.filter(
            profile=profile,
            date__in=[night_date, night_date - timedelta(days=1)],
            lights_out__lt=now,
            lights_out__gt=now - timedelta(hours=24),
            final_wake__isnull=True,
            out_of_bed__isnull=True,
        )
        .order_by("-date")
        .first()
    )
    if night is None:
        night = Night.objects.filter(profile=profile, date=night_date).first()
    if night is None:
        night = Night(profile=profile, date=night_date, created_by=by)
    night.final_wake = night.out_of_bed = now
    return _save_quick(night)


def _save_quick(night: Night) -> Night:
    _bump_version(night)
    night.__dict__.pop("metrics", None)
    try:
        night.full_clean(exclude=["created_by"], validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        messages = [message for field in error.message_dict.values() for message in field]
        raise JournalRuleError(" ".join(messages)) from None
    night.save()
    return night


# --- Household catalogues -------------------------------------------------------------------


def add_disturbance(*, by: User, name: str) -> Disturbance:
    return _add_entry(Disturbance, by=by, name=name)


def add_intake_item(*, by: User, name: str) -> IntakeItem:
    return _add_entry(IntakeItem, by=by, name=name)


def _add_entry(model, *, by: User, name: str):
    if not by.is_household_admin:
        raise JournalRuleError("Only a household admin can add to the lists.")
    name = name.strip()
    if not name:
        raise JournalRuleError("Give it a name.")
    household: Household = by.household
    if model.objects.for_household(household).filter(name__iexact=name).exists():
        raise JournalRuleError(f"“{name}” is already on the list.")
    return model.objects.create(household=household, name=name)
