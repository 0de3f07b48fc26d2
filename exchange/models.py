"""An import in progress or done: the uploaded file's text and what the person chose for it.

Everything an import needs between the upload, the preview and the confirmation lives in this
row, in the database: no files on disk and nothing in a process's memory, so any app instance
can serve the next step. The text is dropped once the file is imported, and batches older than
`KEEP_FOR` are deleted at the next upload.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from households.models import Household

KEEP_FOR = timedelta(days=1)


class ImportBatchQuerySet(models.QuerySet):
    def for_user(self, user) -> ImportBatchQuerySet:
        """Only the batches the user uploaded, while in the household they uploaded them to."""
        if not user.is_authenticated or user.household_id is None:
            return self.none()
        return self.filter(uploaded_by=user, household_id=user.household_id)

    def stale(self, now=None) -> ImportBatchQuerySet:
        return self.filter(created_at__lt=(now or timezone.now()) - KEEP_FOR)


class ImportBatch(models.Model):
    class Status(models.TextChoices):
        PREVIEWED = "previewed", _("Waiting for confirmation")
        IMPORTED = "imported", _("Imported")
        FAILED = "failed", _("Failed")

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="+")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    filename = models.CharField(max_length=255, blank=True)
    format_key = models.CharField(max_length=40)
    text = models.TextField(blank=True)
    # {"zone": "Europe/London", "profiles": {source key: profile id or null}}
    options = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PREVIEWED)
    created_count = models.PositiveIntegerField(default=0)
    skipped_count = models.PositiveIntegerField(default=0)
    rejected_count = models.PositiveIntegerField(default=0)
    message = models.TextField(blank=True, help_text=_("Why the import failed."))
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = ImportBatchQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Import of {self.filename or 'a file'} ({self.get_status_display()})"

    @property
    def is_done(self) -> bool:
        return self.status == self.Status.IMPORTED

    @property
    def zone_name(self) -> str:
        return self.options.get("zone") or ""

    @property
    def profile_ids(self) -> dict[str, int | None]:
        return dict(self.options.get("profiles") or {})
