"""Tags of the routines pages."""

from __future__ import annotations

from django import template
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, gettext_noop, pgettext

from journal.templatetags.journal_tags import written_date

register = template.Library()


@register.simple_tag
def adherence_summary(summary) -> SafeString:
    """How one follower keeps to a routine (routines.summaries.Summary): streaks, habit score
    and the strip of recent nights.

    Written here rather than in the template: the routines page shows one for each follower of
    each routine, and their template nodes were a good part of the page's time. The HTML is the
    one the template wrote (tests/test_routines_tags.py renders both).
    """
    name = escape(summary.profile.name)
    label = gettext("%(name)s's adherence") % {"name": name}
    streak = gettext("Streak %(streak)s") % {"streak": summary.current_streak}
    best = gettext("best %(best)s") % {"best": summary.best_streak}
    habit = gettext("habit %(percent)s%%") % {"percent": summary.score_percent}
    strip = ""
    if summary.recent:
        today = timezone.localdate()
        first = escape(written_date(summary.recent[0].night, today=today))
        last = escape(written_date(summary.recent[-1].night, today=today))
        strip = (
            f'\n  <p class="strip-dates small muted">{first} – {last}</p>'
            f'\n  <ol class="nights" aria-label="{escape(gettext("Last nights, oldest first"))}">'
            f"\n    {night_strip(summary.recent)}"
            f"\n  </ol>\n  "
        )
    return mark_safe(
        f'\n<div class="summary" aria-label="{label}">'
        f'\n  <div class="spread">'
        f"\n    <strong>{name}</strong>"
        f'\n    <span class="stats">'
        f'\n      <span title="{escape(gettext("Consecutive complete nights"))}">{streak}</span> ·'
        f"\n      <span>{best}</span> ·"
        f'\n      <span title="{escape(gettext(HABIT_TITLE))}">{habit}</span>'
        f"\n    </span>"
        f"\n  </div>"
        f"\n  {strip}"
        f"\n</div>\n"
    )


HABIT_TITLE = gettext_noop("Habit strength: rises with consistent nights, fades slowly when missed")


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
