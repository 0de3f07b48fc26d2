"""Quick actions: "Going to bed", "I'm up" and their Undo. Thin views over
`journal.services` (which night a tap lands on) and `journal.undo` (what can still be undone).

Profiles come from `households.selectors` and nights from `journal.selectors`, so another
household's ids answer 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect

from households import selectors as household_selectors

from . import clock, selectors, services, undo, wording


def _next_url(request, default: str) -> str:
    target = request.POST.get("next", "")
    # Only a path on this site: redirect() would read "tonight" or "0" as a URL pattern's name.
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


@login_required
@require_POST
def going_to_bed(request, profile_id: int):
    profile = household_selectors.get_loggable_profile(request.user, profile_id)
    try:
        action = services.going_to_bed(profile=profile, by=request.user, now=timezone.now())
    except services.JournalRuleError as error:
        messages.error(request, error.message)
        return redirect(_next_url(request, reverse("journal:log")))
    night = action.night
    at = clock.to_local(night.into_bed, profile.zone)
    said = gettext("Good night, %(name)s: into bed at %(time)s.") % {
        "name": profile.name,
        "time": f"{at:%H:%M}",
    }
    if action.cleared:
        woke = clock.to_local(action.before[action.cleared[0]], profile.zone)
        said += " " + gettext("The wake-up logged earlier, at %(time)s, was cleared.") % {
            "time": f"{woke:%H:%M}"
        }
    messages.success(request, said)
    undo.remember(
        request,
        action,
        gettext("%(name)s into bed at %(time)s") % {"name": profile.name, "time": f"{at:%H:%M}"},
    )
    return redirect(_next_url(request, reverse("journal:night", args=[night.pk])))


@login_required
@require_POST
def im_up(request, profile_id: int):
    profile = household_selectors.get_loggable_profile(request.user, profile_id)
    try:
        action = services.im_up(profile=profile, by=request.user, now=timezone.now())
    except services.JournalRuleError as error:
        messages.error(request, error.message)
        return redirect(_next_url(request, reverse("journal:log")))
    night = action.night
    at = clock.to_local(night.final_wake, profile.zone)
    messages.success(
        request,
        gettext("Good morning, %(name)s: up at %(time)s. Night of %(date)s: how was it?")
        % {"name": profile.name, "time": f"{at:%H:%M}", "date": wording.day_month(night.date)},
    )
    undo.remember(
        request,
        action,
        gettext("%(name)s up at %(time)s") % {"name": profile.name, "time": f"{at:%H:%M}"},
    )
    # "I'm up" opens the rest of the form.
    return redirect("journal:edit", night_id=night.pk)


@login_required
@require_POST
def undo_quick_action(request, night_id: int):
    """Undo the last quick action on a night, within `services.UNDO_SECONDS`. A plain form
    (redirects back) or htmx (the Undo box is replaced by what happened; a page showing the
    night itself is reloaded, as what it shows has changed)."""
    night = selectors.get_loggable_night(request.user, night_id)
    record = undo.pending(request, night.profile_id)
    gone = False
    if record is None or record.get("night") != night.pk:
        said = gettext("Too late to undo that: edit the night instead.")
        messages.error(request, said)
    else:
        try:
            gone = services.undo_quick_action(night=night, record=record, by=request.user) is None
        except services.JournalRuleError as error:
            said = error.message
            messages.error(request, said)
        else:
            said = gettext("Undone: %(action)s.") % {"action": record["said"]}
            messages.success(request, said)
        undo.forget(request, night.profile_id)
    night_page = reverse("journal:night", args=[night.pk])
    fallback = f"{reverse('journal:log')}?profile={night.profile_id}" if gone else night_page
    target = _next_url(request, fallback)
    if request.htmx:
        shown = request.htmx.current_url_abs_path or ""
        if shown.startswith(night_page):
            return HttpResponseClientRedirect(target)
        list(messages.get_messages(request))  # said in place, not again on the next page
        return render(request, "journal/undo.html", {"done": said})
    return redirect(target)
