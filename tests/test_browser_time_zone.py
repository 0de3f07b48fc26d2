"""Chromium set to New York: a saved UTC profile stays UTC; a new dependant starts in New York."""

import pytest

from households.models import Profile

from .conftest import make_account
from .fixtures.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def new_york_page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, timezone_id="America/New_York")
    page = context.new_page()
    yield page
    context.close()


def test_a_utc_profile_reopened_in_new_york_shows_and_saves_utc(new_york_page):
    page = new_york_page
    alice = make_account("alice@example.com", "Alice", time_zone="UTC")
    log_in(page, email="alice@example.com")
    assert page.evaluate("Intl.DateTimeFormat().resolvedOptions().timeZone") == "America/New_York"

    page.goto(f"/household/profiles/{alice.profile.pk}/edit/")
    page.wait_for_load_state("load")
    assert page.input_value("#id_time_zone") == "UTC"
    page.click("main button[type=submit]:has-text('Save')")
    page.wait_for_url("**/household/")
    alice.profile.refresh_from_db()
    assert alice.profile.time_zone == "UTC"


def test_a_new_dependant_starts_in_the_browser_zone(new_york_page):
    page = new_york_page
    alice = make_account("alice@example.com", "Alice", time_zone="UTC")
    log_in(page, email="alice@example.com")

    page.goto("/household/profiles/new/")
    page.wait_for_load_state("load")
    assert page.input_value("#id_time_zone") == "America/New_York"
    page.fill("#id_name", "Robin")
    page.click("main button[type=submit]:has-text('Save')")
    page.wait_for_url("**/household/")
    assert Profile.objects.get(household=alice.household, name="Robin").time_zone == (
        "America/New_York"
    )
