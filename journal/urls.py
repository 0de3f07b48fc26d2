from django.urls import path

from . import views

app_name = "journal"

urlpatterns = [
    path("log/", views.log_night, name="log"),
    path("history/", views.history, name="history"),
]
