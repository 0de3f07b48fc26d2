from django.urls import path

from . import views

app_name = "reminders"

urlpatterns = [
    path("<str:secret>/nightstand.ics", views.feed, name="feed"),
    path("profiles/<int:profile_id>/link/", views.issue, name="issue"),
    path("profiles/<int:profile_id>/options/", views.options, name="options"),
    path("profiles/<int:profile_id>/stop/", views.stop, name="stop"),
]
