from django.urls import path

from . import display, language, views

app_name = "households"

urlpatterns = [
    path("", views.household_detail, name="detail"),
    path("rename/", views.household_rename, name="rename"),
    path("leave/", views.leave, name="leave"),
    path("delete/", views.household_delete, name="household_delete"),
    path("profiles/new/", views.profile_create, name="profile_create"),
    path("profiles/<int:profile_id>/edit/", views.profile_edit, name="profile_edit"),
    path("profiles/<int:profile_id>/delete/", views.profile_delete, name="profile_delete"),
    path("invites/new/", views.invite_create, name="invite_create"),
    path("invites/<int:invite_id>/revoke/", views.invite_revoke, name="invite_revoke"),
    path("members/<int:member_id>/role/", views.member_role, name="member_role"),
    path("members/<int:member_id>/children/", views.member_children, name="member_children"),
    path("members/<int:member_id>/remove/", views.member_remove, name="member_remove"),
    path("account/delete/", views.account_delete, name="account_delete"),
    path("theme/", display.set_theme, name="theme"),
    path("language/", language.set_language, name="language"),
]
