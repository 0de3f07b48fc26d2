"""Journals for the deletion tests: a known number of nights, intake, disturbances and
checklists per profile, so that each page's counts can be checked against what is really there."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from households.models import Profile
from journal.models import Disturbance, Intake, IntakeItem, Night
from routines.models import Checklist, Routine

Noted = Night.disturbances.through


@dataclass(frozen=True)
class Journal:
    nights: int
    intake: int
    disturbances: int
    checklists: int


def fill_journal(
    profile: Profile,
    *,
    first: date,
    nights: int,
    item: IntakeItem | None = None,
    disturbance: Disturbance | None = None,
    routine: Routine | None = None,
) -> Journal:
    """`nights` consecutive nights from `first`; intake on every second night, a disturbance
    on every third, a checklist of `routine` on every fourth."""
    made = Night.objects.bulk_create(
        Night(profile=profile, date=first + timedelta(days=day), quality=3) for day in range(nights)
    )
    intake = Intake.objects.bulk_create(
        Intake(night=night, item=item) for night in (made[::2] if item else [])
    )
    noted = Noted.objects.bulk_create(
        Noted(night=night, disturbance=disturbance) for night in (made[::3] if disturbance else [])
    )
    checklists = Checklist.objects.bulk_create(
        Checklist(
            profile=profile,
            routine=routine,
            night=night.date,
            routine_name=routine.name,
            bedtime_at=datetime.combine(night.date, routine.bedtime, tzinfo=UTC),
        )
        for night in (made[::4] if routine else [])
    )
    return Journal(
        nights=len(made),
        intake=len(intake),
        disturbances=len(noted),
        checklists=len(checklists),
    )
