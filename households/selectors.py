"""Reads of household data. Every view gets people and their data through these functions,
so that another household's ids answer 404 everywhere."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from .models import Invite, Profile, User


def visible_profiles(user):
    return Profile.objects.visible_to(user).select_related("user")


def loggable_profiles(user):
    return Profile.objects.loggable_by(user).select_related("user")


def get_visible_profile(user, profile_id: int) -> Profile:
    return get_object_or_404(visible_profiles(user), pk=profile_id)


def pick_profile(user, profiles: list[Profile], raw_id: str | None) -> Profile | None:
    """The profile a page's ``?profile=`` names (404 unless it is among ``profiles``, which the
    caller read through this module), else the user's own profile, else the first one."""
    if raw_id:
        try:
            wanted = int(raw_id)
        except ValueError:
            raise Http404("No such profile.") from None
        for profile in profiles:
            if profile.pk == wanted:
                return profile
        raise Http404("No such profile.")
    own = [profile for profile in profiles if profile.user_id == user.pk]
    return (own or profiles or [None])[0]


def get_loggable_profile(user, profile_id: int) -> Profile:
    return get_object_or_404(loggable_profiles(user), pk=profile_id)


def get_editable_profile(user, profile_id: int) -> Profile:
    """Your own profile, or a dependant's for those who look after the children."""
    return get_loggable_profile(user, profile_id)


def household_members(user):
    if not user.is_authenticated or user.household_id is None:
        return User.objects.none()
    return User.objects.filter(household_id=user.household_id)


def get_member(user, member_id: int) -> User:
    return get_object_or_404(household_members(user), pk=member_id)


def get_invite(user, invite_id: int) -> Invite:
    return get_object_or_404(Invite.objects.for_user(user), pk=invite_id)
