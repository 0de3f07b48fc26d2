"""Baby Buddy's sleep export read into nights per child: naive local times in the zone given,
the noon rule, split nights and naps."""

from datetime import date
from zoneinfo import ZoneInfo

import pytest

from exchange.importing import baby_buddy
from exchange.importing.incoming import NotThisFormat, Rejected, Source
from journal.clock import minutes_between
from tests.import_files import at, fixture

BERLIN = ZoneInfo("Europe/Berlin")
HEADER = "id,child_id,child_first_name,child_last_name,start,end,nap,notes,tags\r\n"


def parse(text: str, zone: ZoneInfo = BERLIN):
    return baby_buddy.parse(text, zone)


def row(start, end, nap="0", notes="", child="7", first="Ada", last="Smith") -> str:
    return f"1,{child},{first},{last},{start},{end},{nap},{notes},\r\n"


def only_night(text: str):
    parsed = parse(text)
    assert parsed.rejected == []
    [night] = parsed.nights
    return night


@pytest.fixture(scope="module")
def from_fixture():
    parsed = parse(fixture("baby_buddy.csv"))
    return parsed, {(night.source, night.date): night for night in parsed.nights}


def test_each_child_is_a_source_named_first_last(from_fixture) -> None:
    parsed, _ = from_fixture
    assert parsed.rejected == []
    assert parsed.sources == [Source("2", "Mila Novak"), Source("1", "Theo Novak")]


def test_nights_are_grouped_per_child_and_night(from_fixture) -> None:
    assert sorted(from_fixture[1]) == [
        ("1", date(2024, 3, 28)),
        ("1", date(2024, 3, 31)),
        ("2", date(2024, 3, 28)),
        ("2", date(2024, 3, 29)),
        ("2", date(2024, 3, 30)),
        ("2", date(2024, 10, 26)),
    ]


def test_a_night_across_midnight_with_a_morning_nap(from_fixture) -> None:
    night = from_fixture[1][("2", date(2024, 3, 28))]
    start = at("Europe/Berlin", 2024, 3, 28, 19, 45)
    end = at("Europe/Berlin", 2024, 3, 29, 6, 50)
    assert (night.into_bed, night.lights_out, night.final_wake, night.out_of_bed) == (
        start,
        start,
        end,
        end,
    )
    assert (night.sol_minutes, night.waso_minutes, night.awakenings) == (0, 0, 0)
    # The 09:30 nap the next morning is before noon: it belongs to this night, as a nap.
    assert night.nap_minutes == 45
    assert night.quality is None
    assert night.line == 2


def test_an_afternoon_nap_goes_to_the_night_that_begins_that_evening(from_fixture) -> None:
    night = from_fixture[1][("2", date(2024, 3, 29))]
    assert night.nap_minutes == 90  # 13:00-14:30
    assert night.into_bed == at("Europe/Berlin", 2024, 3, 29, 19, 20)  # not the nap's start
    # Notes in order of time; a note that spans two lines of the file reads as one line.
    assert night.notes == "pram nap\nWoke crying, settled with milk"
    assert night.line == 6  # the nap's line comes first


def test_a_split_night_counts_the_gap_as_time_awake(from_fixture) -> None:
    night = from_fixture[1][("1", date(2024, 3, 28))]
    assert night.into_bed == at("Europe/Berlin", 2024, 3, 28, 20, 15)
    assert night.final_wake == at("Europe/Berlin", 2024, 3, 29, 6, 0)
    assert (night.waso_minutes, night.awakenings) == (35, 1)
    assert night.nap_minutes is None
    assert night.notes == "teething"


def test_a_night_with_only_a_nap_has_only_nap_minutes(from_fixture) -> None:
    night = from_fixture[1][("1", date(2024, 3, 31))]
    assert night.nap_minutes == 70
    assert night.into_bed is night.lights_out is night.final_wake is night.out_of_bed is None
    assert night.sol_minutes is night.waso_minutes is night.awakenings is None


def test_a_spring_forward_night_has_its_real_length(from_fixture) -> None:
    night = from_fixture[1][("2", date(2024, 3, 30))]
    # 19:30 CET to 06:30 CEST is 11 hours on the clock but 10 hours of real time.
    assert minutes_between(night.into_bed, night.final_wake) == 10 * 60
    assert (night.waso_minutes, night.awakenings) == (30, 1)


def test_a_fall_back_night_has_its_real_length(from_fixture) -> None:
    night = from_fixture[1][("2", date(2024, 10, 26))]
    assert minutes_between(night.into_bed, night.final_wake) == 12 * 60 + 30


# --- Wall-clock times around DST ---------------------------------------------------------------


def test_a_time_the_clocks_skip_is_read_with_the_offset_before_the_change() -> None:
    # 02:30 does not exist in Berlin on 31 Mar 2024; read as 01:30 UTC (03:30 CEST), the diary's
    # rule, so a sleep from "02:30" to 05:30 lasts 2 hours.
    night = only_night(HEADER + row("2024-03-31 02:30:00", "2024-03-31 05:30:00"))
    assert night.into_bed == at("UTC", 2024, 3, 31, 1, 30)
    assert minutes_between(night.into_bed, night.final_wake) == 120


def test_a_repeated_hour_is_read_as_its_first_occurrence() -> None:
    night = only_night(HEADER + row("2024-10-27 02:10:00", "2024-10-27 02:40:00", nap="1"))
    assert night.nap_minutes == 30
    night = only_night(HEADER + row("2024-10-27 01:50:00", "2024-10-27 02:20:00"))
    assert night.final_wake == at("Europe/Berlin", 2024, 10, 27, 2, 20, fold=0)


def test_an_end_in_the_repeated_hour_before_its_start_is_its_second_occurrence() -> None:
    # 02:40 (first, CEST) to 02:10: only the second 02:10 (CET) comes after the start.
    night = only_night(HEADER + row("2024-10-27 02:40:00", "2024-10-27 02:10:00"))
    assert minutes_between(night.into_bed, night.final_wake) == 30


def test_a_time_with_an_offset_is_taken_as_written() -> None:
    night = only_night(HEADER + row("2024-03-28T19:45:00+00:00", "2024-03-29T05:00:00Z"))
    assert night.into_bed == at("UTC", 2024, 3, 28, 19, 45)
    assert night.final_wake == at("UTC", 2024, 3, 29, 5, 0)


def test_the_times_are_read_in_the_zone_given() -> None:
    text = HEADER + row("2024-03-28 19:45:00", "2024-03-29 06:50:00")
    night = baby_buddy.parse(text, ZoneInfo("America/New_York"))
    assert night.nights[0].into_bed == at("America/New_York", 2024, 3, 28, 19, 45)


def test_a_zone_is_required() -> None:
    with pytest.raises(ValueError, match="need a time zone"):
        baby_buddy.parse(fixture("baby_buddy.csv"), None)


# --- Variants of the export ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("2024-03-28 19:45", "2024-03-29 06:50"),  # without seconds
        ("2024-03-28T19:45:00", "2024-03-29T06:50:00"),
        ("2024-03-28 19:45:00.000000", "2024-03-29 06:50:00.000000"),
    ],
)
def test_datetime_text_variants(start, end) -> None:
    night = only_night(HEADER + row(start, end))
    assert night.into_bed == at("Europe/Berlin", 2024, 3, 28, 19, 45)
    assert night.final_wake == at("Europe/Berlin", 2024, 3, 29, 6, 50)


@pytest.mark.parametrize(
    ("nap", "is_nap"),
    [("1", True), ("0", False), ("True", True), ("False", False), ("yes", True), ("", False)],
)
def test_nap_flags_as_the_exports_write_them(nap, is_nap) -> None:
    night = only_night(HEADER + row("2024-03-29 13:00:00", "2024-03-29 14:00:00", nap=nap))
    assert (night.nap_minutes == 60) is is_nap
    assert (night.into_bed is not None) is not is_nap


def test_an_export_from_before_nap_was_renamed_uses_napping() -> None:
    text = (
        "id,child_id,child_first_name,child_last_name,start,end,duration,napping\n"
        "1,3,Kit,,2019-05-01 13:00:00,2019-05-01 14:00:00,1:00:00,1\n"
    )
    parsed = parse(text)
    assert parsed.sources == [Source("3", "Kit")]
    assert parsed.nights[0].nap_minutes == 60


def test_a_very_old_export_with_a_child_column_and_no_names() -> None:
    text = "id,child,start,end,napping\n1,4,2018-01-01 20:00:00,2018-01-02 06:00:00,0\n"
    parsed = parse(text)
    assert parsed.sources == [Source("4", "Child 4")]
    assert parsed.nights[0].source == "4"


# --- Rejected lines --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cells", "reason"),
    [
        ({"start": "yesterday"}, "Start “yesterday” is not a date and time like"),
        ({"end": ""}, "End “” is not a date and time like"),
        ({"start": "2024-02-30 19:00:00"}, "Start “2024-02-30 19:00:00” is not a real date"),
        ({"start": "1969-12-31 19:00:00"}, "Start is not between 1970 and 2099."),
        ({"end": "2024-03-01 19:00:00"}, "The sleep ends before it starts."),
        ({"end": "2024-03-02 19:45:00"}, "The sleep ends when it starts (0 minutes)."),
        ({"end": "2024-03-03 20:00:00"}, "The sleep lasts 24 h 15 min; a record can be at most"),
        ({"nap": "maybe"}, "Nap “maybe” is neither yes (1) nor no (0)."),
        ({"child": ""}, "The child (child_id) is missing."),
    ],
)
def test_an_unusable_line_is_rejected_with_its_reason_and_child(cells, reason) -> None:
    values = {"start": "2024-03-02 19:45:00", "end": "2024-03-03 06:00:00"} | cells
    good = row("2024-01-01 19:00:00", "2024-01-02 06:00:00")
    parsed = parse(HEADER + good + row(**values))
    assert len(parsed.nights) == 1
    [rejection] = parsed.rejected
    assert rejection.line == 3
    assert rejection.reason.startswith(reason)
    assert rejection.source == values.get("child", "7")


def test_a_line_too_short_for_its_header_is_rejected() -> None:
    parsed = parse(HEADER + "1,7,Ada,Smith,2024-03-02 19:45:00\r\n")
    assert parsed.rejected == [Rejected(2, "This line has 5 fields; the header needs 7.", "7")]


def test_a_nights_sleeps_spanning_more_than_a_day_are_rejected() -> None:
    text = HEADER + row("2024-03-02 12:30:00", "2024-03-02 20:00:00")
    text += row("2024-03-03 11:00:00", "2024-03-03 14:00:00")
    parsed = parse(text)
    assert parsed.nights == []
    [rejection] = parsed.rejected
    assert (rejection.line, rejection.source) == (2, "7")
    assert "span 25 h 30 min" in rejection.reason


def test_blank_lines_are_skipped() -> None:
    parsed = parse(HEADER + "\r\n" + row("2024-03-02 19:45:00", "2024-03-03 06:00:00") + "\r\n")
    assert len(parsed.nights) == 1
    assert parsed.rejected == []


@pytest.mark.parametrize(
    "text",
    [
        "",
        "profile,time_zone,date,into_bed\n",
        # Baby Buddy's feeding export has start and end too, but no nap flag.
        "id,child_id,child_first_name,child_last_name,start,end,type,method,amount,notes\n",
        "sid,start,stop,rating\n",
        "Id,Tz,From,To,Sched\n",
    ],
)
def test_other_files_are_not_this_format(text) -> None:
    with pytest.raises(NotThisFormat):
        parse(text)
