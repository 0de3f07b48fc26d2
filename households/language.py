"""The language of the pages: the account's choice (`User.language`), else the browser's.

`LocaleMiddleware` picks the browser's language (the language cookie, then Accept-Language);
`AccountLanguageMiddleware`, after authentication, replaces it with the signed-in account's
choice when there is one. Switching on the account page saves the choice and the cookie, so the
next page (and the sign-in page after signing out) is in that language.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .display import ONE_YEAR

SHIPPED = {code for code, _name in settings.LANGUAGES}


class AccountLanguageMiddleware:
    """Activates the signed-in account's language, if it chose one (after authentication)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        chosen = getattr(user, "language", "") if user is not None and user.is_authenticated else ""
        if chosen in SHIPPED:
            translation.activate(chosen)
            request.LANGUAGE_CODE = chosen
        return self.get_response(request)


@login_required
@require_POST
def set_language(request):
    """Saves the account's language (blank: the browser's) and answers with the account page."""
    choice = request.POST.get("language", "")
    if choice not in SHIPPED and choice != "":
        messages.error(request, _("Pick one of the languages in the list."))
        return redirect("households:detail")
    request.user.language = choice
    request.user.save(update_fields=["language"])
    response = redirect("households:detail")
    if choice:
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            choice,
            max_age=ONE_YEAR,
            samesite="Lax",
            secure=request.is_secure(),
        )
        with translation.override(choice):
            messages.success(request, _("Language saved."))
    else:
        response.delete_cookie(settings.LANGUAGE_COOKIE_NAME, samesite="Lax")
        messages.success(request, _("Pages now follow your browser's language."))
    return response
