"""Friendly error pages that keep the site's look (and work without a database for 500)."""

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader


def permission_denied(request, exception=None):
    return render(request, "errors/403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "errors/404.html", status=404)


def server_error(request):
    # Render without context processors: they might touch the database that just failed.
    return HttpResponseServerError(loader.get_template("errors/500.html").render())
