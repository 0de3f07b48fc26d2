"""The JSON API (django-ninja): a few endpoints for scripts and automations, over the same
selectors and services as the pages.

Every profile and step is looked up through households.selectors / routines.selectors with the
calling user, so another household's id, or a profile the caller may only see, answers 404
exactly as a page does. Journal rules refused by the services answer 409 with their message.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Literal

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Query, Schema, Status
from ninja.openapi.docs import Swagger

from households import selectors as household_selectors
from insights.selectors import last_night as last_night_of
from journal import selectors as journal_selectors
from journal import services as journal_services
from journal.clock import night_of
from routines import selectors as routine_selectors
from routines import services as routine_services

from .auth import API_AUTH
from .schemas import (
    Invalid,
    LastNightOut,
    NightOut,
    Problem,
    ProfileOut,
    QuickActionOut,
    RoutineTonightOut,
    StepOut,
    TickOut,
    TonightOut,
)
from .throttling import CallerRateThrottle

MAX_RANGE_DAYS = 366
ERRORS = {401: Problem, 404: Problem, 409: Problem, 422: Invalid, 429: Problem}

api = NinjaAPI(
    title="Nightstand API",
    version="1",
    description=(
        "For scripts and automations. Send a personal access token (made on your account "
        "page) as `Authorization: Bearer <token>`. A token can do what its owner may do in "
        "their household right now, no more."
    ),
    urls_namespace="api",
    auth=API_AUTH,
    throttle=[CallerRateThrottle()],
    openapi_url="/schema/",
    docs_url="/docs/",
    # No request to the public validator service: the CSP would refuse it anyway.
    docs=Swagger(settings={"validatorUrl": None, "persistAuthorization": False}),
)


@api.exception_handler(journal_services.JournalRuleError)
def journal_rule(request, error: journal_services.JournalRuleError):
    return api.create_response(request, {"detail": " ".join(error.messages)}, status=409)


def _user(request):
    return request.auth


@api.get("/profiles", response={200: list[ProfileOut], **ERRORS}, tags=["profiles"])
def profiles(request):
    """The people you can see: yourself, the household's children, adults who share with you."""
    user = _user(request)
    loggable = set(household_selectors.loggable_profiles(user).values_list("pk", flat=True))
    return [
        ProfileOut(
            id=profile.pk,
            name=profile.name,
            time_zone=profile.time_zone,
            is_dependant=profile.is_dependant,
            can_log=profile.pk in loggable,
        )
        for profile in household_selectors.visible_profiles(user)
    ]


def _quick(request, profile_id: int, action) -> QuickActionOut:
    user = _user(request)
    profile = household_selectors.get_loggable_profile(user, profile_id)
    done = action(profile=profile, by=user, now=timezone.now())
    night = done.night
    if action is journal_services.going_to_bed:
        message = f"Good night, {profile.name}: into bed at {night.local(night.into_bed):%H:%M}."
    else:
        message = f"Good morning, {profile.name}: up at {night.local(night.final_wake):%H:%M}."
    return QuickActionOut(message=message, created=done.created, night=NightOut.of(night))


@api.post(
    "/profiles/{int:profile_id}/going-to-bed",
    response={200: QuickActionOut, **ERRORS},
    tags=["journal"],
)
def going_to_bed(request, profile_id: int):
    """Into bed and lights out now, on the night now belongs to (as the Log page's button)."""
    return _quick(request, profile_id, journal_services.going_to_bed)


@api.post(
    "/profiles/{int:profile_id}/up", response={200: QuickActionOut, **ERRORS}, tags=["journal"]
)
def im_up(request, profile_id: int):
    """Final awakening and out of bed now, ending last night (as the "I'm up" button)."""
    return _quick(request, profile_id, journal_services.im_up)


@api.get(
    "/profiles/{int:profile_id}/tonight", response={200: TonightOut, **ERRORS}, tags=["routines"]
)
def tonight(request, profile_id: int):
    """Tonight's checklist: each routine that runs tonight, its steps, their times and ticks."""
    user = _user(request)
    for entry in routine_selectors.tonight(user=user, now=timezone.now()):
        if entry.profile.pk == profile_id:
            return TonightOut(
                profile_id=profile_id,
                night=entry.night,
                routines=[
                    RoutineTonightOut(
                        routine_id=card.routine.pk,
                        name=card.routine.name,
                        bedtime_at=card.bedtime_at,
                        done=card.done,
                        skipped=card.skipped,
                        total=card.total,
                        steps=[
                            StepOut(
                                step_id=row.step.pk,
                                title=row.step.title,
                                at=row.at,
                                status=str(row.status),
                                is_due=row.is_due,
                            )
                            for row in card.rows
                        ],
                    )
                    for card in entry.cards
                ],
            )
    raise Http404(_("No such profile."))


@api.post(
    "/profiles/{int:profile_id}/steps/{int:step_id}/tick",
    response={200: TickOut, **ERRORS},
    tags=["routines"],
)
def tick(
    request,
    profile_id: int,
    step_id: int,
    status: Literal["done", "skipped"] = "done",
):
    """Tick a step of tonight's checklist done (or skipped) for the profile. Ticking twice is
    harmless."""
    user = _user(request)
    profile = household_selectors.get_loggable_profile(user, profile_id)
    step = routine_selectors.get_editable_step(user, step_id)
    night = night_of(timezone.now(), profile.zone)
    try:
        routine_services.tick(profile=profile, step=step, night=night, by=user, status=status)
    except ValidationError:
        raise Http404(_("The profile does not follow that step's routine.")) from None
    return TickOut(profile_id=profile.pk, step_id=step.pk, night=night, status=status)


@api.get(
    "/profiles/{int:profile_id}/last-night",
    response={200: LastNightOut, **ERRORS},
    tags=["journal"],
)
def last_night(request, profile_id: int):
    """The night that began yesterday evening, if it is logged, with its sleep figures."""
    user = _user(request)
    profile = household_selectors.get_visible_profile(user, profile_id)
    night_date = last_night_of(profile)
    night = journal_selectors.find_night(user=user, profile=profile, night_date=night_date)
    return LastNightOut(
        profile_id=profile.pk,
        night=night_date,
        logged=night is not None,
        summary=NightOut.of(night) if night is not None else None,
    )


DEFAULT_RANGE_DAYS = 30


class NightRange(Schema):
    start: date | None = None
    end: date | None = None


@api.get(
    "/profiles/{int:profile_id}/nights",
    response={200: list[NightOut], **ERRORS},
    tags=["journal"],
)
def nights(request, profile_id: int, dates: Query[NightRange]):
    """The profile's logged nights from `start` to `end` (dates of the evenings, inclusive),
    oldest first; at most a year at a time. Without dates: the 30 nights up to last night."""
    user = _user(request)
    profile = household_selectors.get_visible_profile(user, profile_id)
    end = dates.end or last_night_of(profile)
    try:
        start = dates.start or end - timedelta(days=DEFAULT_RANGE_DAYS - 1)
    except OverflowError:  # an end in the first days of year 1
        start = date.min
    if end < start:
        return Status(422, {"detail": _("end is before start.")})
    if end - start > timedelta(days=MAX_RANGE_DAYS - 1):
        detail = _("Ask for at most %(days)d nights at a time.") % {"days": MAX_RANGE_DAYS}
        return Status(422, {"detail": detail})
    found = journal_selectors.nights_between(user=user, profile=profile, start=start, end=end)
    return [NightOut.of(night) for night in found]
