from django.contrib import admin
from django.db.models import Count, Prefetch
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from exchange import nights_csv
from exchange.selectors import night_row
from households.admin_review import local_clock, profile_filter, streamed_csv

from .models import Disturbance, Intake, IntakeItem, Night
from .templatetags.journal_tags import duration, percent


class IntakeInline(admin.TabularInline):
    model = Intake
    extra = 0
    autocomplete_fields = ["item"]


TIMES = ("into_bed", "lights_out", "final_wake", "out_of_bed")


def _local_column(field: str, description: str):
    """A list column: the night's `field` as the profile's clock time, "22:45 EST"."""

    @admin.display(description=description, ordering=field)
    def column(self, night: Night) -> str | None:
        return local_clock(getattr(night, field), night.profile.zone)

    return column


def _local_reading(field: str):
    """A change-form line beside the `field` input: the same instant in the profile's zone."""

    @admin.display(description=_("profile's local time"))
    def reading(self, night: Night) -> str:
        moment = getattr(night, field)
        if moment is None or not night.profile_id:
            return self.get_empty_value_display()
        zone = night.profile.zone
        return f"{moment.astimezone(zone):%Y-%m-%d %H:%M %Z} ({zone.key})"

    return reading


@admin.register(Night)
class NightAdmin(admin.ModelAdmin):
    list_display = [
        "date",
        "profile",
        "household",
        "into_bed_at",
        "lights_out_at",
        "final_wake_at",
        "out_of_bed_at",
        "sleep_latency",
        "awake_in_the_night",
        "time_in_bed",
        "total_sleep_time",
        "efficiency",
    ]
    list_filter = ["profile__household", profile_filter(), "date"]
    list_select_related = ["profile__household"]
    search_fields = ["notes", "profile__name", "profile__household__name"]
    date_hierarchy = "date"
    filter_horizontal = ["disturbances"]
    raw_id_fields = ["profile", "created_by"]
    readonly_fields = [
        "created_at",
        "updated_at",
        *(f"{field}_local" for field in TIMES),
    ]
    # The inputs stay in the server's zone, as Django's admin keeps them; the profile's wall clock
    # is shown beside each, read-only. Entering local times instead (timezone.override) would
    # refuse to re-save any night with a time in a DST fold or gap, and would read the times in
    # the old profile's zone when the profile is changed in the same form.
    fieldsets = [
        (None, {"fields": ["profile", "date"]}),
        (
            _("The night"),
            {
                "fields": [
                    ("into_bed", "into_bed_local"),
                    ("lights_out", "lights_out_local"),
                    "sol_minutes",
                    "awakenings",
                    "waso_minutes",
                    ("final_wake", "final_wake_local"),
                    ("out_of_bed", "out_of_bed_local"),
                ]
            },
        ),
        (
            _("Ratings and notes"),
            {"fields": ["quality", "rested", "stress", "nap_minutes", "disturbances", "notes"]},
        ),
        (_("Record"), {"fields": ["created_by", "created_at", "updated_at"]}),
    ]
    inlines = [IntakeInline]
    actions = ["download_csv"]

    into_bed_at = _local_column("into_bed", _("into bed"))
    lights_out_at = _local_column("lights_out", _("lights out"))
    final_wake_at = _local_column("final_wake", _("final wake"))
    out_of_bed_at = _local_column("out_of_bed", _("out of bed"))
    into_bed_local = _local_reading("into_bed")
    lights_out_local = _local_reading("lights_out")
    final_wake_local = _local_reading("final_wake")
    out_of_bed_local = _local_reading("out_of_bed")

    def get_queryset(self, request):
        return super().get_queryset(request).with_sortable_metrics()

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name in TIMES:
            field.help_text = gettext("In the server's zone, %(zone)s.") % {
                "zone": timezone.get_current_timezone_name()
            }
        return field

    @admin.display(description=_("household"), ordering="profile__household__name")
    def household(self, night: Night):
        return night.profile.household

    @admin.display(description="SOL", ordering="sol_minutes")
    def sleep_latency(self, night: Night) -> str:
        return duration(night.sol_minutes)

    @admin.display(description="WASO", ordering="waso_minutes")
    def awake_in_the_night(self, night: Night) -> str:
        return duration(night.waso_minutes)

    @admin.display(description="TIB", ordering="sort_tib")
    def time_in_bed(self, night: Night) -> str:
        return duration(night.metrics.time_in_bed)

    @admin.display(description="TST", ordering="sort_tst")
    def total_sleep_time(self, night: Night) -> str:
        return duration(night.metrics.total_sleep_time)

    @admin.display(description="SE", ordering="sort_se")
    def efficiency(self, night: Night) -> str:
        return percent(night.metrics.sleep_efficiency)

    @admin.action(description=_("Download as CSV"))
    def download_csv(self, request, queryset):
        nights = (
            queryset.select_related("profile__household")
            .prefetch_related(
                "disturbances", Prefetch("intakes", queryset=Intake.objects.select_related("item"))
            )
            .order_by("profile__household__name", "profile__name", "date", "pk")
        )
        # The same columns as a person's own export (exchange), with the household in front.
        rows = (
            {**night_row(night), "household": night.profile.household.name}
            for night in nights.iterator(chunk_size=500)
        )
        return streamed_csv(
            "nights.csv", nights_csv.lines(rows, ("household", *nights_csv.COLUMNS))
        )


class CatalogueAdmin(admin.ModelAdmin):
    list_display = ["name", "household", "position", "uses"]
    list_filter = [("household", admin.EmptyFieldListFilter), "household"]
    search_fields = ["name"]
    ordering = ["household__name", "position", "name"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("household")
            .annotate(uses=Count(self.uses_relation))
        )

    @admin.display(description=_("uses"), ordering="uses")
    def uses(self, entry) -> int:
        return entry.uses


@admin.register(Disturbance)
class DisturbanceAdmin(CatalogueAdmin):
    uses_relation = "nights"


@admin.register(IntakeItem)
class IntakeItemAdmin(CatalogueAdmin):
    uses_relation = "intakes"


@admin.register(Intake)
class IntakeAdmin(admin.ModelAdmin):
    list_display = ["night", "item", "amount", "unit", "taken"]
    list_filter = ["item", "night__profile__household", profile_filter("night__profile")]
    list_select_related = ["night__profile", "item"]
    search_fields = ["item__name", "night__profile__name", "night__notes"]
    date_hierarchy = "night__date"
    raw_id_fields = ["night"]
    autocomplete_fields = ["item"]

    @admin.display(description=_("taken at"), ordering="taken_at")
    def taken(self, intake: Intake) -> str | None:
        return local_clock(intake.taken_at, intake.night.profile.zone)
