"""Editing a night: the form opens with what was logged, in the profile's zone."""

from datetime import UTC, date, datetime

import pytest
from django.urls import reverse

from journal.models import Intake, IntakeItem, Night

from .fixtures.journal import make_night, night_post


@pytest.fixture(autouse=True)
def _today_is_fixed(freeze):
    """Today is after the nights edited here, whatever the real date (issue 7)."""
    freeze(datetime(2026, 11, 10, 12, 0, tzinfo=UTC))


def url(night):
    return reverse("journal:edit", args=[night.pk])


def test_the_form_opens_with_what_was_logged(client_for, alice, alice_night):
    page = client_for(alice).get(url(alice_night)).content.decode()
    assert 'value="2026-11-02"' in page
    for value in ("22:45", "23:00", "06:30", "06:50"):
        assert f'value="{value}"' in page
    assert "Slept fine" in page
    assert f'hx-post="{reverse("journal:validate_edit", args=[alice_night.pk])}"' in page
    assert "6 h 45 min" in page  # the summary of the saved night


def test_saving_changes_the_night(client_for, alice, alice_night):
    response = client_for(alice).post(
        url(alice_night), night_post(final_wake="07:00", out_of_bed="07:10", quality="5")
    )
    assert response.status_code == 302
    alice_night.refresh_from_db()
    assert alice_night.final_wake == datetime(2026, 11, 3, 7, 0, tzinfo=UTC)
    assert alice_night.quality == 5
    assert alice_night.metrics.total_sleep_time == 435


def test_intake_rows_are_replaced_and_can_be_removed(client_for, alice, alice_night):
    caffeine = IntakeItem.objects.get(name="Caffeine", household=None)
    Intake.objects.create(night=alice_night, item=caffeine, unit="cup")
    page = client_for(alice).get(url(alice_night)).content.decode()
    assert f'<option value="{caffeine.pk}" selected>' in page
    data = night_post(intakes=[{"item": caffeine.pk, "unit": "cup"}], **{"intake-0-DELETE": "on"})
    data["intake-INITIAL_FORMS"] = "1"
    client_for(alice).post(url(alice_night), data)
    assert not Intake.objects.filter(night=alice_night).exists()


def test_moving_onto_a_logged_night_points_to_it(client_for, alice, alice_night):
    other = make_night(alice.profile, date(2026, 11, 3))
    response = client_for(alice).post(url(other), night_post(night_date="2026-11-02"))
    assert response.status_code == 200
    assert reverse("journal:edit", args=[alice_night.pk]) in response.content.decode()
    other.refresh_from_db()
    assert other.date == date(2026, 11, 3)


def test_errors_keep_what_was_typed(client_for, alice, alice_night):
    response = client_for(alice).post(url(alice_night), night_post(sol_minutes="999"))
    page = response.content.decode()
    assert 'value="999"' in page and "You took 999 minutes to fall asleep" in page
    alice_night.refresh_from_db()
    assert alice_night.sol_minutes == 20


def test_inline_validation_for_an_edit_saves_nothing(client_for, alice, alice_night):
    response = client_for(alice).post(
        reverse("journal:validate_edit", args=[alice_night.pk]), night_post(quality="1")
    )
    assert 'id="preview"' in response.content.decode()
    alice_night.refresh_from_db()
    assert alice_night.quality is None


def test_a_shared_adults_night_cannot_be_edited_by_another_adult(client_for, alice, bob):
    bob.profile.shared_with_household = True
    bob.profile.save()
    night = make_night(bob.profile, date(2026, 11, 2))
    client = client_for(alice)
    assert client.get(url(night)).status_code == 404
    assert client.post(url(night), night_post(quality="1")).status_code == 404
    assert Night.objects.get(pk=night.pk).quality is None


def test_any_adult_edits_a_childs_night(client_for, alice, bob, child):
    night = make_night(child, date(2026, 11, 2))
    response = client_for(bob).post(url(night), night_post(quality="2"))
    assert response.status_code == 302
    night.refresh_from_db()
    assert night.quality == 2


def test_another_household_gets_404(client_for, mallory, alice_night):
    assert client_for(mallory).get(url(alice_night)).status_code == 404
