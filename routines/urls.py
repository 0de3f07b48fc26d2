from django.urls import path

from . import views

app_name = "routines"

urlpatterns = [
    path("", views.tonight, name="tonight"),
    path("routines/", views.routine_list, name="list"),
]
