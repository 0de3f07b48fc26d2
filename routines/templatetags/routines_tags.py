"""Tags of the routines pages."""

from __future__ import annotations

from django import template
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, pgettext

from journal.templatetags.journal_tags import written_date

register = template.Library()


@register.simple_tag
def night_strip(recent) -> SafeString:
    """The <li> of each night of a summary's strip (routines.summaries.RecentNight), oldest first.

    Written here rather than as a loop in the template: the routines page draws fourteen for each
    follower of each routine, and a dozen template nodes for each were a fifth of the page's time.
    """
    today = timezone.localdate()
    items = []
    for night in recent:
        if not night.opened:
            share = gettext("not opened")
        elif night.percent is None:
            share = pgettext("a night whose routine was skipped", "skipped")
        else:
            share = f"{night.percent}%"
        link, unlink = ("", "")
        if night.checklist_id:
            link, unlink = f'<a href="{escape(night.url)}">', "</a>"
        day = escape(written_date(night.night, today=today))
        items.append(
            f'\n      <li class="night level-{escape(night.level)}">\n        {link}\n        '
            f'<span class="night-day" aria-hidden="true">{night.night.day}</span>'
            f'<span class="visually-hidden">{day}: </span><span class="share">{escape(share)}'
            f"</span>\n        {unlink}\n      </li>\n    "
        )
    return mark_safe("".join(items))
