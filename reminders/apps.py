from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RemindersConfig(AppConfig):
    name = "reminders"
    verbose_name = _("Calendar reminders")

    def ready(self) -> None:
        from households.departure import departing, describing_departure

        from .departure import describe_feeds, end_feeds_left_behind

        departing.connect(end_feeds_left_behind, dispatch_uid="reminders-departing")
        describing_departure.connect(describe_feeds, dispatch_uid="reminders-describing")
