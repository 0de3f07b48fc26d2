"""The formats Nightstand imports, and which one a file is.

Two kinds of file come in:
- files of nights (`Format`): parsed into `Parsed`, then planned by `plan.plan_nights` onto the
  profiles the person picks for each source in the file;
- Nightstand's complete JSON export (`ARCHIVE`), which knows its own profiles by name and is
  planned as a whole by `archive_restore.plan_archive` (no profile mapping step).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import import_module

from django.utils.translation import gettext_lazy

from .incoming import Format, ImportPlan

# Each module exposes a module-level FORMAT. Detection tries them in this order.
NIGHT_FORMAT_MODULES = (
    "exchange.importing.nightstand_csv",
    # The outside formats (imp-formats), in the order detection tries them.
    *(f"exchange.importing.{name}" for name in ("sleep_as_android", "plees", "baby_buddy")),
)
ARCHIVE_MODULE = "exchange.importing.archive_restore"

ARCHIVE_KEY = "nightstand-json"
ARCHIVE_LABEL = gettext_lazy("Nightstand (complete JSON)")
ARCHIVE_FORMAT_NAME = "nightstand-export"  # the "format" field of `exchange.archive`


@cache
def night_formats() -> dict[str, Format]:
    formats = (import_module(name).FORMAT for name in NIGHT_FORMAT_MODULES)
    return {format.key: format for format in formats}


def archive_planner() -> Callable[..., ImportPlan] | None:
    """`plan_archive(text, *, user)`, or None while the JSON restore is not installed."""
    return import_module(ARCHIVE_MODULE).plan_archive if ARCHIVE_MODULE else None


def looks_like_archive(text: str) -> bool:
    """The export starts `{"format": "nightstand-export", …`: a cheap look at the start first,
    then a real parse only for what looks like it."""
    start = text.lstrip("\ufeff \t\r\n")[:200]
    return start.startswith("{") and ARCHIVE_FORMAT_NAME in start and _is_archive_json(text)


def _is_archive_json(text: str) -> bool:
    try:
        data = json.loads(text)
    except ValueError:
        return False
    return isinstance(data, dict) and data.get("format") == ARCHIVE_FORMAT_NAME


@dataclass(frozen=True)
class Choice:
    key: str
    label: str
    needs_zone: bool


def choices() -> list[Choice]:
    """What the upload form and `manage.py import --format` offer, labelled in the active
    language."""
    offered = [Choice(f.key, str(f.label), f.needs_zone) for f in night_formats().values()]
    if archive_planner() is not None:
        offered.append(Choice(ARCHIVE_KEY, str(ARCHIVE_LABEL), False))
    return offered


def is_known(key: str) -> bool:
    return any(choice.key == key for choice in choices())


def needs_zone(key: str) -> bool:
    found = night_formats().get(key)
    return found is not None and found.needs_zone


def detect(text: str) -> str | None:
    """The key of the format the text looks like, or None."""
    if archive_planner() is not None and looks_like_archive(text):
        return ARCHIVE_KEY
    for format in night_formats().values():
        if format.sniff(text):
            return format.key
    return None
