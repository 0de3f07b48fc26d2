"""'Going to bed' and 'I'm up': one tap each, on the right night."""

from datetime import UTC, date, datetime
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from journal import services
from journal.models import Night

from .fixtures.journal import make_night


@pytest.fixture(autouse=True)
def _today_is_fixed(freeze):
    """Today is after the nights tapped here, whatever the real date (issue 7)."""
    freeze(datetime(2026, 11, 10, 12, 0, tzinfo=UTC))


def at(*args):
    return mock.patch.object(timezone, "now", return_value=datetime(*args, tzinfo=UTC))


def bed_url(profile):
    return reverse("journal:going_to_bed", args=[profile.pk])


def up_url(profile):
    return reverse("journal:im_up", args=[profile.pk])


def test_going_to_bed_after_midnight_belongs_to_the_night_before(alice):
    night = services.going_to_bed(
        profile=alice.profile, by=alice, now=datetime(2026, 11, 3, 0, 30, 41, tzinfo=UTC)
    ).night
    assert night.date == date(2026, 11, 2)
    assert night.into_bed == night.lights_out == datetime(2026, 11, 3, 0, 30, tzinfo=UTC)
    assert night.final_wake is None and night.created_by == alice


def test_going_to_bed_in_the_evening_is_tonight(client_for, alice):
    client = client_for(alice)
    with at(2026, 11, 2, 22, 58):
        response = client.post(bed_url(alice.profile))
    night = Night.objects.get(profile=alice.profile)
    assert night.date == date(2026, 11, 2)
    assert response.status_code == 302
    with at(2026, 11, 2, 22, 59):  # (the session saved at 22:58 expires two weeks later)
        page = client.get(response["Location"]).content.decode()
    assert "Good night, Alice: into bed at 22:58." in page


def test_im_up_after_going_to_bed_fills_the_same_night_and_opens_the_form(client_for, alice):
    client = client_for(alice)
    with at(2026, 11, 2, 23, 5):
        client.post(bed_url(alice.profile))
    with at(2026, 11, 3, 6, 40):
        response = client.post(up_url(alice.profile))
    night = Night.objects.get(profile=alice.profile)
    assert response["Location"] == reverse("journal:edit", args=[night.pk])
    assert night.final_wake == night.out_of_bed == datetime(2026, 11, 3, 6, 40, tzinfo=UTC)
    assert night.metrics.time_in_bed == 455
    with at(2026, 11, 3, 6, 41):
        page = client.get(response["Location"]).content.decode()
    assert "Good morning, Alice: up at 06:40." in page
    assert 'value="23:05"' in page and 'value="06:40"' in page


def test_im_up_after_noon_still_closes_the_night_that_was_opened(alice):
    services.going_to_bed(
        profile=alice.profile, by=alice, now=datetime(2026, 11, 3, 2, 0, tzinfo=UTC)
    )
    night = services.im_up(
        profile=alice.profile, by=alice, now=datetime(2026, 11, 3, 12, 30, tzinfo=UTC)
    ).night
    assert night.date == date(2026, 11, 2)
    assert Night.objects.count() == 1


def test_im_up_without_going_to_bed_starts_last_nights_entry(alice):
    night = services.im_up(
        profile=alice.profile, by=alice, now=datetime(2026, 11, 3, 7, 0, tzinfo=UTC)
    ).night
    assert night.date == date(2026, 11, 2)
    assert night.into_bed is None and night.final_wake is not None


def test_going_to_bed_on_a_finished_night_explains(client_for, alice):
    make_night(alice.profile, date(2026, 11, 2))
    with at(2026, 11, 2, 23, 30):
        response = client_for(alice).post(bed_url(alice.profile), follow=True)
    assert "already has a final awakening" in response.content.decode()


def test_going_to_bed_goes_back_to_where_it_was_asked(client_for, alice):
    with at(2026, 11, 2, 22, 0):
        response = client_for(alice).post(bed_url(alice.profile), {"next": "/"})
    assert response["Location"] == "/"
    with at(2026, 11, 2, 22, 1):
        response = client_for(alice).post(bed_url(alice.profile), {"next": "https://evil.example/"})
    assert response["Location"] != "https://evil.example/"


def test_a_parent_uses_quick_actions_for_a_child(client_for, alice, bob, child):
    with at(2026, 11, 2, 19, 30):
        client_for(bob).post(bed_url(child))
    with at(2026, 11, 3, 6, 50):
        client_for(bob).post(up_url(child))
    night = Night.objects.get(profile=child)
    assert night.metrics.time_in_bed == 680
    assert night.created_by == bob


def test_quick_actions_cannot_be_used_for_another_adult(client_for, alice, bob):
    bob.profile.shared_with_household = True
    bob.profile.save()
    assert client_for(alice).post(bed_url(bob.profile)).status_code == 404
    assert client_for(alice).post(up_url(bob.profile)).status_code == 404
    assert not Night.objects.exists()


@pytest.mark.parametrize("make_url", [bed_url, up_url])
def test_quick_actions_only_answer_post(client_for, alice, make_url):
    assert client_for(alice).get(make_url(alice.profile)).status_code == 405
