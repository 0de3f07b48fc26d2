from django.apps import AppConfig


class RoutinesConfig(AppConfig):
    name = "routines"
    verbose_name = "Wind-down routines"

    def ready(self) -> None:
        from households.deletion import counting_deletion, deleting
        from households.departure import departing, describing_departure

        from .deletion import count_routines, delete_routines
        from .departure import carry_routines, describe_routines

        departing.connect(carry_routines, dispatch_uid="routines-departing")
        describing_departure.connect(describe_routines, dispatch_uid="routines-describing")
        counting_deletion.connect(count_routines, dispatch_uid="routines-counting-deletion")
        deleting.connect(delete_routines, dispatch_uid="routines-deleting")
