"""Journal pages: thin views that parse, call a selector or service, and render.

Every profile comes from `households.selectors` and every night from `journal.selectors`, so an
id from another household (in the path or in a query parameter) answers 404.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from config import l10n, links
from households import selectors as household_selectors
from households.models import Profile
from insights.selectors import weekly_lines
from offline.idempotency import idempotent, redirected

from . import clock, plausibility, selectors, services, wording
from .forms import (
    INTAKE_PREFIX,
    MAX_INTAKE_ROWS,
    CatalogueEntryForm,
    IntakeForm,
    NightForm,
    initial_for_new_night,
    initial_for_night,
)
from .models import night_has_begun
from .rows import night_rows

LOG_TEMPLATE = "journal/log.html"


# --- Parsing helpers ------------------------------------------------------------------------


def _parse_date(raw: str | None) -> date | None:
    try:
        return date.fromisoformat(raw) if raw else None
    except ValueError:
        return None


def last_night(profile: Profile) -> date:
    """The night someone logging now most likely means: the one that began yesterday."""
    return clock.to_local(timezone.now(), profile.zone).date() - timedelta(days=1)


def _apply_service_error(form: NightForm, error: ValidationError) -> None:
    if isinstance(error, services.DuplicateNight):
        form.existing_night = error.existing
        form.add_error("date", error.message)
    elif hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


# --- Logging and editing --------------------------------------------------------------------


@login_required
@idempotent(saved=redirected)
def log_night(request):
    user = request.user
    profiles = list(household_selectors.loggable_profiles(user))
    raw_profile = request.POST.get("profile") if request.method == "POST" else None
    profile = household_selectors.pick_profile(
        user, profiles, raw_profile or request.GET.get("profile")
    )
    if request.method == "POST" and not raw_profile:
        raise Http404("Choose whose night this is.")
    if profile is None:
        return render(request, LOG_TEMPLATE, {"profiles": profiles, "profile": None})

    if request.method == "POST":
        add_row = "add_intake" in request.POST
        form = NightForm(request.POST, profile=profile, extra_intake_rows=int(add_row))
        if not add_row and form.is_valid():
            try:
                night = services.log_night(profile=profile, by=user, data=form.night_data())
            except ValidationError as error:
                _apply_service_error(form, error)
            else:
                messages.success(
                    request,
                    gettext("Saved %(name)s's night of %(date)s.")
                    % {"name": profile.name, "date": wording.day_month(night.date)},
                )
                return redirect("journal:night", night_id=night.pk)
    else:
        night_date = _parse_date(request.GET.get("date")) or last_night(profile)
        existing, previous = selectors.night_and_previous(
            user=user, profile=profile, night_date=night_date
        )
        form = NightForm(
            profile=profile,
            initial=initial_for_new_night(
                profile=profile, night_date=night_date, previous=previous
            ),
        )
        form.existing_night = existing
    context = {"form": form, "profile": profile, "profiles": profiles, "night": None}
    return render(request, LOG_TEMPLATE, context)


@login_required
def edit_night(request, night_id: int):
    user = request.user
    night = selectors.get_loggable_night(user, night_id)
    conflict = None
    if request.method == "POST":
        add_row = "add_intake" in request.POST
        form = NightForm(
            request.POST, profile=night.profile, night=night, extra_intake_rows=int(add_row)
        )
        if not add_row and form.is_valid():
            try:
                services.update_night(
                    night=night,
                    by=user,
                    data=form.night_data(),
                    version=form.cleaned_data["version"],
                )
            except services.NightChanged as error:
                # Show what the other save changed; saving again keeps theirs over it.
                conflict = {"current": error.current, "changes": form.changes_from(error.current)}
                form.take_version(error.current.version)
            except ValidationError as error:
                _apply_service_error(form, error)
            else:
                messages.success(
                    request,
                    gettext("Saved the night of %(date)s.")
                    % {"date": wording.day_month(night.date)},
                )
                return redirect("journal:night", night_id=night.pk)
    else:
        form = NightForm(profile=night.profile, night=night, initial=initial_for_night(night))
    context = {"form": form, "profile": night.profile, "night": night, "conflict": conflict}
    return render(request, LOG_TEMPLATE, context)


@login_required
@require_POST
def validate_new(request):
    """Inline validation as fields change: answers the errors (and a live summary) as
    out-of-band fragments; saves nothing."""
    user = request.user
    profile = household_selectors.get_loggable_profile(
        user, _int_or_404(request.POST.get("profile"))
    )
    form = NightForm(request.POST, profile=profile)
    form.is_valid()
    return render(request, f"{LOG_TEMPLATE}#errors", {"form": form, "oob": True})


@login_required
@require_POST
def validate_edit(request, night_id: int):
    night = selectors.get_loggable_night(request.user, night_id)
    form = NightForm(request.POST, profile=night.profile, night=night)
    form.is_valid()
    return render(request, f"{LOG_TEMPLATE}#errors", {"form": form, "oob": True})


@login_required
@require_GET
def intake_row(request):
    """One more blank intake row (for "Add a row" with htmx), and the formset's new count.

    At the cap no row is added: the answer says so and keeps the count where it is."""
    try:
        index = max(int(request.GET.get(f"{INTAKE_PREFIX}-TOTAL_FORMS", 0)), 0)
    except ValueError:
        index = 0
    if index >= MAX_INTAKE_ROWS:
        context = {"total": MAX_INTAKE_ROWS, "full": True, "max_rows": MAX_INTAKE_ROWS}
        return render(request, f"{LOG_TEMPLATE}#new_intake_row", context)
    row = IntakeForm(
        prefix=f"{INTAKE_PREFIX}-{index}",
        items=list(selectors.intake_items_for(request.user.household)),
        empty_permitted=True,
        use_required_attribute=False,
    )
    context = {"row": row, "total": index + 1}
    return render(request, f"{LOG_TEMPLATE}#new_intake_row", context)


def _int_or_404(raw: str | None) -> int:
    try:
        return int(raw or "")
    except ValueError:
        raise Http404("No such profile.") from None


@login_required
def night_detail(request, night_id: int):
    night = selectors.get_visible_night(request.user, night_id)
    can_edit = household_selectors.loggable_profiles(request.user).filter(pk=night.profile_id)
    context = {"night": night, "profile": night.profile, "can_edit": can_edit.exists()}
    return render(request, "journal/night.html", context)


@login_required
def delete_night(request, night_id: int):
    night = selectors.get_loggable_night(request.user, night_id)
    if request.method == "POST":
        services.delete_night(night=night, by=request.user)
        messages.success(
            request,
            gettext("Deleted %(name)s's night of %(date)s.")
            % {"name": night.profile.name, "date": wording.day_month(night.date)},
        )
        return redirect(f"{reverse('journal:history')}?profile={night.profile_id}")
    return render(request, "journal/night_delete.html", {"night": night})


# --- History --------------------------------------------------------------------------------


@login_required
def history(request):
    user = request.user
    profiles = list(household_selectors.visible_profiles(user))
    profile = household_selectors.pick_profile(user, profiles, request.GET.get("profile"))
    before = _parse_date(request.GET.get("before"))
    sort = selectors.parse_history_sort(request.GET.get("sort"))
    page, has_next = _page_number(request.GET.get("page")), False
    if profile is None:
        nights, next_before = [], None
    elif sort is None:
        nights, next_before = selectors.history_page(user=user, profile=profile, before=before)
    else:
        column, descending = sort
        nights, has_next = selectors.sorted_history_page(
            user=user, profile=profile, column=column, descending=descending, page=page
        )
        next_before, before = None, None
    rows = _rows(nights, profile)
    context = {
        "profiles": profiles,
        "profile": profile,
        "rows": rows,
        "next_before": next_before,
        "before": before,
        "sort": request.GET.get("sort") if sort else "-date",
        "page": page,
        "next_page": page + 1 if has_next else None,
        "columns": _history_columns(request.GET.get("sort") if sort else "-date"),
    }
    if request.htmx and before:
        return render(request, "journal/history.html#rows", context)
    if profile is not None and before is None:
        context["weekly"] = weekly_lines(user=user, profiles=[profile]).get(profile.pk)
    return render(request, "journal/history.html", context)


def _rows(nights, profile) -> list:
    if not nights:
        return []
    return night_rows(
        nights,
        zone=profile.zone,
        today=timezone.localdate(),
        link=links.by_id("journal:night", "night_id"),
        extras=selectors.extras_of(nights),
    )


HISTORY_COLUMNS = {
    "date": pgettext_lazy("history column", "Night"),
    "asleep": pgettext_lazy("history column", "Asleep"),
    "efficiency": pgettext_lazy("history column", "Efficiency"),
    "quality": pgettext_lazy("history column", "Quality"),
}


def _history_columns(current: str) -> list[dict]:
    """Each sortable column's header: its aria-sort and the ?sort= its link asks for (the
    other direction when it is the current column, else highest or newest first)."""
    columns = []
    for key, label in HISTORY_COLUMNS.items():
        if current == key:
            state, target = "ascending", f"-{key}"
        elif current == f"-{key}":
            state, target = "descending", key
        else:
            state, target = "none", f"-{key}"
        columns.append({"key": key, "label": label, "aria_sort": state, "sort": target})
    return columns


def _page_number(raw: str | None) -> int:
    try:
        return min(max(int(raw or 1), 1), 10_000)
    except ValueError:
        return 1


COLOURS = {"efficiency": _("Sleep efficiency"), "quality": _("Sleep quality")}


@login_required
def history_calendar(request):
    user = request.user
    profiles = list(household_selectors.visible_profiles(user).with_loggable(user))
    profile = household_selectors.pick_profile(user, profiles, request.GET.get("profile"))
    colour = request.GET.get("colour")
    colour = colour if colour in COLOURS else "efficiency"
    today = clock.to_local(timezone.now(), profile.zone).date() if profile else timezone.localdate()
    first, last = _calendar_bounds(today)
    month = _parse_month(request.GET.get("month"))
    if month is None or not first <= month <= last:
        month = today.replace(day=1)
    # The week starts on the reader's language's first day (Monday in en, de, es).
    weeks = calendar.Calendar(firstweekday=l10n.first_weekday()).monthdatescalendar(
        month.year, month.month
    )
    by_date, can_log = {}, False
    if profile is not None:
        can_log = profile.loggable
        nights = selectors.nights_between(
            user=user, profile=profile, start=weeks[0][0], end=weeks[-1][-1]
        )
        by_date = {night.date: night for night in nights}
        link = links.by_id("journal:night", "night_id")
        for night in nights:
            night.link = link(night.pk)
    context = {
        "profiles": profiles,
        "profile": profile,
        "colour": colour,
        "colours": COLOURS,
        "picker_extra": f"month={month:%Y-%m}&colour={colour}",
        "month": month,
        "previous_month": (month - timedelta(days=1)).replace(day=1) if month > first else None,
        "next_month": (month + timedelta(days=32)).replace(day=1) if month < last else None,
        "weekdays": [l10n.weekday_name(day, short=True) for day in l10n.week_order()],
        "weeks": [
            [
                {
                    "date": day,
                    "in_month": day.month == month.month,
                    "night": by_date.get(day),
                    "loggable": can_log and night_has_begun(profile, day),
                }
                for day in week
            ]
            for week in weeks
        ],
    }
    return render(request, "journal/calendar.html", context)


def _calendar_bounds(today: date) -> tuple[date, date]:
    """The first and last month the calendar shows: from the earliest night a diary may hold
    to December of next year (far from the end of the calendar, so no arithmetic overflows)."""
    return plausibility.EARLIEST_NIGHT.replace(day=1), date(today.year + 1, 12, 1)


def _parse_month(raw: str | None) -> date | None:
    try:
        year, month = (int(part) for part in (raw or "").split("-"))
        return date(year, month, 1)
    except ValueError:
        return None


# --- Household lists ------------------------------------------------------------------------


@login_required
def catalogue(request):
    """The household's disturbances and intake items; admins add their own."""
    user = request.user
    form = CatalogueEntryForm(request.POST or None)
    if request.method == "POST":
        kind = request.POST.get("kind")
        add = {"disturbance": services.add_disturbance, "intake": services.add_intake_item}
        if kind in add and form.is_valid():
            try:
                entry = add[kind](by=user, name=form.cleaned_data["name"])
            except services.JournalRuleError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, gettext("Added “%(name)s”.") % {"name": entry.name})
        else:
            messages.error(request, gettext("Give it a name."))
        return redirect("journal:catalogue")
    context = {
        "disturbances": selectors.disturbances_for(user.household),
        "intake_items": selectors.intake_items_for(user.household),
        "form": form,
    }
    return render(request, "journal/catalogue.html", context)
