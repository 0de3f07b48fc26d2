from django.urls import path

from . import views

app_name = "routines"

urlpatterns = [
    path("", views.tonight, name="tonight"),
    path("tonight/steps/<int:step_id>/for/<int:profile_id>/", views.mark, name="mark"),
    path("tonight/steps/<int:step_id>/for-all/", views.mark_all, name="mark_all"),
    path("nights/<int:checklist_id>/", views.checklist_detail, name="checklist"),
    path("routines/", views.routine_list, name="list"),
    path("routines/new/", views.routine_create, name="create"),
    path("routines/starters/", views.starters, name="starters"),
    path("routines/<int:routine_id>/", views.routine_detail, name="detail"),
    path("routines/<int:routine_id>/edit/", views.routine_edit, name="edit"),
    path("routines/<int:routine_id>/delete/", views.routine_delete, name="delete"),
    path("routines/<int:routine_id>/steps/", views.step_add, name="step_add"),
    path("routines/steps/<int:step_id>/edit/", views.step_edit, name="step_edit"),
    path("routines/steps/<int:step_id>/delete/", views.step_delete, name="step_delete"),
    path("routines/steps/<int:step_id>/move/", views.step_move, name="step_move"),
]
