from django.contrib import admin

from .models import Checklist, ChecklistItem, Routine, Step


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


class ChecklistItemInline(admin.TabularInline):
    model = ChecklistItem
    extra = 0
    fields = ["position", "title", "minutes_before", "status", "checked_at", "checked_by", "step"]
    raw_id_fields = ["step", "checked_by"]


@admin.register(Checklist)
class ChecklistAdmin(admin.ModelAdmin):
    list_display = ["night", "routine_name", "profile", "household", "bedtime_at"]
    list_filter = [("profile__household", admin.RelatedOnlyFieldListFilter), "profile", "night"]
    search_fields = ["routine_name", "profile__name"]
    date_hierarchy = "night"
    list_select_related = ["profile__household"]
    raw_id_fields = ["routine"]
    inlines = [ChecklistItemInline]

    @admin.display(ordering="profile__household__name")
    def household(self, checklist: Checklist):
        return checklist.profile.household


@admin.register(Step)
class StepAdmin(admin.ModelAdmin):
    list_display = ["title", "routine", "minutes_before", "duration_minutes", "position"]
    list_select_related = ["routine"]
    search_fields = ["title", "routine__name"]
    raw_id_fields = ["routine"]


@admin.register(ChecklistItem)
class ChecklistItemAdmin(admin.ModelAdmin):
    list_display = ["title", "status", "checklist", "checked_at", "checked_by"]
    list_filter = ["status"]
    list_select_related = ["checklist__profile", "checked_by"]
    search_fields = ["title", "checklist__routine_name", "checklist__profile__name"]
    raw_id_fields = ["checklist", "step", "checked_by"]
