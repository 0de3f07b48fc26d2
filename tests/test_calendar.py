"""The month calendar: each night coloured by sleep efficiency or by quality."""

import re
from datetime import UTC, date, datetime

import pytest
from django.urls import reverse

from .conftest import add_dependant
from .fixtures.journal import make_night


@pytest.fixture(autouse=True)
def _today_is_fixed(freeze):
    """Today is after the October nights shown here, whatever the real date (issue 7)."""
    freeze(datetime(2026, 11, 10, 12, 0, tzinfo=UTC))


CALENDAR = reverse("journal:calendar")


def cell(page: str, night) -> str:
    link = reverse("journal:night", args=[night.pk])
    match = re.search(rf'<td class="([^"]*)">\s*<a href="{link}"', page)
    assert match, f"no cell for {night}"
    return match.group(1)


def test_nights_are_coloured_by_sleep_efficiency(client_for, alice):
    good = make_night(alice.profile, date(2026, 10, 5), sol_minutes=5, waso_minutes=0)
    poor = make_night(alice.profile, date(2026, 10, 6), sol_minutes=90, waso_minutes=60)
    unknown = make_night(alice.profile, date(2026, 10, 7), sol_minutes=None)
    page = client_for(alice).get(CALENDAR, {"month": "2026-10"}).content.decode()
    assert "October 2026 · Alice" in page
    assert cell(page, good) == "day scale-4"  # 95.9 %
    assert cell(page, poor) == "day scale-1"  # 61.9 %
    assert cell(page, unknown) == "day scale-none"
    assert "90 % and over" in page


def test_nights_can_be_coloured_by_quality(client_for, alice):
    night = make_night(alice.profile, date(2026, 10, 5), quality=3)
    page = client_for(alice).get(CALENDAR, {"month": "2026-10", "colour": "quality"}).content
    assert cell(page.decode(), night) == "day scale-2"
    assert "Very poor / poor" in page.decode()


def test_empty_past_days_link_to_logging_that_night(client_for, alice):
    page = client_for(alice).get(CALENDAR, {"month": "2026-10"}).content.decode()
    assert f"{reverse('journal:log')}?profile={alice.profile.pk}&amp;date=2026-10-08" in page


def test_months_can_be_browsed(client_for, alice):
    page = client_for(alice).get(CALENDAR, {"month": "2026-01"}).content.decode()
    assert "month=2025-12" in page and "month=2026-02" in page


def test_a_shared_adults_calendar_has_no_log_links(client_for, alice, bob):
    bob.profile.shared_with_household = True
    bob.profile.save()
    page = client_for(alice).get(CALENDAR, {"profile": bob.profile.pk, "month": "2026-10"})
    assert page.status_code == 200
    assert reverse("journal:log") + "?" not in page.content.decode()


def test_another_households_profile_is_404(client_for, alice, mallory):
    stranger = add_dependant(mallory, "Stranger")
    assert client_for(alice).get(CALENDAR, {"profile": stranger.pk}).status_code == 404


def test_a_month_costs_a_fixed_number_of_queries(
    client_for, alice, three_years, django_assert_max_num_queries
):
    client = client_for(alice)
    with django_assert_max_num_queries(6):
        page = client.get(CALENDAR, {"month": "2025-03"}).content.decode()
    assert page.count('class="day-value"') == 42  # six weeks shown, all logged
