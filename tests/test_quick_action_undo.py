"""Quick actions say what they did, can be undone for a few seconds, and a mis-tap never blocks
the next one ("I'm up" at 12:24 then "Going to bed" that evening)."""

from datetime import UTC, date, datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from journal import services
from journal.models import Night

from .fixtures.journal import make_night, night_post
from .test_quick_actions import at, bed_url, up_url


@pytest.fixture(autouse=True)
def _today_is_fixed(freeze):
    """Today is after the nights tapped here, whatever the real date (issue 7)."""
    freeze(datetime(2026, 11, 10, 12, 0, tzinfo=UTC))


def undo_url(night):
    return reverse("journal:undo", args=[night.pk])


def page_of(client, response, *when) -> str:
    with at(*when):
        return client.get(response["Location"]).content.decode()


# --- Which night a tap lands on ----------------------------------------------------------------


def test_im_up_at_12_24_ends_last_night_and_bed_that_evening_still_works(client_for, bob, child):
    client = client_for(bob)
    with at(2026, 11, 3, 12, 24):
        response = client.post(up_url(child))
    up = Night.objects.get(profile=child)
    assert up.date == date(2026, 11, 2)  # the night that began yesterday, not tonight's
    assert "Good morning, Robin: up at 12:24. Night of 2 November" in page_of(
        client, response, 2026, 11, 3, 12, 24, 5
    )
    with at(2026, 11, 3, 19, 30):
        response = client.post(bed_url(child), {"next": "/"})
    tonight = Night.objects.get(profile=child, date=date(2026, 11, 3))
    assert tonight.into_bed == datetime(2026, 11, 3, 19, 30, tzinfo=UTC)
    assert "Good night, Robin: into bed at 19:30." in page_of(client, response, 2026, 11, 3, 19, 31)


def test_im_up_on_a_night_that_already_ended_changes_nothing_and_says_so(client_for, bob, child):
    night = make_night(child, date(2026, 11, 2), "19:30", "19:45", "06:50", "07:00")
    client = client_for(bob)
    with at(2026, 11, 3, 12, 24):
        response = client.post(up_url(child), {"next": "/"}, follow=True)
    page = response.content.decode()
    assert "Robin&#x27;s night of 2 November already has a final awakening (06:50)" in page
    assert Night.objects.get().version == night.version  # nothing written
    with at(2026, 11, 3, 19, 30):
        assert client.post(bed_url(child)).status_code == 302
    assert Night.objects.filter(profile=child, date=date(2026, 11, 3)).exists()


def test_going_to_bed_clears_a_lone_wake_up_logged_before_it(client_for, alice, child):
    # A night with only wake times (e.g. an old mis-tap) no longer refuses the bedtime.
    lone = make_night(child, date(2026, 11, 3), None, None, "12:24", "12:24")
    client = client_for(alice)
    with at(2026, 11, 3, 19, 30):
        response = client.post(bed_url(child), {"next": "/"})
    lone.refresh_from_db()
    assert lone.into_bed == datetime(2026, 11, 3, 19, 30, tzinfo=UTC)
    assert lone.final_wake is None and lone.out_of_bed is None
    page = page_of(client, response, 2026, 11, 3, 19, 30, 5)
    assert "The wake-up logged earlier, at 12:24, was cleared." in page


def test_going_to_bed_on_a_whole_night_is_still_refused(client_for, alice):
    make_night(alice.profile, date(2026, 11, 2))
    with at(2026, 11, 2, 23, 30):
        response = client_for(alice).post(bed_url(alice.profile), follow=True)
    assert "already has a final awakening" in response.content.decode()


# --- Undo --------------------------------------------------------------------------------------


def test_the_undo_button_is_offered_after_a_quick_action(client_for, alice, child):
    client = client_for(alice)
    with at(2026, 11, 3, 19, 30):
        response = client.post(bed_url(child), {"next": reverse("journal:log")})
    night = Night.objects.get(profile=child)
    with at(2026, 11, 3, 19, 30, 10):
        page = client.get(reverse("journal:log"), {"profile": child.pk}).content.decode()
    assert "Just now: Robin into bed at 19:30." in page
    assert f'action="{undo_url(night)}"' in page and 'data-undo-seconds="20"' in page
    assert response["Location"] == reverse("journal:log")


def test_undo_deletes_the_night_going_to_bed_created(client_for, alice, child):
    client = client_for(alice)
    with at(2026, 11, 3, 19, 30):
        client.post(bed_url(child))
    night = Night.objects.get(profile=child)
    with at(2026, 11, 3, 19, 30, 20):
        response = client.post(undo_url(night), {"next": "/"})
    assert response["Location"] == "/"
    assert not Night.objects.exists()
    with at(2026, 11, 3, 19, 30, 21):
        page = client.get(reverse("journal:log"), {"profile": child.pk}).content.decode()
    assert "Undone: Robin into bed at 19:30." in page
    assert "Just now:" not in page  # nothing left to undo


def test_undo_of_im_up_puts_the_night_back_as_it_was(client_for, alice, child):
    client = client_for(alice)
    with at(2026, 11, 2, 19, 30):
        client.post(bed_url(child))
    with at(2026, 11, 3, 6, 40):
        response = client.post(up_url(child))
    night = Night.objects.get(profile=child)
    assert night.final_wake is not None
    with at(2026, 11, 3, 6, 40, 5):
        edit_page = client.get(response["Location"]).content.decode()
    assert "Just now: Robin up at 06:40." in edit_page
    with at(2026, 11, 3, 6, 40, 10):
        response = client.post(undo_url(night))
    night.refresh_from_db()
    assert night.final_wake is None and night.out_of_bed is None
    assert night.into_bed == datetime(2026, 11, 2, 19, 30, tzinfo=UTC)  # the bedtime stays
    assert response["Location"] == reverse("journal:night", args=[night.pk])


def test_undo_restores_a_cleared_lone_wake_up(client_for, alice, child):
    lone = make_night(child, date(2026, 11, 3), None, None, "12:24", "12:30")
    client = client_for(alice)
    with at(2026, 11, 3, 19, 30):
        client.post(bed_url(child))
    with at(2026, 11, 3, 19, 30, 5):
        client.post(undo_url(lone))
    lone.refresh_from_db()
    assert lone.into_bed is None and lone.lights_out is None
    assert lone.final_wake == datetime(2026, 11, 3, 12, 24, tzinfo=UTC)
    assert lone.out_of_bed == datetime(2026, 11, 3, 12, 30, tzinfo=UTC)


def test_undo_is_refused_after_the_few_seconds(client_for, alice, child):
    client = client_for(alice)
    with at(2026, 11, 3, 19, 30):
        client.post(bed_url(child))
    night = Night.objects.get(profile=child)
    with at(2026, 11, 3, 19, 30, 31):
        response = client.post(undo_url(night), follow=True)
        page = response.content.decode()
    assert "Too late to undo that: edit the night instead." in page
    assert Night.objects.filter(pk=night.pk).exists()


def test_undo_never_throws_away_a_later_edit(client_for, alice, child):
    client = client_for(alice)
    with at(2026, 11, 2, 19, 30):
        client.post(bed_url(child))
    night = Night.objects.get(profile=child)
    with at(2026, 11, 2, 19, 30, 10):
        client.post(
            reverse("journal:edit", args=[night.pk]),
            night_post(into_bed="19:30", lights_out="19:40", final_wake="", out_of_bed=""),
        )
        response = client.post(undo_url(night), follow=True)
    assert "was changed after that tap, so it was not undone" in response.content.decode()
    night.refresh_from_db()
    assert night.lights_out == datetime(2026, 11, 2, 19, 40, tzinfo=UTC)


def test_undo_only_undoes_the_night_it_was_for(client_for, alice, child):
    other = make_night(child, date(2026, 11, 1))
    client = client_for(alice)
    with at(2026, 11, 3, 19, 30):
        client.post(bed_url(child))
    with at(2026, 11, 3, 19, 30, 5):
        client.post(undo_url(other))
    assert Night.objects.filter(pk=other.pk).exists()
    assert Night.objects.filter(profile=child, date=date(2026, 11, 3)).exists()


def test_another_household_cannot_undo(client_for, alice, child, mallory):
    with at(2026, 11, 3, 19, 30):
        client_for(alice).post(bed_url(child))
    night = Night.objects.get(profile=child)
    with at(2026, 11, 3, 19, 30, 5):
        response = client_for(mallory).post(undo_url(night))
    assert response.status_code == 404
    assert Night.objects.filter(pk=night.pk).exists()


def test_undo_answers_post_only(client_for, alice, alice_night):
    assert client_for(alice).get(undo_url(alice_night)).status_code == 405


# --- Undo with htmx ------------------------------------------------------------------------


def test_undo_with_htmx_replaces_the_box_in_place(client_for, alice, child):
    client = client_for(alice)
    with at(2026, 11, 3, 19, 30):
        client.post(bed_url(child), {"next": "/"})
    night = Night.objects.get(profile=child)
    with at(2026, 11, 3, 19, 30, 5):
        response = client.post(
            undo_url(night),
            {"next": "/"},
            headers={"HX-Request": "true", "HX-Current-URL": "http://testserver/"},
        )
    page = response.content.decode()
    assert response.status_code == 200 and "<html" not in page
    assert '<p class="undo done" role="status">Undone: Robin into bed at 19:30.</p>' in page
    assert not Night.objects.exists()
    with at(2026, 11, 3, 19, 30, 6):
        assert "Undone" not in client.get("/").content.decode()  # said once, in place


def test_undo_with_htmx_on_the_nights_own_page_reloads_it(client_for, alice, child):
    client = client_for(alice)
    with at(2026, 11, 3, 6, 40):
        client.post(up_url(child))
    night = Night.objects.get(profile=child)
    edit = reverse("journal:edit", args=[night.pk])
    with at(2026, 11, 3, 6, 40, 5):
        response = client.post(
            undo_url(night),
            headers={"HX-Request": "true", "HX-Current-URL": f"http://testserver{edit}"},
        )
    assert response["HX-Redirect"] == f"{reverse('journal:log')}?profile={child.pk}"
    assert not Night.objects.exists()


def test_the_undo_record_is_plain_data(alice):
    action = services.going_to_bed(
        profile=alice.profile, by=alice, now=datetime(2026, 11, 2, 22, 0, tzinfo=UTC)
    )
    record = action.undo_record(at=timezone.now())
    assert record["created"] is True and record["night"] == action.night.pk
    assert record["version"] == 1


def test_tonight_offers_the_undo_next_to_the_person_tapped_for(client_for, alice, child):
    client = client_for(alice)
    with at(2026, 11, 3, 19, 30):
        response = client.post(bed_url(child), {"next": "/"})
    assert response["Location"] == "/"
    night = Night.objects.get(profile=child)
    with at(2026, 11, 3, 19, 30, 3):
        page = client.get("/").content.decode()
    robin = page[page.index(f'id="person-{child.pk}"') :]
    assert "Just now: Robin into bed at 19:30." in robin
    assert f'action="{undo_url(night)}"' in robin
    assert '<input type="hidden" name="next" value="/">' in robin
    alice_section = page[page.index(f'id="person-{alice.profile.pk}"') :]
    assert "Just now:" not in alice_section[: alice_section.index("</section>")]
