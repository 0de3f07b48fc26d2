from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RoutinesConfig(AppConfig):
    name = "routines"
    verbose_name = _("Wind-down routines")

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from households.deletion import counting_deletion, deleting
        from households.departure import departing, describing_departure

        from . import progress
        from .deletion import count_routines, delete_routines
        from .departure import carry_routines, describe_routines
        from .models import Checklist, ChecklistItem

        departing.connect(carry_routines, dispatch_uid="routines-departing")
        describing_departure.connect(describe_routines, dispatch_uid="routines-describing")
        counting_deletion.connect(count_routines, dispatch_uid="routines-counting-deletion")
        deleting.connect(delete_routines, dispatch_uid="routines-deleting")
        post_save.connect(progress.checklist_saved, sender=Checklist, dispatch_uid="progress-1")
        post_save.connect(
            progress.checklist_item_saved, sender=ChecklistItem, dispatch_uid="progress-2"
        )
