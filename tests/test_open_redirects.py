"""A `next` address only ever leads back into the site.

Signing in and the quick actions on Tonight go back to where they were asked from. Every way a
browser would read as another site is refused: a full URL, a scheme-relative `//host`, a scheme
with no slashes (`https:host`), and backslashes browsers turn into slashes (`/\\host`).
"""

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from journal.models import Night

HOSTILE = [
    "https://evil.example/",
    "//evil.example/",
    "https:evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "///evil.example",
    "http:/evil.example",
    " //evil.example",
    "javascript:alert(1)",
]
CREDENTIALS = {"username": "alice@example.com", "password": "a-long-password-1"}


@pytest.mark.parametrize("target", HOSTILE)
def test_signing_in_never_redirects_off_the_site(client, alice, target):
    response = client.post(reverse("login"), {**CREDENTIALS, "next": target})
    assert response.status_code == 302
    assert response["Location"] == reverse("routines:tonight")


def test_signing_in_goes_back_to_a_page_of_the_site(client, alice):
    response = client.post(reverse("login"), {**CREDENTIALS, "next": "/household/"})
    assert response["Location"] == "/household/"


@pytest.fixture
def evening(freeze):
    return freeze(datetime(2026, 11, 2, 22, 0, tzinfo=UTC))


@pytest.mark.parametrize("target", HOSTILE)
def test_going_to_bed_never_redirects_off_the_site(client_for, alice, evening, target):
    response = client_for(alice).post(
        reverse("journal:going_to_bed", args=[alice.profile.pk]), {"next": target}
    )
    night = Night.objects.get(profile=alice.profile)
    # Not where it was sent: to the night just started, on this site.
    assert response["Location"] == reverse("journal:night", args=[night.pk])


def test_a_quick_action_goes_back_to_a_page_of_the_site(client_for, alice, evening):
    response = client_for(alice).post(
        reverse("journal:going_to_bed", args=[alice.profile.pk]), {"next": "/"}
    )
    assert response["Location"] == "/"
