"""Reading Nightstand's own CSV of nights back: what the export writes, the parser reads, and a row
it cannot read is rejected with its line and the reason (the rest of the file still counts)."""

from datetime import UTC, date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from exchange import nights_csv
from exchange.importing import nightstand_csv
from exchange.importing.incoming import IncomingIntake, NotThisFormat

LONDON = ZoneInfo("Europe/London")
HEADER = ",".join(nights_csv.COLUMNS)


def row(**cells) -> str:
    values = {
        "profile": "Alice",
        "time_zone": "Europe/London",
        "date": "2026-11-02",
        "into_bed": "2026-11-02T22:45:00+00:00",
        "lights_out": "2026-11-02T23:00:00+00:00",
        "sol_minutes": "20",
        "awakenings": "2",
        "waso_minutes": "25",
        "final_wake": "2026-11-03T06:30:00+00:00",
        "out_of_bed": "2026-11-03T06:50:00+00:00",
        "quality": "4",
        "rested": "3",
        "stress": "2",
        "nap_minutes": "15",
        "disturbances": "Noise; Pain",
        "intake": "Caffeine 2 cup @ 15:30; Caffeine",
        "notes": "Slept fine",
    } | cells
    return ",".join(values.get(column, "") for column in nights_csv.COLUMNS)


def csv_of(*rows: str) -> str:
    return "\n".join([HEADER, *rows]) + "\n"


def test_the_export_header_is_recognised_and_others_are_not():
    assert nightstand_csv.sniff(csv_of())
    assert nightstand_csv.sniff("\ufeff" + csv_of())  # with a byte order mark
    assert nightstand_csv.sniff("household," + csv_of())  # the admin's download
    assert nightstand_csv.sniff("profile,time_zone,date,quality\n")  # columns left out
    assert not nightstand_csv.sniff("sid,start,stop,rating\n1,2,3,4\n")
    assert not nightstand_csv.sniff("profile,time_zone,date,shoe_size\n")
    with pytest.raises(NotThisFormat):
        nightstand_csv.parse("Id,Tz,From,To\n")


def test_worked_example_1_reads_back_every_diary_field():
    parsed = nightstand_csv.parse(csv_of(row()))
    assert parsed.rejected == []
    assert [(s.key, s.label) for s in parsed.sources] == [("Alice", "Alice")]
    [night] = parsed.nights
    assert night.source == "Alice" and night.line == 2 and night.date == date(2026, 11, 2)
    assert night.into_bed == datetime(2026, 11, 2, 22, 45, tzinfo=UTC)
    assert night.final_wake == datetime(2026, 11, 3, 6, 30, tzinfo=UTC)
    assert (night.sol_minutes, night.awakenings, night.waso_minutes) == (20, 2, 25)
    assert (night.quality, night.rested, night.stress, night.nap_minutes) == (4, 3, 2, 15)
    assert night.disturbances == ("Noise", "Pain")
    assert night.intake == (
        IncomingIntake(
            item="Caffeine",
            amount=Decimal("2"),
            unit="cup",
            taken_at=datetime(2026, 11, 2, 15, 30, tzinfo=UTC),
        ),
        IncomingIntake(item="Caffeine"),
    )
    assert night.notes == "Slept fine"


def test_the_computed_metrics_are_ignored():
    text = csv_of(row(time_in_bed="nonsense", sleep_efficiency="-5", mid_sleep="never"))
    parsed = nightstand_csv.parse(text)
    assert parsed.rejected == [] and len(parsed.nights) == 1


def test_times_across_a_dst_change_keep_their_offsets():
    # The night the clocks go back in London: 01:30 happens twice, the offset says which.
    parsed = nightstand_csv.parse(
        csv_of(row(date="2026-10-24", into_bed="2026-10-25T01:30:00+01:00",
                   lights_out="2026-10-25T01:30:00+00:00", final_wake="2026-10-25T07:00:00+00:00",
                   out_of_bed="2026-10-25T07:10:00+00:00", intake=""))
    )  # fmt: skip
    [night] = parsed.nights
    assert (night.lights_out - night.into_bed).total_seconds() == 3600


def test_a_time_without_offset_is_wall_clock_time_in_the_rows_zone():
    parsed = nightstand_csv.parse(
        csv_of(row(time_zone="America/New_York", into_bed="2026-07-02T22:45:00", intake=""))
    )
    [night] = parsed.nights
    assert night.into_bed == datetime(2026, 7, 3, 2, 45, tzinfo=UTC)


def test_the_formula_guard_apostrophe_is_taken_off():
    parsed = nightstand_csv.parse(
        csv_of(row(notes="'=SUM(A1)", disturbances="'+1 neighbours; Noise"), row(
            date="2026-11-03", notes="'tis the season", into_bed="", lights_out="",
            final_wake="", out_of_bed="", intake="", disturbances=""))
    )  # fmt: skip
    first, second = parsed.nights
    assert first.notes == "=SUM(A1)"
    assert first.disturbances == ("+1 neighbours", "Noise")
    assert second.notes == "'tis the season"  # an apostrophe the export did not add stays


def test_notes_over_several_lines_keep_the_line_numbers_right():
    text = csv_of(row(notes='"Woke at 4,\nlay awake"'), row(date="2026-11-03", quality="9"))
    parsed = nightstand_csv.parse(text)
    assert parsed.nights[0].notes == "Woke at 4,\nlay awake"
    assert [(night.line, night.quality) for night in parsed.nights] == [(2, 4), (4, 9)]


@pytest.mark.parametrize(
    ("cells", "reason"),
    [
        ({"date": "02/11/2026"}, "Date “02/11/2026” is not a date like 2026-11-02."),
        ({"into_bed": "yesterday"}, "Into bed “yesterday” is not a date and time"),
        ({"quality": "good"}, "Quality “good” is not a number."),
        ({"sol_minutes": "12.5"}, "Minutes to fall asleep “12.5” is not a whole number."),
        ({"awakenings": "1e9"}, "Awakenings “1e9” is far too large."),
        ({"time_zone": "Mars/Olympus"}, "Time zone “Mars/Olympus” is not one Nightstand knows."),
        ({"profile": ""}, "The profile column is empty."),
        ({"intake": "Caffeine 1 cup @ 25:10"}, "Intake “Caffeine 1 cup @ 25:10”: 25:10 is not"),
    ],
)
def test_a_row_that_cannot_be_read_is_rejected_with_its_line(cells, reason):
    parsed = nightstand_csv.parse(csv_of(row(date="2026-11-01"), row(**cells)))
    assert [night.date for night in parsed.nights] == [date(2026, 11, 1)]
    [rejected] = parsed.rejected
    assert rejected.line == 3
    assert rejected.reason.startswith(reason)


@pytest.mark.parametrize(
    ("text", "item", "amount", "unit", "clock"),
    [
        ("Caffeine", "Caffeine", None, "", None),
        ("Caffeine 2 cup @ 15:30", "Caffeine", Decimal("2"), "cup", (15, 30)),
        ("Melatonin 0.5 mg", "Melatonin", Decimal("0.5"), "mg", None),
        ("Alcohol @ 21:00", "Alcohol", None, "", (21, 0)),
        ("Vitamin B12 1 pill", "Vitamin B12", Decimal("1"), "pill", None),
        ("Herbal tea 1 big mug @ 9:05", "Herbal tea", Decimal("1"), "big mug", (9, 5)),
        ("Melatonin 3 @ 02:00", "Melatonin", Decimal("3"), "", (2, 0)),
    ],
)
def test_intake_text_reads_as_the_export_writes_it(text, item, amount, unit, clock):
    intake = nightstand_csv.intake_of(text, night=date(2026, 11, 2), zone=LONDON)
    assert (intake.item, intake.amount, intake.unit) == (item, amount, unit)
    if clock is None:
        assert intake.taken_at is None
    else:
        local = intake.taken_at.astimezone(LONDON)
        assert (local.hour, local.minute) == clock
        # As the diary places intake times: from 06:00 on the night's date, earlier is next day.
        assert local.date() == (date(2026, 11, 3) if clock[0] < 6 else date(2026, 11, 2))


def test_a_csv_the_reader_gives_up_on_stops_with_a_rejection_rather_than_an_error():
    text = csv_of(row(), row(date="2026-11-03", notes="x" * 200_000), row(date="2026-11-04"))
    parsed = nightstand_csv.parse(text)
    assert [night.date for night in parsed.nights] == [date(2026, 11, 2)]
    [rejected] = parsed.rejected
    assert rejected.line == 3 and rejected.reason.startswith("The file cannot be read from here")
