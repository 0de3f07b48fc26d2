"""The weekday pattern, and this week against the week before in plain words."""

import re
from datetime import date, timedelta

import pytest
from hypothesis import given, settings

from insights.records import NightRecord
from insights.trends import WeekdayRow, WeekFigures, week_over_week, weekday_pattern
from tests.insights_nights import nights, scored

MONDAY = date(2026, 1, 5)


# --- Weekday pattern ----------------------------------------------------------------------------


def test_weekday_pattern_by_hand() -> None:
    range_ = [
        scored(MONDAY, tst=400.0, sol=10.0, quality=3),
        scored(MONDAY + timedelta(days=7), tst=420.0, se=90.0, sol=None, quality=4),
        scored(MONDAY + timedelta(days=4), tst=480.0, se=95.0, sol=5.0),  # Friday's night
    ]
    rows = weekday_pattern(range_)
    assert [row.name for row in rows] == [
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"
    ]  # fmt: skip
    assert rows[0] == WeekdayRow(
        weekday=0, name="Monday", n=2, mean_tst=410, mean_se=90, mean_sol=10, mean_quality=3.5
    )
    assert rows[4] == WeekdayRow(
        weekday=4, name="Friday", n=1, mean_tst=480, mean_se=95, mean_sol=5, mean_quality=None
    )
    assert rows[1] == WeekdayRow(1, "Tuesday", 0, None, None, None, None)


def test_the_night_of_saturday_into_sunday_is_saturday() -> None:
    rows = weekday_pattern([scored(date(2026, 1, 10), tst=500.0)])
    assert rows[5].n == 1 and rows[6].n == 0


def test_weekday_pattern_of_no_nights_has_seven_empty_rows() -> None:
    rows = weekday_pattern([])
    assert len(rows) == 7 and all(row.n == 0 and row.mean_tst is None for row in rows)


@settings(max_examples=100, deadline=None)
@given(range_=nights())
def test_weekday_pattern_of_any_range(range_: list[NightRecord]) -> None:
    rows = weekday_pattern(range_)
    assert sum(row.n for row in rows) == len(range_)
    for row in rows:
        assert (row.mean_tst is None) or row.n > 0


# --- This week against the week before ----------------------------------------------------------

TODAY = date(2026, 1, 14)  # this week: the nights of 8–14 January; the week before: 1–7


def _fortnight(this_week: int = 6) -> list[NightRecord]:
    before = [scored(date(2026, 1, day), tst=400.0, se=85.0, sol=20.0, quality=3)
              for day in range(1, 8)]  # fmt: skip
    now = [scored(date(2026, 1, day), tst=425.0, se=88.0, sol=15.0, quality=4)
           for day in range(15 - this_week, 15)]  # fmt: skip
    return before + now


def test_headline_figures() -> None:
    headline = week_over_week(_fortnight(), TODAY)
    assert headline is not None
    assert headline.this_week == WeekFigures(
        first=date(2026, 1, 8),
        last=TODAY,
        n=6,
        mean_tst=425,
        mean_se=88,
        mean_sol=15,
        mean_quality=4,
    )
    assert headline.week_before.first == date(2026, 1, 1)
    assert headline.week_before.n == 7
    assert headline.tst_change == 25
    assert headline.se_change == 3
    assert headline.sol_change == -5
    assert headline.quality_change == 1


def test_headline_in_words() -> None:
    headline = week_over_week(_fortnight(), TODAY)
    assert headline is not None
    assert headline.sentences() == [
        "You slept 25 min longer on average than the week before, on 6 of 7 nights logged.",
        "Sleep efficiency was 3 points higher than the week before.",
        "You fell asleep 5 min faster on average than the week before.",
        "You rated your sleep quality 1 higher on average than the week before "
        "(on a scale of 1 to 5).",
    ]


def test_headline_in_words_the_other_way() -> None:
    range_ = [scored(date(2026, 1, 1), tst=500.0, se=90.0, sol=10.0, quality=4),
              scored(date(2026, 1, 9), tst=415.0, se=89.0, sol=72.0, quality=3)]  # fmt: skip
    headline = week_over_week(range_, TODAY)
    assert headline is not None
    assert headline.sentences() == [
        "You slept 1 h 25 min less on average than the week before, on 1 of 7 nights logged.",
        "Sleep efficiency was 1 point lower than the week before.",
        "You fell asleep 1 h 2 min slower on average than the week before.",
        "You rated your sleep quality 1 lower on average than the week before "
        "(on a scale of 1 to 5).",
    ]


def test_headline_when_nothing_changed() -> None:
    range_ = [scored(date(2026, 1, 1), tst=420.0, se=90.0, sol=10.0, quality=4),
              scored(date(2026, 1, 14), tst=420.2, se=90.3, sol=10.4, quality=4)]  # fmt: skip
    headline = week_over_week(range_, TODAY)
    assert headline is not None
    assert headline.sentences() == [
        "You slept about as long on average as the week before, on 1 of 7 nights logged.",
        "Sleep efficiency was about the same as the week before.",
        "You took about as long to fall asleep on average as the week before.",
        "You rated your sleep quality about the same as the week before.",
    ]


def test_headline_leaves_out_figures_blank_in_either_week() -> None:
    range_ = [scored(date(2026, 1, 1), tst=420.0, quality=4),
              scored(date(2026, 1, 2), se=80.0),
              scored(date(2026, 1, 13), se=85.0, quality=None)]  # fmt: skip
    headline = week_over_week(range_, TODAY)
    assert headline is not None
    assert headline.tst_change is None and headline.quality_change is None
    assert headline.sentences() == [
        "This week has 1 of 7 nights logged.",
        "Sleep efficiency was 5 points higher than the week before.",
    ]


def test_a_quality_change_is_shown_to_one_decimal() -> None:
    range_ = [scored(date(2026, 1, day), quality=3) for day in (1, 2, 3)]
    range_ += [scored(date(2026, 1, day), quality=q) for day, q in ((8, 4), (9, 3), (10, 3))]
    headline = week_over_week(range_, TODAY)
    assert headline is not None
    assert headline.sentences()[-1].startswith("You rated your sleep quality 0.3 higher")


@pytest.mark.parametrize(
    "range_",
    [
        pytest.param([], id="no nights"),
        pytest.param([scored(date(2026, 1, 10), tst=400.0)], id="only this week"),
        pytest.param([scored(date(2026, 1, 3), tst=400.0)], id="only the week before"),
        pytest.param(
            [scored(date(2025, 12, 31), tst=400.0), scored(date(2026, 1, 15), tst=400.0)],
            id="outside both weeks",
        ),
    ],
)
def test_no_headline_without_both_weeks(range_: list[NightRecord]) -> None:
    assert week_over_week(range_, TODAY) is None


@settings(max_examples=150, deadline=None)
@given(range_=nights())
def test_headline_of_any_range_describes_and_never_advises(range_: list[NightRecord]) -> None:
    if not range_:
        assert week_over_week(range_, TODAY) is None
        return
    today = range_[-1].date
    headline = week_over_week(range_, today)
    if headline is None:
        return
    assert 1 <= headline.this_week.n <= 7 and 1 <= headline.week_before.n <= 7
    for sentence in headline.sentences():
        assert sentence.endswith(".")
        assert not re.search(r"\b(should|try|caused|helps|0 min)\b", sentence.lower())
