"""No date, month or row count typed into a journal URL or form gives a 500.

Dates at the edges of the calendar (year 1 and 9999) used to overflow the night arithmetic
(a night of D ends at noon of D+1); an intake formset count of 1,000,000 rendered a thousand
rows. Each now answers a form error, a 4xx, or a page within bounds.
"""

from datetime import UTC, date, datetime, timedelta
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journal.models import Night

from .fixtures.journal import night_post

TODAY = date(2026, 11, 10)


@pytest.fixture(autouse=True)
def _today_is_fixed(freeze):
    """Today is after the nights logged here, whatever the real date (issue 7)."""
    freeze(datetime(2026, 11, 10, 12, 0, tzinfo=UTC))


LOG = reverse("journal:log")
EDGE_DATES = ["9999-12-31", "9999-12-30", "0001-01-01", "1900-01-01", "1969-12-31"]


def frozen(*args):
    return mock.patch.object(timezone, "now", return_value=datetime(*args, tzinfo=UTC))


def error_text(page: str, field: str) -> str:
    start = page.index(f'id="error-{field}"')
    return page[start : page.index("</div>", start)]


@pytest.mark.parametrize("night_date", EDGE_DATES)
def test_logging_a_night_at_the_edge_of_the_calendar_is_a_form_error(client_for, alice, night_date):
    with frozen(2026, 11, 3, 8, 0):
        response = client_for(alice).post(LOG, night_post(alice.profile, night_date))
    assert response.status_code == 200
    message = error_text(response.content.decode(), "date")
    assert "before 1970" in message or "hasn&#x27;t begun yet" in message
    assert not Night.objects.exists()


def test_the_earliest_night_is_1_january_1970(client_for, alice):
    response = client_for(alice).post(LOG, night_post(alice.profile, "1970-01-01"))
    assert response.status_code == 302


@pytest.mark.parametrize("night_date", EDGE_DATES)
def test_inline_validation_at_the_edge_of_the_calendar(client_for, alice, alice_night, night_date):
    client = client_for(alice)
    with frozen(2026, 11, 3, 8, 0):
        new = client.post(reverse("journal:validate"), night_post(alice.profile, night_date))
        edit = client.post(
            reverse("journal:validate_edit", args=[alice_night.pk]), night_post(None, night_date)
        )
    for response in (new, edit):
        assert response.status_code == 200
        assert error_text(response.content.decode(), "date").strip().endswith(".")


@pytest.mark.parametrize("night_date", EDGE_DATES)
def test_editing_a_night_onto_the_edge_of_the_calendar(client_for, alice, alice_night, night_date):
    url = reverse("journal:edit", args=[alice_night.pk])
    response = client_for(alice).post(url, night_post(None, night_date))
    assert response.status_code == 200
    assert "before 1970" in error_text(response.content.decode(), "date") or night_date > "2026"


@pytest.mark.parametrize("night_date", [*EDGE_DATES, "2026-02-30", "nonsense"])
def test_opening_the_form_for_any_date_is_not_a_500(client_for, alice, night_date):
    response = client_for(alice).get(LOG, {"date": night_date})
    assert response.status_code == 200
    assert "Log a night" in response.content.decode()


@pytest.mark.parametrize("month", ["9999-12", "0001-01", "10000-01", "-1-01", "2026-13", "x"])
def test_the_calendar_at_the_edge_of_the_calendar(client_for, alice, month):
    with frozen(2026, 11, 3, 8, 0):
        response = client_for(alice).get(reverse("journal:calendar"), {"month": month})
    assert response.status_code == 200
    assert "November 2026" in response.content.decode()  # out of range: this month


def test_the_calendar_stops_at_the_earliest_month(client_for, alice):
    response = client_for(alice).get(reverse("journal:calendar"), {"month": "1970-01"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "January 1970" in page
    assert "month=1969-12" not in page
    assert "month=1970-02" in page


@pytest.mark.parametrize("before", ["9999-12-31", "0001-01-01", "2026-02-30", "x"])
def test_history_pages_at_the_edge_of_the_calendar(client_for, alice, alice_night, before):
    client = client_for(alice)
    for headers in ({}, {"HX-Request": "true"}):
        response = client.get(reverse("journal:history"), {"before": before}, headers=headers)
        assert response.status_code == 200


# --- Intake rows -----------------------------------------------------------------------------


def test_a_huge_intake_row_count_is_capped_and_refused(client_for, alice):
    data = night_post(alice.profile)
    data["intake-TOTAL_FORMS"] = "1000000"
    response = client_for(alice).post(LOG, data)
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count('class="intake-row"') <= 20
    assert "at most 20" in page.lower()
    assert not Night.objects.exists()


def test_adding_a_row_past_the_cap_without_javascript_adds_none(client_for, alice):
    data = night_post(alice.profile, add_intake="1")
    data["intake-TOTAL_FORMS"] = "20"
    for index in range(1, 20):
        for name in ("item", "amount", "unit", "taken_at"):
            data[f"intake-{index}-{name}"] = ""
    page = client_for(alice).post(LOG, data).content.decode()
    assert page.count('class="intake-row"') == 20
    assert 'name="intake-20-item"' not in page


@pytest.mark.parametrize("count", ["1000000", "19", "20", "-3", "9" * 5000])
def test_the_intake_row_endpoint_never_goes_past_the_cap(client_for, alice, count):
    response = client_for(alice).get(reverse("journal:intake_row"), {"intake-TOTAL_FORMS": count})
    page = response.content.decode()
    assert response.status_code == 200
    assert 'name="intake-20-item"' not in page
    for index in range(20, 1000):
        assert f'value="{index + 1}"' not in page
    if count in ("1000000", "20"):
        assert "at most 20" in page.lower()


# --- Any date, any month -----------------------------------------------------------------------

FUZZ = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@FUZZ
@given(night_date=st.dates())
def test_any_date_in_the_live_summary_is_answered_without_a_500(client_for, alice, night_date):
    response = client_for(alice).post(
        reverse("journal:validate"), night_post(alice.profile, night_date.isoformat())
    )
    assert response.status_code == 200
    page = response.content.decode()
    if night_date.year < 1970 or night_date > TODAY + timedelta(days=1):
        assert error_text(page, "date").split(">", 1)[1].strip()  # a message on the date


@FUZZ
@given(year=st.integers(min_value=-10, max_value=20000), month=st.integers(-1, 14))
def test_any_month_in_the_calendar_is_answered_without_a_500(client_for, alice, year, month):
    response = client_for(alice).get(reverse("journal:calendar"), {"month": f"{year}-{month:02}"})
    assert response.status_code == 200
