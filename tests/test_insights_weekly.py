"""The one-line weekly summary (insights/weekly.py) and where it shows: Tonight and History."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from insights.selectors import weekly_record
from insights.weekly import weekly_line
from journal.metrics import NightTimes
from tests.fixtures.journal import make_night
from tests.insights_nights import night, nights

LAST = date(2026, 11, 24)


def test_the_last_seven_nights_against_the_seven_before():
    this_week = [night(LAST - timedelta(days=d), "23:00", "07:00") for d in range(7)]
    before = [night(LAST - timedelta(days=d), "23:00", "06:30") for d in range(7, 14)]
    line = weekly_line(this_week + before, LAST)
    assert line.this_week.n == 7 and line.week_before.n == 7
    assert line.this_week.tst == 480 and line.week_before.tst == 450
    assert line.tst_change == 30
    assert line.this_week.sri == 100 and line.sri_change == 0


def test_no_night_this_week_means_no_line_and_no_zeros():
    assert weekly_line([night(LAST - timedelta(days=9), "23:00", "07:00")], LAST) is None
    line = weekly_line([night(LAST, "23:00", "07:00")], LAST)
    assert line.week_before.n == 0 and line.week_before.tst is None
    assert line.tst_change is None and not line.has_changes
    assert line.this_week.sri is None  # one night has no pair


@given(st.lists(st.integers(min_value=0, max_value=30), unique=True, max_size=20))
def test_any_pattern_of_logged_nights(offsets):
    records = [night(LAST - timedelta(days=d), "22:30", "06:30") for d in offsets]
    line = weekly_line(records, LAST)
    logged_this_week = sum(d < 7 for d in offsets)
    if not logged_this_week:
        assert line is None
    else:
        assert line.this_week.n == logged_this_week
        assert line.week_before.n == sum(7 <= d < 14 for d in offsets)


@given(nights(max_nights=16))
def test_the_lean_records_give_the_line_the_full_ones_give(records):
    """weekly_lines reads only the diary times and makes records with just what the line needs:
    blanks, contradictions and DST nights come out as with every metric worked out."""
    lean = [
        weekly_record(
            record.date,
            NightTimes(
                record.into_bed,
                record.lights_out,
                record.sol,
                record.waso,
                record.final_wake,
                record.out_of_bed,
            ),
            window=(record.window_start, record.window_end),
            zone_name=record.zone_name,
        )
        for record in records
    ]
    for last in {record.date for record in records[-3:]}:
        assert weekly_line(lean, last) == weekly_line(records, last)


NOW = datetime(2026, 11, 25, 20, 0, tzinfo=UTC)


@pytest.fixture
def logged(alice, freeze):
    freeze(NOW)
    for offset in range(10):
        make_night(alice.profile, LAST - timedelta(days=offset))


def test_tonight_shows_the_weekly_line(client_for, alice, logged):
    page = client_for(alice).get(reverse("routines:tonight")).content.decode()
    assert "Last 7 nights</a>: 6 h 45 min asleep · 83.5 % efficiency · regularity 100" in page


def test_history_shows_the_weekly_line_of_the_profile_shown(client_for, alice, child, logged):
    client = client_for(alice)
    assert "Last 7 nights" in client.get(reverse("journal:history")).content.decode()
    page = client.get(reverse("journal:history"), {"profile": child.pk}).content.decode()
    assert "Last 7 nights" not in page
