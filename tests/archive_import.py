"""Helpers for the archive import's tests: export through the view, compare two exports."""

from __future__ import annotations

import copy
import json
from datetime import date, timedelta

from django.urls import reverse

from exchange.importing.archive_restore import ArchivePlan, plan_archive


def export_text(client, url: str | None = None) -> str:
    response = client.get(url or reverse("exchange:household_json"))
    assert response.status_code == 200
    return response.content.decode()


def comparable(text: str) -> dict:
    """An export without what differs on every run (`exported_at`) or in every database (the ids
    of routines and steps, replaced by their places in the file)."""
    data = copy.deepcopy(json.loads(text))
    del data["exported_at"]
    routine_places, step_places = {}, {}
    for number, routine in enumerate(data["routines"]):
        routine_places[routine.pop("id")] = number
        for place, step in enumerate(routine["steps"]):
            step_places[step.pop("id")] = (number, place)
    for checklist in data["checklists"]:
        checklist["routine"] = routine_places.get(checklist["routine"])
        for item in checklist["items"]:
            item["step"] = step_places.get(item["step"])
    return data


def reasons(plan: ArchivePlan) -> list[str]:
    return [rejection.reason for rejection in plan.rejected]


def kinds(planned) -> dict[str, int]:
    counts: dict[str, int] = {}
    for entry in planned:
        counts[entry.kind] = counts.get(entry.kind, 0) + 1
    return counts


def import_text(text: str, *, user) -> ArchivePlan:
    plan = plan_archive(text, user=user)
    plan.apply()
    return plan


# --- Small archives written by hand -----------------------------------------------------------


def profile_entry(name: str = "Ada", account: str | None = None, **fields) -> dict:
    return {
        "name": name,
        "account": account,
        "time_zone": "Europe/London",
        "usual_bedtime": "21:30:00",
        "usual_wake_time": "07:00:00",
        "work_days": [0, 1, 2, 3, 4],
        "shared_with_household": False,
        "created_at": "2024-01-05T10:00:00.123456+00:00",
        **fields,
    }


def night_entry(profile: str = "Ada", day: str = "2024-03-02", **fields) -> dict:
    """Worked example 1 on the night of `day` (a winter night in London, so UTC)."""
    following = (date.fromisoformat(day) + timedelta(days=1)).isoformat()
    return {
        "profile": profile,
        "date": day,
        "into_bed": f"{day}T22:45:00+00:00",
        "lights_out": f"{day}T23:00:00+00:00",
        "sol_minutes": 20,
        "awakenings": 2,
        "waso_minutes": 25,
        "final_wake": f"{following}T06:30:00+00:00",
        "out_of_bed": f"{following}T06:50:00+00:00",
        "quality": 4,
        "rested": 3,
        "stress": None,
        "nap_minutes": None,
        "disturbances": [],
        "intake": [],
        "notes": "",
        "created_by": None,
        "created_at": f"{following}T07:00:00+00:00",
        "updated_at": f"{following}T07:05:00+00:00",
        "version": 1,
        **fields,
    }


def routine_entry(routine_id: int = 1, name: str = "Wind down", **fields) -> dict:
    steps = [
        {
            "id": routine_id * 10 + place,
            "title": title,
            "minutes_before": minutes,
            "duration_minutes": None,
            "note": "",
            "position": place,
            "created_at": "2024-01-05T10:00:00+00:00",
            "version": 1,
        }
        for place, (title, minutes) in enumerate((("Screens off", 45), ("Read", 30)))
    ]
    return {
        "id": routine_id,
        "name": name,
        "bedtime": "21:30:00",
        "alternate_bedtime": None,
        "alternate_weekdays": [],
        "active_weekdays": [0, 1, 2, 3, 4, 5, 6],
        "is_active": True,
        "created_at": "2024-01-05T10:00:00+00:00",
        "version": 1,
        "followers": ["Ada"],
        "steps": steps,
        **fields,
    }


def checklist_entry(profile: str = "Ada", routine: int | None = 1, **fields) -> dict:
    return {
        "profile": profile,
        "routine": routine,
        "night": "2024-03-02",
        "routine_name": "Wind down",
        "bedtime_at": "2024-03-02T21:30:00+00:00",
        "created_at": "2024-03-02T20:45:00+00:00",
        "items": [
            {
                "step": None if routine is None else routine * 10 + place,
                "title": title,
                "minutes_before": minutes,
                "position": place,
                "status": status,
                "checked_at": "2024-03-02T20:46:00+00:00" if status == "done" else None,
                "checked_by": None,
            }
            for place, (title, minutes, status) in enumerate(
                (("Screens off", 45, "done"), ("Read", 30, "pending"))
            )
        ],
        **fields,
    }


def archive_text(**sections) -> str:
    """A household archive with Ada (a dependant) and `sections` (lists) replacing the defaults."""
    data = {
        "format": "nightstand-export",
        "version": 1,
        "exported_at": "2024-03-10T12:00:00+00:00",
        "scope": "household",
        "household": {"name": "The Lovelaces", "created_at": "2024-01-01T00:00:00+00:00"},
        "profiles": [profile_entry()],
        "disturbances": [],
        "intake_items": [],
        "nights": [night_entry()],
        "routines": [],
        "checklists": [],
    }
    data.update(sections)
    return json.dumps(data)
