from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JournalConfig(AppConfig):
    name = "journal"
    verbose_name = _("Sleep journal")

    def ready(self) -> None:
        from households.deletion import counting_deletion
        from households.departure import departing, describing_departure

        from .deletion import count_journals
        from .departure import carry_catalogue_entries, describe_catalogue_entries

        departing.connect(carry_catalogue_entries, dispatch_uid="journal-departing")
        describing_departure.connect(describe_catalogue_entries, dispatch_uid="journal-describing")
        counting_deletion.connect(count_journals, dispatch_uid="journal-counting-deletion")
