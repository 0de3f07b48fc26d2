"""Reads for insights: a profile's nights in a range as plain `NightRecord`s for the pure figures.

A fixed number of queries whatever the range: the nights with their disturbances and intake,
the night's checklists with their counts, and the routines the profile follows (for the nights a
routine ran but its checklist was never opened). Everything goes through the journal's and
routines' scoping selectors, so a profile the user may not see gives nothing.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta

from django.db.models import Count, Prefetch, Q, Value
from django.utils import timezone

from households.models import Profile
from journal import clock, metrics
from journal.models import TIME_FIELDS, Intake, Night, entry_label
from journal.selectors import visible_nights
from routines import adherence
from routines.models import Checklist, ChecklistItem, Routine

from .records import NightRecord
from .weekly import WeeklyLine, weekly_line

Status = ChecklistItem.Status


def nights_in_range(*, user, profile: Profile, start: date, end: date) -> list[Night]:
    """The profile's logged nights from ``start`` to ``end`` inclusive, oldest first, with
    everything a diary table shows."""
    return list(
        visible_nights(user)
        .filter(profile=profile, date__gte=start, date__lte=end)
        .prefetch_related(
            "disturbances", Prefetch("intakes", queryset=Intake.objects.select_related("item"))
        )
        .order_by("date")
    )


def night_records_in_range(
    *, user, profile: Profile, start: date, end: date, routine_shares: dict[date, float | None]
) -> list[NightRecord]:
    """``night_records`` of ``nights_in_range``, for a page that shows figures and no diary
    table: the nights' disturbances and intake come as labels in one query, not as objects."""
    nights = list(
        visible_nights(user)
        .filter(profile=profile, date__gte=start, date__lte=end)
        .only(*RECORD_FIELDS)
        .order_by("date")
    )
    labels = entry_labels([night.pk for night in nights])
    return [
        to_record(
            night,
            profile,
            routine_complete=None
            if night.date not in routine_shares
            else routine_shares[night.date] == 1,
            entries=labels.get(night.pk, _NO_ENTRIES),
        )
        for night in nights
    ]


# The columns `to_record` reads (a night's notes and bookkeeping are not figures).
RECORD_FIELDS = (
    "date",
    *TIME_FIELDS,
    "sol_minutes",
    "waso_minutes",
    "awakenings",
    "nap_minutes",
    "quality",
    "rested",
)
_NO_ENTRIES: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())


def entry_labels(night_ids: list[int]) -> dict[int, tuple[frozenset[str], frozenset[str]]]:
    """(disturbance labels, intake labels) of each of the nights that has any, in one query.
    ``night_ids`` are nights the caller has read through the scoping selectors."""
    if not night_ids:
        return {}
    disturbances = (
        Night.disturbances.through.objects.filter(night_id__in=night_ids)
        .annotate(kind=Value(0))
        .values_list("kind", "night_id", "disturbance__name", "disturbance__household_id")
        .order_by()
    )
    intake = (
        Intake.objects.filter(night_id__in=night_ids)
        .annotate(kind=Value(1))
        .values_list("kind", "night_id", "item__name", "item__household_id")
        .order_by()
    )
    found: dict[int, tuple[set[str], set[str]]] = defaultdict(lambda: (set(), set()))
    for kind, night_id, name, household_id in disturbances.union(intake, all=True):
        found[night_id][kind].add(entry_label(name, household_id))
    return {
        night_id: (frozenset(tags), frozenset(taken)) for night_id, (tags, taken) in found.items()
    }


def night_records(
    *, nights: list[Night], profile: Profile, routine_shares: dict[date, float | None]
) -> list[NightRecord]:
    """``nights`` (of ``profile``, from ``nights_in_range``) as records for the figures. A
    night's routine is complete when every step not skipped was done (a share of 1)."""
    return [
        to_record(
            night,
            profile,
            routine_complete=None
            if night.date not in routine_shares
            else routine_shares[night.date] == 1,
        )
        for night in nights
    ]


def routine_shares(*, user, profile: Profile, start: date, end: date) -> dict[date, float | None]:
    """For each night from ``start`` to ``end`` that a routine ran for the profile, the share of
    the steps not skipped that were done, over every routine that ran that night. A routine that
    ran but was never opened counts all its steps as not done; None when nothing was expected
    (every step skipped). Nights no routine ran are absent.

    Three queries: the checklists with their counts, the profile's routines with their number
    of steps, and their schedules.
    """
    checklists = (
        Checklist.objects.visible_to(user)
        .filter(profile=profile, night__gte=start, night__lte=end)
        .annotate(
            scheduled=Count("items"),
            done=Count("items", filter=Q(items__status=Status.DONE)),
            skipped=Count("items", filter=Q(items__status=Status.SKIPPED)),
        )
        .values_list("night", "routine_id", "scheduled", "done", "skipped")
    )
    done: dict[date, int] = defaultdict(int)
    expected: dict[date, int] = defaultdict(int)
    opened: dict[date, set[int | None]] = defaultdict(set)
    for night, routine_id, scheduled, done_steps, skipped in checklists:
        record = adherence.NightRecord(
            night=night, scheduled=scheduled, done=done_steps, skipped=skipped
        )
        done[night] += record.done
        expected[night] += record.expected
        opened[night].add(routine_id)
    routines = (
        Routine.objects.visible_to(user)
        .filter(followers=profile)
        .annotate(step_count=Count("steps", distinct=True))
        .prefetch_related("schedules")
    )
    for routine in routines:
        steps = routine.step_count
        # Each night as the routine was scheduled then: a pause never rewrites the past.
        for night in routine.nights_on(tz=profile.zone, first=start, last=end):
            if routine.pk not in opened[night]:
                expected[night] += steps
                opened[night].add(routine.pk)
    return {night: done[night] / expected[night] if expected[night] else None for night in opened}


def to_record(
    night: Night,
    profile: Profile,
    *,
    routine_complete: bool | None,
    entries: tuple[frozenset[str], frozenset[str]] | None = None,
) -> NightRecord:
    """A night as a record, its disturbances and intake labelled: ``entries`` (from
    ``entry_labels``), or else read from its prefetched lists."""
    if entries is not None:
        tags, intake = entries
    else:
        tags = frozenset(d.label for d in night.disturbances.all())
        intake = frozenset(i.item.label for i in night.intakes.all())
    zone = profile.zone
    window_start, window_end = clock.night_window(night.date, zone)
    m = night.metrics
    return NightRecord(
        date=night.date,
        window_start=window_start,
        window_end=window_end,
        into_bed=night.into_bed,
        lights_out=night.lights_out,
        final_wake=night.final_wake,
        out_of_bed=night.out_of_bed,
        sleep_onset=m.sleep_onset,
        tst=m.total_sleep_time,
        se=m.sleep_efficiency,
        sol=m.sleep_onset_latency,
        waso=m.wake_after_sleep_onset,
        tib=m.time_in_bed,
        quality=night.quality,
        rested=night.rested,
        awakenings=night.awakenings,
        nap_minutes=night.nap_minutes,
        # Labels, not names: a built-in entry reads in the reader's language.
        tags=tags,
        intake=intake,
        routine_complete=routine_complete,
        zone_name=profile.time_zone,
    )


def last_night(profile: Profile, now=None) -> date:
    """The night that began yesterday evening in the profile's zone (this morning's night)."""
    return clock.to_local(now or timezone.now(), profile.zone).date() - timedelta(days=1)


def weekly_record(
    night: date, times: metrics.NightTimes, *, window: tuple[datetime, datetime], zone_name: str
) -> NightRecord:
    """A night as a record with only what the weekly line reads (its date, window, sleep onset,
    final wake, TST and SE): the same figures `to_record` gives, without the rest of the metrics
    or a model instance. ``window`` is `clock.night_window` of the night in the profile's zone."""
    return NightRecord(
        date=night,
        window_start=window[0],
        window_end=window[1],
        final_wake=times.final_wake,
        sleep_onset=metrics.sleep_onset(times),
        tst=metrics.total_sleep_time(times),
        se=metrics.sleep_efficiency(times),
        zone_name=zone_name,
    )


# What `weekly_record` reads of a night, in the order of `metrics.NightTimes`.
_TIMES = ("into_bed", "lights_out", "sol_minutes", "waso_minutes", "final_wake", "out_of_bed")


def weekly_lines(*, user, profiles, now=None) -> dict[int, WeeklyLine]:
    """The weekly summary of each profile (that has a night in its last 7), in one query.

    Reads only the diary times of the 14 nights each line compares, as plain values: on Tonight
    this runs for every profile on every visit.
    """
    profiles = list(profiles)
    if not profiles:
        return {}
    ends = {profile.pk: last_night(profile, now) for profile in profiles}
    rows = (
        visible_nights(user)
        .filter(
            profile__in=profiles,
            date__gte=min(ends.values()) - timedelta(days=13),
            date__lte=max(ends.values()),
        )
        .order_by()  # weekly_line sorts each profile's nights itself
        .values_list("profile_id", "date", *_TIMES)
    )
    by_profile: dict[int, list[NightRecord]] = defaultdict(list)
    by_pk = {profile.pk: profile for profile in profiles}
    # A household's profiles mostly share one zone: each night's window is worked out once.
    windows: dict[tuple[date, str], tuple[datetime, datetime]] = {}
    for profile_id, night, *times in rows:
        profile = by_pk[profile_id]
        key = (night, profile.time_zone)
        if key not in windows:
            windows[key] = clock.night_window(night, profile.zone)
        by_profile[profile_id].append(
            weekly_record(
                night,
                metrics.NightTimes(*times),
                window=windows[key],
                zone_name=profile.time_zone,
            )
        )
    lines = {}
    for profile in profiles:
        line = weekly_line(by_profile[profile.pk], ends[profile.pk])
        if line is not None:
            lines[profile.pk] = line
    return lines
