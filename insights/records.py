"""The one night that every insight is computed from, as a plain record.

A `NightRecord` is what the journal knows about the night of date D once its metrics are worked
out (see docs/sleep-metrics.md): the night's window (noon of D to noon of D+1 in the profile's
zone), the diary's moments, the derived minutes, the ratings, tags, intake and whether the
routine was complete. Selectors map database rows onto it; the insight modules never see the ORM.

Any field may be None ("don't remember", or not computable): a blank is missing data for that
field only, never zero.

Pure stdlib: no Django here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo

MINUTES_PER_DAY = 24 * 60

# The per-night numbers insights average and compare, by field name.
OUTCOMES = ("tst", "se", "sol", "waso", "tib", "quality", "rested")

_MOMENTS = ("window_start", "window_end", "into_bed", "lights_out", "final_wake", "out_of_bed")


@dataclass(frozen=True, kw_only=True)
class NightRecord:
    """One logged night. Instants are aware datetimes (UTC preferred); durations float minutes."""

    date: date  # the night's date D: the night runs from noon of D to noon of D+1
    window_start: datetime  # noon of D in the profile's zone
    window_end: datetime  # noon of D+1: 23 h or 25 h later on a DST night
    into_bed: datetime | None = None
    lights_out: datetime | None = None
    final_wake: datetime | None = None
    out_of_bed: datetime | None = None
    sleep_onset: datetime | None = None  # lights out + SOL
    tst: float | None = None  # total sleep time, minutes
    se: float | None = None  # sleep efficiency, percent
    sol: float | None = None  # sleep onset latency, minutes
    waso: float | None = None  # wake after sleep onset, minutes
    tib: float | None = None  # time in bed, minutes
    quality: int | None = None  # 1–5
    rested: int | None = None  # 1–5
    awakenings: int | None = None  # not counting the final one; marked on the sleep log
    nap_minutes: int | None = None
    tags: frozenset[str] = field(default_factory=frozenset)  # disturbances
    intake: frozenset[str] = field(default_factory=frozenset)  # intake item names
    routine_complete: bool | None = None  # None: no routine ran that night
    zone_name: str  # IANA zone of the profile, e.g. "Europe/Berlin"

    def __post_init__(self) -> None:
        # A naive datetime would be read as server-local time and give a wrong number silently.
        for name in (*_MOMENTS, "sleep_onset"):
            moment = getattr(self, name)
            if moment is not None and (moment.tzinfo is None or moment.utcoffset() is None):
                raise ValueError(f"{name} must be timezone-aware, got naive {moment!r}")

    @property
    def window_minutes(self) -> float:
        """Real length of the night's window: 1440, or 1380 / 1500 on a DST night."""
        return minutes_between(self.window_start, self.window_end)

    @property
    def sleep_period(self) -> float | None:
        """Final wake − sleep onset in minutes; None when either is blank or they contradict."""
        if self.sleep_onset is None or self.final_wake is None:
            return None
        period = minutes_between(self.sleep_onset, self.final_wake)
        return period if period >= 0 else None

    @property
    def mid_sleep(self) -> datetime | None:
        """Halfway between sleep onset and final wake in real elapsed time, in UTC."""
        period = self.sleep_period
        if period is None:
            return None
        assert self.sleep_onset is not None
        return self.sleep_onset.astimezone(UTC) + timedelta(minutes=period / 2)


def minutes_between(start: datetime, end: datetime) -> float:
    """Elapsed minutes from `start` to `end`, subtracted in UTC (right across DST changes)."""
    return (end.astimezone(UTC) - start.astimezone(UTC)).total_seconds() / 60


@cache
def zone(zone_name: str) -> ZoneInfo:
    """The ZoneInfo for an IANA name (cached: insights look the same zone up for every night)."""
    return ZoneInfo(zone_name)


def clock_minutes(moment: datetime, zone_name: str) -> float:
    """Minutes after local midnight that the clock in `zone_name` shows at `moment`, in [0, 1440).

    On a DST night this is what the wall clock shows: 03:30 CEST is 210 whatever happened at 02:00.
    """
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"moment must be timezone-aware, got naive {moment!r}")
    local = moment.astimezone(zone(zone_name))
    return local.hour * 60 + local.minute + (local.second + local.microsecond / 1e6) / 60
