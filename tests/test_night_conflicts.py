"""Two people edit the same night: the later save is refused, shows what changed, and lets the
person keep theirs or take the saved version. Nothing is silently overwritten."""

import re
from datetime import UTC, date, datetime

import pytest
from django.test import Client
from django.urls import reverse

from journal import services
from journal.models import Night

from .fixtures.journal import make_night, night_post


@pytest.fixture(autouse=True)
def _today_is_fixed(freeze):
    """Today is after the nights edited here, whatever the real date (issue 7)."""
    freeze(datetime(2026, 11, 10, 12, 0, tzinfo=UTC))


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def edit_url(night):
    return reverse("journal:edit", args=[night.pk])


def version_in(page: str) -> str:
    return re.search(r'name="version" value="(\d+)"', page).group(1)


def test_the_edit_form_carries_the_nights_version(client_for, alice, alice_night):
    page = client_for(alice).get(edit_url(alice_night)).content.decode()
    assert '<input type="hidden" name="version" value="1"' in page


def test_every_save_adds_one_to_the_version(client_for, alice, alice_night):
    client = client_for(alice)
    assert client.post(edit_url(alice_night), night_post(quality="5")).status_code == 302
    alice_night.refresh_from_db()
    assert alice_night.version == 2
    assert version_in(client.get(edit_url(alice_night)).content.decode()) == "2"


def test_the_second_of_two_parents_saving_is_refused_and_shown_what_changed(alice, bob, child):
    night = make_night(child, date(2026, 11, 2), notes="Restless")
    alice_client, bob_client = logged_in(alice), logged_in(bob)
    alice_version = version_in(alice_client.get(edit_url(night)).content.decode())
    bob_version = version_in(bob_client.get(edit_url(night)).content.decode())

    first = alice_client.post(
        edit_url(night), night_post(version=alice_version, out_of_bed="07:10", notes="Up early")
    )
    assert first.status_code == 302

    second = bob_client.post(
        edit_url(night), night_post(version=bob_version, out_of_bed="07:30", quality="2")
    )
    page = second.content.decode()
    assert second.status_code == 200
    assert "Robin's night was changed while you were editing it" in page
    assert '<tr><th scope="row">Out of bed</th><td>07:10</td><td>07:30</td></tr>' in page
    assert '<tr><th scope="row">Notes</th><td>Up early</td><td>—</td></tr>' in page
    assert '<tr><th scope="row">Sleep quality</th><td>Good</td><td>Poor</td></tr>' in page
    assert "Final awakening</th>" not in page  # unchanged fields are not listed
    assert 'value="07:30"' in page  # what Bob typed is kept in the form
    assert "Take the saved version" in page and edit_url(night) in page
    night.refresh_from_db()
    assert night.out_of_bed == datetime(2026, 11, 3, 7, 10, tzinfo=UTC)  # Alice's save stands
    assert night.notes == "Up early" and night.version == 2

    # "Save mine over it": the re-rendered form carries the saved version now.
    assert version_in(page) == "2"
    again = bob_client.post(
        edit_url(night),
        night_post(version=version_in(page), out_of_bed="07:30", quality="2", keep_mine="1"),
    )
    assert again.status_code == 302
    night.refresh_from_db()
    assert night.out_of_bed == datetime(2026, 11, 3, 7, 30, tzinfo=UTC)
    assert night.quality == 2 and night.version == 3


def test_taking_the_saved_version_opens_the_form_with_it(alice, bob, child):
    night = make_night(child, date(2026, 11, 2))
    services.update_night(night=night, by=alice, data={"date": night.date, "notes": "Alice's"})
    page = logged_in(bob).get(edit_url(night)).content.decode()
    assert "Alice&#x27;s" in page and version_in(page) == "2"


def test_a_quick_action_after_the_form_was_opened_also_refuses_the_stale_save(
    client_for, alice, alice_night
):
    client = client_for(alice)
    version = version_in(client.get(edit_url(alice_night)).content.decode())
    night = Night.objects.get(pk=alice_night.pk)
    night.notes = "changed elsewhere"
    services._save_quick(night)
    response = client.post(edit_url(alice_night), night_post(version=version))
    assert "changed while you were editing" in response.content.decode()


def test_a_form_without_a_version_is_refused_not_saved_over(client_for, alice, alice_night):
    response = client_for(alice).post(edit_url(alice_night), night_post(version=None, quality="1"))
    assert response.status_code == 200
    assert "missing the night&#x27;s version" in response.content.decode()
    alice_night.refresh_from_db()
    assert alice_night.quality is None


def test_a_stale_version_in_the_service_writes_nothing(alice, alice_night):
    services.update_night(night=alice_night, by=alice, data={"date": alice_night.date}, version=1)
    stale = Night.objects.get(pk=alice_night.pk)
    try:
        services.update_night(
            night=stale, by=alice, data={"date": stale.date, "notes": "late"}, version=1
        )
    except services.NightChanged as error:
        assert error.current.version == 2
    else:
        raise AssertionError("a stale version was saved over")
    assert Night.objects.get(pk=alice_night.pk).notes == "Slept fine"


def test_another_household_cannot_edit_the_night(alice, mallory, alice_night):
    response = logged_in(mallory).post(edit_url(alice_night), night_post(version="1"))
    assert response.status_code == 404
