"""Demo nights: about five weeks for every profile of the demo household.

Deterministic (a seeded random.Random), varied and plausible: later nights before free days,
the odd bad night, a few things left blank ("don't remember"), a couple of nights not logged,
and some caffeine or alcohol recorded neutrally, as a person would.
"""

from __future__ import annotations

import random
from datetime import date, time, timedelta
from decimal import Decimal

from households.models import Household, Profile

from . import clock, services
from .models import Disturbance, IntakeItem

DAYS = 35
SEED = 20260328


def populate(*, household: Household, today: date) -> None:
    rng = random.Random(SEED)
    disturbances = {item.name: item for item in Disturbance.objects.for_household(household)}
    items = {item.name: item for item in IntakeItem.objects.for_household(household)}
    by = household.admins().first()
    for profile in household.profiles.select_related("user"):
        forgotten = set(rng.sample(range(1, DAYS + 1), 2))  # nights nobody logged
        for days_back in range(DAYS, 0, -1):
            if days_back in forgotten:
                continue
            night_date = today - timedelta(days=days_back)
            data = _night(rng, profile, night_date, disturbances, items)
            services.log_night(profile=profile, by=profile.user or by, data=data)


def _clock(minutes: int) -> time:
    minutes %= 24 * 60
    return time(minutes // 60, minutes % 60)


def _minutes(moment: time) -> int:
    return moment.hour * 60 + moment.minute


def _night(rng: random.Random, profile: Profile, night_date: date, disturbances, items) -> dict:
    child = profile.is_dependant
    free_next_day = (night_date + timedelta(days=1)).weekday() not in profile.work_days
    bedtime = _minutes(profile.usual_bedtime) + round(rng.gauss(0, 15 if child else 25))
    wake = _minutes(profile.usual_wake_time) + round(rng.gauss(0, 10 if child else 15))
    if free_next_day:
        bedtime += 0 if child else rng.randint(15, 75)
        wake += rng.randint(20, 40) if child else rng.randint(30, 100)
    rough = rng.random() < 0.15  # a bad night now and then
    into_bed = bedtime - rng.randint(0, 30 if not child else 15)
    sol = rng.randint(20, 70) if rough else rng.randint(3, 25)
    awakenings = rng.randint(2, 5) if rough else rng.choice([0, 0, 1, 1, 2])
    waso = sum(rng.randint(3, 25) for _ in range(awakenings))
    out_of_bed = wake + rng.randint(0, 30)
    if rough and rng.random() < 0.5:
        wake -= rng.randint(20, 60)  # woke too early

    clocks = [_clock(m) for m in (into_bed, bedtime, wake, out_of_bed)]
    bed_at, lights_at, wake_at, up_at = clock.resolve_night_times(night_date, profile.zone, clocks)
    tib = clock.minutes_between(bed_at, up_at)
    tst = clock.minutes_between(lights_at, wake_at) - sol - waso
    efficiency = tst / tib
    quality = min(5, max(1, round(1 + (efficiency - 0.6) * 10 + rng.uniform(-0.8, 0.8))))

    data: dict = {
        "date": night_date,
        "into_bed": bed_at,
        "lights_out": lights_at,
        "sol_minutes": sol,
        "awakenings": awakenings,
        "waso_minutes": waso,
        "final_wake": wake_at,
        "out_of_bed": up_at,
        "quality": quality,
        "rested": min(5, max(1, quality + rng.choice([-1, 0, 0, 1]))),
        "stress": None if child else rng.choice([1, 2, 2, 3, 3, 4, 5 if rough else 3]),
        "nap_minutes": rng.choice([20, 30, 45]) if not child and rng.random() < 0.1 else None,
        "notes": "",
        "disturbances": [],
        "intakes": [],
    }
    # Blanks mean "don't remember"; leave a few.
    if rng.random() < 0.1:
        data[rng.choice(["sol_minutes", "waso_minutes", "quality", "into_bed"])] = None
    if rough or rng.random() < 0.2:
        names = (
            ["Nightmares", "Too hot", "Bathroom", "Noise"]
            if child
            else ["Racing thoughts", "Noise", "Woken by child", "Too hot", "Bathroom", "Pain"]
        )
        data["disturbances"] = [disturbances[name] for name in rng.sample(names, rng.randint(1, 2))]
    if rough and rng.random() < 0.5:
        data["notes"] = rng.choice(
            ["Busy day, hard to switch off.", "Woke at 4 and lay awake.", "Storm in the night."]
        )
    if not child:
        data["intakes"] = _intake(rng, profile, night_date, free_next_day, items)
    return data


def _intake(rng: random.Random, profile: Profile, night_date: date, free_next_day, items):
    rows = []
    if rng.random() < 0.35:
        at = time(rng.randint(13, 16), rng.choice([0, 15, 30, 45]))
        rows.append(
            {
                "item": items["Caffeine"],
                "amount": Decimal(1),
                "unit": "cup",
                "taken_at": clock.intake_moment(night_date, at, profile.zone),
            }
        )
    if rng.random() < (0.4 if free_next_day else 0.1):
        at = time(rng.randint(19, 21), rng.choice([0, 30]))
        rows.append(
            {
                "item": items["Alcohol"],
                "amount": Decimal(rng.choice([1, 1, 2])),
                "unit": "glass",
                "taken_at": clock.intake_moment(night_date, at, profile.zone),
            }
        )
    return rows
