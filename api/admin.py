from django.contrib import admin

from .models import AccessToken


@admin.register(AccessToken)
class AccessTokenAdmin(admin.ModelAdmin):
    """Whose tokens exist and when they were used; deleting one revokes it. Secrets are never
    here (only digests are stored), so a token cannot be made or changed from the admin."""

    list_display = ["name", "user", "hint", "created_at", "last_used_at"]
    list_select_related = ["user"]
    search_fields = ["name", "user__email"]
    readonly_fields = ["name", "user", "hint", "created_at", "last_used_at"]
    exclude = ["token_digest"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
