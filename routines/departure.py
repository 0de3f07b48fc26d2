"""What routines do when a person moves household (see `households.departure`).

Following a routine is what lets a person edit it and tick it, so a person who leaves stops
following the household's routines at once. A routine nobody else follows is theirs: it comes
with them. Their ticks of past nights stay with their profile (checklists are snapshots).
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from households.departure import Move
from households.models import Profile

from .models import Routine


def _own_profile(move: Move) -> Profile | None:
    return Profile.objects.filter(user=move.user).first()


def _split(move: Move) -> tuple[list[Routine], list[Routine]]:
    """(routines that come along, routines the person stops following)."""
    profile = _own_profile(move)
    if profile is None:
        return [], []
    followed = Routine.objects.filter(followers=profile).prefetch_related("followers")
    coming, ending = [], []
    for routine in followed:
        alone = all(follower.pk == profile.pk for follower in routine.followers.all())
        (coming if alone else ending).append(routine)
    return coming, ending


def carry_routines(sender, move: Move, **kwargs) -> None:
    if move.whole_household:
        Routine.objects.filter(household=move.origin).update(household=move.destination)
        return
    coming, ending = _split(move)
    Routine.objects.filter(pk__in=[routine.pk for routine in coming]).update(
        household=move.destination
    )
    profile = _own_profile(move)
    for routine in ending:
        routine.followers.remove(profile)


def describe_routines(sender, move: Move, **kwargs) -> list[str]:
    if move.whole_household:
        names = list(Routine.objects.filter(household=move.origin).values_list("name", flat=True))
        if not names:
            return []
        return [_("Your routines come with you: %(names)s.") % {"names": ", ".join(names)}]
    coming, ending = _split(move)
    sentences = []
    if coming:
        names = ", ".join(r.name for r in coming)
        sentences.append(_("Routines only you follow come with you: %(names)s.") % {"names": names})
    if ending:
        names = ", ".join(r.name for r in ending)
        sentences.append(
            _(
                "You stop following the household's shared routines (%(names)s); your ticks of "
                "past nights stay yours."
            )
            % {"names": names}
        )
    return sentences
