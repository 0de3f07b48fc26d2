"""Nights with something vs nights without: tags, intake items and the routine.

For each group the count of nights and the mean of an outcome; for tags and intake also the
difference with a 95 % Welch t interval (docs/sleep-metrics.md). Below `MIN_NIGHTS` values in a
group there is no comparison: a plain "not enough nights yet" beats a confident-looking number.

These figures describe what went together, never a cause: wording built on them says "went
together with", never "caused" or "helps".

Pure stdlib: no Django here.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from insights.records import OUTCOMES, NightRecord
from insights.stats import mean, present, sample_sd

# Fewest values in each group before a comparison is shown.
MIN_NIGHTS = 5

# The 0.975 quantile of Student's t (for a two-sided 95 % interval), by degrees of freedom:
# every df from 1 to 30, then the rows printed tables add before the normal limit.
_T_975 = {
    1: 12.7062, 2: 4.3027, 3: 3.1824, 4: 2.7764, 5: 2.5706, 6: 2.4469, 7: 2.3646, 8: 2.3060,
    9: 2.2622, 10: 2.2281, 11: 2.2010, 12: 2.1788, 13: 2.1604, 14: 2.1448, 15: 2.1314,
    16: 2.1199, 17: 2.1098, 18: 2.1009, 19: 2.0930, 20: 2.0860, 21: 2.0796, 22: 2.0739,
    23: 2.0687, 24: 2.0639, 25: 2.0595, 26: 2.0555, 27: 2.0518, 28: 2.0484, 29: 2.0452,
    30: 2.0423, 40: 2.0211, 60: 2.0003, 120: 1.9799,
}  # fmt: skip
_T_ROWS = sorted(_T_975)
_Z_975 = 1.959964  # the normal quantile: t's limit as the degrees of freedom grow


def t_quantile_975(df: float) -> float:
    """The 0.975 quantile of Student's t with `df` (possibly fractional) degrees of freedom.

    From a table (df 1–30, 40, 60, 120), interpolated linearly in 1/df, in which the quantile is
    nearly linear: between two rows, and beyond df 120 towards the normal 1.96 at 1/df = 0.
    Within 0.004 of the exact quantile for df ≥ 4 and within 0.001 from df 7 on, always on the
    wide side. A Welch interval here never has df below 4, since each group has at least 5
    values; between df 1 and 4 it is coarser, and below 1 it answers for df 1.
    """
    if math.isnan(df):
        raise ValueError("degrees of freedom must be a number")
    df = max(df, 1.0)
    if df >= _T_ROWS[-1]:
        last = _T_ROWS[-1]
        return _Z_975 + (_T_975[last] - _Z_975) * last / df
    high = _T_ROWS[bisect.bisect_left(_T_ROWS, df)]
    if high == df:
        return _T_975[high]
    low = _T_ROWS[bisect.bisect_left(_T_ROWS, df) - 1]
    share = (1 / low - 1 / df) / (1 / low - 1 / high)
    return _T_975[low] + (_T_975[high] - _T_975[low]) * share


@dataclass(frozen=True)
class Comparison:
    """Mean outcome with vs without, and a 95 % interval for the difference (with − without)."""

    n_with: int
    n_without: int
    mean_with: float
    mean_without: float
    difference: float
    low: float
    high: float


def compare_groups(
    with_values: Iterable[float | None], without_values: Iterable[float | None]
) -> Comparison | None:
    """The difference of two group means with Welch's t 95 % interval.

    Blanks (None) are left out of both groups. None when either group has fewer than
    `MIN_NIGHTS` values. When both groups have no spread at all the interval is the difference.
    """
    with_given, without_given = present(with_values), present(without_values)
    n_with, n_without = len(with_given), len(without_given)
    if n_with < MIN_NIGHTS or n_without < MIN_NIGHTS:
        return None
    mean_with = math.fsum(with_given) / n_with
    mean_without = math.fsum(without_given) / n_without
    difference = mean_with - mean_without
    share_with = sample_sd(with_given) ** 2 / n_with
    share_without = sample_sd(without_given) ** 2 / n_without
    standard_error = math.sqrt(share_with + share_without)
    margin = 0.0
    if standard_error > 0:
        # Welch–Satterthwaite degrees of freedom.
        df = (share_with + share_without) ** 2 / (
            share_with**2 / (n_with - 1) + share_without**2 / (n_without - 1)
        )
        margin = t_quantile_975(df) * standard_error
    return Comparison(
        n_with=n_with,
        n_without=n_without,
        mean_with=mean_with,
        mean_without=mean_without,
        difference=difference,
        low=difference - margin,
        high=difference + margin,
    )


# --- Tags and intake ----------------------------------------------------------------------------


@dataclass(frozen=True)
class TagComparison:
    """One disturbance or intake item: nights with it vs the range's other logged nights."""

    kind: str  # "disturbance" or "intake"
    name: str
    n_with: int  # nights with it (whatever their outcomes)
    n_without: int
    outcomes: dict[str, Comparison | None]  # by outcome name; None: not enough nights


def tag_comparisons(
    nights: Iterable[NightRecord], outcome_names: Sequence[str] = ("tst", "se", "sol", "quality")
) -> list[TagComparison]:
    """For each tag and each intake item seen in `nights`, each outcome with it vs without it.

    Disturbances first, then intake, each sorted by name. Each outcome's groups leave out the
    nights where that outcome is blank, so the counts in a Comparison can be below n_with.
    """
    nights = list(nights)
    for name in outcome_names:
        if name not in OUTCOMES:
            raise ValueError(f"unknown outcome {name!r}; expected one of {OUTCOMES}")
    values = {name: [getattr(night, name) for night in nights] for name in outcome_names}
    result = []
    for kind, attribute in (("disturbance", "tags"), ("intake", "intake")):
        labels = [getattr(night, attribute) for night in nights]
        for name in sorted(set().union(*labels)):
            # One pass over the nights per label, splitting every outcome's column at once.
            has = [name in night_labels for night_labels in labels]
            outcomes = {}
            for outcome, column in values.items():
                with_it, without_it = [], []
                for value, present_ in zip(column, has, strict=True):
                    if value is not None:
                        (with_it if present_ else without_it).append(value)
                outcomes[outcome] = compare_groups(with_it, without_it)
            n_with = sum(has)
            result.append(
                TagComparison(
                    kind=kind,
                    name=name,
                    n_with=n_with,
                    n_without=len(nights) - n_with,
                    outcomes=outcomes,
                )
            )
    return result


# --- Routine adherence and sleep ----------------------------------------------------------------


@dataclass(frozen=True)
class RoutineGroup:
    """Nights in one routine group, and the mean of each outcome over them."""

    n: int
    mean_se: float | None
    mean_sol: float | None
    mean_tst: float | None
    mean_quality: float | None

    @property
    def enough(self) -> bool:
        """Whether there are at least MIN_NIGHTS nights to say anything about this group."""
        return self.n >= MIN_NIGHTS


@dataclass(frozen=True)
class RoutineGroups:
    complete: RoutineGroup  # nights with every non-skipped step done
    incomplete: RoutineGroup  # nights a routine ran and was not complete

    @property
    def enough(self) -> bool:
        """Both groups have at least MIN_NIGHTS nights."""
        return self.complete.enough and self.incomplete.enough


def _routine_group(nights: list[NightRecord]) -> RoutineGroup:
    return RoutineGroup(
        n=len(nights),
        mean_se=mean(night.se for night in nights),
        mean_sol=mean(night.sol for night in nights),
        mean_tst=mean(night.tst for night in nights),
        mean_quality=mean(night.quality for night in nights),
    )


def routine_groups(nights: Iterable[NightRecord]) -> RoutineGroups:
    """Nights with the routine complete vs not; nights with no routine are in neither group."""
    groups: dict[bool, list[NightRecord]] = {True: [], False: []}
    for night in nights:
        if night.routine_complete is not None:
            groups[night.routine_complete].append(night)
    return RoutineGroups(
        complete=_routine_group(groups[True]), incomplete=_routine_group(groups[False])
    )
