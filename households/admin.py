from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from .models import Household, Invite, Profile, User


class MemberInline(admin.TabularInline):
    model = User
    fields = ["email", "name", "role", "looks_after_children", "is_active"]
    readonly_fields = ["email", "name"]
    extra = 0
    show_change_link = True
    can_delete = False


class ProfileInline(admin.TabularInline):
    model = Profile
    fields = ["name", "user", "time_zone", "shared_with_household"]
    readonly_fields = ["user"]
    extra = 0
    show_change_link = True


@admin.register(Household)
class HouseholdAdmin(admin.ModelAdmin):
    list_display = ["name", "member_count", "created_at"]
    search_fields = ["name", "members__email"]
    date_hierarchy = "created_at"
    inlines = [MemberInline, ProfileInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(member_total=Count("members"))

    @admin.display(description=_("members"), ordering="member_total")
    def member_count(self, household):
        return household.member_total


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "name", "household", "role", "is_active", "is_staff", "last_login"]
    list_filter = ["role", "is_active", "is_staff", "household"]
    search_fields = ["email", "name", "household__name"]
    list_select_related = ["household"]
    # Moving someone between households goes through households.departure (leave, remove,
    # invite), which ends their rights and carries their data; a bare field edit would not.
    readonly_fields = ["household"]
    fieldsets = [
        (None, {"fields": ["email", "name", "password"]}),
        (_("Household"), {"fields": ["household", "role", "looks_after_children"]}),
        (
            _("Permissions"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Preferences"), {"fields": ["language", "clock"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "name", "password1", "password2"]}),
    ]


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ["name", "household", "user", "time_zone", "shared_with_household"]
    list_filter = ["shared_with_household", "household"]
    search_fields = ["name", "user__email", "household__name"]
    list_select_related = ["household", "user"]


@admin.register(Invite)
class InviteAdmin(admin.ModelAdmin):
    list_display = [
        "household",
        "email",
        "role",
        "status",
        "created_by",
        "created_at",
        "expires_at",
    ]
    list_filter = ["role", "household"]
    search_fields = ["email", "household__name"]
    readonly_fields = ["token", "used_at", "used_by"]
    list_select_related = ["household", "created_by"]
    date_hierarchy = "created_at"
