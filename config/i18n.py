"""The JavaScript side of the translations: Django's catalog as a script file per language.

The URL names the language (`/jsi18n/de/`), so the answer is the same for everyone who asks
for it and browsers may keep it: a page names the catalog of its own language, and a switch of
language names another URL. Loaded with <script src> before app.js: no inline script (CSP).
"""

from django.conf import settings
from django.http import Http404
from django.utils import translation
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from django.views.i18n import JavaScriptCatalog

SHIPPED = {code for code, _name in settings.LANGUAGES}
_catalog = JavaScriptCatalog.as_view()


@require_safe
@cache_control(public=True, max_age=60 * 60 * 24)
def javascript_catalog(request, language: str):
    if language not in SHIPPED:
        raise Http404
    with translation.override(language):
        return _catalog(request)
