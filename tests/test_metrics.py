"""One night's Consensus Sleep Diary metrics and the rules a diary entry must follow.

The worked examples come from docs/sleep-metrics.md.
"""

import dataclasses
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journal.clock import minutes_between, resolve_night_times, to_local
from journal.metrics import (
    NightMetrics,
    NightTimes,
    check_night,
    compute,
    mid_sleep,
    sleep_efficiency,
    sleep_onset,
    sleep_onset_latency,
    sleep_period,
    terminal_wakefulness,
    time_in_bed,
    total_sleep_time,
    wake_after_sleep_onset,
)

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
SYDNEY = ZoneInfo("Australia/Sydney")
LORD_HOWE = ZoneInfo("Australia/Lord_Howe")


def diary(
    night: date,
    tz: ZoneInfo,
    into_bed: str | None,
    lights_out: str | None,
    final_wake: str | None,
    out_of_bed: str | None,
    *,
    sol: int | None = 0,
    waso: int | None = 0,
) -> NightTimes:
    """A NightTimes built the way the diary form builds one: from clock times on a night."""
    clocks = [
        None if clock is None else time.fromisoformat(clock)
        for clock in (into_bed, lights_out, final_wake, out_of_bed)
    ]
    bed, dark, wake, up = resolve_night_times(night, tz, clocks)
    return NightTimes(
        into_bed=bed,
        lights_out=dark,
        sol_minutes=sol,
        waso_minutes=waso,
        final_wake=wake,
        out_of_bed=up,
    )


def clock_time(moment: datetime | None, tz: ZoneInfo) -> str:
    assert moment is not None
    return to_local(moment, tz).strftime("%H:%M")


def example_one(tz: ZoneInfo = BERLIN) -> NightTimes:
    return diary(date(2026, 1, 2), tz, "22:45", "23:00", "06:30", "06:50", sol=20, waso=25)


# --- Worked examples ------------------------------------------------------------------------


@pytest.mark.parametrize("tz", [BERLIN, NEW_YORK, SYDNEY, ZoneInfo("UTC")])
def test_worked_example_1(tz: ZoneInfo) -> None:
    night = example_one(tz)
    assert time_in_bed(night) == 485
    assert total_sleep_time(night) == 405
    assert sleep_efficiency(night) == pytest.approx(83.5, abs=0.05)
    assert sleep_efficiency(night) == pytest.approx(405 / 485 * 100)  # unrounded
    assert terminal_wakefulness(night) == 20
    assert sleep_onset_latency(night) == 20
    assert wake_after_sleep_onset(night) == 25
    assert clock_time(sleep_onset(night), tz) == "23:20"
    assert sleep_period(night) == 430
    assert clock_time(mid_sleep(night), tz) == "02:55"


def test_worked_example_2_spring_forward_night_is_an_hour_shorter() -> None:
    night = diary(date(2026, 3, 28), BERLIN, "23:00", "23:00", "07:00", "07:00")
    assert time_in_bed(night) == 420  # not 480
    assert total_sleep_time(night) == 420
    assert sleep_efficiency(night) == 100
    # Half of the 7 real hours after 23:00 CET is 01:30 UTC, which the clock shows as 03:30.
    assert clock_time(mid_sleep(night), BERLIN) == "03:30"


def test_fall_back_night_is_an_hour_longer() -> None:
    night = diary(date(2026, 10, 24), BERLIN, "23:00", "23:00", "07:00", "07:00")
    assert time_in_bed(night) == 540
    assert total_sleep_time(night) == 540
    assert sleep_efficiency(night) == 100
    mid = mid_sleep(night)
    assert mid == datetime(2026, 10, 25, 1, 30, tzinfo=UTC)
    assert clock_time(mid, BERLIN) == "02:30"  # the second 02:30, in CET


def test_new_york_spring_forward_night() -> None:
    night = diary(date(2026, 3, 7), NEW_YORK, "22:30", "23:00", "07:00", "07:30", sol=15, waso=10)
    assert time_in_bed(night) == 480  # 9 h on the clock, 8 h in reality
    assert total_sleep_time(night) == 420 - 15 - 10
    assert terminal_wakefulness(night) == 30
    assert sleep_efficiency(night) == pytest.approx(395 / 480 * 100)


def test_sleep_onset_is_added_in_real_time_across_the_gap() -> None:
    # Lights out at 01:50 CET, 20 minutes to fall asleep: asleep at 03:10 CEST, not "02:10".
    night = diary(date(2026, 3, 28), BERLIN, "01:50", "01:50", "07:00", "07:00", sol=20)
    assert clock_time(sleep_onset(night), BERLIN) == "03:10"
    assert sleep_period(night) == 230


def test_instants_are_returned_in_utc() -> None:
    metrics = compute(example_one())
    assert metrics.sleep_onset is not None and metrics.sleep_onset.tzinfo is UTC
    assert metrics.mid_sleep is not None and metrics.mid_sleep.tzinfo is UTC


# --- Crossing midnight, late bedtimes -------------------------------------------------------


def test_after_midnight_bedtime() -> None:
    night = diary(date(2026, 1, 2), BERLIN, "01:30", "01:40", "09:00", "09:10", sol=10, waso=0)
    assert time_in_bed(night) == 460
    assert total_sleep_time(night) == 430
    assert clock_time(sleep_onset(night), BERLIN) == "01:50"
    assert clock_time(mid_sleep(night), BERLIN) == "05:25"
    assert sleep_onset(night) == datetime(2026, 1, 3, 0, 50, tzinfo=UTC)


def test_mid_sleep_can_fall_before_midnight() -> None:
    night = diary(date(2026, 1, 2), BERLIN, "20:00", "20:00", "02:00", "02:00")
    assert clock_time(mid_sleep(night), BERLIN) == "23:00"


def test_durations_are_floats_for_consistency() -> None:
    metrics = compute(example_one())
    for field in dataclasses.fields(NightMetrics):
        value = getattr(metrics, field.name)
        assert isinstance(value, float | datetime), field.name


# --- Missing fields: a blank means "don't remember", so the metric is unknown ---------------


@pytest.mark.parametrize(
    ("blank", "unknown"),
    [
        ("into_bed", {"time_in_bed", "sleep_efficiency"}),
        ("lights_out", {"sleep_onset", "sleep_period", "total_sleep_time", "sleep_efficiency",
                        "mid_sleep"}),
        ("sol_minutes", {"sleep_onset", "sleep_period", "total_sleep_time", "sleep_efficiency",
                         "sleep_onset_latency", "mid_sleep"}),
        ("waso_minutes", {"total_sleep_time", "sleep_efficiency", "wake_after_sleep_onset"}),
        ("final_wake", {"sleep_period", "total_sleep_time", "sleep_efficiency",
                        "terminal_wakefulness", "mid_sleep"}),
        ("out_of_bed", {"time_in_bed", "sleep_efficiency", "terminal_wakefulness"}),
    ],
)  # fmt: skip
def test_a_blank_field_makes_exactly_the_metrics_that_need_it_unknown(
    blank: str, unknown: set[str]
) -> None:
    metrics = compute(dataclasses.replace(example_one(), **{blank: None}))
    nones = {
        field.name for field in dataclasses.fields(metrics) if getattr(metrics, field.name) is None
    }
    assert nones == unknown


def test_zero_is_not_blank() -> None:
    night = dataclasses.replace(example_one(), sol_minutes=0, waso_minutes=0)
    assert total_sleep_time(night) == 450
    assert sleep_onset_latency(night) == 0


def test_an_empty_diary_has_no_metrics() -> None:
    metrics = compute(NightTimes(None, None, None, None, None, None))
    assert all(getattr(metrics, field.name) is None for field in dataclasses.fields(metrics))


def test_sleep_efficiency_is_undefined_when_time_in_bed_is_zero() -> None:
    moment = datetime(2026, 1, 3, 6, 0, tzinfo=BERLIN)
    night = NightTimes(moment, moment, 0, 0, moment, moment)
    assert time_in_bed(night) == 0
    assert total_sleep_time(night) == 0
    assert sleep_efficiency(night) is None


def test_impossible_inputs_give_no_number_rather_than_a_wrong_one() -> None:
    night = example_one()
    too_slow = dataclasses.replace(night, sol_minutes=500)  # more than lights out → final wake
    assert total_sleep_time(too_slow) is None
    assert sleep_period(too_slow) is None
    assert mid_sleep(too_slow) is None
    assert sleep_onset_latency(dataclasses.replace(night, sol_minutes=-5)) is None
    assert wake_after_sleep_onset(dataclasses.replace(night, waso_minutes=-5)) is None
    backwards = dataclasses.replace(night, into_bed=night.out_of_bed, out_of_bed=night.into_bed)
    assert time_in_bed(backwards) is None
    # Asleep before getting into bed would make efficiency exceed 100 %.
    late_to_bed = dataclasses.replace(night, into_bed=night.final_wake)
    assert sleep_efficiency(late_to_bed) is None


def test_night_times_must_be_aware() -> None:
    with pytest.raises(ValueError, match="into_bed must be timezone-aware"):
        NightTimes(datetime(2026, 1, 2, 22, 45), None, None, None, None, None)


# --- check_night ----------------------------------------------------------------------------


def test_a_valid_night_has_no_problems() -> None:
    assert check_night(example_one()) == {}


@pytest.mark.parametrize(
    "night",
    [
        pytest.param(NightTimes(None, None, None, None, None, None), id="all-blank"),
        pytest.param(
            diary(date(2026, 1, 2), BERLIN, "23:00", None, "07:00", None, sol=None, waso=None),
            id="partly-blank",
        ),
        pytest.param(diary(date(2026, 3, 28), BERLIN, "23:00", "23:00", "07:00", "07:00"),
                     id="spring-forward"),
        pytest.param(
            diary(date(2026, 1, 2), BERLIN, "23:00", "23:00", "07:00", "07:00", sol=480, waso=0),
            id="minutes-fill-the-night-exactly",
        ),
        pytest.param(
            diary(date(2026, 1, 2), BERLIN, "13:00", "13:00", "12:59", "12:59"),
            id="just-under-24-hours",
        ),
    ],
)  # fmt: skip
def test_valid_nights_have_no_problems(night: NightTimes) -> None:
    assert check_night(night) == {}


def test_lights_out_before_into_bed() -> None:
    at = datetime(2026, 1, 2, 23, 0, tzinfo=BERLIN)
    night = dataclasses.replace(example_one(), lights_out=at - timedelta(minutes=30), into_bed=at)
    assert check_night(night) == {"lights_out": "Lights out can't be before you got into bed."}


def test_final_wake_must_be_after_lights_out() -> None:
    night = example_one()
    same = dataclasses.replace(night, final_wake=night.lights_out, sol_minutes=0, waso_minutes=0)
    assert check_night(same) == {"final_wake": "Your final awakening has to be after lights out."}


def test_out_of_bed_before_final_wake() -> None:
    night = example_one()
    early = dataclasses.replace(night, out_of_bed=night.final_wake - timedelta(minutes=1))
    assert check_night(early) == {
        "out_of_bed": "You can't get out of bed before your final awakening."
    }


@pytest.mark.parametrize(
    ("blanks", "field", "message"),
    [
        (("lights_out",), "final_wake", "Your final awakening has to be after you got into bed."),
        (("lights_out", "final_wake"), "out_of_bed",
         "Getting out of bed has to be after getting into bed."),
        (("into_bed", "final_wake"), "out_of_bed",
         "Getting out of bed has to be after lights out."),
    ],
)  # fmt: skip
def test_order_is_checked_across_blank_fields(
    blanks: tuple[str, ...], field: str, message: str
) -> None:
    night = example_one()
    an_hour_before_bed = night.into_bed - timedelta(hours=1)
    changes = {"final_wake": an_hour_before_bed, "out_of_bed": an_hour_before_bed}
    changes.update(dict.fromkeys(blanks))
    assert check_night(dataclasses.replace(night, **changes)) == {field: message}


def test_solid_sleep_needs_time_even_with_blanks_between() -> None:
    night = example_one()
    instant = dataclasses.replace(night, lights_out=None, final_wake=night.into_bed)
    assert "final_wake" in check_night(instant)


def test_sol_longer_than_the_night() -> None:
    night = dataclasses.replace(example_one(), sol_minutes=451, waso_minutes=0)
    assert check_night(night) == {
        "sol_minutes": "You took 451 minutes to fall asleep, but there are only 450 minutes "
        "between lights out and your final awakening."
    }


def test_sol_and_waso_together_longer_than_the_night() -> None:
    night = dataclasses.replace(example_one(), sol_minutes=30, waso_minutes=430)
    assert check_night(night) == {
        "waso_minutes": "Falling asleep and being awake add up to 460 minutes, but there are "
        "only 450 minutes between lights out and your final awakening."
    }


def test_waso_alone_longer_than_the_night() -> None:
    night = dataclasses.replace(example_one(), sol_minutes=None, waso_minutes=451)
    assert check_night(night) == {
        "waso_minutes": "You were awake for 451 minutes, but there are only 450 minutes "
        "between lights out and your final awakening."
    }


def test_minutes_fit_uses_real_time_on_a_dst_night() -> None:
    night = diary(date(2026, 3, 28), BERLIN, "23:00", "23:00", "07:00", "07:00", sol=450)
    assert "only 420 minutes" in check_night(night)["sol_minutes"]


def test_more_than_24_hours_in_bed() -> None:
    night = example_one()
    marathon = dataclasses.replace(
        night, out_of_bed=night.into_bed + timedelta(hours=24, minutes=1)
    )
    assert check_night(marathon) == {
        "out_of_bed": "That's more than 24 hours in bed. "
        "A time earlier than the one before it counts as the next day."
    }


def test_exactly_24_hours_in_bed_is_allowed() -> None:
    night = example_one()
    assert (
        check_night(dataclasses.replace(night, out_of_bed=night.into_bed + timedelta(days=1))) == {}
    )


def test_a_typo_that_rolls_over_a_day_is_caught_on_the_field_that_rolled() -> None:
    # Into bed 23:00 then lights out typed as 22:00: read as 22:00 the next evening. The mistake
    # is lights out, not the morning fields that end up past 24 hours because of it.
    night = diary(date(2026, 1, 2), BERLIN, "23:00", "22:00", "07:00", "07:10")
    assert check_night(night, zone=BERLIN) == {
        "lights_out": "Lights out must be at or after getting into bed. "
        "Read as the next day, it would make the night longer than 24 hours."
    }
    # Without the zone, the longest step still carries the error.
    assert list(check_night(night)) == ["lights_out"]


def test_any_span_over_24_hours_is_caught_with_blanks() -> None:
    night = example_one()
    long = dataclasses.replace(
        night, into_bed=None, out_of_bed=None, final_wake=night.lights_out + timedelta(hours=25)
    )
    assert check_night(long) == {
        "final_wake": "That's more than 24 hours after lights out. "
        "A time earlier than the one before it counts as the next day."
    }


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("sol_minutes", "Minutes to fall asleep can't be negative."),
        ("waso_minutes", "Minutes awake can't be negative."),
    ],
)
def test_negative_minutes(field: str, message: str) -> None:
    assert check_night(dataclasses.replace(example_one(), **{field: -1})) == {field: message}


@pytest.mark.parametrize("field", ["sol_minutes", "waso_minutes"])
def test_more_than_a_day_of_minutes(field: str) -> None:
    night = NightTimes(None, None, None, None, None, None)
    problems = check_night(dataclasses.replace(night, **{field: 24 * 60 + 1}))
    assert problems.keys() == {field}
    assert "more than 24 hours" in problems[field]


def test_several_problems_are_all_reported() -> None:
    night = example_one()
    broken = dataclasses.replace(
        night,
        lights_out=night.into_bed - timedelta(minutes=5),
        out_of_bed=night.final_wake - timedelta(minutes=5),
        waso_minutes=-3,
    )
    assert check_night(broken).keys() == {"lights_out", "out_of_bed", "waso_minutes"}


# --- Properties -----------------------------------------------------------------------------

DST_ZONES = [BERLIN, NEW_YORK, SYDNEY, LORD_HOWE, ZoneInfo("America/Santiago")]


def _transitions_in_2026(tz: ZoneInfo) -> list[datetime]:
    """The UTC hours in 2026 at which `tz` changes its offset, found by stepping hour by hour."""
    hour = datetime(2026, 1, 1, tzinfo=UTC)
    found = []
    while hour.year == 2026:
        step = hour + timedelta(hours=1)
        if hour.astimezone(tz).utcoffset() != step.astimezone(tz).utcoffset():
            found.append(step)
        hour = step
    return found


DST_CHANGES = {tz: _transitions_in_2026(tz) for tz in DST_ZONES}


def test_every_property_zone_changes_its_clocks_twice_in_2026() -> None:
    assert all(len(changes) == 2 for changes in DST_CHANGES.values())


@st.composite
def valid_nights(draw: st.DrawFn, *, with_blanks: bool = True) -> NightTimes:
    tz = draw(st.sampled_from(DST_ZONES))
    any_time = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2037, 12, 31))
    # Random instants almost never straddle a clock change, so aim half of them at one.
    near_a_change = st.builds(
        lambda change, before: (change - timedelta(minutes=before)).replace(tzinfo=None),
        st.sampled_from(DST_CHANGES[tz]),
        st.integers(0, 24 * 60),
    )
    start = draw(
        st.one_of(any_time, near_a_change).map(
            lambda naive: naive.replace(second=0, microsecond=0, tzinfo=UTC)
        )
    )
    to_lights_out = draw(st.integers(0, 600))
    asleep_span = draw(st.integers(1, 24 * 60 - to_lights_out))
    to_out_of_bed = draw(st.integers(0, 24 * 60 - to_lights_out - asleep_span))
    sol = draw(st.integers(0, asleep_span))
    waso = draw(st.integers(0, asleep_span - sol))
    # Step in UTC (adding minutes to a local datetime is wall-clock arithmetic), then hand the
    # metrics local datetimes sharing one ZoneInfo: the case where naive subtraction goes wrong.
    lights_out = start + timedelta(minutes=to_lights_out)
    final_wake = lights_out + timedelta(minutes=asleep_span)
    out_of_bed = final_wake + timedelta(minutes=to_out_of_bed)
    night = NightTimes(
        into_bed=start.astimezone(tz),
        lights_out=lights_out.astimezone(tz),
        sol_minutes=sol,
        waso_minutes=waso,
        final_wake=final_wake.astimezone(tz),
        out_of_bed=out_of_bed.astimezone(tz),
    )
    if not with_blanks:
        return night
    blanks = draw(st.sets(st.sampled_from([f.name for f in dataclasses.fields(NightTimes)])))
    return dataclasses.replace(night, **dict.fromkeys(blanks))


@settings(max_examples=200, deadline=None)
@given(night=valid_nights())
def test_valid_nights_pass_and_have_sane_metrics(night: NightTimes) -> None:
    assert check_night(night) == {}
    m = compute(night)
    if m.time_in_bed is not None:
        assert 0 <= m.time_in_bed <= 24 * 60
    if m.total_sleep_time is not None:
        assert m.total_sleep_time >= 0
        if m.time_in_bed is not None:
            assert m.total_sleep_time <= m.time_in_bed
    if m.sleep_efficiency is not None:
        assert 0 <= m.sleep_efficiency <= 100
    if m.terminal_wakefulness is not None:
        assert m.terminal_wakefulness >= 0
    if m.mid_sleep is not None:
        assert m.sleep_onset is not None and night.final_wake is not None
        assert m.sleep_onset <= m.mid_sleep <= night.final_wake


@settings(max_examples=200, deadline=None)
@given(night=valid_nights(with_blanks=False))
def test_time_in_bed_adds_up(night: NightTimes) -> None:
    m = compute(night)
    assert night.into_bed is not None and night.lights_out is not None
    settling = minutes_between(night.into_bed, night.lights_out)
    parts = [m.total_sleep_time, m.sleep_onset_latency, m.wake_after_sleep_onset,
             m.terminal_wakefulness]  # fmt: skip
    assert None not in parts and m.time_in_bed is not None
    assert m.time_in_bed == pytest.approx(settling + sum(parts))
