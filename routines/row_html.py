"""The markup of one row of tonight's checklist, written in Python.

The evening's hot path draws a row for every step of every card, on every visit and every tap.
In the template language a row took some twenty variable lookups and conditions (about 70 µs);
here it is one string (a few µs), the same markup character for character: the card around it
stays in routines/tonight.html, and tests/test_tonight_rows.py pins every state of a row.

Escaping is the template's: every value is escaped unless it is already safe.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from config.markup import text as _e

from .models import ChecklistItem

Status = ChecklistItem.Status


@dataclass(frozen=True)
class Labels:
    """The words on a row's badges and buttons, in the active language (one lookup per page)."""

    due_now: str
    done: str
    skipped: str
    skip: str
    undo: str
    done_for_all: str

    @classmethod
    def active(cls) -> Labels:
        return cls(
            due_now=gettext("Due now"),
            done=gettext("Done"),
            skipped=gettext("Skipped"),
            skip=gettext("Skip"),
            undo=gettext("Undo"),
            done_for_all=gettext("Done for all"),
        )


class RowLike(Protocol):
    status: str
    is_due: bool
    url: str
    all_url: str
    dom_id: str
    clock: str
    iso: str
    title: str
    tap_label: str
    skip_label: str
    undo_label: str
    all_label: str
    detail: str


def row_html(row: RowLike, *, labels: Labels, shared_names: str) -> SafeString:
    """The row's <li>: a tap on the row ticks it (or undoes a done step), with Skip and "Done
    for all" (titled ``shared_names``) while it is pending, and Undo once skipped."""
    done, skipped = row.status == Status.DONE, row.status == Status.SKIPPED
    url = _e(row.url)
    badges = f' <span class="badge now">{_e(labels.due_now)}</span>' if row.is_due else ""
    if done:
        badges += f' <span class="badge ok">{_e(labels.done)}</span>'
    elif skipped:
        badges += f' <span class="badge">{_e(labels.skipped)}</span>'
    if row.detail:
        badges += f'<small class="muted">{_e(row.detail)}</small>'
    if skipped:
        after = (
            f'<button class="quiet" name="action" value="undo" formaction="{url}"'
            f' aria-label="{_e(row.undo_label)}">{_e(labels.undo)}</button>'
        )
    elif done:
        after = ""
    else:
        after = (
            f'<button class="quiet" name="action" value="skip" formaction="{url}"'
            f' aria-label="{_e(row.skip_label)}">{_e(labels.skip)}</button>'
        )
        if row.all_url:
            after += (
                f'<button class="quiet for-all" formaction="{_e(row.all_url)}"'
                f' title="{_e(shared_names)}" aria-label="{_e(row.all_label)}">'
                f"{_e(labels.done_for_all)}</button>"
            )
    state = f"{_e(row.status)} due" if row.is_due else _e(row.status)
    return mark_safe(  # every value above is escaped
        f'<li class="check-row {state}" id="{_e(row.dom_id)}">'
        f'<button class="row-tap" name="action" value="{"undo" if done else "done"}"'
        f' formaction="{url}" aria-label="{_e(row.tap_label)}">'
        f'<time class="at" datetime="{_e(row.iso)}">{_e(row.clock)}</time>'
        f'<span class="what"><span class="title">{_e(row.title)}</span>{badges}</span></button>'
        f"{after}</li>"
    )
