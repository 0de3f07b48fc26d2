"""Helpers for the tests of the outside import formats: the fixture files and small builders."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

FIXTURES = Path(__file__).parent / "fixtures" / "import"

SAA_FIXED = (
    "Id,Tz,From,To,Sched,Hours,Rating,Comment,Framerate,Snore,Noise,Cycles,DeepSleep,LenAdjust,Geo"
)


def fixture(name: str) -> str:
    """A fixture file's text exactly as uploaded (line endings kept)."""
    with open(FIXTURES / name, encoding="utf-8", newline="") as file:
        return file.read()


def at(zone: str, *wall: int, fold: int = 0) -> datetime:
    """The UTC instant of a wall-clock time in a zone."""
    return datetime(*wall, tzinfo=ZoneInfo(zone), fold=fold).astimezone(UTC)


def epoch_ms(moment: datetime) -> str:
    return str(int(moment.timestamp() * 1000))


def saa_record(
    *,
    start: datetime | str,
    tz: str = "Europe/Prague",
    to: str,
    hours: str = "",
    rating: str = "0.0",
    comment: str = "",
    samples: int = 3,
) -> str:
    """One Sleep as Android record (header line + values line), every value quoted as the app
    writes it. `start` is an aware instant (written as Id) or the raw Id text."""
    ident = epoch_ms(start) if isinstance(start, datetime) else start
    header = SAA_FIXED + "".join(f',"0:{5 * i:02d}"' for i in range(samples)) + ',"Event"'
    values = [ident, tz, "", to, to, hours, rating, comment, "10000", "-1", "-1.0", "-1"]
    values += ["-1.0", "0", ""] + ["0.5"] * samples + ["DEEP_START-0"]
    return header + "\n" + ",".join('"' + v.replace('"', '""') + '"' for v in values) + "\n"
