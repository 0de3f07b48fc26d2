"""What the server remembers so that a submission sent again from a phone is applied once."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class IdempotencyKey(models.Model):
    """One submission a device made under its own key, and the answer it was given.

    The offline queue (static/js/offline.js) makes a key on the phone for each submission it
    keeps, and sends it with every attempt. The row is written in the same transaction as the
    change itself, so either both exist or neither does; a second attempt finds the row and gets
    the first answer back instead of applying the change again. Keys belong to a user: another
    person's key is simply a different row.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=64)
    path = models.CharField(max_length=2000, help_text="The address the submission was sent to.")
    status = models.PositiveSmallIntegerField(help_text="The HTTP status of the first answer.")
    location = models.CharField(max_length=2000, blank=True, help_text="Where it sent the user.")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="idempotency_key_once_per_user")
        ]
        indexes = [models.Index(fields=["user", "created_at"], name="idempotency_key_age")]

    def __str__(self) -> str:
        return f"{self.key} → {self.status}"
