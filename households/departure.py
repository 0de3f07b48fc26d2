"""A person leaves a household: the one path for leaving, being removed and joining elsewhere.

Rights in Nightstand come from current membership, so a move has two jobs:
- end every relation that grants a right in the household left behind (following its routines,
  and whatever later features add: feeds, tokens…);
- lose nothing of the person's own: their profile and nights, with the disturbances and intake
  they recorded, the routines only they follow and their checklist history.

The household apps know about routines and the journal only through the `departing` signal: each
feature app connects a receiver in its `AppConfig.ready()` that moves or ends its own rows, and
one to `describing_departure` that says in a sentence what will happen, for the page that asks
before a join. A receiver runs inside the move's transaction, before the profiles change household.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.dispatch import Signal
from django.utils.translation import gettext as _

from .models import Household, Profile, User

# Sent with `move=Move`, inside the transaction, before any profile changes household.
departing = Signal()
# Sent with `move=Move`; each receiver answers a list of sentences (possibly empty).
describing_departure = Signal()


@dataclass(frozen=True)
class Move:
    user: User
    origin: Household | None
    destination: Household
    role: str

    @property
    def whole_household(self) -> bool:
        """The person is the origin's only member: everything in it, children included, comes
        along, and the emptied household is closed. Nobody is left to keep it."""
        return self.origin is not None and not self.origin.members.exclude(pk=self.user.pk).exists()

    def moving_profiles(self):
        """The profiles that change household: the person's own, and with a whole household the
        children's too."""
        if self.origin is None:
            return Profile.objects.filter(user=self.user)
        if self.whole_household:
            return Profile.objects.filter(household=self.origin)
        return Profile.objects.filter(user=self.user)


def describe(move: Move) -> list[str]:
    """What a move will do, in sentences, for the page that asks before it happens."""
    sentences = []
    if move.origin is not None and move.whole_household:
        children = list(move.origin.profiles.dependants().values_list("name", flat=True))
        if children:
            sentences.append(
                _("%(children)s and their journals come with you to %(household)s.")
                % {"children": _and_list(children), "household": move.destination.name}
            )
        sentences.append(
            _("Your household “%(name)s” is closed once everything has moved.")
            % {"name": move.origin.name}
        )
    elif move.origin is not None:
        sentences.append(
            _(
                "You leave %(name)s: the others stay there, and you no longer see or change "
                "their journals or the household's routines."
            )
            % {"name": move.origin.name}
        )
    for _receiver, answer in describing_departure.send(sender=Move, move=move):
        sentences.extend(answer or [])
    return sentences


@transaction.atomic
def move_person(move: Move) -> None:
    """Carry out a move (callers check the household rules first)."""
    whole = move.whole_household
    profiles = list(move.moving_profiles().select_for_update())
    departing.send(sender=Move, move=move)
    own_profile = next((profile for profile in profiles if profile.user_id == move.user.pk), None)
    for profile in profiles:
        profile.household = move.destination
        profile.name = free_profile_name(move.destination, profile.name)
        if profile is own_profile:
            # Sharing was a choice made for the people of the household left behind.
            profile.shared_with_household = False
        profile.save(update_fields=["household", "name", "shared_with_household"])
    move.user.household, move.user.role = move.destination, move.role
    move.user.save(update_fields=["household", "role"])
    if whole and move.origin is not None:
        move.origin.delete()


def free_profile_name(household: Household, name: str) -> str:
    taken = set(household.profiles.values_list("name", flat=True))
    candidate, n = name, 2
    while candidate in taken:
        candidate, n = f"{name} ({n})", n + 1
    return candidate


def _and_list(names: list[str]) -> str:
    if len(names) < 2:
        return "".join(names)
    return _("%(first)s and %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}
