"""A private calendar feed of one profile's wind-down reminders, for one person who looks after it.

Calendar apps cannot sign in, so the feed's URL carries a secret; the database keeps only its
digest (households.secret_tokens). The secret unlocks nothing by itself: at every fetch the feed's
owner must still be allowed to log for the profile (Profile.objects.loggable_by), so a person who
leaves the household, or stops looking after the children, loses the feed at once.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from households.models import Profile


class CalendarFeedQuerySet(models.QuerySet):
    def owned_by(self, user) -> CalendarFeedQuerySet:
        """The user's feeds of profiles they may still log for."""
        return self.filter(owner=user, profile__in=Profile.objects.loggable_by(user))


class CalendarFeed(models.Model):
    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="calendar_feeds")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feeds"
    )
    token_digest = models.CharField(max_length=64, unique=True, editable=False)
    step_alarms = models.BooleanField(
        _("Alarm for every step"),
        default=False,
        help_text=_("Besides the one when winding down starts."),
    )
    morning_reminder = models.BooleanField(
        _("Morning reminder to log last night"),
        default=True,
        help_text=_("Every day at the usual wake time."),
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    # When the secret or the options last changed (the feed's HTTP Last-Modified counts it).
    changed_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = CalendarFeedQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["profile", "owner"], name="one_calendar_feed_per_owner")
        ]

    def __str__(self) -> str:
        return f"Calendar feed of {self.profile} for {self.owner}"
