"""Deleting people, after saying what goes: an account, a dependant, or a whole household.

Made like `households.departure`: the household app knows the journal and the routines only
through signals. Each feature app connects, in its `AppConfig.ready()`,
- a receiver to `counting_deletion` that answers the `Tally`s of its rows the deletion removes,
  for the page that asks first (a fixed number of queries, however much there is);
- a receiver to `deleting` that removes, inside the deletion's transaction and before any profile
  is deleted, what the database's cascades would leave behind.

What a deletion removes, and what it leaves:
- a deleted profile's nights (with their intake and disturbances) and checklists go with it;
- a routine goes when the deleted profiles were all that followed it; a routine others follow
  stays, and their checklists keep their snapshot of it;
- what a deleted person logged or ticked for others stays in those journals, unsigned;
- the household goes when nobody else is in it, or when its admin deletes it whole; the children,
  routines, invites and the household's own list entries go with it. The other adults' journals
  are theirs, not the admin's: they keep their accounts and journals in households of their own,
  exactly as if the admin had removed them first (the moves of `departure`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Count, Q
from django.dispatch import Signal
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from .departure import Move, move_person
from .models import Household, Invite, Profile, User

# Sent with `deletion=Deletion`; each receiver answers a list of `Tally` (possibly empty).
counting_deletion = Signal()
# Sent with `deletion=Deletion` inside the transaction, after the moves, before anything goes.
deleting = Signal()


@dataclass(frozen=True)
class Deletion:
    """Who asked, what goes, and who stays with their own things."""

    by: User
    profiles: tuple[Profile, ...]
    accounts: tuple[User, ...] = ()
    household: Household | None = None
    moves: tuple[Move, ...] = ()

    @property
    def profile_ids(self) -> list[int]:
        return [profile.pk for profile in self.profiles]

    @property
    def staying_users(self) -> list[User]:
        """Members who keep their accounts, moved to households of their own."""
        return [move.user for move in self.moves]


@dataclass(frozen=True)
class Tally:
    """A number of things a deletion removes: of one profile's journal (`profile_id`), or of
    the household at large."""

    count: int
    one: str
    many: str
    profile_id: int | None = None
    first: date | None = None
    last: date | None = None
    names: tuple[str, ...] = ()
    aside: str = ""


@dataclass(frozen=True)
class Description:
    gone: list[str]
    kept: list[str]


def phrase(tally: Tally) -> str:
    """“412 nights from 12 March 2024 to 24 November 2026”, “2 routines: Bath and Reading”."""
    text = f"{number_format(tally.count, force_grouping=True)} "
    text += tally.one if tally.count == 1 else tally.many
    if tally.first is not None and tally.last is not None:
        if tally.first == tally.last:
            text += " " + _("on %(day)s") % {"day": _day(tally.first)}
        else:
            text += " " + _("from %(first)s to %(last)s") % {
                "first": _day(tally.first),
                "last": _day(tally.last),
            }
    if tally.aside:
        text += f" ({tally.aside})"
    if tally.names:
        text += f": {and_list(list(tally.names))}"
    return text


def journal_sentence(profile: Profile, tallies: list[Tally], *, yours: bool) -> str:
    if not tallies:
        if yours:
            return _("Your profile, with nothing logged yet.")
        return _("%(name)s's profile, with nothing logged yet.") % {"name": profile.name}
    things = and_list([phrase(tally) for tally in tallies])
    if yours:
        return _("Your journal: %(things)s.") % {"things": things}
    return _("%(name)s's journal: %(things)s.") % {"name": profile.name, "things": things}


def describe(deletion: Deletion) -> Description:
    """What a deletion will remove and what it leaves, in sentences, for the page that asks."""
    tallies = [
        tally
        for _receiver, answer in counting_deletion.send(sender=Deletion, deletion=deletion)
        for tally in answer or []
    ]
    if deletion.household is not None:
        tallies.extend(_invite_tallies(deletion.household))
    gone = [_account_sentence(account, deletion) for account in deletion.accounts]
    for profile in deletion.profiles:
        own = [tally for tally in tallies if tally.profile_id == profile.pk]
        gone.append(journal_sentence(profile, own, yours=profile.user_id == deletion.by.pk))
    if deletion.household is not None:
        gone.append(_("The household “%(name)s” itself.") % {"name": deletion.household.name})
    gone.extend(f"{_capitalised(phrase(tally))}." for tally in tallies if tally.profile_id is None)
    return Description(gone=gone, kept=_kept(deletion))


def _account_sentence(account: User, deletion: Deletion) -> str:
    if account.pk == deletion.by.pk:
        return _("Your account (%(email)s): you are signed out and cannot sign in again.") % {
            "email": account.email
        }
    return _("%(name)s's account (%(email)s).") % {"name": account.name, "email": account.email}


def _kept(deletion: Deletion) -> list[str]:
    household = deletion.household or deletion.by.household
    deleted_accounts = {account.pk for account in deletion.accounts}
    kept = []
    if deletion.moves:
        names = [user.name for user in deletion.staying_users]
        if len(names) == 1:
            sentence = _(
                "%(names)s's account and own journal moved to a household of their own as when "
                "you remove someone, with the routines only they follow."
            )
        else:
            sentence = _(
                "The accounts and own journals of %(names)s, each moved to a household of their "
                "own as when you remove someone, with the routines only they follow."
            )
        kept.append(sentence % {"names": and_list(names)})
    elif deletion.household is None and household is not None:
        kept.append(
            _("The household “%(name)s” and everyone else's journals.") % {"name": household.name}
        )
        if deletion.by.pk in deleted_accounts:
            kept.append(
                _("Nights you logged and steps you ticked for others stay in their journals.")
            )
        else:
            kept.append(_("Routines others follow too: they keep them."))
    return kept


def _invite_tallies(household: Household) -> list[Tally]:
    counts = Invite.objects.filter(household=household).aggregate(
        total=Count("pk"), still_open=Count("pk", filter=Q(pk__in=Invite.objects.pending()))
    )
    if not counts["total"]:
        return []
    still_open = counts["still_open"]
    return [
        Tally(
            count=counts["total"],
            one="invite link",
            many="invite links",
            aside=f"{still_open} still open" if still_open else "",
        )
    ]


@transaction.atomic
def carry_out(deletion: Deletion) -> None:
    """Carry out a deletion (callers check the household rules first)."""
    for move in deletion.moves:
        if move.destination.pk is None:
            move.destination.save()
        move_person(move)
    deleting.send(sender=Deletion, deletion=deletion)
    Profile.objects.filter(pk__in=deletion.profile_ids).delete()
    User.objects.filter(pk__in=[account.pk for account in deletion.accounts]).delete()
    if deletion.household is not None:
        Household.objects.filter(pk=deletion.household.pk).delete()


def and_list(names: list[str]) -> str:
    """ "Ann", "Ann and Ben", "Ann, Ben and Cy" (with the language's "and")."""
    if len(names) < 2:
        return "".join(names)
    return _("%(first)s and %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}


def _day(day: date) -> str:
    return date_format(day, "DATE_FORMAT")


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]
