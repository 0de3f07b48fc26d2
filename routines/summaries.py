"""Adherence of each follower to each routine, read from the checklist snapshots.

A page reads only the recent nights, whatever the length of the history, and each follower's
Progress, which carries the streaks and the habit score up to a night that is over. A routine's
own page reads the checklists of the last WINDOW_NIGHTS nights (one query for every routine's
counts, one for the per-step items); the routines page, which shows no per-step rates, reads only
the strip of recent nights and the nights a Progress does not cover yet (one query). A missing or
outdated Progress is computed once from all of that follower's history (one more query) and saved
for the views after it. Nights count only when the routine was on, by the schedule it had that
night (Routine.periods). The math is routines/adherence.py.
"""

from __future__ import annotations

import operator
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import reduce

from django.db.models import Count, Q

from config import links
from journal.clock import night_of

from . import adherence
from .adherence import COMPLETION_WINDOWS, NightRecord
from .models import Checklist, ChecklistItem, Progress, Routine

Status = ChecklistItem.Status
RECENT_NIGHTS = 14
# The nights a page reads: the longest step window, and room for the recent nights of a routine
# that runs once a week.
WINDOW_NIGHTS = max(*COMPLETION_WINDOWS, RECENT_NIGHTS * 7)


@dataclass
class RecentNight:
    night: date
    share: float | None  # None: nothing expected (all skipped)
    opened: bool
    checklist_id: int | None
    url: str = ""  # the checklist's page, when there is a checklist

    @property
    def percent(self) -> int | None:
        return None if self.share is None else round(self.share * 100)

    @property
    def level(self) -> str:
        """The strip's shade: 0 (nothing done, or never opened) to 4 (all done), or "skip"."""
        percent = self.percent
        if not self.opened:
            return "0"
        if percent is None:
            return "skip"
        for level, least in ((4, 100), (3, 67), (2, 34)):
            if percent >= least:
                return str(level)
        return "1" if percent > 0 else "0"


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


Records = dict[date, tuple[int, NightRecord]]


def _night_records(checklists) -> dict[tuple[int, int], Records]:
    rows = checklists.annotate(
        scheduled=Count("items"),
        done=Count("items", filter=Q(items__status=Status.DONE)),
        skipped=Count("items", filter=Q(items__status=Status.SKIPPED)),
    ).values_list("pk", "routine_id", "profile_id", "night", "scheduled", "done", "skipped")
    records: dict[tuple[int, int], Records] = defaultdict(dict)
    for pk, routine_id, profile_id, night, scheduled, done, skipped in rows:
        records[routine_id, profile_id][night] = (
            pk,
            NightRecord(night=night, scheduled=scheduled, done=done, skipped=skipped),
        )
    return records


def summaries(
    *, routines: Sequence[Routine], now: datetime, with_steps: bool = True
) -> list[Summary]:
    """A summary per (routine, follower); routines need steps, followers and schedules
    prefetched.

    Without ``with_steps`` (the routines page, which shows no per-step rates) the summaries have
    no steps, and each follower's checklists are read only as far back as the strip of recent
    nights and the nights its Progress does not cover yet need: a couple of weeks, whatever the
    length of the history.
    """
    pairs = [(routine, profile) for routine in routines for profile in routine.followers.all()]
    if not pairs:
        return []
    tonights = {profile.pk: night_of(now, profile.zone) for _, profile in pairs}
    window_start = min(tonights.values()) - timedelta(days=WINDOW_NIGHTS)
    saved = {
        (progress.routine_id, progress.profile_id): progress
        for progress in Progress.objects.filter(routine__in=routines)
    }
    if with_steps:
        checklists = Checklist.objects.filter(routine__in=routines, night__gte=window_start)
    else:
        checklists = Checklist.objects.filter(
            _needed_nights(pairs, tonights=tonights, saved=saved, window_start=window_start)
        )
    records = _night_records(checklists)
    step_nights: dict[tuple[int, int, int], dict[date, str]] = defaultdict(dict)
    if with_steps:
        items = ChecklistItem.objects.filter(
            checklist__routine__in=routines,
            checklist__night__gte=window_start,
            step__isnull=False,
        ).values_list(
            "checklist__routine_id",
            "checklist__profile_id",
            "checklist__night",
            "step_id",
            "status",
        )
        for routine_id, profile_id, night, step_id, status in items:
            step_nights[routine_id, profile_id, step_id][night] = status
    link = links.by_id("routines:checklist", "checklist_id")
    result, changed = [], []
    for routine, profile in pairs:
        tonight = tonights[profile.pk]
        pair_records = records[routine.pk, profile.pk]
        progress = saved.get((routine.pk, profile.pk))
        brought_up = _bring_up_to_date(
            progress,
            routine=routine,
            profile=profile,
            tonight=tonight,
            window_start=window_start,
            records=pair_records,
        )
        if brought_up is not progress:
            changed.append(brought_up)
        result.append(
            _summary(
                routine=routine,
                profile=profile,
                tonight=tonight,
                progress=brought_up,
                records=pair_records,
                step_nights=step_nights if with_steps else None,
                link=link,
            )
        )
    if changed:
        Progress.objects.bulk_create(
            changed,
            update_conflicts=True,
            unique_fields=["routine", "profile"],
            update_fields=["through_night", "basis", "run", "best", "score"],
        )
    return result


def _needed_nights(pairs, *, tonights, saved, window_start: date) -> Q:
    """The checklists a summary without steps reads, per (routine, follower): from the first
    night of the strip of recent nights (or of the nights its Progress does not cover, when it
    is carried forward from the window rather than computed again), to tonight."""
    needed = []
    for routine, profile in pairs:
        tonight = tonights[profile.pk]
        nights = routine.nights_on(
            tz=profile.zone, first=tonight - timedelta(days=WINDOW_NIGHTS - 1), last=tonight
        )
        # The strip shows the last RECENT_NIGHTS nights that are over: tonight may be one.
        if len(nights) > RECENT_NIGHTS:
            first = nights[-(RECENT_NIGHTS + 1)]
        else:
            first = nights[0] if nights else tonight
        progress = saved.get((routine.pk, profile.pk))
        if progress is not None and progress.through_night >= window_start - timedelta(days=1):
            first = min(first, progress.through_night + timedelta(days=1))
        needed.append(Q(routine=routine, profile=profile, night__gte=first))
    return reduce(operator.or_, needed)


def _basis(routine: Routine, profile) -> str:
    """What a Progress depends on besides the checklists: where nights begin, the routine's
    creation and its latest schedule entry."""
    schedules = sorted(routine.schedules.all(), key=lambda entry: (entry.effective_from, entry.pk))
    latest = schedules[-1].pk if schedules else None
    return f"{profile.time_zone}|{routine.created_at.isoformat()}|{latest}"


def _bring_up_to_date(
    progress: Progress | None, *, routine, profile, tonight: date, window_start: date, records
) -> Progress:
    """``progress`` carried to the last night that is over: from the window's records when it
    reaches back far enough, else computed again from all history. The same object when nothing
    changed."""
    last_over = tonight - timedelta(days=1)
    basis = _basis(routine, profile)
    if (
        progress is None
        or progress.basis != basis
        or progress.through_night > last_over
        or progress.through_night < window_start - timedelta(days=1)
    ):
        return _from_all_history(routine=routine, profile=profile, basis=basis, tonight=tonight)
    if progress.through_night == last_over:
        return progress
    nights = routine.nights_on(
        tz=profile.zone, first=progress.through_night + timedelta(days=1), last=last_over
    )
    plain = [record for _, record in records.values()]
    run, best = adherence.streaks(
        active_nights=nights,
        records=plain,
        today_night=tonight,
        start=(progress.run, progress.best),
    )
    score = adherence.habit_score(active_nights=nights, records=plain, start=progress.score)
    return Progress(
        routine=routine,
        profile=profile,
        through_night=last_over,
        basis=basis,
        run=run,
        best=best,
        score=score,
    )


def _from_all_history(*, routine, profile, basis: str, tonight: date) -> Progress:
    last_over = tonight - timedelta(days=1)
    records = _night_records(
        Checklist.objects.filter(routine=routine, profile=profile, night__lte=last_over)
    )[routine.pk, profile.pk]
    plain = [record for _, record in records.values()]
    nights = routine.nights_on(tz=profile.zone, first=date.min, last=last_over)
    # Judged with tonight as "today", every night here is over: a miss breaks the run.
    run, best = adherence.streaks(active_nights=nights, records=plain, today_night=tonight)
    score = adherence.habit_score(active_nights=nights, records=plain)
    return Progress(
        routine=routine,
        profile=profile,
        through_night=last_over,
        basis=basis,
        run=run,
        best=best,
        score=score,
    )


def _summary(*, routine, profile, tonight, progress, records, step_nights, link) -> Summary:
    tz = profile.zone
    window_first = tonight - timedelta(days=WINDOW_NIGHTS - 1)
    nights = routine.nights_on(tz=tz, first=window_first, last=tonight)
    after = [night for night in nights if night > progress.through_night]
    plain = [record for _, record in records.values()]
    current, best = adherence.streaks(
        active_nights=after,
        records=plain,
        today_night=tonight,
        start=(progress.run, progress.best),
    )
    # Tonight counts towards the score only once it is complete; until then it is still going.
    tonight_record = records.get(tonight, (None, None))[1]
    if tonight_record is None or not adherence.is_complete(tonight_record):
        nights_over = [night for night in nights if night < tonight]
    else:
        nights_over = nights
    score = adherence.habit_score(
        active_nights=[night for night in nights_over if night > progress.through_night],
        records=plain,
        start=progress.score,
    )
    recent = [
        RecentNight(
            night=night,
            share=adherence.night_share(records[night][1]) if night in records else 0.0,
            opened=night in records,
            checklist_id=records[night][0] if night in records else None,
            url=link(records[night][0]) if night in records else "",
        )
        for night in nights_over[-RECENT_NIGHTS:]
    ]
    steps = []
    for step in routine.steps.all() if step_nights is not None else ():
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
