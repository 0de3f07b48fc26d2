"""What routines lose when people are deleted (see `households.deletion`).

A routine belongs to the people who follow it. Deleting the only people who follow it deletes it
(left behind it would have nobody to see or edit it); a routine someone else follows stays, with
their checklists. With a whole household, every routine goes except those the members who keep
their accounts take with them (`routines.departure`: the routines only they follow).
Checklists go with their profile through the database's cascade.
"""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef
from django.utils.translation import gettext

from households.deletion import Deletion, Tally

from .models import Checklist, Routine

Following = Routine.followers.through


def doomed_routines(deletion: Deletion):
    """The routines the deletion removes."""
    follower = Following.objects.filter(routine=OuterRef("pk"))
    if deletion.household is not None:
        someone_else = follower.exclude(profile__user__in=deletion.staying_users)
        taken_along = Exists(follower) & ~Exists(someone_else)
        return Routine.objects.filter(household=deletion.household).exclude(taken_along)
    ids = deletion.profile_ids
    return Routine.objects.filter(
        Exists(follower.filter(profile__in=ids)), ~Exists(follower.exclude(profile__in=ids))
    )


def count_routines(sender, deletion: Deletion, **kwargs) -> list[Tally]:
    checklists = (
        Checklist.objects.filter(profile__in=deletion.profile_ids)
        .values("profile")
        .annotate(total=Count("pk"))
        .order_by()
    )
    tallies = [
        Tally(
            count=row["total"],
            one=gettext("checklist"),
            many=gettext("checklists"),
            profile_id=row["profile"],
        )
        for row in checklists
    ]
    names = list(doomed_routines(deletion).order_by("name").values_list("name", flat=True))
    if names:
        if deletion.household is not None:
            one, many = gettext("routine of the household"), gettext("routines of the household")
        else:
            one = gettext("routine nobody else follows")
            many = gettext("routines nobody else follows")
        tallies.append(Tally(count=len(names), one=one, many=many, names=tuple(names)))
    return tallies


def delete_routines(sender, deletion: Deletion, **kwargs) -> None:
    doomed_routines(deletion).delete()
