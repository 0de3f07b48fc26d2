"""Sleep as Android's CSV export read into diary nights: its quirks, DST, split nights, tags,
and a reason for every line it cannot use."""

from datetime import date, timedelta

import pytest

from exchange.importing import sleep_as_android
from exchange.importing.cells import UNREADABLE
from exchange.importing.incoming import NotThisFormat, Rejected, Source
from journal.clock import minutes_between
from tests.import_files import at, fixture, saa_record

parse = sleep_as_android.parse


@pytest.fixture(scope="module")
def from_fixture():
    parsed = parse(fixture("sleep_as_android.csv"), None)
    return parsed, {night.date: night for night in parsed.nights}


def only_night(text: str):
    parsed = parse(text, None)
    assert parsed.rejected == []
    assert len(parsed.nights) == 1
    return parsed.nights[0]


def only_rejection(text: str) -> Rejected:
    parsed = parse(text, None)
    assert parsed.nights == []
    assert len(parsed.rejected) == 1
    return parsed.rejected[0]


# --- The fixture: a real-looking export --------------------------------------------------------


def test_the_fixture_reads_without_a_rejection_and_names_one_person(from_fixture) -> None:
    parsed, nights = from_fixture
    assert parsed.rejected == []  # the noise lines are skipped, not rejected
    assert parsed.sources == [Source("", "Sleep as Android")]
    assert sorted(nights) == [
        date(2020, 10, 24),
        date(2020, 11, 25),
        date(2020, 11, 26),
        date(2020, 11, 27),
        date(2020, 12, 5),
        date(2021, 3, 27),
    ]
    assert {night.source for night in parsed.nights} == {""}


def test_an_ordinary_night_takes_its_times_from_id_and_to(from_fixture) -> None:
    night = from_fixture[1][date(2020, 11, 25)]
    start = at("Europe/Prague", 2020, 11, 25, 23, 47)
    end = at("Europe/Prague", 2020, 11, 26, 7, 0)
    assert (night.into_bed, night.lights_out, night.final_wake, night.out_of_bed) == (
        start,
        start,
        end,
        end,
    )
    # The app counts the whole record as sleep: no time to fall asleep, no time awake.
    assert (night.sol_minutes, night.waso_minutes, night.awakenings) == (0, 0, 0)
    assert night.line == 2  # the values line (line 1 is its header)


def test_hashtags_become_tags_and_the_rest_of_the_comment_the_notes(from_fixture) -> None:
    night = from_fixture[1][date(2020, 11, 25)]
    assert night.tags == ("alcohol", "dream")
    assert night.notes == "Late dinner with friends"


def test_a_rating_in_quarter_stars_rounds_half_up(from_fixture) -> None:
    nights = from_fixture[1]
    assert nights[date(2020, 11, 25)].quality == 4  # 3.5
    assert nights[date(2021, 3, 27)].quality == 5  # 4.5


def test_the_noise_line_after_a_record_is_skipped_and_lines_keep_counting(from_fixture) -> None:
    # Line 3 is the first record's noise line; the next record's values are on line 5.
    assert from_fixture[1][date(2020, 11, 26)].line == 5


def test_a_split_night_counts_its_gap_as_time_awake(from_fixture) -> None:
    night = from_fixture[1][date(2020, 11, 26)]
    assert night.into_bed == at("Europe/Prague", 2020, 11, 26, 23, 10)
    assert night.final_wake == at("Europe/Prague", 2020, 11, 27, 7, 5)
    assert night.out_of_bed == night.final_wake
    assert (night.waso_minutes, night.awakenings) == (45, 1)  # awake 02:40-03:25
    # The last non-zero rating is the one given at the final awakening (2.75 → 3).
    assert night.quality == 3
    assert night.tags == ("noise", "snore_2x")
    assert night.notes == "the neighbours' dog"


def test_overlapping_records_are_merged_not_counted_twice(from_fixture) -> None:
    night = from_fixture[1][date(2020, 11, 27)]
    assert night.into_bed == at("Europe/Prague", 2020, 11, 28, 0, 5)
    assert night.final_wake == at("Europe/Prague", 2020, 11, 28, 7, 10)
    assert (night.waso_minutes, night.awakenings) == (0, 0)
    assert night.quality == 4  # the overlapping record is unrated (0)


def test_a_fall_back_night_reads_the_repeated_hour_by_the_reported_length(from_fixture) -> None:
    # Prague, 25 Oct 2020: 03:00 CEST → 02:00 CET. The first record ends at "2:20" with Hours
    # 3.5 after a start at 23:50 CEST: the second 2:20 (CET). Then asleep again 03:05-07:00.
    night = from_fixture[1][date(2020, 10, 24)]
    assert night.into_bed == at("Europe/Prague", 2020, 10, 24, 23, 50)
    assert night.final_wake == at("Europe/Prague", 2020, 10, 25, 7, 0)
    assert (night.waso_minutes, night.awakenings) == (45, 1)  # 2:20 CET to 3:05 CET
    assert minutes_between(night.into_bed, night.final_wake) == 8 * 60 + 10  # 23:50 → 7:00 +1h
    assert night.quality == 3  # the last rating, 3.25


def test_a_spring_forward_night_has_its_real_length(from_fixture) -> None:
    # Berlin, 28 Mar 2021: 02:00 → 03:00. 23:30 to 07:30 on the clock is 7 hours.
    night = from_fixture[1][date(2021, 3, 27)]
    assert minutes_between(night.into_bed, night.final_wake) == 7 * 60
    # Quoted header, a comma and doubled quotes inside the comment.
    assert night.notes == 'Woke at 4, "couldn\'t" get back'
    assert night.tags == ("noise",)


def test_a_night_away_is_dated_in_the_zone_the_record_names(from_fixture) -> None:
    night = from_fixture[1][date(2020, 12, 5)]
    assert night.into_bed == at("America/New_York", 2020, 12, 5, 22, 40)
    assert night.notes == "Hotel bed, ruhig 😴"


# --- The end of a record around DST: To's text disambiguated by Hours -------------------------


FALL_BACK_START = at("Europe/Prague", 2020, 10, 25, 0, 20)  # CEST


@pytest.mark.parametrize(
    ("hours", "minutes"),
    [
        ("2.0", 120),  # the first 2:20 (CEST): two hours after 00:20
        ("3.0", 180),  # the second 2:20 (CET): three hours
        ("2.9", 180),  # the app shortens Hours for pauses: the nearest reading wins
        ("", 120),  # no hint: the first reading, as the diary reads a repeated hour
        ("garbage", 120),
    ],
)
def test_an_end_in_the_repeated_hour_is_the_reading_nearest_id_plus_hours(hours, minutes) -> None:
    night = only_night(saa_record(start=FALL_BACK_START, to="25. 10. 2020 2:20", hours=hours))
    assert minutes_between(night.into_bed, night.final_wake) == minutes


def test_an_end_in_the_repeated_hour_never_reads_before_the_start() -> None:
    # Started at the second 2:10 (CET): "2:40" can only be the second 2:40, even with no Hours.
    start = at("Europe/Prague", 2020, 10, 25, 2, 10, fold=1)
    night = only_night(saa_record(start=start, to="25. 10. 2020 2:40"))
    assert minutes_between(night.into_bed, night.final_wake) == 30


def test_an_end_written_in_the_spring_forward_gap_follows_hours() -> None:
    # "2:30" does not exist on 28 Mar 2021 in Prague. Read with the offset before the change it
    # is 01:30 UTC (3.5 h after 23:00 CET), with the offset after it 00:30 UTC (2.5 h after).
    start = at("Europe/Prague", 2021, 3, 27, 23, 0)
    early = only_night(saa_record(start=start, to="28. 03. 2021 2:30", hours="2.5"))
    assert minutes_between(early.into_bed, early.final_wake) == 150
    late = only_night(saa_record(start=start, to="28. 03. 2021 2:30", hours="3.5"))
    assert minutes_between(late.into_bed, late.final_wake) == 210


# --- Split nights and the noon rule ------------------------------------------------------------


def test_records_before_and_after_noon_are_different_nights() -> None:
    text = saa_record(
        start=at("Europe/Prague", 2021, 6, 1, 11, 0), to="01. 06. 2021 11:50"
    ) + saa_record(start=at("Europe/Prague", 2021, 6, 1, 12, 30), to="01. 06. 2021 13:10")
    parsed = parse(text, None)
    assert [night.date for night in parsed.nights] == [date(2021, 5, 31), date(2021, 6, 1)]


def test_a_record_is_dated_by_the_noon_rule_in_its_own_zone() -> None:
    # 10:30 in New York is 16:30 in Prague: still the previous night where it was recorded.
    start = at("America/New_York", 2020, 12, 6, 10, 30)
    night = only_night(saa_record(start=start, tz="America/New_York", to="06. 12. 2020 11:30"))
    assert night.date == date(2020, 12, 5)


def test_three_records_in_one_night_count_two_awakenings_and_join_notes() -> None:
    text = (
        saa_record(
            start=at("Europe/Prague", 2021, 1, 4, 22, 0),
            to="05. 01. 2021 1:00",
            rating="4.0",
            comment="First #dream",
        )
        + saa_record(
            start=at("Europe/Prague", 2021, 1, 5, 1, 20),
            to="05. 01. 2021 4:00",
            rating="2.0",
            comment="#dream Second",
        )
        + saa_record(
            start=at("Europe/Prague", 2021, 1, 5, 4, 30),
            to="05. 01. 2021 6:30",
            rating="0.0",
            comment="First",
        )
    )
    night = only_night(text)
    assert (night.waso_minutes, night.awakenings) == (50, 2)
    assert night.quality == 2  # the last rated record; the final one was left unrated
    assert night.tags == ("dream",)
    assert night.notes == "First\nSecond"  # in order, without repeats
    assert night.line == 2


def test_a_record_inside_another_adds_nothing() -> None:
    text = saa_record(
        start=at("Europe/Prague", 2021, 1, 4, 22, 0), to="05. 01. 2021 6:00"
    ) + saa_record(start=at("Europe/Prague", 2021, 1, 5, 1, 0), to="05. 01. 2021 2:00")
    night = only_night(text)
    assert night.final_wake == at("Europe/Prague", 2021, 1, 5, 6, 0)
    assert (night.waso_minutes, night.awakenings) == (0, 0)


def test_the_same_record_twice_is_one_night() -> None:
    record = saa_record(start=at("Europe/Prague", 2021, 1, 4, 22, 0), to="05. 01. 2021 6:00")
    night = only_night(record + record)
    assert minutes_between(night.into_bed, night.final_wake) == 8 * 60
    assert (night.waso_minutes, night.awakenings) == (0, 0)


def test_a_night_whose_records_span_more_than_a_day_is_rejected() -> None:
    text = saa_record(
        start=at("Europe/Prague", 2021, 1, 4, 12, 30), to="04. 01. 2021 20:00"
    ) + saa_record(start=at("Europe/Prague", 2021, 1, 5, 11, 0), to="05. 01. 2021 14:00")
    rejection = only_rejection(text)
    assert rejection.line == 2
    assert "night of 2021-01-04 span 25 h 30 min" in rejection.reason


# --- Ratings ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rating", "quality"),
    [
        ("0.0", None),  # not rated
        ("", None),
        ("0.25", 1),  # a rated night is at least one star
        ("1.5", 2),
        ("2.5", 3),  # halves round up, not to even
        ("3.25", 3),
        ("3.75", 4),
        ("5.0", 5),
        ("5", 5),
    ],
)
def test_ratings_map_onto_quality(rating, quality) -> None:
    start = at("Europe/Prague", 2021, 1, 4, 23, 0)
    night = only_night(saa_record(start=start, to="05. 01. 2021 7:00", rating=rating))
    assert night.quality == quality


@pytest.mark.parametrize("rating", ["7", "-1", "five", "nan", "inf"])
def test_a_rating_outside_0_to_5_is_rejected(rating) -> None:
    start = at("Europe/Prague", 2021, 1, 4, 23, 0)
    rejection = only_rejection(saa_record(start=start, to="05. 01. 2021 7:00", rating=rating))
    assert rejection.reason == f"Rating “{rating}” is not a number from 0 to 5."


# --- Rejected lines, each with its reason --------------------------------------------------------

START = at("Europe/Prague", 2021, 1, 4, 23, 0)


@pytest.mark.parametrize(
    ("record", "reason"),
    [
        (
            {"start": "yesterday"},
            "Id “yesterday” is not a time in milliseconds since 1970.",
        ),
        ({"start": "-1609797600000"}, "Id “-1609797600000” is not a time in milliseconds"),
        ({"start": "99999999999999999999999"}, "Id “99999999999999999999999” is not a time in"),
        ({"start": "9999999999999"}, "Id is not between 1970 and 2099."),  # year 2286
        ({"start": "253402300800000"}, "Id is not between 1970 and 2099."),  # past year 9999
        ({"tz": "Mars/Olympus_Mons"}, "Unknown time zone “Mars/Olympus_Mons”."),
        ({"tz": ""}, "The time zone (Tz) is missing."),
        ({"to": "2021-01-05 07:00"}, "To “2021-01-05 07:00” is not a date and time like"),
        ({"to": "32. 01. 2021 7:00"}, "To “32. 01. 2021 7:00” is not a date and time like"),
        ({"to": "04. 01. 2021 22:00"}, "The sleep ends before it starts."),
        ({"to": "04. 01. 2021 23:00"}, "The sleep ends when it starts (0 minutes)."),
        (
            {"to": "06. 01. 2021 0:30"},
            "The sleep lasts 25 h 30 min; a record can be at most 24 hours.",
        ),
    ],
)
def test_an_unusable_record_is_rejected_with_its_line_and_reason(record, reason) -> None:
    fields = {"start": START, "to": "05. 01. 2021 7:00"} | record
    good = saa_record(start=START - timedelta(days=3), to="02. 01. 2021 7:00")
    parsed = parse(good + saa_record(**fields), None)
    assert len(parsed.nights) == 1  # the good record still imports
    [rejection] = parsed.rejected
    assert rejection.line == 4
    assert rejection.reason.startswith(reason)
    assert rejection.source == ""


def test_a_line_without_an_id_is_a_noise_line_and_skipped_silently() -> None:
    record = saa_record(start=START, to="05. 01. 2021 7:00")
    noise = saa_record(start="", tz="", to="").splitlines()[1]
    parsed = parse(record + noise + "\n", None)
    assert len(parsed.nights) == 1
    assert parsed.rejected == []


def test_a_values_line_shorter_than_its_header_needs_is_rejected() -> None:
    text = saa_record(start=START, to="05. 01. 2021 7:00") + '"1609797600000","Europe/Prague"\n'
    parsed = parse(text, None)
    assert parsed.rejected == [Rejected(3, "This line has 2 fields; its header names at least 4.")]


def test_a_header_without_tz_rejects_itself_and_the_values_under_it() -> None:
    good = saa_record(start=START, to="05. 01. 2021 7:00")
    bad = good.replace("Id,Tz,From", "Id,Zone,From", 1)
    parsed = parse(good + bad, None)
    assert len(parsed.nights) == 1
    assert parsed.rejected == [
        Rejected(3, "This header line lacks: Tz."),
        Rejected(4, "No usable header line (Id,Tz,From,To,…) comes before this line."),
    ]


def test_a_cell_too_long_to_read_rejects_its_line_only() -> None:
    text = saa_record(start=START, to="05. 01. 2021 7:00", comment="x" * 200_000)
    text += saa_record(start=START + timedelta(days=1), to="06. 01. 2021 7:00")
    parsed = parse(text, None)
    assert [night.date for night in parsed.nights] == [date(2021, 1, 5)]
    assert parsed.rejected == [Rejected(2, UNREADABLE)]


# --- Variants of the file --------------------------------------------------------------------


def test_windows_line_endings_and_a_byte_order_mark_read_the_same(from_fixture) -> None:
    text = "\ufeff" + fixture("sleep_as_android.csv").replace("\n", "\r\n")
    parsed = parse(text, None)
    assert parsed.nights == from_fixture[0].nights


def test_a_java_fixed_offset_zone_is_understood() -> None:
    start = at("Europe/Prague", 2021, 1, 4, 23, 0)
    night = only_night(saa_record(start=start, tz="GMT+01:00", to="05. 01. 2021 7:00"))
    assert minutes_between(night.into_bed, night.final_wake) == 8 * 60
    assert night.date == date(2021, 1, 4)


def test_blank_lines_are_skipped() -> None:
    record = saa_record(start=START, to="05. 01. 2021 7:00")
    parsed = parse(record + "\n\n", None)
    assert len(parsed.nights) == 1
    assert parsed.rejected == []


@pytest.mark.parametrize(
    "text",
    [
        "",
        "profile,time_zone,date,into_bed\n",
        "sid,start,stop,rating\n1,2,3,4\n",
        '{"nights": []}',
        '"1609797600000","Europe/Prague","4. 1. 2021 23:00"\n',  # values without a header
    ],
)
def test_other_files_are_not_this_format(text) -> None:
    with pytest.raises(NotThisFormat):
        parse(text, None)
