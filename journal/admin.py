from django.contrib import admin
from django.db.models import Count

from .models import Disturbance, Intake, IntakeItem, Night
from .templatetags.journal_tags import duration, percent


class IntakeInline(admin.TabularInline):
    model = Intake
    extra = 0
    autocomplete_fields = ["item"]


@admin.register(Night)
class NightAdmin(admin.ModelAdmin):
    list_display = ["date", "profile", "household", "time_in_bed", "total_sleep_time", "efficiency"]
    list_filter = ["profile__household", "profile", "date"]
    list_select_related = ["profile__household"]
    search_fields = ["notes"]
    date_hierarchy = "date"
    filter_horizontal = ["disturbances"]
    raw_id_fields = ["profile", "created_by"]
    readonly_fields = ["created_at", "updated_at"]
    inlines = [IntakeInline]

    def get_queryset(self, request):
        return super().get_queryset(request).with_sortable_metrics()

    @admin.display(ordering="profile__household__name")
    def household(self, night: Night):
        return night.profile.household

    @admin.display(description="TIB", ordering="sort_tib")
    def time_in_bed(self, night: Night) -> str:
        return duration(night.metrics.time_in_bed)

    @admin.display(description="TST", ordering="sort_tst")
    def total_sleep_time(self, night: Night) -> str:
        return duration(night.metrics.total_sleep_time)

    @admin.display(description="SE", ordering="sort_se")
    def efficiency(self, night: Night) -> str:
        return percent(night.metrics.sleep_efficiency)


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

    @admin.display(ordering="uses")
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
    list_display = ["night", "item", "amount", "unit", "taken_at"]
    list_filter = ["item", "night__profile__household", "night__profile"]
    list_select_related = ["night__profile", "item"]
    search_fields = ["item__name", "night__profile__name", "night__notes"]
    date_hierarchy = "night__date"
    raw_id_fields = ["night"]
    autocomplete_fields = ["item"]
