"""The night form's checks and the quick actions' Undo in real Chromium, with htmx."""

import pytest
from playwright.sync_api import expect

from journal.models import Night

from .fixtures.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_out_of_range_minutes_get_the_servers_error_and_the_summary_says_so(phone_page, alice):
    page = phone_page
    log_in(page, email="alice@example.com")
    page.goto("/journal/log/")
    page.fill("#id_sol_minutes", "15")
    page.press("#id_sol_minutes", "Tab")
    expect(page.locator("#preview")).to_contain_text("Efficiency")

    page.fill("#id_sol_minutes", "-5")
    page.press("#id_sol_minutes", "Tab")  # htmx posts it: the form is novalidate
    expect(page.locator("#error-sol_minutes")).to_contain_text("greater than or equal to 0")
    expect(page.locator("#preview")).to_have_text("No summary yet: check the marked fields.")

    page.click("button[type=submit]:has-text('Save')")  # no browser pop-up blocks the submit
    expect(page.locator("#error-sol_minutes")).to_contain_text("greater than or equal to 0")
    assert not Night.objects.exists()
    assert page.problems == [], page.problems


def test_a_doubtful_night_is_asked_about_then_saved_as_entered(phone_page, alice):
    page = phone_page
    log_in(page, email="alice@example.com")
    page.goto("/journal/log/")
    page.fill("#id_out_of_bed", "22:00")  # into bed 22:30, final wake 06:30 are prefilled
    page.press("#id_out_of_bed", "Tab")
    expect(page.locator("#error-out_of_bed")).to_contain_text("in bed. Is that right?")
    button = page.locator("button:has-text('Yes, save it as entered')")
    expect(button).to_be_visible()

    button.click()
    page.wait_for_url("**/journal/nights/*/")
    night = Night.objects.get(profile=alice.profile)
    assert night.metrics.time_in_bed == 23 * 60 + 30
    assert page.problems == [], page.problems


def test_undo_a_going_to_bed_tap(phone_page, alice):
    page = phone_page
    log_in(page, email="alice@example.com")
    page.goto("/journal/log/")
    page.click("button:has-text('Going to bed')")
    page.wait_for_url("**/journal/nights/*/")
    expect(page.locator("form.undo")).to_contain_text("Just now: Alice into bed at")
    assert Night.objects.count() == 1

    page.click("form.undo button:has-text('Undo')")  # htmx; the night's own page reloads
    page.wait_for_url("**/journal/log/?profile=*")
    expect(page.locator(".messages")).to_contain_text("Undone: Alice into bed at")
    assert not Night.objects.exists()
    assert page.problems == [], page.problems
