from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from api.endpoints import api
from config import bench, i18n
from households import auth
from households import views as household_views
from households.forms import PasswordResetForm, SignInForm
from offline import views as offline_views

handler403 = "config.errors.permission_denied"
handler404 = "config.errors.page_not_found"
handler500 = "config.errors.server_error"

account_patterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(
            redirect_authenticated_user=True, authentication_form=SignInForm
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("signup/", household_views.signup, name="signup"),
    path("password/change/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "password/change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path(
        "password/reset/",
        auth_views.PasswordResetView.as_view(form_class=PasswordResetForm),
        name="password_reset",
    ),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        auth.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]

urlpatterns = [
    path("", include("routines.urls")),
    path("journal/", include("journal.urls")),
    path("insights/", include("insights.urls")),
    path("household/export/", include("exchange.urls")),
    path("household/import/", include("exchange.import_urls")),
    path("household/", include("households.urls")),
    path("reminders/", include("reminders.urls")),
    path("account/tokens/", include("api.urls")),
    path("api/", api.urls),
    path("accounts/", include(account_patterns)),
    path("invite/<str:token>/", household_views.accept_invite, name="accept_invite"),
    path("healthz", household_views.healthz, name="healthz"),
    path("manifest.webmanifest", household_views.manifest, name="manifest"),
    path("jsi18n/<str:language>/", i18n.javascript_catalog, name="javascript_catalog"),
    path("sw.js", offline_views.service_worker, name="service_worker"),
    path("offline/", offline_views.offline, name="offline"),
    path("admin/", admin.site.urls),
]
if settings.BENCH_FLOOR:
    urlpatterns.append(path("bench/floor/", bench.floor, name="bench_floor"))
