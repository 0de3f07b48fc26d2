"""A signed-in person's pages are never stored by a browser or proxy cache, and a URL that answers
either a whole page or an htmx fragment says so with `Vary: HX-Request`.

Without `no-store`, a shared computer's back button or a caching proxy can show one person's
journal to the next; without `Vary: HX-Request`, the browser may restore a bare fragment (the
history rows) when someone navigates back to the full page at the same URL.
"""

import pytest
from django.urls import reverse


def cache_control(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


def vary(response) -> set[str]:
    return {part.strip().lower() for part in response.get("Vary", "").split(",") if part.strip()}


@pytest.mark.parametrize(
    "url_name", ["routines:tonight", "journal:history", "journal:log", "households:detail"]
)
def test_signed_in_pages_are_private_and_not_stored(client_for, alice, url_name):
    response = client_for(alice).get(reverse(url_name))
    assert response.status_code == 200
    assert {"private", "no-store"} <= cache_control(response)
    assert "public" not in cache_control(response)


def test_a_signed_in_fragment_is_not_stored_either(client_for, alice):
    url = reverse("journal:history") + "?before=2026-11-01"
    response = client_for(alice).get(url, headers={"HX-Request": "true"})
    assert {"private", "no-store"} <= cache_control(response)


def test_public_files_are_not_marked_private(client, db):
    response = client.get(reverse("manifest"))
    assert response.status_code == 200
    assert "private" not in cache_control(response)


def test_history_page_and_its_htmx_fragment_vary_on_hx_request(client_for, alice):
    client = client_for(alice)
    url = reverse("journal:history") + "?before=2026-11-01"
    page = client.get(url)
    fragment = client.get(url, headers={"HX-Request": "true"})
    assert "<html" in page.content.decode()
    assert "<html" not in fragment.content.decode()
    assert "hx-request" in vary(page)
    assert "hx-request" in vary(fragment)


def test_every_html_page_varies_on_hx_request(client, db):
    assert "hx-request" in vary(client.get(reverse("login")))


def test_json_answers_do_not_vary_on_hx_request(client, db):
    assert "hx-request" not in vary(client.get(reverse("healthz")))
