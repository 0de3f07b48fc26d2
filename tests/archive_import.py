"""Helpers for the archive import's tests: export through the view, compare two exports."""

from __future__ import annotations

import copy
import json

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
