"""The client's address, as the trusted reverse proxy reports it (used by django-axes)."""

import ipaddress

from django.conf import settings


def client_ip(request) -> str | None:
    """The address a request came from.

    Without BEHIND_PROXY it is the connection's address. Behind TRUSTED_PROXY_COUNT proxies
    that each append the address they were contacted from to X-Forwarded-For, the client is
    the entry that many places from the right: everything left of it was written by the
    client and can be forged. A header shorter than that (the request skipped the proxies) or
    an entry that is not an address falls back to the connection's address.
    """
    remote_addr = request.META.get("REMOTE_ADDR")
    count = settings.TRUSTED_PROXY_COUNT
    if not settings.BEHIND_PROXY or count < 1:
        return remote_addr
    entries = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    if len(entries) < count:
        return remote_addr
    try:
        return str(ipaddress.ip_address(entries[-count].strip()))
    except ValueError:
        return remote_addr
