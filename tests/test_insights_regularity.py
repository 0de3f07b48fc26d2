"""Regularity: the Sleep Regularity Index, the spread of clock times and social jet lag.

The worked examples come from docs/sleep-metrics.md.
"""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from insights.records import NightRecord
from insights.regularity import (
    ClockSummary,
    SocialJetLag,
    clock_time_variability,
    sleep_regularity_index,
    social_jet_lag,
)
from insights.stats import clock_difference
from tests.insights_nights import (
    FALL_BACK,
    SPRING_FORWARD,
    ZONES,
    night,
    nights,
    scored,
)

JAN_2 = date(2026, 1, 2)
WEEKDAYS = frozenset(range(5))  # Monday to Friday


def days(first: date, count: int) -> list[date]:
    return [first + timedelta(days=i) for i in range(count)]


# --- Sleep Regularity Index ---------------------------------------------------------------------


def test_worked_example_sri() -> None:
    # Lights out 23:00 with SOL 0 on both nights, final wake 06:00 then 07:00.
    pair = [night(JAN_2, "23:00", "06:00"), night(JAN_2 + timedelta(days=1), "23:00", "07:00")]
    sri = sleep_regularity_index(pair)
    assert sri == pytest.approx(-100 + 200 * 1380 / 1440)
    assert round(sri, 1) == 91.7


def test_the_same_night_every_night_is_perfectly_regular() -> None:
    assert sleep_regularity_index([night(day) for day in days(JAN_2, 10)]) == 100


def test_opposite_nights_are_perfectly_irregular() -> None:
    # Asleep from noon to midnight, then from midnight to noon: every epoch disagrees.
    pair = [night(JAN_2, "12:00", "00:00"), night(JAN_2 + timedelta(days=1), "00:00", "12:00")]
    assert sleep_regularity_index(pair) == -100


def test_a_pair_is_only_made_of_consecutive_nights() -> None:
    # The 2nd is followed by nothing logged; the 4th and 5th make the only pair.
    range_ = [
        night(JAN_2, "21:00", "05:00"),
        night(date(2026, 1, 4), "23:00", "07:00"),
        night(date(2026, 1, 5), "23:30", "07:00"),
    ]
    assert sleep_regularity_index(range_) == pytest.approx(-100 + 200 * 1410 / 1440)


def test_the_order_of_the_nights_does_not_matter() -> None:
    range_ = [night(day, "23:00", f"0{6 + i % 3}:00") for i, day in enumerate(days(JAN_2, 9))]
    assert sleep_regularity_index(range_[::-1]) == sleep_regularity_index(range_)


def test_pairs_are_pooled_by_minutes() -> None:
    # Pair one differs by 60 minutes, pair two by 30: 90 of 2880 compared minutes disagree.
    range_ = [night(JAN_2, "23:00", "06:00"), night(JAN_2 + timedelta(days=1), "23:00", "07:00"),
              night(JAN_2 + timedelta(days=2), "23:30", "07:00")]  # fmt: skip
    assert sleep_regularity_index(range_) == pytest.approx(-100 + 200 * 2790 / 2880)


def test_a_night_without_onset_or_final_wake_is_a_missing_night() -> None:
    range_ = [
        night(JAN_2, "23:00", "06:00"),
        night(JAN_2 + timedelta(days=1), "23:00", "07:00", sol=None),  # no onset
        night(JAN_2 + timedelta(days=2), "23:00", "07:00"),
        night(JAN_2 + timedelta(days=3), "23:00", None),
    ]
    assert sleep_regularity_index(range_) is None


@pytest.mark.parametrize(
    "range_",
    [
        pytest.param([], id="no nights"),
        pytest.param([night(JAN_2)], id="one night"),
        pytest.param([night(JAN_2), night(JAN_2 + timedelta(days=2))], id="a gap"),
        pytest.param([scored(day, tst=400) for day in days(JAN_2, 3)], id="no clock times"),
    ],
)
def test_no_pair_no_index(range_: list[NightRecord]) -> None:
    assert sleep_regularity_index(range_) is None


def test_sleep_onset_counts_not_lights_out() -> None:
    # Lights out at 23:00 both nights, but 45 minutes to fall asleep on the second.
    pair = [night(JAN_2), night(JAN_2 + timedelta(days=1), sol=45)]
    assert sleep_regularity_index(pair) == pytest.approx(-100 + 200 * 1395 / 1440)


def test_waso_is_not_placed() -> None:
    pair = [night(JAN_2), night(JAN_2 + timedelta(days=1), waso=90)]
    assert sleep_regularity_index(pair) == 100


def test_spring_forward_night_compares_its_23_hours() -> None:
    # 23:00 → 07:00 every night, by the clock. The DST night's window is 1380 minutes long, and
    # its 07:00 comes 1080 minutes after noon instead of 1140: a 60-minute difference in each of
    # its two pairs, over 1380 compared minutes each (the 60 extra minutes have no counterpart).
    range_ = [night(day) for day in days(SPRING_FORWARD - timedelta(days=1), 3)]
    assert [record.window_minutes for record in range_] == [1440, 1380, 1440]
    assert sleep_regularity_index(range_) == pytest.approx(-100 + 200 * (2 * 1320) / (2 * 1380))


def test_fall_back_night_compares_24_of_its_25_hours() -> None:
    # Its 07:00 comes 1200 minutes after noon instead of 1140; the 25th hour has no counterpart.
    pair = [night(FALL_BACK), night(FALL_BACK + timedelta(days=1))]
    assert pair[0].window_minutes == 1500
    assert sleep_regularity_index(pair) == pytest.approx(-100 + 200 * 1380 / 1440)


def test_the_same_elapsed_minutes_across_dst_are_perfectly_regular() -> None:
    # Asleep from 11 h to 18 h after noon every night, whatever the clock says.
    range_ = []
    for day in days(SPRING_FORWARD - timedelta(days=2), 5):
        start = scored(day)
        range_.append(
            scored(
                day,
                sleep_onset=start.window_start + timedelta(hours=11),
                final_wake=start.window_start + timedelta(hours=18),
            )
        )
    assert sleep_regularity_index(range_) == 100


def test_sleep_past_the_window_is_clipped_to_it() -> None:
    # Asleep from 23:00 to 13:00: the hour past noon belongs to the next night's window.
    pair = [night(JAN_2, "23:00", "13:00"), night(JAN_2 + timedelta(days=1), "23:00", "12:00")]
    assert sleep_regularity_index(pair) == 100


def test_three_years_of_nights() -> None:
    # Built and computed here; how long it takes is measured by `make bench`, not by a test.
    # In UTC, so that no clock change moves the figure off the worked example's.
    range_ = [night(day, "23:00", f"0{6 + i % 2}:00", zone="UTC")
              for i, day in enumerate(days(JAN_2, 1100))]  # fmt: skip
    assert sleep_regularity_index(range_) == pytest.approx(-100 + 200 * 1380 / 1440)
    lag = social_jet_lag(range_, WEEKDAYS)
    assert lag is not None and lag.n_work + lag.n_free == 1100
    assert clock_time_variability(range_).sleep_onset.n == 1100


# The same minutes after noon every night, in any zone, around any clock change.
@settings(max_examples=100, deadline=None)
@given(
    zone=st.sampled_from(ZONES),
    first=st.sampled_from([SPRING_FORWARD, FALL_BACK, JAN_2]),
    count=st.integers(2, 10),
    onset=st.integers(0, 1379),
    length=st.integers(0, 1379),
)
def test_identical_nights_are_perfectly_regular(
    zone: str, first: date, count: int, onset: int, length: int
) -> None:
    range_ = []
    for day in days(first - timedelta(days=count // 2), count):
        start = scored(day, zone=zone).window_start
        range_.append(
            scored(
                day,
                zone=zone,
                sleep_onset=start + timedelta(minutes=onset),
                final_wake=start + timedelta(minutes=min(onset + length, 1380)),
            )
        )
    assert sleep_regularity_index(range_) == 100


@settings(max_examples=200, deadline=None)
@given(range_=nights())
def test_the_index_is_between_minus_100_and_100(range_: list[NightRecord]) -> None:
    sri = sleep_regularity_index(range_)
    with_sleep = {record.date for record in range_ if record.sleep_period is not None}
    has_pair = any(day + timedelta(days=1) in with_sleep for day in with_sleep)
    assert (sri is not None) == has_pair
    if sri is not None:
        assert -100 <= sri <= 100


# --- Clock times --------------------------------------------------------------------------------


def test_clock_times_either_side_of_midnight() -> None:
    range_ = [night(JAN_2, "23:50", "07:00"), night(JAN_2 + timedelta(days=1), "00:10", "07:00")]
    spread = clock_time_variability(range_)
    onset = spread.sleep_onset
    assert onset.n == 2 and onset.mean is not None and onset.sd is not None
    assert abs(clock_difference(onset.mean, 0)) < 1e-6
    assert 10 < onset.sd < 10.01
    assert spread.final_wake == ClockSummary(n=2, mean=pytest.approx(420), sd=0)
    # Mid-sleeps 03:25 and 03:35.
    assert spread.mid_sleep.mean == pytest.approx(3 * 60 + 30)


def test_clock_times_count_whatever_is_given() -> None:
    range_ = [night(JAN_2, "23:00", None), night(JAN_2 + timedelta(days=1), None, "06:00")]
    spread = clock_time_variability(range_)
    assert spread.sleep_onset == ClockSummary(n=1, mean=pytest.approx(23 * 60), sd=None)
    assert spread.final_wake == ClockSummary(n=1, mean=pytest.approx(6 * 60), sd=None)
    assert spread.mid_sleep == ClockSummary(n=0, mean=None, sd=None)


def test_clock_times_are_read_in_each_nights_zone() -> None:
    range_ = [night(JAN_2, zone="America/New_York"), night(JAN_2, zone="Asia/Tokyo")]
    assert clock_time_variability(range_).sleep_onset.mean == pytest.approx(23 * 60)


# --- Social jet lag -----------------------------------------------------------------------------


def _week(work: tuple[str, str], free: tuple[str, str]) -> list[NightRecord]:
    # Sunday 4 January to Saturday 10 January 2026: Sunday–Thursday nights come before work days.
    return [night(day, *(work if day.weekday() in (6, 0, 1, 2, 3) else free))
            for day in days(date(2026, 1, 4), 7)]  # fmt: skip


def test_social_jet_lag_worked_example() -> None:
    # Before work days: asleep 23:00–07:00, mid-sleep 03:00, 8 h. Before free days: 01:00–10:00,
    # mid-sleep 05:30, 9 h. Jet lag 150 min. SDweek = (5·480 + 2·540)/7 = 3480/7, so
    # MSFsc = 330 − (540 − 3480/7)/2 = 330 − 150/7 ≈ 308.6 (05:08.6).
    lag = social_jet_lag(_week(("23:00", "07:00"), ("01:00", "10:00")), WEEKDAYS)
    assert lag == SocialJetLag(
        msw=pytest.approx(180),
        msf=pytest.approx(330),
        jet_lag=pytest.approx(150),
        msf_sc=pytest.approx(330 - 150 / 7),
        n_work=5,
        n_free=2,
        sleep_work=480,
        sleep_free=540,
    )


def test_no_correction_when_free_nights_are_not_longer() -> None:
    # Before free days: 00:00–07:00, 7 h, shorter than the 8 h before work days.
    lag = social_jet_lag(_week(("23:00", "07:00"), ("00:00", "07:00")), WEEKDAYS)
    assert lag is not None
    assert lag.msf == pytest.approx(3 * 60 + 30)
    assert lag.msf_sc == lag.msf
    assert lag.jet_lag == pytest.approx(30)


def test_social_jet_lag_goes_the_short_way_round_midnight() -> None:
    # Mid-sleep 23:30 before work days (20:00–03:00), 00:30 before free days (21:00–04:00).
    lag = social_jet_lag(_week(("20:00", "03:00"), ("21:00", "04:00")), WEEKDAYS)
    assert lag is not None
    assert lag.msw == pytest.approx(23 * 60 + 30)
    assert lag.msf == pytest.approx(30)
    assert lag.jet_lag == pytest.approx(60)


def test_a_night_belongs_to_the_day_that_follows_it() -> None:
    # Working Saturdays only: the night of Friday 9 January is the one work night of the week.
    lag = social_jet_lag(_week(("23:00", "07:00"), ("01:00", "10:00")), {5})
    assert lag is not None
    assert (lag.n_work, lag.n_free) == (1, 6)
    assert lag.msw == pytest.approx(330)  # Friday's night was a "free" pattern night


def test_mid_sleep_on_the_spring_forward_night_is_read_on_the_clock() -> None:
    # Worked example 2: 23:00 → 07:00 across the change is 7 real hours, mid-sleep 03:30 CEST.
    range_ = [night(SPRING_FORWARD), night(SPRING_FORWARD + timedelta(days=1), "00:00", "08:00")]
    lag = social_jet_lag(range_, {0})  # the night of Sunday 29 March is before Monday
    assert lag is not None
    assert lag.msf == pytest.approx(3 * 60 + 30)
    assert lag.msw == pytest.approx(4 * 60)
    assert lag.sleep_free == 420


@pytest.mark.parametrize(
    ("range_", "work_days"),
    [
        pytest.param([], WEEKDAYS, id="no nights"),
        pytest.param([night(date(2026, 1, 5))], WEEKDAYS, id="only a work night"),
        pytest.param([night(date(2026, 1, 9))], WEEKDAYS, id="only a free night"),
        pytest.param(_week(("23:00", "07:00"), ("01:00", "10:00")), set(range(7)), id="no free"),
        pytest.param([night(day, None, None) for day in days(JAN_2, 7)], WEEKDAYS, id="blank"),
    ],
)
def test_no_social_jet_lag_without_both_kinds_of_night(
    range_: list[NightRecord], work_days: set[int]
) -> None:
    assert social_jet_lag(range_, work_days) is None


@settings(max_examples=200, deadline=None)
@given(range_=nights(), work_days=st.sets(st.integers(0, 6)))
def test_social_jet_lag_of_any_range(range_: list[NightRecord], work_days: set[int]) -> None:
    lag = social_jet_lag(range_, work_days)
    spread = clock_time_variability(range_)
    assert spread.mid_sleep.n == sum(record.mid_sleep is not None for record in range_)
    if lag is None:
        return
    assert 0 <= lag.jet_lag <= 720
    assert 0 <= lag.msw < 1440 and 0 <= lag.msf < 1440 and 0 <= lag.msf_sc < 1440
    assert lag.n_work >= 1 and lag.n_free >= 1
    assert lag.n_work + lag.n_free == spread.mid_sleep.n
    # The correction moves MSF earlier by at most half the extra sleep on free days.
    if lag.sleep_free > lag.sleep_work:
        correction = clock_difference(lag.msf, lag.msf_sc)
        assert 0 <= correction <= (lag.sleep_free - lag.sleep_work) / 2 + 1e-6
    else:
        assert lag.msf_sc == lag.msf
