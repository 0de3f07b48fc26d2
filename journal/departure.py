"""What the journal does when a person moves household (see `households.departure`).

Nights belong to profiles and move with them. The household's own disturbance and intake entries
that those nights use are the one thing left to carry: each is matched by name in the household
joined, or copied there, so a night never points into a household its person has left.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext

from households.departure import Move

from .models import Disturbance, Intake, IntakeItem, Night

CATALOGUES = (Disturbance, IntakeItem)
# How each catalogue reaches the profile of a night that uses it.
PROFILE_LOOKUP = {Disturbance: "nights__profile__in", IntakeItem: "intakes__night__profile__in"}


def _foreign_entries(model, move: Move):
    """The household entries the moving nights use that the destination does not own."""
    if move.whole_household:
        return model.objects.filter(household=move.origin)
    profiles = move.moving_profiles()
    used = model.objects.filter(household__isnull=False, **{PROFILE_LOOKUP[model]: profiles})
    if move.destination.pk is not None:
        used = used.exclude(household=move.destination)
    return used.distinct()


def _same_name_in(model, move: Move, name: str):
    if move.destination.pk is None:
        return model.objects.filter(household__isnull=True, name=name).first()
    return (
        model.objects.filter(Q(household__isnull=True) | Q(household=move.destination))
        .filter(name=name)
        .first()
    )


def _repoint(model, move: Move, old, new) -> None:
    profiles = move.moving_profiles()
    if model is IntakeItem:
        Intake.objects.filter(night__profile__in=profiles, item=old).update(item=new)
        return
    through = Night.disturbances.through
    rows = through.objects.filter(night__profile__in=profiles, disturbance=old)
    already = through.objects.filter(night__profile__in=profiles, disturbance=new)
    rows.filter(night_id__in=already.values("night_id")).delete()
    rows.update(disturbance=new)


def carry_catalogue_entries(sender, move: Move, **kwargs) -> None:
    for model in CATALOGUES:
        for entry in list(_foreign_entries(model, move)):
            target = _same_name_in(model, move, entry.name)
            if target is None and move.whole_household:
                entry.household = move.destination
                entry.save(update_fields=["household"])
                continue
            if target is None:
                target = model.objects.create(
                    household=move.destination, name=entry.name, position=entry.position
                )
            _repoint(model, move, entry, target)


def describe_catalogue_entries(sender, move: Move, **kwargs) -> list[str]:
    if move.whole_household:
        return []
    names = sorted(
        entry.name
        for model in CATALOGUES
        for entry in _foreign_entries(model, move)
        if _same_name_in(model, move, entry.name) is None
    )
    if not names:
        return []
    quoted = ", ".join(f"“{name}”" for name in names)
    return [
        gettext("The household's own list entries your nights use (%(names)s) are copied for you.")
        % {"names": quoted}
    ]
