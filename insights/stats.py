"""Summaries of many nights: mean, median and spread, circular statistics of clock times, and the
rolling mean of a trend line.

Missing values (None) are left out, never counted as zero: a night without a TST says nothing
about sleep time, and a mean over the nights that do say something is the honest figure. Every
result carries how many values it stands on.

Nothing is rounded here; display code rounds. Pure stdlib: no Django here.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from insights.records import MINUTES_PER_DAY, OUTCOMES, NightRecord

# Below this resultant length the clock times point every way at once: there is no mean
# direction, and the circular SD (which grows without bound as R → 0) is capped here.
_R_FLOOR = 1e-9
# Within this of R = 1 the times are the same; the spread this hides is under 0.001 minutes.
_R_SNAP = 1e-12


@dataclass(frozen=True)
class Summary:
    """n values (blanks left out) and their mean, median and sample SD."""

    n: int
    mean: float | None  # None when n == 0
    median: float | None  # None when n == 0
    sd: float | None  # sample SD (n − 1); None when n < 2


def present(values: Iterable[float | None]) -> list[float]:
    """The values that were given, in order; None is missing, 0 is a value."""
    return [float(value) for value in values if value is not None]


def mean(values: Iterable[float | None]) -> float | None:
    """Mean of the non-None values, or None when there are none."""
    given = present(values)
    return math.fsum(given) / len(given) if given else None


def summarize(values: Iterable[float | None]) -> Summary:
    """Count, mean, median and sample SD of the non-None values."""
    given = present(values)
    n = len(given)
    if n == 0:
        return Summary(n=0, mean=None, median=None, sd=None)
    return Summary(
        n=n,
        mean=math.fsum(given) / n,
        median=statistics.median(given),
        sd=sample_sd(given),
    )


def sample_sd(values: Sequence[float]) -> float | None:
    """Sample SD (n − 1) in floats, two-pass with fsum: as accurate as the data for diary
    figures, and many times faster than statistics.stdev's exact fractions."""
    n = len(values)
    if n < 2:
        return None
    centre = math.fsum(values) / n
    deviations = [value - centre for value in values]
    return math.sqrt(math.fsum([d * d for d in deviations]) / (n - 1))


def night_summaries(
    nights: Iterable[NightRecord], names: Sequence[str] = OUTCOMES
) -> dict[str, Summary]:
    """A Summary of each named per-night number (TST, SE, SOL, WASO, TIB, quality, rested)."""
    nights = list(nights)
    for name in names:
        if name not in OUTCOMES:
            raise ValueError(f"unknown outcome {name!r}; expected one of {OUTCOMES}")
    return {name: summarize(getattr(night, name) for night in nights) for name in names}


def circular_mean_and_sd(
    minutes_after_midnight: Iterable[float],
) -> tuple[float | None, float | None]:
    """Circular mean (minutes after midnight, in [0, 1440)) and circular SD (minutes) of times.

    θ = 2π·t/1440; R = |mean of e^{iθ}|; SD = √(−2 ln R) × 1440 / (2π), so 23:50 and 00:10 average
    to 00:00 with a small spread instead of to noon with a huge one.

    (None, None) for no times; the SD is None for a single time (one night has no spread, as in
    `summarize`). When the times cancel out (R ≈ 0) there is no mean direction and the mean is
    None; the SD is then capped at its value for R = 1e-9 rather than infinite. An R within 1e-12
    of 1 is read as 1, so identical times have an SD of exactly 0, never rounding noise.
    """
    n = 0
    sum_cos = sum_sin = 0.0
    for minutes in minutes_after_midnight:
        angle = 2 * math.pi * minutes / MINUTES_PER_DAY
        sum_cos += math.cos(angle)
        sum_sin += math.sin(angle)
        n += 1
    if n == 0:
        return None, None
    resultant = math.hypot(sum_cos, sum_sin) / n
    if resultant > 1 - _R_SNAP:
        # Identical times give R = 1 up to rounding, and the square root magnifies that rounding
        # into a spread of 10⁻⁵ minutes (or the root of a negative number): call it exactly 1.
        resultant = 1.0
    sd = None
    if n >= 2:
        sd = math.sqrt(-2 * math.log(max(resultant, _R_FLOOR))) * MINUTES_PER_DAY / (2 * math.pi)
    if resultant < _R_FLOOR:
        return None, sd
    mean_minutes = math.atan2(sum_sin, sum_cos) * MINUTES_PER_DAY / (2 * math.pi)
    mean_minutes %= MINUTES_PER_DAY
    # -1e-14 % 1440 is 1440.0 in floating point: keep the documented half-open range.
    return (0.0 if mean_minutes >= MINUTES_PER_DAY else mean_minutes), sd


def clock_difference(later: float, earlier: float) -> float:
    """`later` − `earlier` in clock minutes, the shortest way round: in (−720, 720]."""
    difference = (later - earlier) % MINUTES_PER_DAY
    return difference - MINUTES_PER_DAY if difference > MINUTES_PER_DAY / 2 else difference


def rolling_mean(values: Sequence[float | None], window: int = 7) -> list[float | None]:
    """For each position, the mean of the non-None values among the last `window` entries.

    Pass one entry per calendar night (None for a night not logged) so that "the last 7 entries"
    is "the last 7 nights". An entry is None when its window holds no value at all.
    """
    if window < 1:
        raise ValueError(f"window must be at least 1, got {window}")
    # Each slice is at most `window` long: linear in the number of nights.
    return [mean(values[max(0, end - window + 1) : end + 1]) for end in range(len(values))]
