"""The calendar link, the access tokens and the API docs in real Chromium, on a phone, dark."""

from datetime import time

import pytest

from tests.fixtures.routines import make_routine

from .fixtures.browser import has_horizontal_scroll, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def dark_page(phone_page):
    phone_page.emulate_media(color_scheme="dark")
    return phone_page


def test_a_calendar_link_on_the_profile_page(dark_page, alice, child):
    make_routine([child], name="Robin's bedtime", bedtime=time(19, 30))
    page = dark_page
    log_in(page, email="alice@example.com")
    page.goto(f"/household/profiles/{child.pk}/edit/")
    page.click("text=Make a calendar link")
    page.wait_for_load_state()
    link = page.locator("#calendar code.copy").inner_text()
    assert link.endswith("/nightstand.ics")
    webcal = page.locator("#calendar a", has_text="Subscribe").get_attribute("href")
    assert webcal.startswith("webcal://")
    assert not has_horizontal_scroll(page)
    response = page.request.get(link)
    assert response.status == 200
    assert "BEGIN:VCALENDAR" in response.text()
    assert page.problems == [], page.problems


def test_making_and_revoking_a_token(dark_page, alice):
    page = dark_page
    log_in(page, email="alice@example.com")
    page.goto("/household/")
    page.click("text=Access tokens for scripts and automations")
    page.fill("#id_name", "Home Assistant")
    page.click("text=Make a token")
    page.wait_for_load_state()
    secret = page.locator("code.copy").inner_text()
    assert secret.startswith("ns_")
    assert not has_horizontal_scroll(page)
    answer = page.request.get("/api/profiles", headers={"Authorization": f"Bearer {secret}"})
    assert answer.status == 200
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("button:has-text('Revoke')")
    page.wait_for_load_state()
    assert "no longer works" in page.content()
    answer = page.request.get("/api/profiles", headers={"Authorization": f"Bearer {secret}"})
    assert answer.status == 401
    assert page.problems == [], page.problems


def test_the_api_docs_render_under_the_csp(phone_page, alice):
    page = phone_page
    page.goto("/api/docs/")
    page.wait_for_selector(".opblock", timeout=15000)
    text = page.locator("#swagger-ui").inner_text()
    assert "/api/profiles/{profile_id}/going-to-bed" in text.replace("\u200b", "")
    assert page.problems == [], page.problems
