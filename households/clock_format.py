"""How clock times are written for the person reading the page: "21:30" or "9:30 pm".

The choice is the account's (`User.clock`); until it is made, the browser's language decides
(en-US reads 12-hour, en-GB 24-hour). Like Django's active time zone, the format is activated
per request (`ClockFormatMiddleware`) and read by the template filters, so no template has to
pass it around. It is resolved lazily: a page that shows no time costs no query for it.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from datetime import time

from django.utils.translation import pgettext

TWENTY_FOUR_HOUR = "24h"
TWELVE_HOUR = "12h"

# Regions whose everyday clock is 12-hour (CLDR's preferred hour cycle "h").
TWELVE_HOUR_REGIONS = frozenset(
    {"US", "CA", "AU", "NZ", "IN", "PH", "PK", "BD", "EG", "SA", "JO", "MY", "CO", "MX"}
)

_resolver: ContextVar[Callable[[], str] | None] = ContextVar("clock_format", default=None)


def from_accept_language(header: str) -> str:
    """The clock of the first language in an Accept-Language header that names a region."""
    for part in header.split(","):
        tag = part.split(";")[0].strip().replace("_", "-")
        pieces = tag.split("-")
        if len(pieces) >= 2 and len(pieces[-1]) == 2:
            return TWELVE_HOUR if pieces[-1].upper() in TWELVE_HOUR_REGIONS else TWENTY_FOUR_HOUR
    return TWENTY_FOUR_HOUR


def activate(resolve: Callable[[], str]):
    """Use `resolve()` (called at most once) as the clock format until `deactivate`."""
    cache: list[str] = []

    def once() -> str:
        if not cache:
            cache.append(resolve())
        return cache[0]

    return _resolver.set(once)


def deactivate(token) -> None:
    _resolver.reset(token)


def current() -> str:
    resolve = _resolver.get()
    return resolve() if resolve is not None else TWENTY_FOUR_HOUR


def format_time(value: time, fmt: str | None = None) -> str:
    """A wall-clock time as "21:30" or "9:30 pm" (12 am is midnight, 12 pm noon)."""
    if (fmt or current()) != TWELVE_HOUR:
        return f"{value:%H:%M}"
    hour = value.hour % 12 or 12
    half = pgettext("clock", "am") if value.hour < 12 else pgettext("clock", "pm")
    return f"{hour}:{value:%M} {half}"


class ClockFormatMiddleware:
    """Activates the reader's clock format for the request (after authentication)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        def resolve() -> str:
            user = getattr(request, "user", None)
            chosen = getattr(user, "clock", "") if user is not None else ""
            return chosen or from_accept_language(request.headers.get("Accept-Language", ""))

        token = activate(resolve)
        try:
            return self.get_response(request)
        finally:
            deactivate(token)
