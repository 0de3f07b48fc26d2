from django.urls import path

from . import views

app_name = "exchange"

urlpatterns = [
    path("", views.export_page, name="export"),
    path("household.csv", views.household_csv, name="household_csv"),
    path("household.json", views.household_json, name="household_json"),
    path("profiles/<int:profile_id>.csv", views.profile_csv, name="profile_csv"),
    path("profiles/<int:profile_id>.json", views.profile_json, name="profile_json"),
]
