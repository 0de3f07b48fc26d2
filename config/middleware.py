"""Project-wide request and response rules that no single view should have to remember."""

from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers

NUL = "\x00"


def _has_nul(query_dict) -> bool:
    return any(
        NUL in key or any(NUL in value for value in values) for key, values in query_dict.lists()
    )


class RejectNulBytesMiddleware:
    """Answer 400 to any request with a NUL byte in its path, query string or form fields.

    PostgreSQL text cannot hold NUL, so such a value reaching a query is a 500. Django's form
    fields already refuse it (ProhibitNullCharactersValidator), but URL parameters and query
    strings read directly by views do not pass through a form; this closes them all at once.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if NUL in request.path_info or _has_nul(request.GET) or _has_nul(request.POST):
            raise BadRequest("The request contains a NUL character.")
        return self.get_response(request)


class PrivateResponsesMiddleware:
    """Keep signed-in pages out of caches, and tell caches a page and its fragment apart.

    - Every response to a signed-in person is `Cache-Control: private, no-store`, merged into
      any header a view set: no shared proxy and no browser back-button cache keeps one
      person's journal for the next person at the same computer. An answer its view marked
      `public` (the same for everyone, like the JavaScript translations) keeps its header.
    - Every HTML answer to a GET varies on `HX-Request`. Several URLs answer the whole page or
      one fragment of it depending on that header (request.htmx); a cache keyed on the URL alone
      could hand a bare fragment to a full-page visit (htmx's history restore does exactly that).
      Marking every HTML GET is simpler than tracking which views look at request.htmx, and costs
      nothing where the answer does not differ.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        shared = "public" in response.get("Cache-Control", "")
        if user is not None and user.is_authenticated and not shared:
            patch_cache_control(response, private=True, no_store=True)
        is_html = response.get("Content-Type", "").startswith("text/html")
        if request.method in ("GET", "HEAD") and is_html:
            patch_vary_headers(response, ["HX-Request"])
        return response
