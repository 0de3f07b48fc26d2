"""The browser's time zone may fill in a NEW profile's zone, never replace a saved one.

static/js/app.js sets a `<select data-detect-time-zone>` still on UTC to the browser's zone.
A profile saved in UTC and reopened from a browser in New York must show and save UTC, so the
hook is only on blank forms for something new: sign-up, joining by invite, a new dependant.
"""

import pytest
from django.urls import reverse

from households.models import Invite

from .conftest import add_dependant, make_account

HOOK = "data-detect-time-zone"


@pytest.fixture
def utc_alice(db):
    return make_account("alice@example.com", "Alice", time_zone="UTC")


def test_editing_your_own_utc_profile_offers_no_browser_zone(client_for, utc_alice):
    response = client_for(utc_alice).get(
        reverse("households:profile_edit", args=[utc_alice.profile.pk])
    )
    page = response.content.decode()
    assert 'name="time_zone"' in page
    assert HOOK not in page
    assert '<option value="UTC" selected>' in page


def test_editing_a_dependant_offers_no_browser_zone(client_for, utc_alice):
    child = add_dependant(utc_alice, "Robin", time_zone="UTC")
    page = (
        client_for(utc_alice)
        .get(reverse("households:profile_edit", args=[child.pk]))
        .content.decode()
    )
    assert 'name="time_zone"' in page
    assert HOOK not in page


def test_a_new_dependant_starts_from_the_browser_zone(client_for, utc_alice):
    page = client_for(utc_alice).get(reverse("households:profile_create")).content.decode()
    assert HOOK in page


def test_sign_up_starts_from_the_browser_zone(client, db):
    assert HOOK in client.get(reverse("signup")).content.decode()


def test_a_sign_up_sent_back_with_errors_keeps_the_chosen_zone(client, db):
    response = client.post(
        reverse("signup"),
        {"name": "Eve", "email": "eve@example.com", "password": "123", "time_zone": "UTC"},
    )
    page = response.content.decode()
    assert 'class="errorlist' in page or "error" in page
    assert HOOK not in page
    assert '<option value="UTC" selected>' in page


def test_joining_by_invite_starts_from_the_browser_zone(client, alice):
    invite = Invite.objects.create(household=alice.household, created_by=alice)
    page = client.get(reverse("accept_invite", args=[invite.token])).content.decode()
    assert 'name="time_zone"' in page
    assert HOOK in page
