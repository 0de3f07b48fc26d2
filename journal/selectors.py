"""Reads of the journal. Every view gets nights through these, scoped by the user, so that a
night outside what the user may see answers 404 everywhere."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date

from django.db.models import F
from django.shortcuts import get_object_or_404

from households.models import Household, Profile

from .models import (
    Disturbance,
    Intake,
    IntakeItem,
    Night,
    NightQuerySet,
    entry_label,
    extras_line,
    intake_text,
)

HISTORY_PAGE_SIZE = 30


def visible_nights(user) -> NightQuerySet:
    return Night.objects.visible_to(user)


def loggable_nights(user) -> NightQuerySet:
    return Night.objects.loggable_by(user)


def get_visible_night(user, night_id: int) -> Night:
    return get_object_or_404(visible_nights(user).with_details(), pk=night_id)


def get_loggable_night(user, night_id: int) -> Night:
    """A night the user may change: their own, or a dependant's in their household."""
    return get_object_or_404(loggable_nights(user).with_details(), pk=night_id)


def find_night(*, user, profile: Profile, night_date: date) -> Night | None:
    return visible_nights(user).filter(profile=profile, date=night_date).first()


def night_and_previous(
    *, user, profile: Profile, night_date: date
) -> tuple[Night | None, Night | None]:
    """(the night of `night_date` if it is logged, the latest night before it), in one query."""
    found = list(
        visible_nights(user).filter(profile=profile, date__lte=night_date).order_by("-date")[:2]
    )
    for night in found:
        night.profile = profile  # the caller's, already read: no query to show its times
    if found and found[0].date == night_date:
        return found[0], (found[1] if len(found) > 1 else None)
    return None, (found[0] if found else None)


def history_page(
    *, user, profile: Profile, before: date | None = None, size: int = HISTORY_PAGE_SIZE
) -> tuple[list[Night], date | None]:
    """A page of nights, newest first, and the date to continue from (None on the last page).

    Keyset pagination on the date: the cost of a page doesn't depend on how deep it is.
    """
    nights = visible_nights(user).filter(profile=profile).order_by("-date")
    if before is not None:
        nights = nights.filter(date__lt=before)
    page = _of_profile(nights[: size + 1], profile)
    if len(page) > size:
        return page[:size], page[size - 1].date
    return page, None


# The history table's sortable columns: ?sort=<key> ascending, ?sort=-<key> descending.
HISTORY_SORTS = {
    "date": "date",
    "asleep": "sort_tst",
    "efficiency": "sort_se",
    "quality": "quality",
}


def parse_history_sort(raw: str | None) -> tuple[str, bool] | None:
    """(column, descending) for a whitelisted ?sort=, or None for anything else."""
    raw = raw or ""
    descending = raw.startswith("-")
    key = raw.removeprefix("-")
    return (key, descending) if key in HISTORY_SORTS else None


def sorted_history_page(
    *,
    user,
    profile: Profile,
    column: str,
    descending: bool,
    page: int = 1,
    size: int | None = None,
) -> tuple[list[Night], bool]:
    """A page of nights sorted by a history column (blanks last, then newest first), and whether
    there is a next page. Offset pages: a diary has hundreds of nights, not millions."""
    field = F(HISTORY_SORTS[column])
    order = field.desc(nulls_last=True) if descending else field.asc(nulls_last=True)
    nights = (
        visible_nights(user)
        .filter(profile=profile)
        .with_sortable_metrics()
        .order_by(order, "-date")
    )
    size = size or HISTORY_PAGE_SIZE
    start = (max(page, 1) - 1) * size
    rows = _of_profile(nights[start : start + size + 1], profile)
    return rows[:size], len(rows) > size


def _of_profile(nights: NightQuerySet, profile: Profile) -> list[Night]:
    """The nights, each with the caller's profile (already read: no join, no query to show
    their times)."""
    found = list(nights)
    for night in found:
        night.profile = profile
    return found


def extras_of(nights: Sequence[Night]) -> dict[int, str]:
    """Each night's disturbances, then its intake, as one line of text (`extras_line`), by night
    id; nights with neither are left out. Two queries of plain values, however many nights:
    a list of nights shows nothing else of them."""
    ids = [night.pk for night in nights]
    disturbances: dict[int, list[str]] = defaultdict(list)
    intakes: dict[int, list[str]] = defaultdict(list)
    chosen = (
        Night.disturbances.through.objects.filter(night_id__in=ids)
        .order_by("disturbance__position", "disturbance__name", "disturbance_id")
        .values_list("night_id", "disturbance__name", "disturbance__household_id")
    )
    for night_id, name, household_id in chosen:
        disturbances[night_id].append(entry_label(name, household_id))
    taken = Intake.objects.filter(night_id__in=ids).values_list(
        "night_id", "item__name", "item__household_id", "amount", "unit"
    )  # in Intake's order: by time taken, blanks last
    for night_id, name, household_id, amount, unit in taken:
        intakes[night_id].append(intake_text(entry_label(name, household_id), amount, unit))
    return {
        pk: extras_line(disturbances.get(pk, ()), intakes.get(pk, ()))
        for pk in ids
        if pk in disturbances or pk in intakes
    }


def nights_between(*, user, profile: Profile, start: date, end: date) -> list[Night]:
    """Nights from `start` to `end` inclusive, oldest first (for the calendar)."""
    return _of_profile(
        visible_nights(user)
        .filter(profile=profile, date__gte=start, date__lte=end)
        .order_by("date"),
        profile,
    )


def disturbances_for(household: Household | int):
    return Disturbance.objects.for_household(household)


def intake_items_for(household: Household | int):
    return IntakeItem.objects.for_household(household)
