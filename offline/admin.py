from django.contrib import admin

from .models import IdempotencyKey


@admin.register(IdempotencyKey)
class IdempotencyKeyAdmin(admin.ModelAdmin):
    list_display = ["key", "user", "path", "status", "created_at"]
    list_select_related = ["user"]
    search_fields = ["key", "user__email"]
    readonly_fields = ["user", "key", "path", "status", "location", "created_at"]
