"""The two daily flows in real Chromium on a phone: logging last night, and ticking tonight."""

import pytest
from playwright.sync_api import expect

from journal.models import Night
from journal.templatetags.journal_tags import duration
from routines.models import ChecklistItem

from .fixtures.browser import has_horizontal_scroll, log_in
from .fixtures.routines import make_routine

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_log_last_night_on_a_phone_with_inline_validation(phone_page, alice):
    page = phone_page
    log_in(page, email="alice@example.com")
    page.goto("/journal/log/")
    assert not has_horizontal_scroll(page)
    # Prefilled from the profile's usual times: a typical night needs only a field or two.
    assert page.input_value("#id_into_bed") == "22:30"
    assert page.input_value("#id_final_wake") == "06:30"

    page.evaluate("window.stillTheSamePage = true")
    page.fill("#id_sol_minutes", "600")
    page.press("#id_sol_minutes", "Tab")  # leaving the field fires its change event
    error = page.locator("#error-sol_minutes, #error-waso_minutes").filter(has_text="minutes")
    error.first.wait_for()
    assert page.evaluate("window.stillTheSamePage") is True  # validated by htmx, no reload
    assert page.input_value("#id_sol_minutes") == "600"  # nothing typed is lost

    page.fill("#id_sol_minutes", "15")
    page.press("#id_sol_minutes", "Tab")  # leaving the field fires its change event
    expect(page.locator("#error-sol_minutes")).to_have_text("")
    page.check("input[name=quality][value='4']")
    page.wait_for_load_state("networkidle")  # let that change's validation finish first
    page.click("button[type=submit]:has-text('Save')")
    page.wait_for_url("**/journal/nights/*/")
    night = Night.objects.get(profile=alice.profile)
    assert (night.sol_minutes, night.quality) == (15, 4)
    assert duration(night.metrics.total_sleep_time) in page.inner_text("main")
    assert not has_horizontal_scroll(page)
    assert page.problems == [], page.problems


def test_tick_a_step_tonight_without_a_reload(phone_page, this_evening, alice, child):
    make_routine(
        [child],
        name="Robin's bedtime",
        steps=(("Bath", 45), ("Story", 15)),
        active_weekdays=list(range(7)),
    )
    page = phone_page
    log_in(page, email="alice@example.com")
    page.goto("/")
    assert not has_horizontal_scroll(page)
    page.evaluate("window.stillTheSamePage = true")
    page.click("button[aria-label='Done: Bath']")
    page.locator(".progress-text", has_text="1 of 2 done").wait_for()
    assert page.evaluate("window.stillTheSamePage") is True
    item = ChecklistItem.objects.get(step__title="Bath")
    assert item.status == "done"
    page.click("button[aria-label='Undo: Bath']")
    page.locator(".progress-text", has_text="0 of 2 done").wait_for()
    assert page.problems == [], page.problems
