"""Every page costs a fixed number of queries, with a week of history or with a year.

One budget per page, the same for a small household and a large one (three profiles with a
year of nights each, disturbances, intake, two routines and their daily checklists, built with
bulk_create so the test stays fast). A page whose count grows with the data fails here long
before anyone notices it in the benchmark (bench/load.py). Other modules keep stricter,
page-specific assertions (exact counts, first views); this one is the map of them all.
"""

from datetime import UTC, date, datetime, time, timedelta

import pytest
from django.urls import reverse

from journal import clock
from journal.models import Disturbance, Intake, IntakeItem, Night
from routines.models import Checklist, ChecklistItem

from .conftest import add_dependant
from .fixtures.routines import make_routine

NOW = datetime(2026, 1, 15, 21, 0, tzinfo=UTC)
TONIGHT = date(2026, 1, 15)
SIZES = {"small": 7, "large": 365}
HTMX = {"HX-Request": "true"}

# Session and user, and the request's savepoint pair, are in every count.
BUDGETS = {
    "tonight": 9,
    "tick": 13,
    "log form": 8,
    "history": 9,
    "calendar": 6,
    "night detail": 9,
    "checklist": 7,
    "routines": 9,
    "routine detail": 12,
    "insights": 10,
    "insights, whole year": 10,
    "report": 12,
    "household": 10,
    "export page": 6,
}


def _nights(profile, days: int, disturbance, item) -> list[Night]:
    nights = []
    for offset in range(1, days + 1):
        day = TONIGHT - timedelta(days=offset)
        times = clock.resolve_night_times(
            day, profile.zone, [time(22, 30), time(22, 45), time(6, 30), time(6, 45)]
        )
        nights.append(
            Night(
                profile=profile,
                date=day,
                into_bed=times[0],
                lights_out=times[1],
                final_wake=times[2],
                out_of_bed=times[3],
                sol_minutes=offset % 30,
                waso_minutes=offset % 20,
                awakenings=offset % 3,
                quality=offset % 5 + 1,
            )
        )
    nights = Night.objects.bulk_create(nights)
    Night.disturbances.through.objects.bulk_create(
        Night.disturbances.through(night_id=night.pk, disturbance_id=disturbance.pk)
        for night in nights[::2]
    )
    Intake.objects.bulk_create(
        Intake(night=night, item=item, amount=1, unit="cup", taken_at=night.lights_out)
        for night in nights[::3]
    )
    return nights


def _checklists(routine, profile, days: int) -> None:
    steps = list(routine.steps.all())
    checklists = Checklist.objects.bulk_create(
        Checklist(
            profile=profile,
            routine=routine,
            night=TONIGHT - timedelta(days=offset),
            routine_name=routine.name,
            bedtime_at=NOW - timedelta(days=offset),
        )
        for offset in range(1, days + 1)
    )
    ChecklistItem.objects.bulk_create(
        ChecklistItem(
            checklist=checklist,
            step=step,
            title=step.title,
            minutes_before=step.minutes_before,
            status="done" if (checklist.night.day + step.pk) % 4 else "pending",
        )
        for checklist in checklists
        for step in steps
    )


@pytest.fixture(params=list(SIZES))
def household(request, alice, freeze):
    days = SIZES[request.param]
    kids = [add_dependant(alice, "Robin"), add_dependant(alice, "Kit")]
    disturbance = Disturbance.objects.get(household=None, name="Noise")
    item = IntakeItem.objects.get(household=None, name="Caffeine")
    nights = {
        profile.pk: _nights(profile, days, disturbance, item) for profile in [alice.profile, *kids]
    }
    own = make_routine([alice.profile])
    bedtime = make_routine(kids, name="Bedtime", bedtime=time(19, 30))
    for routine in (own, bedtime):
        routine.backdate(NOW - timedelta(days=days + 1))
        for profile in routine.followers.all():
            _checklists(routine, profile, days)
    freeze(NOW)
    return {
        "night": nights[alice.profile.pk][0],
        "routine": own,
        "step": own.steps.first(),
        "checklist": Checklist.objects.filter(routine=own).first(),
        "first_night": TONIGHT - timedelta(days=days),
    }


def _pages(alice, household) -> dict:
    step, profile = household["step"], alice.profile
    tick_url = reverse("routines:mark", kwargs={"step_id": step.pk, "profile_id": profile.pk})
    actions = iter(["done", "undo"] * 3)
    return {
        "tonight": lambda c: c.get(reverse("routines:tonight")),
        "tick": lambda c: c.post(tick_url, {"action": next(actions)}, headers=HTMX),
        "log form": lambda c: c.get(reverse("journal:log")),
        "history": lambda c: c.get(reverse("journal:history")),
        "calendar": lambda c: c.get(reverse("journal:calendar")),
        "night detail": lambda c: c.get(
            reverse("journal:night", kwargs={"night_id": household["night"].pk})
        ),
        "checklist": lambda c: c.get(
            reverse("routines:checklist", kwargs={"checklist_id": household["checklist"].pk})
        ),
        "routines": lambda c: c.get(reverse("routines:list")),
        "routine detail": lambda c: c.get(
            reverse("routines:detail", kwargs={"routine_id": household["routine"].pk})
        ),
        "insights": lambda c: c.get(reverse("insights:insights")),
        "insights, whole year": lambda c: c.get(
            reverse("insights:insights"),
            {"start": household["first_night"].isoformat(), "end": TONIGHT.isoformat()},
        ),
        "report": lambda c: c.get(reverse("insights:report")),
        "household": lambda c: c.get(reverse("households:detail")),
        "export page": lambda c: c.get(reverse("exchange:export")),
    }


def test_every_page_keeps_its_query_budget_whatever_the_history(
    client_for, alice, household, django_assert_max_num_queries
):
    """One test per size, every page in turn: the household is built once for all of them."""
    client = client_for(alice)
    pages = _pages(alice, household)
    assert set(pages) == set(BUDGETS)
    # The first routines view of the day reads each follower's history once (three of them)
    # and saves what they reached; the views after it read only recent nights.
    with django_assert_max_num_queries(BUDGETS["routines"] + 3 + 1, info="first routines view"):
        assert pages["routines"](client).status_code == 200
    for page, request in pages.items():
        assert request(client).status_code == 200, page  # warm, as a second view would be
        with django_assert_max_num_queries(BUDGETS[page], info=page):
            response = request(client)
        assert response.status_code == 200, page
