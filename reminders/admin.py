from django.contrib import admin

from .models import CalendarFeed


@admin.register(CalendarFeed)
class CalendarFeedAdmin(admin.ModelAdmin):
    """Who subscribes to whose reminders; deleting a feed ends its link. Secrets are never here
    (only digests are stored), so a feed cannot be made or changed from the admin."""

    list_display = ["profile", "owner", "step_alarms", "morning_reminder", "created_at"]
    list_select_related = ["profile", "owner"]
    search_fields = ["profile__name", "owner__email"]
    readonly_fields = ["profile", "owner", "step_alarms", "morning_reminder", "created_at"]
    exclude = ["token_digest"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
