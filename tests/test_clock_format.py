"""Times in the reader's clock (24-hour or 12-hour), dates written one way, plural units."""

from datetime import UTC, date, datetime, time
from decimal import Decimal

import pytest
from django.urls import reverse

from households.clock_format import format_time, from_accept_language
from journal.templatetags.journal_tags import written_date
from journal.units import amount_with_unit

from .fixtures.routines import make_routine


@pytest.mark.parametrize(
    ("clock", "fmt", "shown"),
    [
        (time(21, 30), "24h", "21:30"),
        (time(21, 30), "12h", "9:30 pm"),
        (time(0, 5), "12h", "12:05 am"),
        (time(12, 0), "12h", "12:00 pm"),
        (time(6, 45), "12h", "6:45 am"),
        (time(6, 45), "24h", "06:45"),
    ],
)
def test_a_time_in_either_clock(clock, fmt, shown):
    assert format_time(clock, fmt) == shown


@pytest.mark.parametrize(
    ("header", "fmt"),
    [
        ("en-US,en;q=0.9", "12h"),
        ("en-GB,en;q=0.9", "24h"),
        ("de-DE", "24h"),
        ("en", "24h"),  # no region: the 24-hour clock
        ("", "24h"),
        ("fr;q=0.8, en_AU", "12h"),
        ("garbage;;,", "24h"),
    ],
)
def test_the_browsers_language_decides_until_one_chooses(header, fmt):
    assert from_accept_language(header) == fmt


def test_dates_are_written_one_way():
    today = date(2026, 11, 25)
    assert written_date(date(2026, 11, 24), today=today) == "Tue 24 Nov"
    assert written_date(date(2025, 12, 31), today=today) == "Wed 31 Dec 2025"


@pytest.mark.parametrize(
    ("amount", "unit", "shown"),
    [
        ("2", "glass", "2 glasses"),
        ("1", "glass", "1 glass"),
        ("1.00", "cup", "1 cup"),
        ("0.5", "cup", "0.5 cups"),
        ("3", "Tablet", "3 Tablets"),
        ("200", "mg", "200 mg"),
        ("2", "sachet", "2 sachet"),  # not one we know: as typed
        ("2", "", "2"),
    ],
)
def test_amounts_with_plural_units(amount, unit, shown):
    assert amount_with_unit(Decimal(amount), unit) == shown


@pytest.fixture
def evening(freeze):
    return freeze(datetime(2026, 1, 15, 18, 0, tzinfo=UTC))


def test_tonight_in_the_browsers_clock(client_for, alice, evening):
    make_routine([alice.profile], steps=[("Read", 30)])
    client = client_for(alice)
    assert ">22:00</time>" in client.get("/", headers={"accept-language": "en-GB"}).text
    assert ">10:00 pm</time>" in client.get("/", headers={"accept-language": "en-US"}).text


def test_the_accounts_choice_wins_over_the_browser(client_for, alice, evening):
    make_routine([alice.profile], steps=[("Read", 30)])
    client = client_for(alice)
    edit = reverse("households:profile_edit", args=[alice.profile.pk])
    form = client.get(edit).text
    assert 'name="clock"' in form
    response = client.post(
        edit,
        {
            "name": "Alice",
            "time_zone": "Europe/London",
            "usual_bedtime": "22:30",
            "usual_wake_time": "06:30",
            "work_days": ["0", "1", "2", "3", "4"],
            "clock": "24h",
        },
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.clock == "24h"
    assert ">22:00</time>" in client.get("/", headers={"accept-language": "en-US"}).text


def test_a_childs_profile_has_no_clock_of_its_own(client_for, alice, child):
    form = client_for(alice).get(reverse("households:profile_edit", args=[child.pk])).text
    assert 'name="clock"' not in form
