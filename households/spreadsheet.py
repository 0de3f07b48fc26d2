"""Text for spreadsheet cells, shared by every CSV Nightstand writes (exports, admin downloads).

Pure: no Django. A cell that starts like a formula is shown, not run, by a spreadsheet when it
carries a leading apostrophe (OWASP's advice for CSV injection); names, notes and tags are text
people typed, so every CSV writer passes them through `defused`.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

# A spreadsheet reads a cell starting with one of these as a formula (or, for tab and carriage
# return, as a formula after the whitespace).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def defused(text: str) -> str:
    """The cell as text a spreadsheet shows rather than runs."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def local_iso(moment: datetime | None, zone: ZoneInfo, *, timespec: str = "seconds") -> str:
    """An instant as wall-clock time in the zone with the offset in force:
    2026-11-02T23:00:00+00:00; blank when there is none."""
    return "" if moment is None else moment.astimezone(zone).isoformat(timespec=timespec)
