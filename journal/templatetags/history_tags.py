"""The history's rows (journal.rows.NightRow) and the calendar's days, written here rather than
as loops in the templates.

The history shows thirty nights twice, as a list and as a table, and the calendar six weeks of
days; a dozen or two template nodes for each were most of the time the pages took to draw, and
in Python they are a few string joins. The HTML is the one the template loops wrote, character
for character (tests/test_history_tags.py renders both).
"""

from __future__ import annotations

from collections.abc import Sequence

from django import template
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, pgettext

from config import l10n
from journal import metrics
from journal.rows import NightRow
from journal.templatetags.journal_tags import (
    UNKNOWN,
    count,
    efficiency_scale,
    percent,
    quality_scale,
)

register = template.Library()


@register.simple_tag
def night_list_items(rows: Sequence[NightRow]) -> SafeString:
    """Each night's <li> in the history's list (phones)."""
    asleep = escape(pgettext("history column", "Asleep"))
    efficiency = escape(pgettext("history column", "Efficiency"))
    quality = escape(pgettext("history column", "Quality"))
    items = []
    for row in rows:
        extras = (
            f'\n              <span class="muted small">{escape(row.extras)}</span>\n            '
            if row.extras
            else ""
        )
        items.append(
            f"\n        <li>"
            f'\n          <a class="night-row" href="{escape(row.link)}">'
            f'\n            <span class="night-date">{escape(row.day)}</span>'
            f'\n            <span class="muted">{escape(row.lights_out)} – '
            f"{escape(row.final_wake)}</span>"
            f'\n            <dl class="metrics compact">'
            f"\n              <div><dt>{asleep}</dt><dd>{escape(row.asleep)}</dd></div>"
            f"\n              <div><dt>{efficiency}</dt><dd>{escape(row.efficiency)}</dd></div>"
            f"\n              <div><dt>{quality}</dt><dd>{escape(row.quality)}</dd></div>"
            f"\n            </dl>"
            f"\n            {extras}"
            f"\n          </a>"
            f"\n        </li>"
            f"\n      "
        )
    return mark_safe("".join(items))


@register.simple_tag
def night_table_rows(rows: Sequence[NightRow]) -> SafeString:
    """Each night's <tr> in the history's table (wide screens)."""
    return mark_safe(
        "".join(
            f"\n      <tr>"
            f'\n        <th scope="row"><a href="{escape(row.link)}">{escape(row.day)}</a></th>'
            f'\n        <td class="num">{escape(row.asleep)}</td>'
            f'\n        <td class="num">{escape(row.efficiency)}</td>'
            f'\n        <td class="num">{escape(row.quality)}</td>'
            f"\n        <td>{escape(row.lights_out)} – {escape(row.final_wake)}</td>"
            f'\n        <td class="small">{escape(row.extras)}</td>'
            f"\n      </tr>"
            f"\n      "
            for row in rows
        )
    )


@register.simple_tag
def calendar_weeks(weeks: Sequence[Sequence[dict]], colour: str, profile) -> SafeString:
    """Each week's <tr> of the month calendar: a cell per day (the view's dicts: date, in_month,
    night, loggable), coloured by efficiency or, when ``colour`` is "quality", by quality."""
    words = l10n.writer()
    day_month = gettext("j M")
    log_url = f"{reverse('journal:log')}?profile={escape(profile.pk)}&amp;date="
    log_title = gettext("Log the night of %(date)s")
    html = []
    for week in weeks:
        html.append("\n      <tr>\n        ")
        for cell in week:
            day, night = cell["date"], cell["night"]
            number = f'<span class="day-number">{day.day}</span>'
            css = "day" if cell["in_month"] else "day outside"
            if night is not None:
                efficiency = metrics.sleep_efficiency(night.times())  # all it shows
                if colour == "quality":
                    scale = quality_scale(night.quality)
                    told = night.get_quality_display() or UNKNOWN
                    value = count(night.quality)
                else:
                    scale = efficiency_scale(efficiency)
                    told = percent(efficiency)
                    value = floatformat(efficiency, 0) or UNKNOWN
                if cell["in_month"]:
                    css = f"{css} {scale}"
                title = f"{escape(words.date(night.date, day_month))}: {escape(told)}"
                inside = (
                    f'\n              <a href="{escape(night.link)}" title="{title}">'
                    f"\n                {number}"
                    f'\n                <span class="day-value">{escape(value)}</span>'
                    f"\n              </a>\n            "
                )
            elif cell["loggable"]:
                title = log_title % {"date": escape(words.date(day, day_month))}
                inside = (
                    f'\n              <a class="empty-day" href="{log_url}{day.isoformat()}"'
                    f' title="{title}">{number}</a>\n            '
                )
            else:
                inside = f"\n              {number}\n            "
            html.append(
                f'\n          \n          <td class="{css}">\n            {inside}'
                f"\n          </td>\n          \n        "
            )
        html.append("\n      </tr>\n    ")
    return mark_safe("".join(html))
