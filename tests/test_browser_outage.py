"""A tap on Tonight while the database is down: the 503's message shows in the page, which stays."""

import pytest
from django.template import loader

from .fixtures.browser import log_in
from .fixtures.routines import make_routine

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_tick_answered_503_says_why_and_keeps_the_page(phone_page, this_evening, alice):
    make_routine([alice.profile], steps=(("Bath", 45), ("Story", 15)))
    page = phone_page
    log_in(page, email="alice@example.com")
    page.goto("/")
    page.evaluate("window.stillTheSamePage = true")
    # The answer config/errors.py gives when the database does not answer.
    outage = loader.get_template("errors/503.html").render()
    page.route(
        "**/tonight/steps/**",
        lambda route: route.fulfill(status=503, body=outage, content_type="text/html"),
    )
    page.click("button[aria-label='Done: Bath']")
    problem = page.locator("#problem")
    problem.wait_for(state="visible")
    message = problem.text_content()
    assert "can't reach its database" in message and "was not saved" in message
    assert page.evaluate("window.stillTheSamePage") is True
    assert page.locator("button[aria-label='Done: Bath']").is_visible()
    # Only the failed request itself is reported in the console, nothing from the script.
    assert all("503" in problem for problem in page.problems), page.problems
