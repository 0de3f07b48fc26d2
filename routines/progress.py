"""Keeping each follower's Progress honest: a checklist written for a night that Progress already
covers (an admin's correction, an import) discards it, and the next view computes it again.

Ticks write tonight's checklist only, which no Progress covers yet, so on the evening's hot path
this costs one DELETE that finds nothing, on the night's first tick. Deletes are not watched
through signals (they would slow every cascade of a profile's history): whoever deletes past
checklists calls ``forget_checklists``, as the admin does.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef

from .models import Checklist, ChecklistItem, Progress


def forget_checklists(checklists) -> None:
    """Discard the Progress that covers any of ``checklists`` (a queryset of Checklist)."""
    covered = checklists.filter(
        routine_id=OuterRef("routine_id"),
        profile_id=OuterRef("profile_id"),
        night__lte=OuterRef("through_night"),
    )
    Progress.objects.filter(Exists(covered)).delete()


def checklist_saved(sender, instance: Checklist, **kwargs) -> None:
    if instance.routine_id is not None:
        Progress.objects.filter(
            routine_id=instance.routine_id,
            profile_id=instance.profile_id,
            through_night__gte=instance.night,
        ).delete()


def checklist_item_saved(sender, instance: ChecklistItem, **kwargs) -> None:
    forget_checklists(Checklist.objects.filter(pk=instance.checklist_id))
