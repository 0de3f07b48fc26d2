import json

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseNotAllowed, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.text import slugify

from households import selectors as household_selectors

from . import archive, nights_csv, selectors


@login_required
def export_page(request):
    profiles = household_selectors.visible_profiles(request.user)
    return render(request, "exchange/export.html", {"profiles": profiles})


def _filename(name: str, extension: str) -> str:
    slug = slugify(name) or "export"
    return f"nightstand-{slug}-{timezone.localdate():%Y-%m-%d}.{extension}"


def _attachment(response, filename: str):
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _csv(profiles, filename: str):
    response = StreamingHttpResponse(
        nights_csv.lines(selectors.night_rows(profiles)), content_type="text/csv; charset=utf-8"
    )
    return _attachment(response, filename)


def _json(request, profiles, filename: str, *, scope: str):
    data = archive.build(
        household=request.user.household,
        profiles=profiles,
        routines=selectors.export_routines(user=request.user, profiles=profiles),
        scope=scope,
    )
    response = HttpResponse(
        json.dumps(data, indent=1, ensure_ascii=False), content_type="application/json"
    )
    return _attachment(response, filename)


def _download(request, *, profile_id: int | None, extension: str):
    # Look the profile up first: an id outside what the user may see is a 404 whatever the method.
    if request.user.household_id is None:
        raise Http404("No household to export.")
    profiles = selectors.export_profiles(user=request.user, profile_id=profile_id)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    name = profiles[0].name if profile_id is not None else request.user.household.name
    filename = _filename(name, extension)
    if extension == "csv":
        return _csv(profiles, filename)
    scope = "profile" if profile_id is not None else "household"
    return _json(request, profiles, filename, scope=scope)


@login_required
def household_csv(request):
    return _download(request, profile_id=None, extension="csv")


@login_required
def household_json(request):
    return _download(request, profile_id=None, extension="json")


@login_required
def profile_csv(request, profile_id: int):
    return _download(request, profile_id=profile_id, extension="csv")


@login_required
def profile_json(request, profile_id: int):
    return _download(request, profile_id=profile_id, extension="json")
