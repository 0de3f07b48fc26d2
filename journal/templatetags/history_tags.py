"""The history's rows (journal.rows.NightRow), written here rather than as loops in the template.

The history shows thirty nights twice, as a list and as a table, and two dozen template nodes
for each night were most of the time the page took to draw; in Python it is a few string
joins. The HTML is the one the template loops wrote, character for character.
"""

from __future__ import annotations

from collections.abc import Sequence

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import pgettext

from journal.rows import NightRow

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
