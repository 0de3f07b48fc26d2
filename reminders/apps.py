from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "reminders"
    verbose_name = "Calendar reminders"

    def ready(self) -> None:
        from households.departure import departing

        from .departure import end_feeds_left_behind

        departing.connect(end_feeds_left_behind, dispatch_uid="reminders-departing")
