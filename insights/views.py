from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from households import selectors as household_selectors

from . import page, ranges, selectors


def insights_context(request, *, default_range: int, diary: bool = False) -> dict:
    """What the insights page shows, and with ``diary`` the range's nights as the report's
    night-by-night table shows them."""
    profiles = list(household_selectors.visible_profiles(request.user))
    profile = household_selectors.pick_profile(request.user, profiles, request.GET.get("profile"))
    context = {
        "profiles": profiles,
        "profile": profile,
        "presets": ranges.PRESETS,
    }
    if profile is None:
        return context
    night_range = ranges.pick_range(
        last_night=selectors.last_night(profile),
        preset=request.GET.get("range"),
        start=request.GET.get("start"),
        end=request.GET.get("end"),
        default=default_range,
    )
    # A week before the range too, for the headline's "week before".
    first = night_range.start - timedelta(days=7)
    shares = selectors.routine_shares(
        user=request.user, profile=profile, start=first, end=night_range.end
    )
    if diary:
        nights = selectors.nights_in_range(
            user=request.user, profile=profile, start=first, end=night_range.end
        )
        records = selectors.night_records(nights=nights, profile=profile, routine_shares=shares)
        context["nights"] = [night for night in nights if night.date >= night_range.start]
    else:
        records = selectors.night_records_in_range(
            user=request.user,
            profile=profile,
            start=first,
            end=night_range.end,
            routine_shares=shares,
        )
    in_range = [record for record in records if record.date >= night_range.start]
    context.update(
        range=night_range,
        report=page.build(
            in_range,
            earlier=records,
            start=night_range.start,
            end=night_range.end,
            work_days=profile.work_days,
            usual_wake=profile.usual_wake_time,
            routine_shares=shares,
            subject="You" if profile.user_id == request.user.pk else profile.name,
        ),
        charts=page.charts(
            in_range,
            routine_shares=shares,
            start=night_range.start,
            end=night_range.end,
            zone_name=profile.time_zone,
        ),
        sleep_log_nights=page.SLEEP_LOG_NIGHTS,
    )
    return context


@login_required
def insights(request):
    context = insights_context(request, default_range=ranges.DEFAULT_PRESET)
    return render(request, "insights/insights.html", context)


@login_required
def report(request):
    context = insights_context(request, default_range=14, diary=True)
    return render(request, "insights/report.html", context)
