"""The theme switch: system, light or dark, kept in a cookie and set on <html> by the server
(no inline script, no flash of the wrong theme)."""

from django.urls import reverse

URL = reverse("households:theme")


def test_by_default_the_page_follows_the_system(client_for, alice):
    html = client_for(alice).get("/").content.decode()
    assert '<html lang="en" dir="ltr">' in html
    assert '<meta name="color-scheme" content="light dark">' in html
    assert 'value="system" aria-pressed="true"' in html


def test_picking_dark_sets_a_cookie_and_the_attribute(client_for, alice):
    client = client_for(alice)
    response = client.post(URL, {"theme": "dark", "next": "/journal/history/"})
    assert response.status_code == 302 and response["Location"] == "/journal/history/"
    assert response.cookies["theme"].value == "dark"
    html = client.get("/").content.decode()
    assert '<html lang="en" dir="ltr" data-theme="dark">' in html
    assert '<meta name="color-scheme" content="dark">' in html
    assert 'value="dark" aria-pressed="true"' in html


def test_back_to_the_system_forgets_the_cookie(client_for, alice):
    client = client_for(alice)
    client.post(URL, {"theme": "light"})
    response = client.post(URL, {"theme": "system"})
    assert response.cookies["theme"].value == ""
    assert "data-theme" not in client.get("/").content.decode()


def test_an_unknown_theme_or_a_foreign_next_is_ignored(client_for, alice):
    client = client_for(alice)
    response = client.post(URL, {"theme": "neon", "next": "https://evil.example/"})
    assert response["Location"] == "/"
    client.cookies["theme"] = "<script>"
    assert "data-theme" not in client.get("/").content.decode()


def test_a_get_changes_nothing(client_for, alice):
    assert client_for(alice).get(URL).status_code == 405
