"""One pass through the real UI in Chromium, on a phone-sized screen."""

import pytest

from households.models import User

from .fixtures.browser import has_horizontal_scroll

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_sign_up_on_a_phone_lands_on_the_household_page(phone_page):
    page = phone_page
    page.goto("/accounts/signup/")
    assert not has_horizontal_scroll(page)
    page.fill("#id_name", "Nora")
    page.fill("#id_email", "nora@example.com")
    page.fill("#id_password", "quiet-nights-42")
    page.select_option("#id_time_zone", "Europe/Berlin")
    page.click("button[type=submit]")
    page.wait_for_url("**/household/")
    assert page.locator("h1").inner_text() == "Nora's household"
    assert "Welcome to Nightstand" in page.content()
    assert page.evaluate("typeof htmx") == "object"  # the vendored htmx loaded under the CSP
    assert not has_horizontal_scroll(page)
    user = User.objects.get(email="nora@example.com")
    assert user.profile.time_zone == "Europe/Berlin"
    assert page.problems == [], page.problems


def test_a_csp_violation_would_be_seen(phone_page):
    # Guard for the test above: an inline script must show up as a problem.
    page = phone_page
    page.goto("/accounts/login/")
    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.x = 1'; document.body.appendChild(s); }"
    )
    page.wait_for_timeout(200)
    assert any("Content Security Policy" in problem for problem in page.problems)
