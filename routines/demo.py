"""Demo routines for the quick start: one each for Alex and Sam, and Robin's bedtime, with five
weeks of plausible checklists (mostly done, a few misses and skips), the same on every run."""

import random
from datetime import date, datetime, timedelta

from django.utils import timezone

from households.models import Household, User
from journal.clock import NIGHT_STARTS_AT, night_of

from . import schedule
from .models import Checklist, ChecklistItem
from .services import copy_template

HISTORY_NIGHTS = 35
Status = ChecklistItem.Status


def populate(*, household: Household, today: date) -> None:
    profiles = {profile.name: profile for profile in household.profiles.all()}
    adults = {user.name: user for user in User.objects.filter(household=household)}
    plans = [
        ("sleep-hygiene", [profiles["Alex"]], [adults["Alex"]], 0.9),
        ("screen-free-hour", [profiles["Sam"]], [adults["Sam"]], 0.75),
        ("childrens-bedtime", [profiles["Robin"]], list(adults.values()), 0.95),
    ]
    rng = random.Random(4)
    started = timezone.make_aware(
        datetime.combine(today - timedelta(days=HISTORY_NIGHTS), NIGHT_STARTS_AT)
    )
    for key, followers, tickers, diligence in plans:
        routine = copy_template(household=household, template_key=key, followers=followers)
        if key == "screen-free-hour":
            routine.active_weekdays = [6, 0, 1, 2, 3]  # school and work nights only
            routine.save(update_fields=["active_weekdays"])
        routine.backdate(started)
        for follower in followers:
            _history(
                routine=routine,
                profile=follower,
                tickers=tickers,
                diligence=diligence,
                today=today,
                rng=rng,
            )


def _history(*, routine, profile, tickers, diligence, today, rng) -> None:
    steps = list(routine.steps.all())
    items = []
    # History stops before the night under way, which is yesterday's until noon.
    tonight = min(today, night_of(timezone.now(), profile.zone))
    for offset in range(HISTORY_NIGHTS, 0, -1):
        night = today - timedelta(days=offset)
        if night >= tonight:
            break
        if not routine.runs_on(night) or rng.random() > 0.93:
            continue  # not on, or the checklist was never opened
        bedtime_at = schedule.bedtime_for(
            night=night, tz=profile.zone, bedtime=routine.bedtime_on(night)
        )
        checklist = Checklist.objects.create(
            profile=profile,
            routine=routine,
            night=night,
            routine_name=routine.name,
            bedtime_at=bedtime_at,
        )
        good_night = rng.random() < diligence
        for step in steps:
            roll = rng.random()
            if roll < 0.04:
                status = Status.SKIPPED
            elif good_night or roll < 0.6:
                status = Status.DONE
            else:
                status = Status.PENDING
            at = schedule.step_time(bedtime_at=bedtime_at, minutes_before=step.minutes_before)
            checked = status != Status.PENDING
            items.append(
                ChecklistItem(
                    checklist=checklist,
                    step=step,
                    title=step.title,
                    minutes_before=step.minutes_before,
                    position=step.position,
                    status=status,
                    checked_at=at + timedelta(minutes=rng.randint(-5, 20)) if checked else None,
                    checked_by=rng.choice(tickers) if checked else None,
                )
            )
    ChecklistItem.objects.bulk_create(items)
