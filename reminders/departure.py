"""What feeds do when a person moves household (see `households.departure`).

A feed already stops answering once its owner may no longer log for the profile (rights are
checked at every fetch); this removes the rows too, so that nothing left behind could start
working again if the person ever came back. Feeds of the profiles that move along stay.
"""

from __future__ import annotations

from django.utils.translation import gettext

from households.departure import Move

from .models import CalendarFeed


def end_feeds_left_behind(sender, move: Move, **kwargs) -> None:
    moving = move.moving_profiles()
    CalendarFeed.objects.filter(owner=move.user).exclude(profile__in=moving).delete()


def describe_feeds(sender, move: Move, **kwargs) -> list[str]:
    moving = move.moving_profiles()
    left = list(
        CalendarFeed.objects.filter(owner=move.user)
        .exclude(profile__in=moving)
        .values_list("profile__name", flat=True)
    )
    if not left:
        return []
    names = ", ".join(sorted(left))
    return [gettext("Your calendar links for %(names)s stop working.") % {"names": names}]
