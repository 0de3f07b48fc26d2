"""Personal access tokens: how scripts and automations (an iOS Shortcut, Home Assistant) sign in
to the JSON API.

A token stands for its user and nothing more: what it may do is worked out at every request from
the user's current membership, through the same selectors as the pages, so a token of someone who
left the household reaches none of its people. Only the token's digest is kept
(households.secret_tokens); the person sees the token once, when it is made.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from households.models import single_line

# Recording every use would write on every request; a minute is precise enough for "last used".
LAST_USED_PRECISION = timedelta(minutes=1)


class AccessTokenQuerySet(models.QuerySet):
    def owned_by(self, user) -> AccessTokenQuerySet:
        if not user.is_authenticated:
            return self.none()
        return self.filter(user=user)


class AccessToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="access_tokens"
    )
    name = models.CharField(
        max_length=60,
        validators=[single_line],
        help_text=_("What uses it, so you know which to revoke: “Home Assistant”, “Shortcuts”."),
    )
    token_digest = models.CharField(max_length=64, unique=True, editable=False)
    # The first characters of the token, so a person can tell their tokens apart.
    hint = models.CharField(max_length=12, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = AccessTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.hint}…)"

    def record_use(self, now=None) -> None:
        now = now or timezone.now()
        if self.last_used_at is None or now - self.last_used_at >= LAST_USED_PRECISION:
            AccessToken.objects.filter(pk=self.pk).update(last_used_at=now)
            self.last_used_at = now
