"""Project-wide request and response rules that no single view should have to remember."""

from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse

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
