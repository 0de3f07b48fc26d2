"""Logging a night: one screen, prefilled, checked field by field, in the profile's zone."""

import re
from datetime import UTC, date, datetime
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from journal.models import Disturbance, Intake, IntakeItem, Night

from .conftest import add_dependant
from .fixtures.journal import make_night, night_post


@pytest.fixture(autouse=True)
def _today_is_fixed(freeze):
    """Today is after the nights logged here, whatever the real date (issue 7)."""
    freeze(datetime(2026, 11, 10, 12, 0, tzinfo=UTC))


LOG = reverse("journal:log")


def errors_of(response) -> str:
    return response.content.decode()


# --- The page --------------------------------------------------------------------------------


def test_the_form_is_prefilled_with_the_usual_times_and_last_night(client_for, alice):
    profile = alice.profile
    profile.usual_bedtime, profile.usual_wake_time = "23:10", "07:05"
    profile.save()
    with mock.patch.object(timezone, "now", return_value=datetime(2026, 11, 3, 7, 40, tzinfo=UTC)):
        response = client_for(alice).get(LOG)
    assert response.status_code == 200
    assert 'value="2026-11-02"' in errors_of(response)  # last night, in the morning
    assert response.content.decode().count('value="23:10"') == 2  # into bed and lights out
    assert response.content.decode().count('value="07:05"') == 2
    assert "Times in Europe/London" in response.content.decode()


def test_the_form_is_prefilled_from_the_previous_night(client_for, alice):
    make_night(alice.profile, date(2026, 11, 1), "23:20", "23:35", "07:10", "07:15", sol_minutes=12)
    response = client_for(alice).get(LOG, {"date": "2026-11-02"})
    page = response.content.decode()
    assert 'value="23:20"' in page and 'value="23:35"' in page
    assert 'value="07:10"' in page and 'value="07:15"' in page
    assert 'name="sol_minutes" value="12"' in page


def test_the_page_has_quick_actions_and_inline_validation(client_for, alice):
    page = client_for(alice).get(LOG).content.decode()
    assert reverse("journal:going_to_bed", args=[alice.profile.pk]) in page
    assert reverse("journal:im_up", args=[alice.profile.pk]) in page
    assert f'hx-post="{reverse("journal:validate")}"' in page
    assert 'style="' not in page and " onclick" not in page and "<script>" not in page


def test_an_already_logged_night_is_pointed_out(client_for, alice, alice_night):
    response = client_for(alice).get(LOG, {"date": "2026-11-02"})
    assert "already logged" in response.content.decode()
    assert reverse("journal:edit", args=[alice_night.pk]) in response.content.decode()


# --- Saving ----------------------------------------------------------------------------------


def test_logging_a_night_stores_utc_times_and_shows_the_metrics(client_for, alice):
    client = client_for(alice)
    response = client.post(LOG, night_post(alice.profile))
    night = Night.objects.get(profile=alice.profile)
    assert response.status_code == 302
    assert response["Location"] == reverse("journal:night", args=[night.pk])
    assert night.date == date(2026, 11, 2)
    assert night.into_bed == datetime(2026, 11, 2, 22, 45, tzinfo=UTC)  # GMT in November
    assert night.final_wake == datetime(2026, 11, 3, 6, 30, tzinfo=UTC)
    assert night.created_by == alice
    assert night.quality == 4
    page = client.get(response["Location"]).content.decode()
    assert "6 h 45 min" in page  # TST 405
    assert "8 h 5 min" in page  # TIB 485
    assert "83.5 %" in page


def test_times_are_read_in_the_profiles_zone(client_for, alice):
    profile = alice.profile
    profile.time_zone = "America/New_York"
    profile.save()
    client_for(alice).post(LOG, night_post(profile))
    night = Night.objects.get(profile=profile)
    assert night.lights_out == datetime(2026, 11, 3, 4, 0, tzinfo=UTC)  # 23:00 EST


def test_a_night_across_the_spring_dst_change_has_its_real_length(client_for, alice):
    client = client_for(alice)
    response = client.post(
        LOG,
        night_post(
            alice.profile,
            "2026-03-28",
            into_bed="23:00",
            lights_out="23:00",
            final_wake="07:00",
            out_of_bed="07:00",
            sol_minutes="0",
            waso_minutes="0",
            awakenings="0",
        ),
    )
    night = Night.objects.get(profile=alice.profile)
    assert night.metrics.time_in_bed == 420  # the clocks went forward: 7 hours, not 8
    page = client.get(response["Location"]).content.decode()
    assert "7 h" in page and "100.0 %" in page
    assert "8 h" not in page


def test_blank_fields_are_stored_as_unknown_and_shown_as_a_dash(client_for, alice):
    client = client_for(alice)
    response = client.post(LOG, night_post(alice.profile, sol_minutes="", quality="", into_bed=""))
    night = Night.objects.get(profile=alice.profile)
    assert night.sol_minutes is None and night.quality is None and night.into_bed is None
    assert night.metrics.total_sleep_time is None  # needs SOL
    assert night.metrics.time_in_bed is None
    page = client.get(response["Location"]).content.decode()
    assert "<dt>Asleep (TST)</dt><dd>—</dd>" in page
    assert "<dt>In bed (TIB)</dt><dd>—</dd>" in page
    assert "<dt>To fall asleep (SOL)</dt><dd>—</dd>" in page  # not "0 min"


def test_disturbances_and_intake_are_saved(client_for, alice):
    noise = Disturbance.objects.get(name="Noise", household=None)
    pain = Disturbance.objects.get(name="Pain", household=None)
    caffeine = IntakeItem.objects.get(name="Caffeine", household=None)
    data = night_post(
        alice.profile,
        intakes=[{"item": caffeine.pk, "amount": "1.5", "unit": "cups", "taken_at": "15:30"}],
    )
    data["disturbances"] = [noise.pk, pain.pk]
    client = client_for(alice)
    response = client.post(LOG, data)
    night = Night.objects.get(profile=alice.profile)
    assert set(night.disturbances.all()) == {noise, pain}
    intake = Intake.objects.get(night=night)
    assert (intake.item, str(intake.amount), intake.unit) == (caffeine, "1.50", "cups")
    assert intake.taken_at == datetime(2026, 11, 2, 15, 30, tzinfo=UTC)
    page = client.get(response["Location"]).content.decode()
    assert "Caffeine 1.5 cups" in page and "15:30" in page and "Noise" in page


def test_a_forgotten_night_can_be_logged_for_any_past_date(client_for, alice):
    response = client_for(alice).post(LOG, night_post(alice.profile, "2024-02-29"))
    assert response.status_code == 302
    assert Night.objects.filter(profile=alice.profile, date=date(2024, 2, 29)).exists()


# --- Validation ------------------------------------------------------------------------------


def assert_error(response, message: str, field: str) -> None:
    assert response.status_code == 200
    page = response.content.decode()
    assert f'id="error-{field}"' in page
    start = page.index(f'id="error-{field}"')
    assert message in page[start : page.index("</div>", start)], page[start : start + 300]
    assert not Night.objects.exists()


def test_final_awakening_must_come_after_lights_out(client_for, alice):
    response = client_for(alice).post(
        LOG, night_post(alice.profile, lights_out="23:00", final_wake="23:00", into_bed="22:00")
    )
    assert_error(response, "Your final awakening has to be after lights out.", "final_wake")


def test_getting_up_before_the_final_awakening_names_the_field(client_for, alice):
    # 06:20 is earlier than 06:30: read as the next day it would be over 24 hours in bed, so
    # the error says what is wrong with out of bed.
    response = client_for(alice).post(LOG, night_post(alice.profile, out_of_bed="06:20"))
    assert_error(response, "Out of bed must be at or after the final awakening.", "out_of_bed")


def test_minutes_asleep_and_awake_must_fit_the_night(client_for, alice):
    response = client_for(alice).post(
        LOG, night_post(alice.profile, sol_minutes="300", waso_minutes="200")
    )
    assert_error(
        response,
        "Falling asleep and being awake add up to 500 minutes, but there are only 450 minutes",
        "waso_minutes",
    )


def test_minutes_to_fall_asleep_must_fit_the_night(client_for, alice):
    response = client_for(alice).post(LOG, night_post(alice.profile, sol_minutes="500"))
    assert_error(response, "You took 500 minutes to fall asleep", "sol_minutes")


def test_nothing_is_over_24_hours(client_for, alice):
    response = client_for(alice).post(LOG, night_post(alice.profile, waso_minutes="1500"))
    assert_error(response, "less than or equal to 1440", "waso_minutes")
    response = client_for(alice).post(
        LOG, night_post(alice.profile, into_bed="21:00", lights_out="23:00", out_of_bed="21:30")
    )
    assert_error(response, "more than 24 hours in bed", "out_of_bed")


def test_no_future_nights(client_for, alice):
    with mock.patch.object(timezone, "now", return_value=datetime(2026, 11, 3, 11, 0, tzinfo=UTC)):
        response = client_for(alice).post(LOG, night_post(alice.profile, "2026-11-03"))
        assert_error(response, "That night hasn&#x27;t begun yet", "date")
    # From noon, tonight may be logged (e.g. straight after going to bed).
    with mock.patch.object(timezone, "now", return_value=datetime(2026, 11, 3, 22, 0, tzinfo=UTC)):
        response = client_for(alice).post(
            LOG, night_post(alice.profile, "2026-11-03", final_wake="", out_of_bed="")
        )
    assert response.status_code == 302


def test_a_repeated_submit_points_to_the_existing_night(client_for, alice):
    client = client_for(alice)
    assert client.post(LOG, night_post(alice.profile)).status_code == 302
    response = client.post(LOG, night_post(alice.profile, notes="again"))
    existing = Night.objects.get(profile=alice.profile)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Alice&#x27;s night of 2 November is logged." in page
    assert reverse("journal:edit", args=[existing.pk]) in page
    assert Night.objects.count() == 1


def test_what_was_typed_is_kept_when_there_is_an_error(client_for, alice):
    noise = Disturbance.objects.get(name="Noise", household=None)
    alcohol = IntakeItem.objects.get(name="Alcohol", household=None)
    data = night_post(
        alice.profile,
        final_wake="23:00",
        lights_out="23:00",
        notes="Neighbours' party",
        intakes=[{"item": alcohol.pk, "amount": "2", "unit": "glasses", "taken_at": "21:00"}],
    )
    data["disturbances"] = [noise.pk]
    page = client_for(alice).post(LOG, data).content.decode()
    assert "Neighbours&#x27; party" in page
    assert 'value="glasses"' in page and 'value="21:00"' in page
    assert f'<option value="{alcohol.pk}" selected>' in page
    assert re.search(rf'name="disturbances" value="{noise.pk}" id="[^"]+" checked', page)


def test_an_intake_row_needs_an_item(client_for, alice):
    response = client_for(alice).post(
        LOG, night_post(alice.profile, intakes=[{"amount": "2", "unit": "cups"}])
    )
    assert_error(response, "Choose what was taken", "intake-0-item")


def test_another_households_items_cannot_be_picked(client_for, alice, mallory):
    theirs = Disturbance.objects.create(household=mallory.household, name="Their dog")
    data = night_post(alice.profile)
    data["disturbances"] = [theirs.pk]
    response = client_for(alice).post(LOG, data)
    assert_error(response, "Select a valid choice", "disturbances")


# --- Without JavaScript: adding intake rows --------------------------------------------------


def test_add_a_row_without_javascript_keeps_everything_and_saves_nothing(client_for, alice):
    data = night_post(alice.profile, notes="kept", add_intake="1")
    page = client_for(alice).post(LOG, data).content.decode()
    assert 'name="intake-TOTAL_FORMS" value="2"' in page
    assert 'name="intake-1-item"' in page
    assert "kept" in page
    assert not Night.objects.exists()


# --- Inline validation (htmx) ----------------------------------------------------------------


def test_inline_validation_answers_error_slots_and_saves_nothing(client_for, alice):
    response = client_for(alice).post(
        reverse("journal:validate"),
        night_post(alice.profile, sol_minutes="500"),
        headers={"HX-Request": "true"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in page
    assert 'id="error-sol_minutes" aria-live="polite" hx-swap-oob="true">You took 500' in page
    assert 'id="error-date" aria-live="polite" hx-swap-oob="true"></div>' in page  # cleared
    assert not Night.objects.exists()


def test_inline_validation_shows_the_metrics_of_a_valid_night(client_for, alice):
    response = client_for(alice).post(reverse("journal:validate"), night_post(alice.profile))
    page = response.content.decode()
    assert 'id="preview"' in page and "6 h 45 min" in page and "83.5 %" in page
    assert not Night.objects.exists()


def test_inline_validation_refuses_another_households_profile(client_for, alice, mallory):
    response = client_for(alice).post(reverse("journal:validate"), night_post(mallory.profile))
    assert response.status_code == 404


def test_a_new_intake_row_for_htmx(client_for, alice):
    response = client_for(alice).get(
        reverse("journal:intake_row"), {"intake-TOTAL_FORMS": "2"}, headers={"HX-Request": "true"}
    )
    page = response.content.decode()
    assert 'name="intake-2-item"' in page and "Caffeine" in page
    assert 'name="intake-TOTAL_FORMS" value="3"' in page and 'hx-swap-oob="true"' in page


# --- Who can log for whom --------------------------------------------------------------------


def test_an_adult_logs_for_a_child(client_for, alice, bob, child):
    client = client_for(bob)
    assert f"?profile={child.pk}" in client.get(LOG).content.decode()
    page = client.get(LOG, {"profile": child.pk}).content.decode()
    assert f'name="profile" value="{child.pk}"' in page
    response = client.post(LOG, night_post(child))
    night = Night.objects.get(profile=child)
    assert response.status_code == 302
    assert night.created_by == bob


def test_a_shared_adult_cannot_be_logged_for_by_another_adult(client_for, alice, bob):
    bob.profile.shared_with_household = True
    bob.profile.save()
    client = client_for(alice)
    assert client.get(LOG, {"profile": bob.profile.pk}).status_code == 404
    assert client.post(LOG, night_post(bob.profile)).status_code == 404
    assert not Night.objects.exists()


@pytest.mark.parametrize("method", ["get", "post"])
def test_another_households_profile_in_the_query_is_404(client_for, alice, mallory, method):
    stranger = add_dependant(mallory, "Stranger")
    client = client_for(alice)
    if method == "get":
        response = client.get(LOG, {"profile": stranger.pk})
    else:
        response = client.post(LOG, night_post(stranger))
    assert response.status_code == 404
    assert not Night.objects.exists()


def test_a_post_without_a_profile_is_404(client_for, alice):
    assert client_for(alice).post(LOG, night_post()).status_code == 404


def test_a_night_across_the_autumn_dst_change_has_its_real_length(client_for, alice):
    client_for(alice).post(
        LOG,
        night_post(
            alice.profile,
            "2026-10-24",
            into_bed="23:00",
            lights_out="23:00",
            final_wake="07:00",
            out_of_bed="07:00",
            sol_minutes="0",
            waso_minutes="0",
        ),
    )
    assert Night.objects.get(profile=alice.profile).metrics.time_in_bed == 540  # 9 hours
