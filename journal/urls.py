from django.urls import path

from . import quick_views, views

app_name = "journal"

urlpatterns = [
    path("log/", views.log_night, name="log"),
    path("log/validate/", views.validate_new, name="validate"),
    path("log/intake-row/", views.intake_row, name="intake_row"),
    path("nights/<int:night_id>/", views.night_detail, name="night"),
    path("nights/<int:night_id>/edit/", views.edit_night, name="edit"),
    path("nights/<int:night_id>/validate/", views.validate_edit, name="validate_edit"),
    path("nights/<int:night_id>/delete/", views.delete_night, name="delete"),
    path("nights/<int:night_id>/undo/", quick_views.undo_quick_action, name="undo"),
    path("profiles/<int:profile_id>/going-to-bed/", quick_views.going_to_bed, name="going_to_bed"),
    path("profiles/<int:profile_id>/up/", quick_views.im_up, name="im_up"),
    path("history/", views.history, name="history"),
    path("history/calendar/", views.history_calendar, name="calendar"),
    path("lists/", views.catalogue, name="catalogue"),
]
