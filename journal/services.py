"""Writes to the journal, with their rules. Views call these; they never save nights themselves.

Callers pass profiles and nights they got through `households.selectors` and
`journal.selectors`, so "may this user write here" is already settled when these run.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext

from households.models import Household, Profile, User

from . import clock, wording
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
            gettext("%(name)s's night of %(date)s is already logged.")
            % {"name": existing.profile.name, "date": wording.day_month_year(existing.date)},
            code="duplicate",
        )
        self.existing = existing


class NightChanged(JournalRuleError):
    """Someone saved the night after the form was opened; `current` is what is saved now."""

    def __init__(self, current: Night):
        super().__init__(
            gettext("Someone else saved this night while you were editing it."), code="changed"
        )
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
                    gettext(
                        "Someone deleted this night while you were editing it: log it again to "
                        "keep what you typed."
                    )
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
    # The profile is one the caller read from the database (a loggable profile, or the night's
    # own): checking that it exists would cost a query on every save for nothing.
    night.full_clean(
        exclude=["created_by", "profile"], validate_unique=False, validate_constraints=False
    )
    # A night already logged for that date is refused by the database's unique constraint,
    # under a savepoint (below): the forms check first, so this is a lost race or another
    # caller, and a check here would cost a query on every save.

    # A new night has no disturbances or intake to compare with or replace.
    new = night.pk is None
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
        if new:
            night.disturbances.add(*data["disturbances"])
        else:
            night.disturbances.set(data["disturbances"])
    if "intakes" in data:
        _replace_intakes(night, data["intakes"], new=new)
    return night


def _existing(night: Night) -> Night | None:
    others = Night.objects.filter(profile=night.profile, date=night.date)
    if night.pk is not None:
        others = others.exclude(pk=night.pk)
    return others.select_related("profile").first()


def _replace_intakes(night: Night, intakes: Iterable[dict[str, Any]], *, new: bool) -> None:
    if not new:
        night.intakes.all().delete()
    Intake.objects.bulk_create(Intake(night=night, **row) for row in intakes)


# --- Quick actions --------------------------------------------------------------------------
#
# "Going to bed" and "I'm up" are one tap each, often half asleep or for a child, so a tap on the
# wrong button must be cheap: each says what it did, can be undone for `UNDO_SECONDS`, and never
# leaves a night in a state that refuses the next tap.
#
# Which night a tap lands on:
# * Going to bed stamps into bed and lights out on the night `now` belongs to (00:30 is last
#   night). If that night has a wake-up but no bedtime (a lone "I'm up", or one logged early),
#   wake times before now cannot be this night's and are cleared; ones after now are kept. A
#   night that already has both a bedtime and a wake-up is refused: edit it instead.
# * I'm up fills the night "Going to bed" opened (lights out in the last 24 hours, no wake-up
#   yet), even after noon. Otherwise it is the end of the night that began yesterday: before
#   noon that is the night under way, after noon (a lie-in, or a tap at 12:24) it is still last
#   night, never tonight's, which has barely begun. If that night already has a wake-up, the
#   tap is refused and nothing is written, so tonight's "Going to bed" is never blocked.

QUICK_FIELDS = ("into_bed", "lights_out", "final_wake", "out_of_bed")
UNDO_SECONDS = 30


@dataclass(frozen=True)
class QuickAction:
    """What a quick action did: the night, whether it was created, and the values it replaced."""

    night: Night
    created: bool
    before: dict[str, datetime | None]
    cleared: tuple[str, ...] = ()

    def undo_record(self, *, at: datetime) -> dict[str, Any]:
        """The action as JSON-safe data (kept in the session) for `undo_quick_action`."""
        return {
            "night": self.night.pk,
            "profile": self.night.profile_id,
            "created": self.created,
            "before": {
                name: value.isoformat() if value else None for name, value in self.before.items()
            },
            "version": self.night.version,
            "at": at.timestamp(),
        }


def _to_the_minute(now: datetime) -> datetime:
    # The form shows clock times to the minute; stored seconds would change on every edit.
    return now.replace(second=0, microsecond=0)


def _start(
    night: Night | None, *, profile: Profile, night_date: date, by: User
) -> tuple[Night, bool, dict[str, datetime | None]]:
    """The night to stamp (a new one if none), whether it is new, and its times before."""
    if night is None:
        return Night(profile=profile, date=night_date, created_by=by), True, {}
    return night, False, {name: getattr(night, name) for name in QUICK_FIELDS}


@transaction.atomic
def going_to_bed(*, profile: Profile, by: User, now: datetime) -> QuickAction:
    """Stamp into bed and lights out now; see the rules above."""
    now = _to_the_minute(now)
    night_date = clock.night_of(now, profile.zone)
    found = Night.objects.select_for_update().filter(profile=profile, date=night_date).first()
    night, created, before = _start(found, profile=profile, night_date=night_date, by=by)
    has_bedtime = night.into_bed is not None or night.lights_out is not None
    if has_bedtime and night.is_complete:
        raise JournalRuleError(
            gettext(
                "%(name)s's night of %(date)s already has a final awakening. "
                "Edit that night instead."
            )
            % {"name": profile.name, "date": wording.day_month(night_date)}
        )
    cleared = tuple(
        name for name in ("final_wake", "out_of_bed") if (getattr(night, name) or now) < now
    )
    for name in cleared:
        setattr(night, name, None)
    night.into_bed = night.lights_out = now
    return QuickAction(_save_quick(night), created, before, cleared)


@transaction.atomic
def im_up(*, profile: Profile, by: User, now: datetime) -> QuickAction:
    """Stamp final awakening and out of bed now; see the rules above."""
    now = _to_the_minute(now)
    night_date = clock.night_of(now, profile.zone)
    night = (
        Night.objects.select_for_update()
        .filter(
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
        # The night that began yesterday, even after noon: tonight's has only just begun.
        night_date = clock.to_local(now, profile.zone).date() - timedelta(days=1)
        night = Night.objects.select_for_update().filter(profile=profile, date=night_date).first()
        if night is not None and night.is_complete:
            woke = night.local(night.final_wake or night.out_of_bed)
            raise JournalRuleError(
                gettext(
                    "%(name)s's night of %(date)s already has a final awakening (%(time)s): "
                    "nothing was changed. Edit that night to change it."
                )
                % {
                    "name": profile.name,
                    "date": wording.day_month(night_date),
                    "time": f"{woke:%H:%M}",
                }
            )
    night, created, before = _start(night, profile=profile, night_date=night_date, by=by)
    night.final_wake = night.out_of_bed = now
    return QuickAction(_save_quick(night), created, before)


@transaction.atomic
def undo_quick_action(*, night: Night, record: dict[str, Any], by: User) -> Night | None:
    """Revert exactly what a quick action did (`QuickAction.undo_record`): delete the night it
    created, or put back the fields it set. Refused if the night was saved since, so an undo
    never throws away someone's later edit. Returns the night, or None if it was deleted."""
    current = Night.objects.select_for_update().filter(pk=night.pk).first()
    if current is None or record.get("night") != night.pk:
        raise JournalRuleError(gettext("There is nothing to undo for that night."))
    if current.version != record.get("version"):
        raise JournalRuleError(
            gettext(
                "%(name)s's night of %(date)s was changed after that tap, so it was not "
                "undone: edit the night instead."
            )
            % {"name": night.profile.name, "date": wording.day_month(night.date)}
        )
    if record.get("created"):
        current.delete()
        return None
    current.profile = night.profile
    for name in QUICK_FIELDS:
        if name in record.get("before", {}):
            value = record["before"][name]
            setattr(current, name, datetime.fromisoformat(value) if value else None)
    return _save_quick(current)


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
        raise JournalRuleError(gettext("Only a household admin can add to the lists."))
    name = name.strip()
    if not name:
        raise JournalRuleError(gettext("Give it a name."))
    household: Household = by.household
    if model.objects.for_household(household).filter(name__iexact=name).exists():
        raise JournalRuleError(gettext("“%(name)s” is already on the list.") % {"name": name})
    return model.objects.create(household=household, name=name)
