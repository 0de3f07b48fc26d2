"""The Insights page on a phone in light and dark (axe finds nothing serious), and the clinician
report printed to PDF by Chromium with the pages and headings a clinician expects."""

from datetime import date, timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from pypdf import PdfReader

from tests.fixtures.browser import PHONE, has_horizontal_scroll, log_in
from tests.fixtures.journal import make_night

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def month_of_nights(alice):
    last = date.today() - timedelta(days=1)
    for offset in range(30):
        if offset % 9 != 4:  # a few nights not logged
            make_night(alice.profile, last - timedelta(days=offset), quality=offset % 5 + 1)
    return alice


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_insights_on_a_phone_has_no_serious_accessibility_problem(
    browser, live_server, month_of_nights, scheme
):
    context = browser.new_context(
        viewport=PHONE,
        is_mobile=True,
        has_touch=True,
        color_scheme=scheme,
        base_url=live_server.url,
    )
    page = context.new_page()
    problems = []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    log_in(page, email="alice@example.com")
    page.get_by_role("link", name="Insights").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Insights · Alice").is_visible()
    assert page.locator("svg[role=img]").count() >= 5
    assert not has_horizontal_scroll(page)
    result = Axe().run(page)
    serious = [
        (violation["id"], [node["target"] for node in violation["nodes"]])
        for violation in result.response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]
    assert serious == []
    assert problems == []
    context.close()


def test_the_report_prints_to_pdf_with_its_sections(
    browser, live_server, month_of_nights, tmp_path
):
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    log_in(page, email="alice@example.com")
    page.goto("/insights/report/")
    page.emulate_media(media="print")
    assert not page.locator("nav.tabs").is_visible()
    pdf = tmp_path / "report.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    context.close()
    reader = PdfReader(pdf)
    assert 2 <= len(reader.pages) <= 8
    text = "\n".join(page.extract_text() for page in reader.pages)
    for heading in (
        "Sleep diary report: Alice",
        "Summary",
        "Sleep log",
        "Night by night",
        "Routines",
        "Disturbances and intake",
    ):
        assert heading in text, heading
    assert "Clinician report" not in text and "Household" not in text  # no navigation printed
