from django.urls import path

from . import import_views

app_name = "imports"

urlpatterns = [
    path("", import_views.upload, name="upload"),
    path("<int:batch_id>/", import_views.preview, name="preview"),
    path("<int:batch_id>/confirm/", import_views.confirm, name="confirm"),
]
