"""The import in Chromium on a phone: upload, change whose nights they are (htmx swaps the
preview), confirm, and the streamed page ends with the result."""

import pytest

from journal.models import Night

from .conftest import add_dependant, make_account
from .fixtures.browser import has_horizontal_scroll, log_in
from .fixtures.exchange import NIGHTSTAND_CSV

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_upload_preview_choose_a_profile_and_import(phone_page):
    alice = make_account("alice@example.com", "Alice")
    robin = add_dependant(alice, "Robin")
    page = phone_page
    log_in(page, email="alice@example.com")
    page.goto("/household/")
    page.click("text=Import nights from a file")
    page.set_input_files(
        "#id_file",
        files=[{"name": "nights.csv", "mimeType": "text/csv", "buffer": NIGHTSTAND_CSV.encode()}],
    )
    page.click("text=Preview the import")
    page.wait_for_url("**/household/import/*/")
    assert "Alice · night of 2026-11-02" in page.inner_text("#import-preview")
    page.select_option("#id_profile_0", label="Robin")  # htmx posts the change
    page.wait_for_selector("#import-preview >> text=Robin · night of 2026-11-02")
    assert not has_horizontal_scroll(page)
    page.click("button.wide")
    # (How many records depends on whether the built-in catalogue survived earlier tests'
    # flushes: the night's disturbances and intake may be created as the household's own.)
    page.wait_for_selector("h2:has-text('Imported')")
    assert "0 skipped, 0 rejected" in page.inner_text("main")
    assert Night.objects.get().profile == robin
    assert page.problems == [], page.problems
