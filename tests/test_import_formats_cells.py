"""The cell readers the outside formats share: line numbers, zones, DST readings, ratings."""

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exchange.importing.cells import (
    csv_lines,
    quality_from_rating,
    wall_readings,
    zone_named,
)

BERLIN = ZoneInfo("Europe/Berlin")


def test_csv_lines_number_each_record_by_the_line_it_starts_on() -> None:
    text = 'a,b\n"two\nlines",c\n\nd,e\r\nf,g'
    assert list(csv_lines(text)) == [
        (1, ["a", "b"]),
        (2, ["two\nlines", "c"]),
        (4, []),
        (5, ["d", "e"]),
        (6, ["f", "g"]),
    ]


def test_csv_lines_drop_a_byte_order_mark() -> None:
    assert list(csv_lines("\ufeffsid,start")) == [(1, ["sid", "start"])]


def test_csv_lines_go_on_after_a_line_too_long_to_read() -> None:
    assert list(csv_lines("a," + "x" * 200_000 + "\nb,c\n")) == [(1, None), (2, ["b", "c"])]


@pytest.mark.parametrize(
    ("name", "offset"),
    [
        ("GMT+01:00", timedelta(hours=1)),
        ("GMT-05:30", timedelta(hours=-5, minutes=-30)),
        ("UTC+0930", timedelta(hours=9, minutes=30)),
        ("GMT+2", timedelta(hours=2)),
    ],
)
def test_java_fixed_offsets_are_zones(name, offset) -> None:
    assert zone_named(name) == timezone(offset)


@pytest.mark.parametrize(
    "name", ["", "Mars/Base", "../../etc/passwd", "/etc/localtime", "Europe/\x00", "GMT+15:00"]
)
def test_names_that_are_not_zones_are_none(name) -> None:
    assert zone_named(name) is None


def test_zones_are_looked_up_once_per_name() -> None:
    assert zone_named("Europe/Prague") is zone_named(" Europe/Prague")  # same zone, trimmed
    before = zone_named.cache_info().hits
    for _ in range(100):
        zone_named("Europe/Prague")
    assert zone_named.cache_info().hits == before + 100


def test_an_ordinary_wall_time_has_one_reading() -> None:
    assert wall_readings(datetime(2024, 3, 2, 23, 0), BERLIN) == (
        datetime(2024, 3, 2, 22, 0, tzinfo=UTC),
    )


def test_a_repeated_wall_time_has_two_readings_first_occurrence_first() -> None:
    assert wall_readings(datetime(2024, 10, 27, 2, 30), BERLIN) == (
        datetime(2024, 10, 27, 0, 30, tzinfo=UTC),
        datetime(2024, 10, 27, 1, 30, tzinfo=UTC),
    )


def test_a_skipped_wall_time_has_two_readings_the_diarys_first() -> None:
    # As journal.clock.local_to_utc: the offset before the change first (lands an hour later).
    assert wall_readings(datetime(2024, 3, 31, 2, 30), BERLIN) == (
        datetime(2024, 3, 31, 1, 30, tzinfo=UTC),
        datetime(2024, 3, 31, 0, 30, tzinfo=UTC),
    )


# Wall-clock times of clock changes (and of none, in Kolkata): readings are checked around them.
CHANGES = [
    ("Europe/Berlin", datetime(2024, 3, 31, 2, 0)),
    ("Europe/Berlin", datetime(2024, 10, 27, 2, 0)),
    ("America/New_York", datetime(2024, 3, 10, 2, 0)),
    ("America/New_York", datetime(2024, 11, 3, 1, 0)),
    ("Australia/Lord_Howe", datetime(2024, 4, 7, 1, 30)),  # a 30-minute change
    ("Australia/Lord_Howe", datetime(2024, 10, 6, 2, 0)),
    ("Asia/Kolkata", datetime(2024, 3, 31, 2, 0)),
]


@given(
    change=st.sampled_from(CHANGES),
    minutes=st.integers(min_value=-8 * 60, max_value=8 * 60),
    far=st.integers(min_value=-20_000, max_value=20_000),
)
def test_wall_readings_agree_with_pep_495(change, minutes, far) -> None:
    zone_name, moment = change
    zone = ZoneInfo(zone_name)
    for wall in (moment + timedelta(minutes=minutes), moment + timedelta(days=far)):
        expected = (wall.replace(tzinfo=zone, fold=0).astimezone(UTC),)
        other = wall.replace(tzinfo=zone, fold=1).astimezone(UTC)
        if other != expected[0]:
            expected += (other,)
        assert wall_readings(wall, zone) == expected


@pytest.mark.parametrize(
    ("rating", "quality"),
    [(None, None), (0.0, None), (0.25, 1), (0.5, 1), (0.75, 1), (1.49, 1), (1.5, 2), (4.5, 5)],
)
def test_quality_from_rating(rating, quality) -> None:
    assert quality_from_rating(rating) == quality
