"""The reader's theme: the system's light or dark, or one they picked (kept in a cookie, so it
holds before sign-in too and costs no query). Read on every page by `display_context`."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import pgettext_lazy
from django.views.decorators.http import require_POST

THEME_COOKIE = "theme"
THEMES = {
    "system": pgettext_lazy("theme", "Auto"),
    "light": pgettext_lazy("theme", "Light"),
    "dark": pgettext_lazy("theme", "Dark"),
}
ONE_YEAR = 365 * 24 * 3600


def chosen_theme(request) -> str:
    theme = request.COOKIES.get(THEME_COOKIE, "")
    return theme if theme in THEMES else "system"


def display_context(request) -> dict:
    """Context processor: the theme for <html data-theme> and the switch in the top bar."""
    return {"theme": chosen_theme(request), "themes": THEMES}


@login_required
@require_POST
def set_theme(request):
    theme = request.POST.get("theme", "")
    target = request.POST.get("next", "")
    if not (
        target.startswith("/")
        and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        target = "/"
    response = redirect(target)
    if theme in ("light", "dark"):
        response.set_cookie(
            THEME_COOKIE, theme, max_age=ONE_YEAR, samesite="Lax", secure=request.is_secure()
        )
    else:
        response.delete_cookie(THEME_COOKIE, samesite="Lax")
    return response
