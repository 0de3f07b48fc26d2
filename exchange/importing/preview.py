"""What the preview and `manage.py import` show of a plan: counts by kind, and lists cut short.

Pure: no ORM here (the counts' words are translated).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from .incoming import KIND_COUNTS, ImportPlan

SHOWN = 50  # the longest list a preview shows; the rest is counted


@dataclass(frozen=True)
class Listing:
    items: Sequence
    more: int  # how many were left out of `items`
    total: int


def listing(items: Sequence, limit: int = SHOWN) -> Listing:
    return Listing(items=items[:limit], more=max(len(items) - limit, 0), total=len(items))


def counted(kind: str, count: int) -> str:
    if kind in KIND_COUNTS:
        return KIND_COUNTS[kind] % {"count": count}
    return f"{count} {kind}" if count == 1 else f"{count} {kind}s"


def by_kind(planned: Sequence) -> list[str]:
    """["12 nights", "2 disturbances"], in the order the kinds first appear."""
    counts = Counter(record.kind for record in planned)
    return [counted(kind, count) for kind, count in counts.items()]


@dataclass(frozen=True)
class Summary:
    to_create: Listing
    skipped: Listing
    rejected: Listing
    creating: list[str]
    skipping: list[str]

    @property
    def nothing_to_do(self) -> bool:
        return self.to_create.total == 0


def summarise(plan: ImportPlan, limit: int = SHOWN) -> Summary:
    return Summary(
        to_create=listing(plan.to_create, limit),
        skipped=listing(plan.skipped, limit),
        rejected=listing(plan.rejected, limit),
        creating=by_kind(plan.to_create),
        skipping=by_kind(plan.skipped),
    )


def text_lines(summary: Summary) -> list[str]:
    """The preview as plain lines, for the command line."""
    lines = [
        f"To create: {', '.join(summary.creating) or 'nothing'}",
        f"Skipped: {', '.join(summary.skipping) or 'nothing'}",
        f"Rejected (not imported): {summary.rejected.total}",
    ]
    for record in summary.to_create.items:
        lines.append(f"  + {record.kind}: {record.label}")
    if summary.to_create.more:
        lines.append(f"  … and {summary.to_create.more} more to create")
    for record in summary.skipped.items:
        lines.append(f"  = {record.label} ({record.reason})")
    if summary.skipped.more:
        lines.append(f"  … and {summary.skipped.more} more skipped")
    for rejected in summary.rejected.items:
        lines.append(f"  ! line {rejected.line}: {rejected.reason}")
    if summary.rejected.more:
        lines.append(f"  … and {summary.rejected.more} more rejected")
    return lines
