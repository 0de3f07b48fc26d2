"""History on a wide screen: the same nights as a table, sorted on the server by a
whitelisted column (?sort=), blanks last."""

import re
from datetime import UTC, date, datetime

import pytest
from django.urls import reverse

from journal.selectors import parse_history_sort

from .fixtures.journal import make_night

HISTORY = reverse("journal:history")


@pytest.fixture(autouse=True)
def _this_year_is_2026(freeze):
    """Dates of this year are written without the year."""
    freeze(datetime(2026, 11, 20, 12, 0, tzinfo=UTC))


def table_dates(page: str) -> list[str]:
    table = page[page.index('class="card history-table"') :]
    return re.findall(r'<th scope="row"><a href="[^"]+">([^<]+)</a></th>', table)


@pytest.fixture
def three_nights(alice):
    make_night(alice.profile, date(2026, 11, 1), quality=2, sol_minutes=60)  # least asleep
    make_night(alice.profile, date(2026, 11, 2), quality=5, sol_minutes=5)  # most asleep
    make_night(alice.profile, date(2026, 11, 3), quality=None, sol_minutes=20)
    return alice


@pytest.mark.parametrize(
    ("raw", "parsed"),
    [
        ("quality", ("quality", False)),
        ("-efficiency", ("efficiency", True)),
        ("-date", ("date", True)),
        ("pk", None),
        ("--date", None),
        ("sort_tst", None),
        ("", None),
        (None, None),
    ],
)
def test_only_the_tables_columns_sort(raw, parsed):
    assert parse_history_sort(raw) == parsed


def test_by_default_newest_first_with_sortable_headers(client_for, three_nights):
    page = client_for(three_nights).get(HISTORY).content.decode()
    assert table_dates(page) == ["Tue 3 Nov", "Mon 2 Nov", "Sun 1 Nov"]
    assert 'aria-sort="descending"><a href="?profile=' in page
    assert "sort=asleep" not in page and "sort=-asleep" in page


def test_sorted_by_time_asleep_either_way(client_for, three_nights):
    client = client_for(three_nights)
    page = client.get(HISTORY, {"sort": "-asleep"}).content.decode()
    assert table_dates(page) == ["Mon 2 Nov", "Tue 3 Nov", "Sun 1 Nov"]
    assert 'aria-sort="descending"><a href="?profile=' in page and "sort=asleep" in page
    page = client.get(HISTORY, {"sort": "asleep"}).content.decode()
    assert table_dates(page) == ["Sun 1 Nov", "Tue 3 Nov", "Mon 2 Nov"]


def test_a_blank_quality_sorts_last_both_ways(client_for, three_nights):
    client = client_for(three_nights)
    assert table_dates(client.get(HISTORY, {"sort": "quality"}).content.decode())[-1] == "Tue 3 Nov"
    assert (
        table_dates(client.get(HISTORY, {"sort": "-quality"}).content.decode())[-1] == "Tue 3 Nov"
    )


def test_an_unknown_sort_or_page_is_the_default_order(client_for, three_nights):
    client = client_for(three_nights)
    page = client.get(HISTORY, {"sort": "notes; drop", "page": "x"}).content.decode()
    assert table_dates(page) == ["Tue 3 Nov", "Mon 2 Nov", "Sun 1 Nov"]


def test_sorted_pages(client_for, alice, monkeypatch):
    monkeypatch.setattr("journal.selectors.HISTORY_PAGE_SIZE", 2)
    for day in (1, 2, 3):
        make_night(alice.profile, date(2026, 11, day), quality=day)
    client = client_for(alice)
    first = client.get(HISTORY, {"sort": "quality"}).content.decode()
    assert "Sun 1 Nov" in first and "sort=quality&amp;page=2" in first
    second = client.get(HISTORY, {"sort": "quality", "page": "2"}).content.decode()
    assert table_dates(second) == ["Tue 3 Nov"] and "page=3" not in second


def test_another_households_nights_never_sort_in(client_for, three_nights, mallory):
    make_night(mallory.profile, date(2026, 11, 4), quality=5)
    page = client_for(three_nights).get(HISTORY, {"sort": "-quality"}).content.decode()
    assert "Wed 4 Nov" not in page
