"""Friendly error pages that keep the site's look (and work without a database for 500 and 503)."""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader

# What psycopg raises when the server is down, restarting, or dropped the connection (and
# SQLite when the file is locked): the database, not the request, is at fault, and the same
# request succeeds once it is back. Django reconnects by itself on the next request
# (CONN_HEALTH_CHECKS), so no restart is needed.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def permission_denied(request, exception=None):
    return render(request, "errors/403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "errors/404.html", status=404)


def server_error(request):
    """handler500, called while Django handles an exception no view caught.

    Wherever the database failed (the session lookup in a middleware, opening the request's
    transaction under ATOMIC_REQUESTS, a query in the view, the commit), the exception ends up
    here; this is the one place that sees them all. Both pages render without context
    processors: they might touch the database that just failed.
    """
    if isinstance(sys.exc_info()[1], DATABASE_UNAVAILABLE):
        return database_unavailable(request)
    return HttpResponseServerError(loader.get_template("errors/500.html").render())


def database_unavailable(request):
    response = HttpResponse(loader.get_template("errors/503.html").render(), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"  # no proxy may keep serving the outage
    return response
