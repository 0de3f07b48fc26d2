"""Reads for calendar feeds. A feed is found by its secret, and then only answers while its owner
may still log for the profile: rights come from current membership at every fetch."""

from __future__ import annotations

from datetime import timedelta

from django.shortcuts import get_object_or_404

from households import secret_tokens
from households.models import Profile
from journal.clock import night_of
from routines.models import Routine

from .calendar import Morning, PlannedStep, WindDown
from .models import CalendarFeed


def feed_by_secret(secret: str) -> CalendarFeed | None:
    """The feed ``secret`` opens, if its owner may still log for its profile; else None."""
    feed = (
        CalendarFeed.objects.select_related("owner", "profile")
        .filter(token_digest=secret_tokens.digest(secret))
        .first()
    )
    if feed is None or not feed.owner.is_active:
        return None
    if not Profile.objects.loggable_by(feed.owner).filter(pk=feed.profile_id).exists():
        return None
    return feed


def own_feed(user, profile: Profile) -> CalendarFeed | None:
    """The user's feed of ``profile`` (which the caller got through households.selectors)."""
    return CalendarFeed.objects.owned_by(user).filter(profile=profile).first()


def get_loggable_profile(user, profile_id: int) -> Profile:
    return get_object_or_404(Profile.objects.loggable_by(user), pk=profile_id)


def feed_routines(feed: CalendarFeed) -> list[Routine]:
    """The routines the feed's profile follows and its owner may see, that are on."""
    return list(
        Routine.objects.visible_to(feed.owner)
        .filter(followers=feed.profile, is_active=True)
        .prefetch_related("steps")
        .order_by("pk")
    )


def uid(kind: str, *parts: object) -> str:
    return f"{kind}-{'-'.join(str(part) for part in parts)}@nightstand"


def wind_downs(*, feed: CalendarFeed, routines: list[Routine], url: str = "") -> list[WindDown]:
    """Each routine as one event per bedtime it keeps on some evening."""
    profile = feed.profile
    plans = []
    for routine in routines:
        steps = tuple(
            PlannedStep(title=step.title, minutes_before=step.minutes_before, note=step.note)
            for step in routine.steps.all()
        )
        alternate = set(routine.alternate_weekdays) if routine.alternate_bedtime else set()
        by_bedtime = [
            ("usual", routine.bedtime, set(routine.active_weekdays) - alternate),
            ("alternate", routine.alternate_bedtime, set(routine.active_weekdays) & alternate),
        ]
        for kind, bedtime, nights in by_bedtime:
            if not nights:
                continue
            plans.append(
                WindDown(
                    uid=uid("routine", routine.pk, kind, "profile", profile.pk, "feed", feed.pk),
                    name=routine.name,
                    nights=tuple(sorted(nights)),
                    bedtime=bedtime,
                    steps=steps,
                    first_night=night_of(routine.created_at, profile.zone),
                    sequence=routine.revision,
                    changed_at=routine.changed_at,
                    url=url,
                )
            )
    return plans


def morning(*, feed: CalendarFeed, url: str = "") -> Morning | None:
    if not feed.morning_reminder:
        return None
    profile = feed.profile
    wake = profile.usual_wake_time
    return Morning(
        # The wake time is in the UID: a new wake time is a new event, and the old one leaves
        # the feed, rather than one event whose time changes under the same SEQUENCE.
        uid=uid("morning", f"{wake:%H%M}", "profile", profile.pk, "feed", feed.pk),
        wake_time=wake,
        first_day=night_of(feed.created_at, profile.zone) + timedelta(days=1),
        changed_at=feed.changed_at,
        url=url,
    )


def last_change(feed: CalendarFeed, routines: list[Routine]):
    """The latest change the feed shows (its HTTP Last-Modified)."""
    return max([feed.changed_at, *(routine.changed_at for routine in routines)])
