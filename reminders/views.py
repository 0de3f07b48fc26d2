"""The calendar feed itself (public: its secret is the key) and the profile page's feed controls.

Profiles come from households.selectors' loggable door, so a profile the user may not log for,
in this household or another, answers 404; feeds are read through reminders.selectors.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, quote_etag
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from households import selectors as household_selectors

from . import selectors, services
from .calendar import build_calendar
from .forms import FeedOptionsForm

SESSION_KEY = "reminders:new-feed-url"


# A calendar app's Accept-Language says nothing about the person who made the link, and the feed's
# bytes, so its ETag, must not depend on who fetches it: the feed speaks its owner's language (the
# account's setting, else the site's default).
def feed_language(feed) -> str:
    return feed.owner.language or settings.LANGUAGE_CODE


@require_safe
def feed(request, secret: str):
    found = selectors.feed_by_secret(secret)
    if found is None:
        raise Http404("No such calendar.")
    routines = selectors.feed_routines(found)
    profile = found.profile
    with translation.override(feed_language(found)):
        body = build_calendar(
            name=f"Nightstand: {profile.name}",
            zone_name=profile.time_zone,
            wind_downs=selectors.wind_downs(
                feed=found,
                routines=routines,
                url=request.build_absolute_uri(reverse("routines:tonight")),
            ),
            morning=selectors.morning(
                feed=found, url=request.build_absolute_uri(reverse("journal:log"))
            ),
            step_alarms=found.step_alarms,
            today=timezone.localdate(timezone.now(), profile.zone),
        )
    etag = quote_etag(hashlib.sha256(body).hexdigest()[:40])
    last_modified = int(selectors.last_change(found, routines).timestamp())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="nightstand.ics"'
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    # The URL is a secret: no shared cache keeps it, and clients ask again with If-None-Match.
    patch_cache_control(response, private=True, no_cache=True)
    return get_conditional_response(
        request, etag=etag, last_modified=last_modified, response=response
    )


def _profile_page(profile_id: int):
    return redirect(f"{reverse('households:profile_edit', args=[profile_id])}#calendar")


@login_required
@require_POST
def issue(request, profile_id: int):
    """A new feed URL for the profile (the first, or one that replaces the old)."""
    profile = household_selectors.get_loggable_profile(request.user, profile_id)
    replacing = selectors.own_feed(request.user, profile) is not None
    _feed, secret = services.issue_secret(owner=request.user, profile=profile)
    url = request.build_absolute_uri(reverse("reminders:feed", args=[secret]))
    # Shown once, on the next page view, then gone: only the digest is kept.
    request.session[SESSION_KEY] = {"profile": profile.pk, "url": url}
    if replacing:
        messages.success(request, _("New calendar link made: the old one has stopped working."))
    else:
        messages.success(request, _("Calendar link made for %(name)s.") % {"name": profile.name})
    return _profile_page(profile.pk)


@login_required
@require_POST
def options(request, profile_id: int):
    profile = household_selectors.get_loggable_profile(request.user, profile_id)
    found = selectors.own_feed(request.user, profile)
    if found is None:
        raise Http404("No calendar link for this profile.")
    form = FeedOptionsForm(request.POST, instance=found)
    if form.is_valid():
        services.set_options(feed=found, **form.cleaned_data)
        messages.success(request, _("Calendar reminders saved."))
    return _profile_page(profile.pk)


@login_required
@require_POST
def stop(request, profile_id: int):
    profile = household_selectors.get_loggable_profile(request.user, profile_id)
    found = selectors.own_feed(request.user, profile)
    if found is not None:
        services.stop(feed=found)
        messages.success(request, _("Calendar link removed: subscribed calendars stop updating."))
    return _profile_page(profile.pk)
