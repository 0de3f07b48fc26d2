from collections.abc import Iterable, Iterator

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from households.admin_review import csv_download, local_clock, local_iso, profile_filter

from .models import Checklist, ChecklistItem, Progress, Routine, RoutineSchedule, Step
from .progress import forget_checklists


class StepInline(admin.TabularInline):
    model = Step
    extra = 0
    fields = ["position", "title", "minutes_before", "duration_minutes", "note"]


@admin.register(Routine)
class RoutineAdmin(admin.ModelAdmin):
    list_display = ["name", "household", "bedtime", "alternate_bedtime", "is_active", "created_at"]
    list_filter = ["is_active", "household"]
    search_fields = ["name", "household__name", "followers__name"]
    filter_horizontal = ["followers"]
    inlines = [StepInline]


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows the app writes itself: shown for support, never edited by hand."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(RoutineSchedule)
class RoutineScheduleAdmin(ReadOnlyAdmin):
    """A routine's weekdays and on/off over time: past adherence is judged by them."""

    list_display = ["routine", "effective_from", "active_weekdays", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["routine__name", "routine__household__name"]
    list_select_related = ["routine"]

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Progress)
class ProgressAdmin(ReadOnlyAdmin):
    """Cached streaks and habit scores; deleting one makes the next view count it again."""

    list_display = ["routine", "profile", "through_night", "run", "best", "score"]
    search_fields = ["routine__name", "profile__name"]
    list_select_related = ["routine", "profile"]


class ChecklistItemInline(admin.TabularInline):
    model = ChecklistItem
    extra = 0
    fields = ["position", "title", "minutes_before", "status", "checked_at", "checked_by", "step"]
    raw_id_fields = ["step", "checked_by"]


@admin.register(Checklist)
class ChecklistAdmin(admin.ModelAdmin):
    list_display = ["night", "routine_name", "profile", "household", "bedtime"]
    list_filter = [
        ("profile__household", admin.RelatedOnlyFieldListFilter),
        profile_filter(),
        "night",
    ]
    search_fields = ["routine_name", "profile__name", "profile__household__name"]
    date_hierarchy = "night"
    list_select_related = ["profile__household"]
    raw_id_fields = ["routine"]
    inlines = [ChecklistItemInline]
    actions = ["download_csv"]

    @admin.display(ordering="profile__household__name")
    def household(self, checklist: Checklist):
        return checklist.profile.household

    @admin.display(description=_("bedtime"), ordering="bedtime_at")
    def bedtime(self, checklist: Checklist) -> str | None:
        return local_clock(checklist.bedtime_at, checklist.profile.zone)

    def delete_model(self, request, obj: Checklist) -> None:
        forget_checklists(Checklist.objects.filter(pk=obj.pk))
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset) -> None:
        forget_checklists(Checklist.objects.filter(pk__in=queryset.values("pk")))
        super().delete_queryset(request, queryset)

    @admin.action(description=_("Download as CSV (one row per step)"))
    def download_csv(self, request, queryset):
        items = ChecklistItem.objects.filter(checklist__in=queryset.values("pk"))
        return csv_download("checklists.csv", checklist_item_rows(_for_csv(items)))


@admin.register(Step)
class StepAdmin(admin.ModelAdmin):
    list_display = ["title", "routine", "minutes_before", "duration_minutes", "position"]
    list_select_related = ["routine"]
    search_fields = ["title", "routine__name"]
    raw_id_fields = ["routine"]


@admin.register(ChecklistItem)
class ChecklistItemAdmin(admin.ModelAdmin):
    list_display = ["title", "status", "checklist", "profile", "checked", "checked_by"]
    list_filter = [
        "status",
        ("checklist__profile__household", admin.RelatedOnlyFieldListFilter),
        profile_filter("checklist__profile"),
    ]
    list_select_related = ["checklist__profile__household", "checked_by"]
    search_fields = [
        "title",
        "checklist__routine_name",
        "checklist__profile__name",
        "checklist__profile__household__name",
    ]
    raw_id_fields = ["checklist", "step", "checked_by"]
    actions = ["download_csv"]

    @admin.display(ordering="checklist__profile__name")
    def profile(self, item: ChecklistItem):
        return item.checklist.profile

    @admin.display(description=_("checked at"), ordering="checked_at")
    def checked(self, item: ChecklistItem) -> str | None:
        return local_clock(item.checked_at, item.checklist.profile.zone)

    @admin.action(description=_("Download as CSV"))
    def download_csv(self, request, queryset):
        return csv_download("checklists.csv", checklist_item_rows(_for_csv(queryset)))


def _for_csv(items) -> Iterable[ChecklistItem]:
    return (
        items.select_related("checklist__profile__household", "checked_by")
        .order_by(
            "checklist__profile__household__name",
            "checklist__profile__name",
            "checklist__night",
            "checklist__routine_name",
            "-minutes_before",
            "position",
            "pk",
        )
        .iterator(chunk_size=2000)
    )


CHECKLIST_ITEM_COLUMNS = [
    "household",
    "profile",
    "time_zone",
    "night",
    "routine",
    "bedtime",
    "step",
    "minutes_before",
    "step_time",
    "status",
    "checked_at",
    "checked_by",
]


def checklist_item_rows(items: Iterable[ChecklistItem]) -> Iterator[list]:
    """The CSV download's header, then one row per checklist step, times in the profile's zone."""
    yield CHECKLIST_ITEM_COLUMNS
    for item in items:
        checklist = item.checklist
        zone = checklist.profile.zone
        yield [
            checklist.profile.household.name,
            checklist.profile.name,
            zone.key,
            checklist.night.isoformat(),
            checklist.routine_name,
            local_iso(checklist.bedtime_at, zone),
            item.title,
            item.minutes_before,
            local_iso(item.at, zone),
            item.status,
            local_iso(item.checked_at, zone),
            item.checked_by.email if item.checked_by else None,
        ]
