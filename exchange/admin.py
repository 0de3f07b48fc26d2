from django.contrib import admin

from .models import ImportBatch


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    """Imports, for support: who imported what and how it went. Read-only, and without the
    file's text, which is the person's journal."""

    list_display = ("created_at", "household", "uploaded_by", "format_key", "status",
                    "created_count", "skipped_count", "rejected_count")  # fmt: skip
    list_filter = ("status", "format_key")
    list_select_related = ("household", "uploaded_by")
    search_fields = ("household__name", "uploaded_by__email", "filename")
    exclude = ("text",)
    readonly_fields = ("household", "uploaded_by", "filename", "format_key", "options", "status",
                       "created_count", "skipped_count", "rejected_count", "message",
                       "finished_at")  # fmt: skip

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
