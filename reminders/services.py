"""Writes to calendar feeds. Callers pass a profile they got through households.selectors (one the
user may log for), so the right to have a feed is settled before these run."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from households import secret_tokens
from households.models import Profile, User

from .models import CalendarFeed

SECRET_PREFIX = "cal_"


@transaction.atomic
def issue_secret(*, owner: User, profile: Profile) -> tuple[CalendarFeed, str]:
    """Create the owner's feed of ``profile``, or give it a new secret: the old URL stops at once.

    Returns the feed and its secret, which is not kept and can be shown only now.
    """
    secret = secret_tokens.new_secret(SECRET_PREFIX)
    now = timezone.now()
    feed, created = CalendarFeed.objects.select_for_update().get_or_create(
        owner=owner,
        profile=profile,
        defaults={"token_digest": secret_tokens.digest(secret), "created_at": now},
    )
    if not created:
        feed.token_digest = secret_tokens.digest(secret)
        feed.changed_at = now
        feed.save(update_fields=["token_digest", "changed_at"])
    return feed, secret


def set_options(*, feed: CalendarFeed, step_alarms: bool, morning_reminder: bool) -> CalendarFeed:
    feed.step_alarms = step_alarms
    feed.morning_reminder = morning_reminder
    feed.changed_at = timezone.now()
    feed.save(update_fields=["step_alarms", "morning_reminder", "changed_at"])
    return feed


def stop(*, feed: CalendarFeed) -> None:
    """Delete the feed: its URL answers 404 from now on."""
    feed.delete()
