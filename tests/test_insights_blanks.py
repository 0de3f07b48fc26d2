"""Across every insight: no nights, one night, blank nights, DST nights never crash, and a blank
is missing data, never a zero.

The strongest form of "never count a blank as zero": adding a night on which nothing was filled
in changes no figure, only the count of nights logged.
"""

from datetime import date, time, timedelta
from typing import Any

import pytest
from hypothesis import given, settings

from insights.comparisons import routine_groups, tag_comparisons
from insights.records import NightRecord
from insights.regularity import clock_time_variability, sleep_regularity_index, social_jet_lag
from insights.stats import night_summaries
from insights.trends import week_over_week, weekday_pattern
from insights.worksheet import sleep_window, sleep_window_history
from tests.insights_nights import FALL_BACK, SPRING_FORWARD, night, nights, scored

WEEKDAYS = frozenset(range(5))
WAKE = time(7, 0)


def figures(range_: list[NightRecord], today: date) -> dict[str, Any]:
    """Every figure the insights page shows, for one range."""
    return {
        "summaries": night_summaries(range_),
        "sri": sleep_regularity_index(range_),
        "clock": clock_time_variability(range_),
        "jet_lag": social_jet_lag(range_, WEEKDAYS),
        "weekdays": weekday_pattern(range_),
        "headline": week_over_week(range_, today),
        "tags": tag_comparisons(range_),
        "routine": routine_groups(range_),
        "window": sleep_window(range_, WAKE),
        "history": sleep_window_history(range_, WAKE),
    }


def _without_night_counts(found: dict[str, Any]) -> dict[str, Any]:
    """The figures with the counts of nights logged left out (a blank night is still logged)."""
    found = dict(found)
    found["weekdays"] = [(row.mean_tst, row.mean_se, row.mean_sol, row.mean_quality)
                         for row in found["weekdays"]]  # fmt: skip
    found["tags"] = [(row.kind, row.name, row.outcomes) for row in found["tags"]]
    # A blank night can make a week exist, but it changes nothing within it.
    headline = found.pop("headline")
    found["headline_changes"] = (None, None, None, None) if headline is None else (
        headline.tst_change, headline.se_change, headline.sol_change, headline.quality_change
    )  # fmt: skip
    return found


def test_no_nights_no_figures() -> None:
    found = figures([], date(2026, 1, 14))
    assert all(summary.n == 0 and summary.mean is None for summary in found["summaries"].values())
    assert found["sri"] is None and found["jet_lag"] is None and found["headline"] is None
    assert found["clock"].mid_sleep.n == 0 and found["clock"].mid_sleep.mean is None
    assert all(row.n == 0 for row in found["weekdays"])
    assert found["tags"] == []
    assert found["routine"].complete.n == found["routine"].incomplete.n == 0
    assert found["window"] is None and found["history"] == []


def test_one_night() -> None:
    one = night(date(2026, 1, 13), "23:00", "06:30", into_bed="22:45", out_of_bed="06:50",
                sol=20, waso=25, quality=4, tags=["noise"], routine_complete=True)  # fmt: skip
    found = figures([one], date(2026, 1, 14))
    assert found["summaries"]["tst"].n == 1 and found["summaries"]["tst"].mean == 405
    assert found["summaries"]["tst"].sd is None
    assert found["sri"] is None  # no pair
    assert found["clock"].sleep_onset.mean == pytest.approx(23 * 60 + 20)
    assert found["clock"].sleep_onset.sd is None
    assert found["jet_lag"] is None  # only a night before a work day
    assert found["headline"] is None  # nothing the week before
    assert found["tags"][0].outcomes["tst"] is None
    assert found["routine"].complete.mean_tst == 405 and not found["routine"].enough
    assert found["window"] is not None and found["window"].start == time(0, 15)  # 07:00 − 6 h 45
    assert len(found["history"]) == 1


@pytest.mark.parametrize("first", [SPRING_FORWARD, FALL_BACK])
def test_a_fortnight_around_a_clock_change(first: date) -> None:
    range_ = [night(first + timedelta(days=i), "23:30" if i % 2 else "23:00", "07:00",
                    quality=3 + i % 2, tags=["noise"] if i % 3 else [], routine_complete=i % 2 == 0)
              for i in range(-7, 7)]  # fmt: skip
    found = figures(range_, first + timedelta(days=6))
    tst = found["summaries"]["tst"]
    assert tst.n == 14
    # The DST night is an hour shorter or longer than the rest, in real minutes.
    dst_tst = next(record.tst for record in range_ if record.date == first)
    assert dst_tst == (420 if first == SPRING_FORWARD else 540)
    assert found["sri"] is not None and 80 < found["sri"] < 100
    assert found["clock"].final_wake.mean == pytest.approx(7 * 60)  # 07:00 on the clock
    assert found["clock"].final_wake.sd == 0
    assert found["headline"] is not None
    assert found["routine"].enough


@settings(max_examples=100, deadline=None)
@given(range_=nights())
def test_a_blank_night_changes_no_figure(range_: list[NightRecord]) -> None:
    taken = {record.date for record in range_}
    first = range_[0].date if range_ else date(2026, 3, 20)
    zone = range_[0].zone_name if range_ else "UTC"
    free = next(
        first + timedelta(days=i) for i in range(60) if first + timedelta(days=i) not in taken
    )
    blank = scored(free, zone=zone)
    today = free + timedelta(days=3)
    before = figures(range_, today)
    after = figures([*range_, blank], today)
    assert _without_night_counts(after) == _without_night_counts(before)


@settings(max_examples=100, deadline=None)
@given(range_=nights())
def test_blank_fields_never_count_as_zero(range_: list[NightRecord]) -> None:
    summaries = night_summaries(range_)
    for name, summary in summaries.items():
        given_ = [getattr(record, name) for record in range_ if getattr(record, name) is not None]
        assert summary.n == len(given_)
        if given_:
            # A blank counted as zero would drag the mean below the smallest value given.
            assert summary.mean is not None and summary.mean >= min(given_) - 1e-9
