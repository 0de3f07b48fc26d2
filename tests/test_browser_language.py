"""In real Chromium: switching language on the account page, and seeing the next page in it."""

import pytest
from playwright.sync_api import expect

from households.models import User

from .fixtures.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_switch_to_german_and_the_next_page_is_german(phone_page, alice):
    page = phone_page
    log_in(page, email="alice@example.com")
    page.goto("/household/")
    assert page.get_attribute("html", "lang") == "en"
    page.select_option("#id_language", "de")
    page.click("button:has-text('Change language')")
    page.wait_for_url("**/household/")
    expect(page.locator("html")).to_have_attribute("lang", "de")
    expect(page.locator(".messages")).to_contain_text("Sprache gespeichert.")
    expect(page.locator("main h2").first).to_have_text("Personen")
    assert User.objects.get(pk=alice.pk).language == "de"

    # The next page, and the app's own JavaScript strings, speak German too.
    page.click("nav.tabs a:has-text('Verlauf')")
    page.wait_for_url("**/journal/history/")
    expect(page.locator("nav.tabs")).to_contain_text("Heute Abend")
    assert page.evaluate("window.gettext('Copied')") == "Kopiert"
    assert page.problems == [], page.problems
