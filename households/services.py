"""Writes to households, with their rules. Views call these instead of editing memberships."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from .models import Household, Invite, Profile, User


class HouseholdRuleError(ValidationError):
    """A request that breaks a household rule; its message is shown to the user as it is."""


@transaction.atomic
def sign_up(*, email: str, name: str, password: str, time_zone: str) -> User:
    """A new account starts its own household, as its admin, with its own profile."""
    household = Household.objects.create(name=f"{name}'s household")
    user = User.objects.create_user(
        email=email, password=password, name=name, household=household, role=User.Role.ADMIN
    )
    Profile.objects.create(household=household, user=user, name=name, time_zone=time_zone)
    return user


def _lock_usable_invite(invite: Invite) -> Invite:
    # Lock the row so two people racing for one link cannot both use it.
    locked = Invite.objects.select_for_update().get(pk=invite.pk)
    if not locked.is_usable:
        raise HouseholdRuleError(f"This invite link has been {locked.status}.")
    return locked


@transaction.atomic
def accept_invite(*, invite: Invite, email: str, name: str, password: str, time_zone: str) -> User:
    invite = _lock_usable_invite(invite)
    user = User.objects.create_user(
        email=email, password=password, name=name, household=invite.household, role=invite.role
    )
    Profile.objects.create(
        household=invite.household,
        user=user,
        name=_free_profile_name(invite.household, name),
        time_zone=time_zone,
    )
    invite.used_at, invite.used_by = timezone.now(), user
    invite.save(update_fields=["used_at", "used_by"])
    return user


@transaction.atomic
def join_with_existing_account(*, invite: Invite, user: User) -> None:
    """Move a signed-in person who keeps a household of their own alone into the inviting one."""
    invite = _lock_usable_invite(invite)
    if user.household_id == invite.household_id:
        raise HouseholdRuleError("You are already a member of this household.")
    old = user.household
    if old is not None and (
        old.members.exclude(pk=user.pk).exists() or old.profiles.dependants().exists()
    ):
        raise HouseholdRuleError(
            "You share your current household with others. "
            "Leave it first, then open the link again."
        )
    _move_user(user, invite.household, role=invite.role)
    invite.used_at, invite.used_by = timezone.now(), user
    invite.save(update_fields=["used_at", "used_by"])
    if old is not None:
        old.delete()


def create_invite(*, by: User, email: str = "", role: str = User.Role.MEMBER, invite_url) -> Invite:
    _require_admin(by)
    invite = Invite.objects.create(household=by.household, email=email, role=role, created_by=by)
    if email and settings.EMAIL_CONFIGURED:
        send_mail(
            subject=f"{by.name} invites you to {by.household.name} on Nightstand",
            message=(
                f"{by.name} invites you to keep your sleep journal with {by.household.name}.\n\n"
                f"Open this link to join (valid for 7 days, once): {invite_url(invite)}\n"
            ),
            from_email=None,
            recipient_list=[email],
        )
    return invite


def revoke_invite(*, by: User, invite: Invite) -> None:
    _require_admin(by)
    if invite.is_usable:
        invite.revoked_at = timezone.now()
        invite.save(update_fields=["revoked_at"])


@transaction.atomic
def change_role(*, by: User, member: User, role: str) -> None:
    _require_admin(by)
    if role not in User.Role.values:
        raise HouseholdRuleError("Unknown role.")
    if role != User.Role.ADMIN and member.is_last_admin():
        raise HouseholdRuleError("A household needs an admin: make someone else admin first.")
    member.role = role
    member.save(update_fields=["role"])


@transaction.atomic
def remove_member(*, by: User, member: User) -> None:
    """The removed person keeps their account and journal, in a new household of their own."""
    _require_admin(by)
    if member.pk == by.pk:
        raise HouseholdRuleError("To leave the household yourself, use “Leave household”.")
    _move_to_own_household(member)


@transaction.atomic
def leave_household(*, user: User) -> None:
    household = user.household
    if not household.members.exclude(pk=user.pk).exists():
        raise HouseholdRuleError(
            "You are the only member of this household, so there is nothing to leave."
        )
    if user.is_last_admin():
        raise HouseholdRuleError(
            "You are the last admin: make someone else admin before you leave."
        )
    _move_to_own_household(user)


@transaction.atomic
def delete_account(*, user: User) -> None:
    household = user.household
    others = household.members.exclude(pk=user.pk).exists() if household else False
    if others and user.is_last_admin():
        raise HouseholdRuleError(
            "You are the last admin: make someone else admin before you delete your account."
        )
    user.delete()  # the profile and its journal go with it
    if household is not None and not others:
        household.delete()


def _move_to_own_household(user: User) -> None:
    _move_user(
        user, Household.objects.create(name=f"{user.name}'s household"), role=User.Role.ADMIN
    )


def _move_user(user: User, household: Household, *, role: str) -> None:
    user.household, user.role = household, role
    user.save(update_fields=["household", "role"])
    Profile.objects.filter(user=user).update(
        household=household,
        shared_with_household=False,
        name=_free_profile_name(household, user.profile.name),
    )


def _free_profile_name(household: Household, name: str) -> str:
    taken = set(household.profiles.values_list("name", flat=True))
    candidate, n = name, 2
    while candidate in taken:
        candidate, n = f"{name} ({n})", n + 1
    return candidate


def _require_admin(user: User) -> None:
    if not user.is_household_admin:
        raise HouseholdRuleError("Only a household admin can do that.")
