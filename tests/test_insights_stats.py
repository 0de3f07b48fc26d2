"""Summaries of many nights: mean, median, SD, circular clock statistics and the rolling mean.

A blank is missing data, never zero: every figure says how many values it stands on.
"""

import dataclasses
import math
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from insights.records import NightRecord, clock_minutes
from insights.stats import (
    Summary,
    circular_mean_and_sd,
    clock_difference,
    night_summaries,
    rolling_mean,
    summarize,
)
from tests.insights_nights import BERLIN, FALL_BACK, SPRING_FORWARD, night, nights, scored

# --- summarize ----------------------------------------------------------------------------------


def test_summary_of_a_few_nights() -> None:
    summary = summarize([420, 390, None, 450, 400])
    assert summary.n == 4
    assert summary.mean == 415
    assert summary.median == 410
    # Sample SD: squared deviations 25 + 625 + 1225 + 225 = 2100, over n − 1 = 3.
    assert summary.sd == pytest.approx(math.sqrt(700))


def test_no_values_is_no_summary_rather_than_zeros() -> None:
    assert summarize([]) == Summary(n=0, mean=None, median=None, sd=None)
    assert summarize([None, None]) == Summary(n=0, mean=None, median=None, sd=None)


def test_one_value_has_no_spread() -> None:
    assert summarize([None, 7.5]) == Summary(n=1, mean=7.5, median=7.5, sd=None)


def test_zero_is_a_value_not_a_blank() -> None:
    assert summarize([0, 10]) == Summary(n=2, mean=5, median=5, sd=pytest.approx(math.sqrt(50)))


def test_summarize_takes_any_iterable() -> None:
    assert summarize(value for value in (1, 2, 3)).median == 2


def test_night_summaries_leave_blank_fields_out_field_by_field() -> None:
    range_ = [scored(date(2026, 1, 1), tst=400, quality=3), scored(date(2026, 1, 2), tst=440)]
    summaries = night_summaries(range_)
    assert summaries["tst"].n == 2 and summaries["tst"].mean == 420
    assert summaries["quality"] == Summary(n=1, mean=3, median=3, sd=None)
    assert summaries["waso"] == Summary(n=0, mean=None, median=None, sd=None)
    assert set(summaries) == {"tst", "se", "sol", "waso", "tib", "quality", "rested"}


def test_night_summaries_refuse_an_unknown_outcome() -> None:
    with pytest.raises(ValueError, match="unknown outcome 'zzz'"):
        night_summaries([], ["zzz"])


values_with_blanks = st.lists(
    st.one_of(st.none(), st.floats(min_value=0, max_value=1500, allow_nan=False)), max_size=40
)


@given(values=values_with_blanks, blanks=st.integers(0, 5))
def test_blanks_never_change_a_summary(values: list[float | None], blanks: int) -> None:
    assert summarize(values + [None] * blanks) == summarize(values)
    summary = summarize(values)
    given_ = [value for value in values if value is not None]
    assert summary.n == len(given_)
    if given_:
        assert summary.mean is not None and summary.median is not None
        assert min(given_) - 1e-9 <= summary.mean <= max(given_) + 1e-9
        assert min(given_) <= summary.median <= max(given_)
    if summary.sd is not None:
        assert summary.sd >= 0


# --- clock_minutes ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("moment", "zone", "minutes"),
    [
        (datetime(2026, 1, 2, 22, 45, tzinfo=UTC), "Europe/Berlin", 23 * 60 + 45),
        (datetime(2026, 1, 2, 23, 30, tzinfo=UTC), "Europe/Berlin", 30),
        (datetime(2026, 1, 3, 3, 0, tzinfo=UTC), "America/New_York", 22 * 60),
        (datetime(2026, 3, 29, 1, 30, tzinfo=UTC), "Europe/Berlin", 3 * 60 + 30),  # CEST
        (datetime(2026, 10, 25, 1, 30, tzinfo=UTC), "Europe/Berlin", 2 * 60 + 30),  # second 02:30
        (datetime(2026, 1, 2, 6, 0, 30, tzinfo=UTC), "UTC", 360.5),
    ],
)
def test_clock_minutes(moment: datetime, zone: str, minutes: float) -> None:
    assert clock_minutes(moment, zone) == minutes


def test_clock_minutes_refuses_a_naive_moment() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        clock_minutes(datetime(2026, 1, 2, 23, 0), "UTC")


def test_a_night_record_refuses_naive_moments() -> None:
    record = night(date(2026, 1, 2))
    with pytest.raises(ValueError, match="final_wake must be timezone-aware"):
        dataclasses.replace(record, final_wake=datetime(2026, 1, 3, 7, 0))


@pytest.mark.parametrize(
    ("day", "length"), [(date(2026, 1, 2), 1440), (SPRING_FORWARD, 1380), (FALL_BACK, 1500)]
)
def test_a_night_window_has_its_real_length(day: date, length: int) -> None:
    assert night(day).window_minutes == length


def test_sleep_period_and_mid_sleep_of_a_record() -> None:
    # Worked example 1 of the doc: onset 23:20, final wake 06:30 → mid-sleep 02:55.
    record = night(date(2026, 1, 2), "23:00", "06:30", into_bed="22:45", out_of_bed="06:50", sol=20)
    assert record.sleep_period == 430
    assert record.mid_sleep is not None
    assert clock_minutes(record.mid_sleep, BERLIN) == 2 * 60 + 55


def test_a_record_without_onset_or_wake_has_no_sleep_period() -> None:
    assert night(date(2026, 1, 2), None, "07:00").sleep_period is None
    assert night(date(2026, 1, 2), "23:00", None).mid_sleep is None
    assert night(date(2026, 1, 2), "23:00", "07:00", sol=None).sleep_period is None


# --- Circular mean and SD -----------------------------------------------------------------------


def test_ten_to_midnight_and_ten_past_average_to_midnight() -> None:
    mean, sd = circular_mean_and_sd([23 * 60 + 50, 10])
    assert mean is not None and sd is not None
    assert abs(clock_difference(mean, 0)) < 1e-9
    # Two times 20 minutes apart: R = cos(10 min as an angle), SD just over 10 minutes.
    resultant = math.cos(2 * math.pi * 10 / 1440)
    assert sd == pytest.approx(math.sqrt(-2 * math.log(resultant)) * 1440 / (2 * math.pi))
    assert 10 < sd < 10.01


def test_circular_statistics_of_times_on_the_same_side_of_midnight_are_ordinary() -> None:
    mean, sd = circular_mean_and_sd([6 * 60, 6 * 60 + 30, 7 * 60])
    assert mean == pytest.approx(390)
    assert sd is not None and sd == pytest.approx(24.5, abs=0.1)  # close to the linear 30·√(2/3)


def test_the_same_time_every_night_has_no_spread() -> None:
    mean, sd = circular_mean_and_sd([1425.0] * 30)
    assert mean == pytest.approx(1425)
    assert sd == 0  # exactly: not rounding noise, nor the root of a negative number


def test_no_times_and_one_time() -> None:
    assert circular_mean_and_sd([]) == (None, None)
    assert circular_mean_and_sd([90]) == (pytest.approx(90), None)


def test_times_that_cancel_out_have_no_mean_and_a_finite_spread() -> None:
    mean, sd = circular_mean_and_sd([0, 720])  # midnight and noon
    assert mean is None
    assert sd is not None and math.isfinite(sd) and sd > 1000


def test_the_mean_is_always_a_clock_time() -> None:
    mean, _ = circular_mean_and_sd([1439.9999999999, 0.0000000001])
    assert mean is not None and 0 <= mean < 1440


clock_times = st.lists(st.floats(min_value=0, max_value=1439.99, allow_nan=False), min_size=1)


@given(times=clock_times, shift=st.floats(min_value=0, max_value=1440, allow_nan=False))
def test_the_circular_mean_turns_with_the_clock(times: list[float], shift: float) -> None:
    mean, sd = circular_mean_and_sd(times)
    turned_mean, turned_sd = circular_mean_and_sd([(time + shift) % 1440 for time in times])
    if mean is None or turned_mean is None:
        return  # no mean direction (the times cancel out), before or after turning
    assert 0 <= mean < 1440 and 0 <= turned_mean < 1440
    # Up to rounding; when R is near 0 the direction is ill-defined and rounding moves it most.
    if sd is not None and sd < 600:
        assert abs(clock_difference(turned_mean, mean + shift)) < 1e-4
        assert turned_sd == pytest.approx(sd, abs=1e-4)


@given(times=clock_times)
def test_the_circular_sd_is_never_negative_or_infinite(times: list[float]) -> None:
    _, sd = circular_mean_and_sd(times)
    if len(times) == 1:
        assert sd is None
    else:
        assert sd is not None and 0 <= sd < 2000


@given(later=st.floats(-5000, 5000), earlier=st.floats(-5000, 5000))
def test_clock_difference_goes_the_shortest_way_round(later: float, earlier: float) -> None:
    difference = clock_difference(later, earlier)
    assert -720 < difference <= 720
    assert (earlier + difference - later) % 1440 == pytest.approx(0, abs=1e-6) or (
        (earlier + difference - later) % 1440 == pytest.approx(1440, abs=1e-6)
    )


# --- Rolling mean -------------------------------------------------------------------------------


def test_rolling_mean_over_three_nights() -> None:
    assert rolling_mean([1, 2, None, 6, None, None, None], window=3) == [
        1,
        1.5,
        1.5,
        4,
        6,
        6,
        None,
    ]


def test_rolling_mean_defaults_to_seven_nights() -> None:
    values = list(range(10))
    assert rolling_mean(values)[6] == 3
    assert rolling_mean(values)[9] == 6


def test_rolling_mean_of_nothing() -> None:
    assert rolling_mean([]) == []
    assert rolling_mean([None, None]) == [None, None]


def test_rolling_mean_needs_a_window() -> None:
    with pytest.raises(ValueError):
        rolling_mean([1], window=0)


@given(values=values_with_blanks, window=st.integers(1, 10))
def test_rolling_mean_is_one_value_per_night_within_its_window(
    values: list[float | None], window: int
) -> None:
    rolled = rolling_mean(values, window)
    assert len(rolled) == len(values)
    for end, value in enumerate(rolled):
        recent = [v for v in values[max(0, end - window + 1) : end + 1] if v is not None]
        if not recent:
            assert value is None
        else:
            assert value is not None
            assert min(recent) - 1e-9 <= value <= max(recent) + 1e-9


# --- Whole ranges ---------------------------------------------------------------------------


@settings(max_examples=100, deadline=None)
@given(range_=nights())
def test_summaries_of_any_range_never_crash_or_count_blanks(range_: list[NightRecord]) -> None:
    summaries = night_summaries(range_)
    for name, summary in summaries.items():
        assert summary.n == sum(getattr(record, name) is not None for record in range_)


def test_a_range_of_three_years_is_summarised() -> None:
    first = date(2024, 1, 1)
    range_ = [scored(first + timedelta(days=i), tst=400 + i % 7) for i in range(1100)]
    summary = night_summaries(range_, ["tst"])["tst"]
    assert summary.n == 1100
    assert 400 <= summary.mean <= 406
