"""Adherence of each follower to each routine, read from the checklist snapshots.

Two queries for any number of routines, followers and nights: one for every night's counts, one
for the per-step items of the longest completion window. The math is routines/adherence.py.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Count, Q

from journal.clock import night_of

from . import adherence
from .adherence import COMPLETION_WINDOWS, NightRecord
from .models import Checklist, ChecklistItem, Routine

Status = ChecklistItem.Status
RECENT_NIGHTS = 14


@dataclass
class RecentNight:
    night: date
    share: float | None  # None: nothing expected (all skipped)
    opened: bool
    checklist_id: int | None

    @property
    def percent(self) -> int | None:
        return None if self.share is None else round(self.share * 100)


@dataclass
class StepSummary:
    title: str
    # (days, done, scheduled, percent or None) for each window of COMPLETION_WINDOWS.
    windows: list[tuple[int, int, int, int | None]]


@dataclass
class Summary:
    routine: Routine
    profile: object
    current_streak: int
    best_streak: int
    score: float
    recent: list[RecentNight]
    steps: list[StepSummary]

    @property
    def score_percent(self) -> int:
        return round(self.score * 100)


def active_nights(*, routine: Routine, tz, tonight: date) -> list[date]:
    """Every night the routine ran for a follower in ``tz``: its weekdays, from its creation."""
    first = night_of(routine.created_at, tz)
    return [
        first + timedelta(days=offset)
        for offset in range((tonight - first).days + 1)
        if (first + timedelta(days=offset)).weekday() in routine.active_weekdays
    ]


def summaries(*, routines: Sequence[Routine], now: datetime) -> list[Summary]:
    """A summary per (routine, follower); routines need steps and followers prefetched."""
    if not routines:
        return []
    checklists = (
        Checklist.objects.filter(routine__in=routines)
        .annotate(
            scheduled=Count("items"),
            done=Count("items", filter=Q(items__status=Status.DONE)),
            skipped=Count("items", filter=Q(items__status=Status.SKIPPED)),
        )
        .values_list("pk", "routine_id", "profile_id", "night", "scheduled", "done", "skipped")
    )
    records: dict[tuple[int, int], dict[date, tuple[int, NightRecord]]] = defaultdict(dict)
    for pk, routine_id, profile_id, night, scheduled, done, skipped in checklists:
        records[routine_id, profile_id][night] = (
            pk,
            NightRecord(night=night, scheduled=scheduled, done=done, skipped=skipped),
        )
    window_start = now.date() - timedelta(days=max(COMPLETION_WINDOWS) + 1)
    items = ChecklistItem.objects.filter(
        checklist__routine__in=routines,
        checklist__night__gte=window_start,
        step__isnull=False,
    ).values_list(
        "checklist__routine_id", "checklist__profile_id", "checklist__night", "step_id", "status"
    )
    step_nights: dict[tuple[int, int, int], dict[date, str]] = defaultdict(dict)
    for routine_id, profile_id, night, step_id, status in items:
        step_nights[routine_id, profile_id, step_id][night] = status

    result = []
    for routine in routines:
        for profile in routine.followers.all():
            result.append(
                _summary(
                    routine=routine,
                    profile=profile,
                    now=now,
                    records=records[routine.pk, profile.pk],
                    step_nights=step_nights,
                )
            )
    return result


def _summary(*, routine, profile, now, records, step_nights) -> Summary:
    tz = profile.zone
    tonight = night_of(now, tz)
    nights = active_nights(routine=routine, tz=tz, tonight=tonight)
    night_set = set(nights)
    plain = [record for _, record in records.values() if record.night in night_set]
    current, best = adherence.streaks(active_nights=nights, records=plain, today_night=tonight)
    # Tonight counts towards the score only once it is complete; until then it is still going.
    tonight_record = records.get(tonight, (None, None))[1]
    if tonight_record is None or not adherence.is_complete(tonight_record):
        nights_over = [night for night in nights if night < tonight]
    else:
        nights_over = nights
    score = adherence.habit_score(active_nights=nights_over, records=plain)
    recent = [
        RecentNight(
            night=night,
            share=adherence.night_share(records[night][1]) if night in records else 0.0,
            opened=night in records,
            checklist_id=records[night][0] if night in records else None,
        )
        for night in nights_over[-RECENT_NIGHTS:]
    ]
    steps = []
    for step in routine.steps.all():
        statuses = step_nights.get((routine.pk, profile.pk, step.pk), {})
        first = night_of(step.created_at, tz)
        # A night whose checklist was never opened counts against every step that existed then.
        scheduled = [
            night
            for night in nights_over
            if night >= first
            and (statuses.get(night) != Status.SKIPPED)
            and (night in statuses or night not in records)
        ]
        done = {night for night, status in statuses.items() if status == Status.DONE}
        windows = []
        for days in COMPLETION_WINDOWS:
            done_count, scheduled_count = adherence.step_completion(
                step_done_nights=done,
                step_scheduled_nights=scheduled,
                last_night=tonight,
                days=days,
            )
            share = adherence.rate(done_count, scheduled_count)
            windows.append(
                (days, done_count, scheduled_count, None if share is None else round(share * 100))
            )
        steps.append(StepSummary(title=step.title, windows=windows))
    return Summary(
        routine=routine,
        profile=profile,
        current_streak=current,
        best_streak=best,
        score=score,
        recent=recent,
        steps=steps,
    )
