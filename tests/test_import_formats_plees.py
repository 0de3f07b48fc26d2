"""Plees Tracker's CSV export read into diary nights, dated in the zone given at upload."""

from datetime import date
from zoneinfo import ZoneInfo

import pytest

from exchange.importing import plees
from exchange.importing.cells import UNREADABLE
from exchange.importing.incoming import NotThisFormat, Rejected, Source
from journal.clock import minutes_between
from tests.import_files import at, epoch_ms, fixture

BUDAPEST = ZoneInfo("Europe/Budapest")
HEADER = "sid,start,stop,rating,comment,wakes\r\n"


def parse(text: str, zone: ZoneInfo = BUDAPEST):
    return plees.parse(text, zone)


def row(start, stop, rating="0", comment="", wakes="0", sid="1") -> str:
    def cell(value) -> str:
        return value if isinstance(value, str) else epoch_ms(value)

    return f"{sid},{cell(start)},{cell(stop)},{rating},{comment},{wakes}\r\n"


@pytest.fixture(scope="module")
def nights():
    parsed = parse(fixture("plees.csv"))
    assert parsed.rejected == []
    assert parsed.sources == [Source("", "Plees Tracker")]
    return {night.date: night for night in parsed.nights}


def test_each_sleep_is_a_night_from_start_to_stop(nights) -> None:
    assert sorted(nights) == [
        date(2024, 10, 20),
        date(2024, 10, 21),
        date(2024, 10, 26),
        date(2024, 10, 27),
    ]
    night = nights[date(2024, 10, 20)]
    start = at("Europe/Budapest", 2024, 10, 20, 23, 5)
    stop = at("Europe/Budapest", 2024, 10, 21, 6, 45)
    assert (night.into_bed, night.lights_out, night.final_wake, night.out_of_bed) == (
        start,
        start,
        stop,
        stop,
    )
    assert (night.sol_minutes, night.waso_minutes, night.awakenings) == (0, 0, 0)
    assert night.quality == 4
    assert night.line == 2


def test_two_sleeps_in_one_night_are_a_split_night(nights) -> None:
    night = nights[date(2024, 10, 21)]
    assert night.into_bed == at("Europe/Budapest", 2024, 10, 21, 23, 30)
    assert night.final_wake == at("Europe/Budapest", 2024, 10, 22, 6, 40)
    assert night.waso_minutes == 40  # 02:10-02:50
    # One gap, plus the one time Plees was told the sleeper woke within the second sleep.
    assert night.awakenings == 2
    assert night.quality == 3  # the first sleep was unrated (0)
    assert night.notes == "late coffee, headache"
    assert night.line == 3


def test_a_fall_back_night_has_its_real_length(nights) -> None:
    night = nights[date(2024, 10, 26)]
    # 22:45 CEST to 06:30 CET: 7 h 45 on the clock, 8 h 45 slept.
    assert minutes_between(night.into_bed, night.final_wake) == 8 * 60 + 45
    assert night.quality == 5
    assert night.notes == "clocks went back"


def test_wakes_count_as_awakenings(nights) -> None:
    assert nights[date(2024, 10, 27)].awakenings == 2


def test_the_night_is_dated_in_the_zone_given() -> None:
    text = HEADER + row(at("UTC", 2024, 10, 21, 10, 0), at("UTC", 2024, 10, 21, 11, 0))
    # 12:00 in Budapest starts the night of the 21st; 03:00 in Los Angeles is still the 20th's.
    assert parse(text).nights[0].date == date(2024, 10, 21)
    assert parse(text, ZoneInfo("America/Los_Angeles")).nights[0].date == date(2024, 10, 20)


def test_a_zone_is_required() -> None:
    with pytest.raises(ValueError, match="need a time zone"):
        plees.parse(fixture("plees.csv"), None)


# --- Older and prettier variants -------------------------------------------------------------

START = at("Europe/Budapest", 2024, 3, 2, 23, 15)
STOP = at("Europe/Budapest", 2024, 3, 3, 7, 0)


@pytest.mark.parametrize(
    "text",
    [
        f"sid,start,stop,rating\n1,{epoch_ms(START)},{epoch_ms(STOP)},3\n",
        f"sid,start,stop\n1,{epoch_ms(START)},{epoch_ms(STOP)}\n",
        f'"sid","start","stop","rating"\n"1","{epoch_ms(START)}","{epoch_ms(STOP)}","3"\n',
        # "Pretty backup", compact view: local text without an offset, read in the zone given.
        "sid,start,stop,length,rating,comment,wakes\n"
        "1,2024-03-02 23:15,2024-03-03 07:00,7:45,3,,0\n",
        # "Pretty backup", full view: with seconds and the offset.
        "sid,start,stop,length,rating,comment,wakes\n"
        "1,2024-03-02 23:15:00 +01:00,2024-03-03 06:00:00 Z,7:45:00,3,,0\n",
    ],
)
def test_every_export_variant_reads_the_same_sleep(text) -> None:
    parsed = parse(text)
    assert parsed.rejected == []
    [night] = parsed.nights
    assert (night.into_bed, night.final_wake) == (START, STOP)


def test_pretty_local_text_in_a_dst_gap_is_read_as_the_diary_does() -> None:
    # 02:30 does not exist in Budapest on 31 Mar 2024; like the diary, read it with the offset
    # before the change: 01:30 UTC.
    text = "sid,start,stop,length\n1,2024-03-30 23:00,2024-03-31 02:30,2:30\n"
    [night] = parse(text).nights
    assert night.final_wake == at("UTC", 2024, 3, 31, 1, 30)


# --- Ratings, wakes and rejected lines ---------------------------------------------------------


@pytest.mark.parametrize(("rating", "quality"), [("0", None), ("", None), ("1", 1), ("5", 5)])
def test_ratings_are_whole_stars_and_0_is_unrated(rating, quality) -> None:
    [night] = parse(HEADER + row(START, STOP, rating=rating)).nights
    assert night.quality == quality


@pytest.mark.parametrize(
    ("cells", "reason"),
    [
        ({"rating": "6"}, "Rating “6” is not a number from 0 to 5."),
        ({"rating": "3.5"}, "Rating “3.5” is not a whole number of stars from 0 to 5."),
        ({"wakes": "-1"}, "Wakes “-1” is not a whole number from 0 to 999."),
        ({"wakes": "many"}, "Wakes “many” is not a whole number from 0 to 999."),
        (
            {"start": "last night"},
            "Start “last night” is neither milliseconds since 1970 nor a time like",
        ),
        ({"stop": ""}, "Stop “” is neither milliseconds since 1970 nor a time like"),
        ({"stop": "2024-02-30 07:00"}, "Stop “2024-02-30 07:00” is not a real date and time."),
        ({"start": "4102444800000"}, "Start is not between 1970 and 2099."),
        ({"stop": epoch_ms(START)}, "The sleep ends when it starts (0 minutes)."),
        ({"stop": epoch_ms(at("UTC", 2024, 3, 2, 12, 0))}, "The sleep ends before it starts."),
        (
            {"stop": epoch_ms(at("Europe/Budapest", 2024, 3, 4, 0, 15))},
            "The sleep lasts 25 h; a record can be at most 24 hours.",
        ),
    ],
)
def test_an_unusable_line_is_rejected_with_its_reason(cells, reason) -> None:
    values = {"start": START, "stop": STOP} | cells
    good = row(at("UTC", 2024, 1, 1, 22, 0), at("UTC", 2024, 1, 2, 6, 0))
    parsed = parse(HEADER + good + row(**values))
    assert len(parsed.nights) == 1
    [rejection] = parsed.rejected
    assert rejection.line == 3
    assert rejection.reason.startswith(reason)


def test_blank_lines_are_skipped() -> None:
    parsed = parse(HEADER + "\r\n" + row(START, STOP) + ",,,,,\r\n")
    assert len(parsed.nights) == 1
    assert parsed.rejected == []


def test_a_cell_too_long_to_read_rejects_its_line_only() -> None:
    parsed = parse(HEADER + row(START, STOP, comment="x" * 200_000))
    assert parsed.rejected == [Rejected(2, UNREADABLE)]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "profile,time_zone,date,into_bed\n",
        "Id,Tz,From,To,Sched\n",
        "start,stop\n1,2\n",
        "id,child_id,child_first_name,child_last_name,start,end,nap,notes\n",
    ],
)
def test_other_files_are_not_this_format(text) -> None:
    with pytest.raises(NotThisFormat):
        parse(text)
