"""The service worker and the page it shows when a page was never opened on this device."""

import hashlib

from django.db import transaction
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.http import require_GET

# The app shell: what every page needs, kept by the worker so pages open without a network.
SHELL_FILES = [
    "css/app.css",
    "css/journal.css",
    "css/routines.css",
    "js/app.js",
    "js/offline.js",
    "vendor/htmx-2.0.11.min.js",
    "icons/icon.svg",
    "icons/icon-192.png",
]


def shell_urls() -> list[str]:
    return [static(name) for name in SHELL_FILES] + [reverse("offline")]


@transaction.non_atomic_requests
@require_GET
def service_worker(request):
    """/sw.js, at the site root so that its scope can be the whole site.

    The shell's names carry their content's hash in production, so the worker's cache name
    (derived from them) changes whenever a file does, and the worker drops the old cache.
    `no-cache` makes every check for an update reach the server: an old worker never sticks.
    """
    shell = shell_urls()
    version = hashlib.sha256("\n".join(shell).encode()).hexdigest()[:12]
    context = {"shell": shell, "version": version, "offline_script": static("js/offline.js")}
    response = render(
        request, "offline/sw.js", context, content_type="text/javascript; charset=utf-8"
    )
    response["Service-Worker-Allowed"] = "/"
    response["Cache-Control"] = "no-cache"
    return response


@transaction.non_atomic_requests
@require_GET
def offline(request):
    """Shown by the worker for a page it has not kept; the same for everyone (no user data)."""
    return render(request, "offline/offline.html")
