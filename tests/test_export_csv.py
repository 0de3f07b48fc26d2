"""The CSV of nights: one row per night, every diary field and the computed metrics, times in the
profile's zone with their UTC offset, blanks blank, and no cell a spreadsheet would run."""

import csv
import io
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from exchange import nights_csv, selectors
from journal.models import Disturbance, Intake, IntakeItem

from .fixtures.journal import make_night


def parse(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def download(client, url) -> list[dict]:
    response = client.get(url)
    assert response.status_code == 200
    assert response.streaming, "a CSV of years of nights is streamed"
    return parse(b"".join(response.streaming_content).decode())


@pytest.fixture
def worked_example_1(alice):
    """Worked example 1 of docs/sleep-metrics.md, with everything else the diary holds."""
    night = make_night(
        alice.profile, date(2026, 11, 2), quality=4, rested=3, stress=2, nap_minutes=15,
        notes="Slept fine",
    )  # fmt: skip
    night.disturbances.set(Disturbance.objects.filter(name__in=["Noise", "Pain"], household=None))
    caffeine = IntakeItem.objects.get(name="Caffeine", household=None)
    Intake.objects.create(
        night=night,
        item=caffeine,
        amount=Decimal("2.00"),
        unit="cup",
        taken_at=datetime(2026, 11, 2, 15, 30, tzinfo=UTC),
    )
    Intake.objects.create(night=night, item=caffeine)
    return night


def test_the_header_names_every_column_in_order(client_for, alice, worked_example_1):
    response = client_for(alice).get(reverse("exchange:profile_csv", args=[alice.profile.pk]))
    header = b"".join(response.streaming_content).decode().splitlines()[0]
    assert header.split(",") == list(nights_csv.COLUMNS)
    assert header.startswith("profile,time_zone,date,into_bed,lights_out,sol_minutes")


def test_worked_example_1_row_has_every_field_and_metric(client_for, alice, worked_example_1):
    [row] = download(client_for(alice), reverse("exchange:profile_csv", args=[alice.profile.pk]))
    assert row == {
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
        "time_in_bed": "485",
        "total_sleep_time": "405",
        "sleep_efficiency": "83.5",
        "sleep_onset_latency": "20",
        "terminal_wakefulness": "20",
        "mid_sleep": "2026-11-03T02:55:00+00:00",  # halfway from 23:20 asleep to 06:30
    }


def test_a_night_across_the_clock_change_keeps_each_times_offset(client_for, alice):
    # Europe/London falls back from BST (+01:00) to GMT at 02:00 on 25 October 2026.
    make_night(alice.profile, date(2026, 10, 24))
    [row] = download(client_for(alice), reverse("exchange:profile_csv", args=[alice.profile.pk]))
    assert row["into_bed"] == "2026-10-24T22:45:00+01:00"
    assert row["lights_out"] == "2026-10-24T23:00:00+01:00"
    assert row["final_wake"] == "2026-10-25T06:30:00+00:00"
    assert row["out_of_bed"] == "2026-10-25T06:50:00+00:00"
    assert row["time_in_bed"] == "545"  # the real elapsed time, one hour longer


def test_times_are_in_each_profiles_own_zone(client_for, alice, child):
    child.time_zone = "America/New_York"
    child.save()
    make_night(child, date(2026, 11, 2))
    rows = download(client_for(alice), reverse("exchange:profile_csv", args=[child.pk]))
    assert rows[0]["time_zone"] == "America/New_York"
    assert rows[0]["into_bed"] == "2026-11-02T22:45:00-05:00"


def test_blanks_stay_blank_never_zero(client_for, alice):
    make_night(
        alice.profile, date(2026, 11, 2), into_bed=None, out_of_bed=None,
        sol_minutes=None, awakenings=None, waso_minutes=None,
    )  # fmt: skip
    [row] = download(client_for(alice), reverse("exchange:profile_csv", args=[alice.profile.pk]))
    for column in (
        "into_bed", "out_of_bed", "sol_minutes", "awakenings", "waso_minutes", "quality",
        "rested", "stress", "nap_minutes", "disturbances", "intake", "notes",
        "time_in_bed", "total_sleep_time", "sleep_efficiency", "sleep_onset_latency",
        "terminal_wakefulness",
    ):  # fmt: skip
        assert row[column] == "", column
    assert row["lights_out"] == "2026-11-02T23:00:00+00:00"


def test_a_zero_is_written_as_zero(client_for, alice):
    make_night(alice.profile, date(2026, 11, 2), sol_minutes=0, awakenings=0, nap_minutes=0)
    [row] = download(client_for(alice), reverse("exchange:profile_csv", args=[alice.profile.pk]))
    assert (row["sol_minutes"], row["awakenings"], row["nap_minutes"]) == ("0", "0", "0")


@pytest.mark.parametrize("text", ["=HYPERLINK(1)", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"])
def test_a_cell_a_spreadsheet_would_run_gets_an_apostrophe(text):
    assert nights_csv.defused(text) == "'" + text


def test_user_text_cannot_become_a_formula(client_for, alice):
    alice.profile.name = "=cmd|' /C calc'!A0"
    alice.profile.save()
    IntakeItem.objects.create(household=alice.household, name="@evil")
    night = make_night(alice.profile, date(2026, 11, 2), notes="-1+1")
    night.disturbances.add(Disturbance.objects.create(household=alice.household, name="+noise"))
    Intake.objects.create(night=night, item=IntakeItem.objects.get(name="@evil"))
    [row] = download(client_for(alice), reverse("exchange:profile_csv", args=[alice.profile.pk]))
    assert row["profile"] == "'=cmd|' /C calc'!A0"
    assert row["notes"] == "'-1+1"
    assert row["disturbances"] == "'+noise"
    assert row["intake"] == "'@evil"


def test_commas_quotes_and_line_breaks_in_notes_survive(client_for, alice):
    make_night(alice.profile, date(2026, 11, 2), notes='Woke, "twice"\nthen slept')
    [row] = download(client_for(alice), reverse("exchange:profile_csv", args=[alice.profile.pk]))
    assert row["notes"] == 'Woke, "twice"\nthen slept'


def test_the_household_csv_has_every_visible_profile_in_name_then_date_order(
    client_for, alice, child
):
    make_night(alice.profile, date(2026, 11, 3))
    make_night(alice.profile, date(2026, 11, 2))
    make_night(child, date(2026, 11, 2))
    rows = download(client_for(alice), reverse("exchange:household_csv"))
    assert [(row["profile"], row["date"]) for row in rows] == [
        ("Alice", "2026-11-02"),
        ("Alice", "2026-11-03"),
        ("Robin", "2026-11-02"),
    ]


def test_minutes_are_rounded_to_one_decimal():
    assert nights_csv.minutes(None) == ""
    assert nights_csv.minutes(0.0) == "0"
    assert nights_csv.minutes(485.0) == "485"
    assert nights_csv.minutes(83.50515) == "83.5"
    assert nights_csv.minutes(12.96) == "13"


def test_three_years_stream_in_chunks_with_every_night(
    client_for, alice, three_years, django_assert_max_num_queries
):
    client = client_for(alice)
    url = reverse("exchange:profile_csv", args=[alice.profile.pk])
    response = client.get(url)
    chunks = 1 + len(three_years) // selectors.CSV_CHUNK
    # Nights, their disturbances and their intake per chunk: memory holds one chunk at a time.
    with django_assert_max_num_queries(3 * chunks):
        rows = parse(b"".join(response.streaming_content).decode())
    assert len(rows) == len(three_years)
    assert rows[0]["date"] == "2023-11-01"
    assert rows[0]["disturbances"] == "Noise; Pain"
    assert rows[0]["intake"] == "Caffeine cup; Alcohol cup"  # in the order they were logged
