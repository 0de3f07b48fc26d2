"""Writes to households, with their rules. Views call these instead of editing memberships."""

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .deletion import Deletion, carry_out
from .departure import Move, free_profile_name, move_person
from .models import Household, Invite, Profile, User

# Why an invite link no longer works, by Invite.status (the link is not pending).
INVITE_STATUS_SENTENCES = {
    "used": gettext_lazy("This invite link has been used."),
    "revoked": gettext_lazy("This invite link has been revoked."),
    "expired": gettext_lazy("This invite link has expired."),
    "pending": gettext_lazy("This invite link still works."),
}


class HouseholdRuleError(ValidationError):
    """A request that breaks a household rule; its message is shown to the user as it is."""


@transaction.atomic
def sign_up(*, email: str, name: str, password: str, time_zone: str) -> User:
    """A new account starts its own household, as its admin, with its own profile."""
    household = Household.objects.create(name=_("%(name)s's household") % {"name": name})
    user = User.objects.create_user(
        email=email, password=password, name=name, household=household, role=User.Role.ADMIN
    )
    Profile.objects.create(household=household, user=user, name=name, time_zone=time_zone)
    return user


def _lock_usable_invite(invite: Invite) -> Invite:
    # Lock the row so two people racing for one link cannot both use it.
    locked = Invite.objects.select_for_update().get(pk=invite.pk)
    if not locked.is_usable:
        raise HouseholdRuleError(str(INVITE_STATUS_SENTENCES[locked.status]))
    return locked


@transaction.atomic
def accept_invite(*, invite: Invite, email: str, name: str, password: str, time_zone: str) -> User:
    invite = _lock_usable_invite(invite)
    user = User.objects.create_user(
        email=email,
        password=password,
        name=name,
        household=invite.household,
        role=invite.role,
        looks_after_children=invite.looks_after_children,
    )
    Profile.objects.create(
        household=invite.household,
        user=user,
        name=free_profile_name(invite.household, name),
        time_zone=time_zone,
    )
    invite.used_at, invite.used_by = timezone.now(), user
    invite.save(update_fields=["used_at", "used_by"])
    return user


def planned_join(*, invite: Invite, user: User) -> Move:
    """What joining the inviting household would do to this person, checked against the rules.

    Alone in a household, the person brings everything in it (children included) and the old
    household closes; sharing it with others, they leave it as if they had clicked "Leave".
    """
    if user.household_id == invite.household_id:
        raise HouseholdRuleError(_("You are already a member of this household."))
    move = Move(user=user, origin=user.household, destination=invite.household, role=invite.role)
    if move.origin is not None and not move.whole_household and user.is_last_admin():
        raise HouseholdRuleError(
            _(
                "You are the last admin of %(name)s: make someone else admin there before you "
                "join another household."
            )
            % {"name": move.origin.name}
        )
    return move


@transaction.atomic
def join_with_existing_account(*, invite: Invite, user: User) -> None:
    """Move a signed-in person into the inviting household (see `planned_join`)."""
    invite = _lock_usable_invite(invite)
    move_person(planned_join(invite=invite, user=user))
    _grant_invited_rights(user, invite)
    invite.used_at, invite.used_by = timezone.now(), user
    invite.save(update_fields=["used_at", "used_by"])


def create_invite(
    *,
    by: User,
    email: str = "",
    role: str = User.Role.MEMBER,
    looks_after_children: bool = True,
    invite_url,
) -> Invite:
    """A single-use link; emailed when an address is given (the quick start's console mail
    prints it), and always shown to the admin to copy."""
    _require_admin(by)
    invite = Invite.objects.create(
        household=by.household,
        email=email,
        role=role,
        looks_after_children=looks_after_children,
        created_by=by,
    )
    if email:
        send_mail(
            subject=_one_line(
                _("%(name)s invites you to %(household)s on Nightstand")
                % {"name": by.name, "household": by.household.name}
            ),
            message=(
                _("%(name)s invites you to keep your sleep journal with %(household)s.")
                % {"name": by.name, "household": by.household.name}
                + "\n\n"
                + _("Open this link to join (valid for 7 days, once): %(link)s")
                % {"link": invite_url(invite)}
                + "\n"
            ),
            from_email=None,
            recipient_list=[email],
        )
    return invite


def _one_line(text: str) -> str:
    # A line break in a header would be refused by Django's mail (BadHeaderError).
    return " ".join(text.split())


def _grant_invited_rights(user: User, invite: Invite) -> None:
    user.looks_after_children = invite.looks_after_children
    user.save(update_fields=["looks_after_children"])


@transaction.atomic
def set_looks_after_children(*, by: User, member: User, allowed: bool) -> None:
    _require_admin(by)
    member.looks_after_children = allowed
    member.save(update_fields=["looks_after_children"])


def revoke_invite(*, by: User, invite: Invite) -> None:
    _require_admin(by)
    if invite.is_usable:
        invite.revoked_at = timezone.now()
        invite.save(update_fields=["revoked_at"])


@transaction.atomic
def change_role(*, by: User, member: User, role: str) -> None:
    _require_admin(by)
    if role not in User.Role.values:
        raise HouseholdRuleError(_("Unknown role."))
    if role != User.Role.ADMIN and member.is_last_admin():
        raise HouseholdRuleError(_("A household needs an admin: make someone else admin first."))
    member.role = role
    member.save(update_fields=["role"])


@transaction.atomic
def remove_member(*, by: User, member: User) -> None:
    """The removed person keeps their account and journal, in a new household of their own."""
    _require_admin(by)
    if member.pk == by.pk:
        raise HouseholdRuleError(_("To leave the household yourself, use “Leave household”."))
    _carry_out(_move_to_own_household(member))


@transaction.atomic
def leave_household(*, user: User) -> None:
    _carry_out(planned_leave(user=user))


def planned_account_deletion(*, user: User) -> Deletion:
    """Deleting one's account takes one's profile and journal. Alone in the household, the
    person takes the household with them, children included: nobody would be left to keep it."""
    household = user.household
    others = household.members.exclude(pk=user.pk).exists() if household else False
    if others and user.is_last_admin():
        raise HouseholdRuleError(
            _("You are the last admin: make someone else admin before you delete your account.")
        )
    if household is not None and not others:
        return Deletion(
            by=user,
            profiles=_own_then_dependants(user, household.profiles.all()),
            accounts=(user,),
            household=household,
        )
    return Deletion(by=user, profiles=tuple(Profile.objects.filter(user=user)), accounts=(user,))


@transaction.atomic
def delete_account(*, user: User) -> None:
    carry_out(planned_account_deletion(user=user))


def planned_dependant_deletion(*, by: User, profile: Profile) -> Deletion:
    if not profile.is_dependant:
        raise HouseholdRuleError(_("To delete your own profile, delete your account."))
    if not by.is_household_admin or by.household_id != profile.household_id:
        raise HouseholdRuleError(_("Only a household admin can delete a child's profile."))
    return Deletion(by=by, profiles=(profile,))


@transaction.atomic
def delete_dependant(*, by: User, profile: Profile) -> None:
    carry_out(planned_dependant_deletion(by=by, profile=profile))


def planned_household_deletion(*, by: User) -> Deletion:
    """The admin deletes the household: their own account and journal, the children, routines,
    invites and the household's own list entries. The other members' journals are not the
    admin's to delete: they keep their accounts and journals in households of their own, as if
    removed (leaving never deletes a person's own data)."""
    if not by.is_household_admin:
        raise HouseholdRuleError(_("Only a household admin can delete the household."))
    household = by.household
    profiles = household.profiles.filter(Q(user=by) | Q(user__isnull=True))
    return Deletion(
        by=by,
        profiles=_own_then_dependants(by, profiles),
        accounts=(by,),
        household=household,
        moves=tuple(
            _move_to_own_household(member)
            for member in household.members.exclude(pk=by.pk).select_related("household")
        ),
    )


@transaction.atomic
def delete_household(*, by: User, household: Household) -> None:
    """Delete the household the admin confirmed (see `planned_household_deletion`)."""
    # Two admins deleting at once go one after the other; the second is no longer in it.
    locked = Household.objects.select_for_update().filter(pk=household.pk).first()
    by.refresh_from_db(fields=["household", "role"])
    if locked is None or by.household_id != locked.pk:
        raise HouseholdRuleError(_("The household changed meanwhile: nothing was deleted."))
    carry_out(planned_household_deletion(by=by))


def _own_then_dependants(user: User, profiles) -> tuple[Profile, ...]:
    return tuple(sorted(profiles, key=lambda profile: (profile.user_id != user.pk, profile.name)))


def planned_leave(*, user: User) -> Move:
    """Leaving for a new household of one's own, checked against the rules."""
    household = user.household
    if household is None or not household.members.exclude(pk=user.pk).exists():
        raise HouseholdRuleError(
            _("You are the only member of this household, so there is nothing to leave.")
        )
    if user.is_last_admin():
        raise HouseholdRuleError(
            _("You are the last admin: make someone else admin before you leave.")
        )
    return _move_to_own_household(user)


def _move_to_own_household(user: User) -> Move:
    return Move(
        user=user,
        origin=user.household,
        destination=Household(name=_("%(name)s's household") % {"name": user.name}),
        role=User.Role.ADMIN,
    )


def _carry_out(move: Move) -> None:
    if move.destination.pk is None:
        move.destination.save()
    move_person(move)


def _require_admin(user: User) -> None:
    if not user.is_household_admin:
        raise HouseholdRuleError(_("Only a household admin can do that."))
