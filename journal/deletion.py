"""What the journal loses when people are deleted (see `households.deletion`).

Nights, with their intake and disturbances, go with their profile through the database's
cascades; this module only counts them for the page that asks first. A household's own
disturbance and intake entries go with the household.
"""

from __future__ import annotations

from django.db.models import Count, Max, Min
from django.utils.translation import pgettext

from households.deletion import Deletion, Tally

from .models import Disturbance, Intake, IntakeItem, Night


def count_journals(sender, deletion: Deletion, **kwargs) -> list[Tally]:
    ids = deletion.profile_ids
    nights = (
        Night.objects.filter(profile__in=ids)
        .values("profile")
        .annotate(total=Count("pk"), first=Min("date"), last=Max("date"))
        .order_by()
    )
    tallies = [
        Tally(
            count=row["total"],
            one=pgettext("what a deletion removes: 1", "night"),
            many=pgettext("what a deletion removes: 2 or more", "nights"),
            profile_id=row["profile"],
            first=row["first"],
            last=row["last"],
        )
        for row in nights
    ]
    intake = Intake.objects.filter(night__profile__in=ids)
    tallies += _per_profile(
        intake,
        "night__profile",
        pgettext("what a deletion removes: 1", "intake entry"),
        pgettext("what a deletion removes: 2 or more", "intake entries"),
    )
    noted = Night.disturbances.through.objects.filter(night__profile__in=ids)
    tallies += _per_profile(
        noted,
        "night__profile",
        pgettext("what a deletion removes: 1", "disturbance noted"),
        pgettext("what a deletion removes: 2 or more", "disturbances noted"),
    )
    if deletion.household is not None:
        tallies += _household_entries(deletion)
    return tallies


def _per_profile(rows, profile_field: str, one: str, many: str) -> list[Tally]:
    counted = rows.values(profile_field).annotate(total=Count("pk")).order_by()
    return [
        Tally(count=row["total"], one=one, many=many, profile_id=row[profile_field])
        for row in counted
    ]


def _household_entries(deletion: Deletion) -> list[Tally]:
    household = deletion.household
    disturbances = Disturbance.objects.filter(household=household).order_by().values("name")
    intake_items = IntakeItem.objects.filter(household=household).order_by().values("name")
    names = sorted(disturbances.union(intake_items, all=True).values_list("name", flat=True))
    if not names:
        return []
    return [
        Tally(
            count=len(names),
            one=pgettext(
                "what a deletion removes: 1",
                "entry the household added to the “Disturbances and intake” lists",
            ),
            many=pgettext(
                "what a deletion removes: 2 or more",
                "entries the household added to the “Disturbances and intake” lists",
            ),
            names=tuple(names),
        )
    ]
