"""The service worker, its offline page and the installable app's manifest (issue 10, item 5)."""

import json
import re
import struct

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse

SW = reverse("service_worker")


def cache_control(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "signed-in"])
def test_the_worker_is_served_from_the_root_for_the_whole_site(client_for, alice, signed_in):
    client = client_for(alice) if signed_in else Client()
    response = client.get(SW)
    assert SW == "/sw.js"
    assert response.status_code == 200
    assert response["Content-Type"] == "text/javascript; charset=utf-8"
    assert response["Service-Worker-Allowed"] == "/"
    # Every check for a new worker reaches the server: an old one never sticks.
    assert "no-cache" in cache_control(response)
    assert (
        "max-age" not in response["Cache-Control"] and "immutable" not in response["Cache-Control"]
    )
    assert "Content-Security-Policy" in response


def test_the_worker_keeps_the_shell_and_holds_nothing_personal(client_for, alice):
    script = client_for(alice).get(SW).content.decode()
    shell = json.loads(re.search(r"const SHELL_FILES = (\[.*?\]);", script).group(1))
    assert {"/static/css/app.css", "/static/js/app.js", "/static/js/offline.js"} <= set(shell)
    assert "/static/vendor/htmx-2.0.11.min.js" in shell
    assert "/static/icons/icon.svg" in shell
    assert reverse("offline") in shell
    assert 'importScripts("/static/js/offline.js")' in script
    assert 'const SIGN_OUT = "/accounts/logout/"' in script
    assert "alice" not in script.lower()
    client = Client()
    for url in shell:
        assert client.get(url).status_code == 200, url


def test_the_worker_never_keeps_post_answers_and_forgets_on_sign_out(client, db):
    script = client.get(SW).content.decode()
    # The page cache is only written for navigations (GET), and sign-out deletes it.
    assert 'if (request.method !== "GET")' in script
    assert "caches.delete(PAGES)" in script and "NightstandOffline.clear()" in script


def test_the_worker_is_refused_to_other_methods(client, db):
    assert client.post(SW).status_code == 405


def test_the_offline_page_is_public_and_personal_free(client_for, alice):
    anonymous = Client().get(reverse("offline"))
    signed_in = client_for(alice).get(reverse("offline"))
    for response in (anonymous, signed_in):
        assert response.status_code == 200
        page = response.content.decode()
        assert "No connection" in page
        assert "csrfmiddlewaretoken" not in page and "Alice" not in page
        assert "<script>" not in page and 'style="' not in page
        assert (
            'id="offline-queue"' in page and 'data-saved="Saved on this phone, will send"' in page
        )


def test_every_page_registers_the_worker_and_carries_the_queues_words(client_for, alice):
    page = client_for(alice).get(reverse("routines:tonight")).content.decode()
    assert 'src="/static/js/offline.js"' in page
    assert f'data-service-worker="{SW}"' in page
    assert f'data-user="{alice.pk}"' in page
    assert 'data-refused="Not saved: the server refused it"' in page
    assert "data-offline-signout" in page


def test_the_log_form_is_queued_and_reopened_by_marker(client_for, alice):
    page = client_for(alice).get(reverse("journal:log")).content.decode()
    assert 'data-offline-queue="reopen"' in page
    assert 'data-offline-label="Alice&#x27;s night"' in page


# --- the manifest ------------------------------------------------------------------------------


def png_size(path) -> tuple[int, int]:
    with open(path, "rb") as file:
        head = file.read(24)
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", head[16:24])


def test_the_manifest_makes_an_installable_app_with_shortcuts(client, db):
    response = client.get(reverse("manifest"))
    assert response["Content-Type"] == "application/manifest+json"
    manifest = response.json()
    assert manifest["display"] == "standalone"
    assert manifest["scope"] == "/"
    assert manifest["start_url"] == reverse("routines:tonight")
    shortcuts = {shortcut["name"]: shortcut["url"] for shortcut in manifest["shortcuts"]}
    assert shortcuts == {
        "Log last night": reverse("journal:log"),
        "Tonight": reverse("routines:tonight"),
    }
    for shortcut in manifest["shortcuts"]:
        for icon in shortcut["icons"]:
            assert client.get(icon["src"]).status_code == 200


def test_the_maskable_icons_are_real_pngs_of_their_size(client, db):
    manifest = client.get(reverse("manifest")).json()
    maskable = {
        icon["sizes"]: icon["src"]
        for icon in manifest["icons"]
        if icon.get("purpose") == "maskable"
    }
    assert set(maskable) == {"192x192", "512x512"}
    for sizes, src in maskable.items():
        assert client.get(src).status_code == 200
        path = finders.find(src.removeprefix("/static/"))
        width, height = png_size(path)
        assert f"{width}x{height}" == sizes


def test_the_maskable_icon_keeps_its_moon_inside_the_safe_zone():
    """Outside the central circle of 80 % every mask may cut: only background there."""
    from bin.maskable_icons import BACKGROUND, _in_moon

    assert BACKGROUND
    for step in range(0, 100):
        for x, y in ((step, 0), (step, 99.9), (0, step), (99.9, step)):
            assert not _in_moon(x, y)
    # The moon itself stays within radius 40 of 100 around the centre.
    for x in range(100):
        for y in range(100):
            if _in_moon(x, y):
                assert (x - 50) ** 2 + (y - 50) ** 2 <= 40**2
