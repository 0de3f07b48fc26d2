"""Nights with something vs without: Welch intervals, tags and intake, the routine.

Below five nights in a group there is no comparison at all ("not enough nights yet").
"""

import math
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from insights.comparisons import (
    MIN_NIGHTS,
    Comparison,
    RoutineGroup,
    compare_groups,
    routine_groups,
    t_quantile_975,
    tag_comparisons,
)
from insights.records import NightRecord
from tests.insights_nights import nights, scored

JAN_1 = date(2026, 1, 1)


def on(i: int) -> date:
    return JAN_1 + timedelta(days=i)


# --- The t quantile -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("df", "quantile"),
    [(1, 12.706), (2, 4.303), (5, 2.571), (10, 2.228), (30, 2.042), (60, 2.000), (100, 1.984),
     (1000, 1.962)],
)  # fmt: skip
def test_t_quantiles_match_the_tables(df: float, quantile: float) -> None:
    assert t_quantile_975(df) == pytest.approx(quantile, abs=0.001)


def test_fractional_degrees_of_freedom_fall_between_the_rows() -> None:
    assert t_quantile_975(5) > t_quantile_975(5.5) > t_quantile_975(6)
    assert t_quantile_975(5.5) == pytest.approx(2.5019, abs=0.003)  # exact value
    assert t_quantile_975(45.0) == pytest.approx(2.0141, abs=0.003)


def test_the_quantile_never_falls_below_the_normal_one() -> None:
    assert t_quantile_975(1e12) == pytest.approx(1.96, abs=1e-4)
    assert t_quantile_975(0.3) == t_quantile_975(1)


@given(df=st.floats(min_value=1, max_value=1e6))
def test_the_quantile_shrinks_as_the_degrees_of_freedom_grow(df: float) -> None:
    assert t_quantile_975(df) >= t_quantile_975(df * 1.5) >= 1.959


# --- compare_groups -----------------------------------------------------------------------------


def test_welch_interval_by_hand() -> None:
    # Means 3 and 6, variances 2.5 and 10: SE² = 2.5/5 + 10/5 = 2.5,
    # df = 2.5² / (0.5²/4 + 2²/4) = 6.25 / 1.0625 ≈ 5.88, t ≈ 2.4585.
    comparison = compare_groups([1, 2, 3, 4, 5], [2, 4, 6, 8, 10])
    assert comparison is not None
    assert (comparison.n_with, comparison.n_without) == (5, 5)
    assert (comparison.mean_with, comparison.mean_without) == (3, 6)
    assert comparison.difference == -3
    margin = t_quantile_975(6.25 / 1.0625) * math.sqrt(2.5)
    assert comparison.low == pytest.approx(-3 - margin)
    assert comparison.high == pytest.approx(-3 + margin)
    assert margin == pytest.approx(2.4585 * math.sqrt(2.5), abs=0.005)


def test_groups_without_spread_have_no_interval_width() -> None:
    assert compare_groups([5] * 5, [3] * 6) == Comparison(
        n_with=5, n_without=6, mean_with=5, mean_without=3, difference=2, low=2, high=2
    )


def test_blanks_are_not_nights_of_a_group() -> None:
    assert compare_groups([1, 2, 3, 4, None, None], [1, 2, 3, 4, 5]) is None
    comparison = compare_groups([0, 0, 0, 0, 0, None], [1, 2, 3, 4, 5])
    assert comparison is not None
    assert comparison.n_with == 5 and comparison.mean_with == 0  # zeros are values


@pytest.mark.parametrize(("with_n", "without_n"), [(4, 30), (30, 4), (0, 0), (5, 0)])
def test_too_few_nights_in_a_group_means_no_comparison(with_n: int, without_n: int) -> None:
    assert compare_groups(range(with_n), range(without_n)) is None


def test_the_minimum_is_five_nights() -> None:
    assert MIN_NIGHTS == 5
    assert compare_groups(range(5), range(5)) is not None


groups = st.lists(
    st.one_of(st.none(), st.floats(min_value=0, max_value=1000, allow_nan=False)), max_size=30
)


@given(with_values=groups, without_values=groups)
def test_the_interval_contains_the_difference(
    with_values: list[float | None], without_values: list[float | None]
) -> None:
    comparison = compare_groups(with_values, without_values)
    n_with = sum(value is not None for value in with_values)
    n_without = sum(value is not None for value in without_values)
    if min(n_with, n_without) < MIN_NIGHTS:
        assert comparison is None
        return
    assert comparison is not None
    assert (comparison.n_with, comparison.n_without) == (n_with, n_without)
    assert comparison.low <= comparison.difference <= comparison.high
    assert comparison.difference == pytest.approx(comparison.mean_with - comparison.mean_without)
    swapped = compare_groups(without_values, with_values)
    assert swapped is not None
    assert swapped.low == pytest.approx(-comparison.high)
    assert swapped.high == pytest.approx(-comparison.low)


# --- Tags and intake ----------------------------------------------------------------------------


def _fortnight() -> list[NightRecord]:
    # Noise on nights 0–5 (TST 360–410), none on nights 6–13 (TST 420–490); coffee on 3 nights.
    range_ = []
    for i in range(14):
        noisy = i < 6
        range_.append(
            scored(
                on(i),
                tst=360 + 10 * i,
                se=80.0 if noisy else 90.0,
                sol=None if i == 0 else 20.0,
                quality=3,
                tags=frozenset({"noise"} if noisy else set()),
                intake=frozenset({"coffee"} if i in (1, 7, 8) else set()),
            )
        )
    return range_


def test_each_tag_and_intake_item_is_compared() -> None:
    found = tag_comparisons(_fortnight())
    assert [(row.kind, row.name) for row in found] == [
        ("disturbance", "noise"),
        ("intake", "coffee"),
    ]
    noise = found[0]
    assert (noise.n_with, noise.n_without) == (6, 8)
    tst = noise.outcomes["tst"]
    assert tst is not None
    assert tst.mean_with == 385 and tst.mean_without == 455 and tst.difference == -70
    assert tst.low < -70 < tst.high
    se = noise.outcomes["se"]
    assert se is not None and se.difference == -10 and se.low == se.high == -10
    # The first noisy night has no SOL: 5 noisy nights with one, still enough.
    sol = noise.outcomes["sol"]
    assert sol is not None and (sol.n_with, sol.n_without) == (5, 8)
    assert set(noise.outcomes) == {"tst", "se", "sol", "quality"}


def test_an_item_on_too_few_nights_is_listed_without_comparisons() -> None:
    coffee = tag_comparisons(_fortnight())[1]
    assert (coffee.n_with, coffee.n_without) == (3, 11)
    assert coffee.outcomes == {"tst": None, "se": None, "sol": None, "quality": None}


def test_outcomes_can_be_chosen() -> None:
    noise = tag_comparisons(_fortnight(), outcome_names=("waso",))[0]
    assert noise.outcomes == {"waso": None}  # no night has a WASO


def test_an_unknown_outcome_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown outcome 'mood'"):
        tag_comparisons(_fortnight(), outcome_names=("mood",))


def test_no_tags_no_comparisons() -> None:
    assert tag_comparisons([]) == []
    assert tag_comparisons([scored(on(i), tst=400) for i in range(10)]) == []


@settings(max_examples=150, deadline=None)
@given(range_=nights())
def test_tag_comparisons_of_any_range(range_: list[NightRecord]) -> None:
    seen = set().union(*(record.tags for record in range_))
    found = tag_comparisons(range_)
    assert {row.name for row in found if row.kind == "disturbance"} == seen
    for row in found:
        assert row.n_with + row.n_without == len(range_)
        for comparison in row.outcomes.values():
            if comparison is not None:
                assert MIN_NIGHTS <= comparison.n_with <= row.n_with
                assert MIN_NIGHTS <= comparison.n_without <= row.n_without
                assert comparison.low <= comparison.difference <= comparison.high


# --- Routine groups -----------------------------------------------------------------------------


def test_routine_groups_by_hand() -> None:
    range_ = [scored(on(i), se=90.0, sol=10.0, tst=420.0, quality=4, routine_complete=True)
              for i in range(5)]  # fmt: skip
    range_ += [
        scored(on(5), se=80.0, sol=30.0, tst=380.0, quality=2, routine_complete=False),
        scored(on(6), se=70.0, sol=None, tst=None, quality=None, routine_complete=False),
        scored(on(7), se=10.0, sol=500.0, tst=1.0, quality=1, routine_complete=None),  # no routine
    ]
    groups = routine_groups(range_)
    assert groups.complete == RoutineGroup(
        n=5, mean_se=90, mean_sol=10, mean_tst=420, mean_quality=4
    )
    assert groups.incomplete == RoutineGroup(
        n=2, mean_se=75, mean_sol=30, mean_tst=380, mean_quality=2
    )
    assert groups.complete.enough and not groups.incomplete.enough
    assert not groups.enough


def test_no_routine_nights() -> None:
    groups = routine_groups([scored(on(0), tst=400)])
    assert groups.complete == RoutineGroup(0, None, None, None, None)
    assert groups.incomplete == RoutineGroup(0, None, None, None, None)
    assert not groups.enough


def test_enough_nights_in_both_groups() -> None:
    range_ = [scored(on(i), routine_complete=i % 2 == 0) for i in range(10)]
    groups = routine_groups(range_)
    assert (groups.complete.n, groups.incomplete.n) == (5, 5)
    assert groups.enough
    assert groups.complete.mean_tst is None  # nothing but the routine was logged


@settings(max_examples=100, deadline=None)
@given(range_=nights())
def test_routine_groups_of_any_range(range_: list[NightRecord]) -> None:
    groups = routine_groups(range_)
    assert groups.complete.n == sum(record.routine_complete is True for record in range_)
    assert groups.incomplete.n == sum(record.routine_complete is False for record in range_)
    for group in (groups.complete, groups.incomplete):
        assert (group.mean_quality is None) or 1 <= group.mean_quality <= 5
