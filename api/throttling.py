"""Requests per caller per minute, with django-ninja's cache-based throttle.

The rate is read from settings.API_THROTTLE_RATE at each request, so a deployment (or a test)
can change it without rebuilding the API. The cache is Django's default one: with several
worker processes and the local-memory cache each worker counts on its own.
"""

from __future__ import annotations

from django.conf import settings
from ninja.throttling import SimpleRateThrottle

from config.proxy import client_ip


class CallerRateThrottle(SimpleRateThrottle):
    scope = "api"

    def __init__(self):
        super().__init__(rate=settings.API_THROTTLE_RATE)

    def allow_request(self, request) -> bool:
        self.rate = settings.API_THROTTLE_RATE
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)

    def get_cache_key(self, request) -> str:
        user = getattr(request, "auth", None)
        if user is not None and getattr(user, "pk", None) is not None:
            ident = f"user-{user.pk}"
        else:
            ident = f"ip-{client_ip(request)}"
        return self.cache_format % {"scope": self.scope, "ident": ident}
