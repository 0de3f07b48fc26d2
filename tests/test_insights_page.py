"""The Insights page and the clinician report: what they say, who may see them, and their cost."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.urls import reverse

from journal.models import Disturbance
from tests.fixtures.journal import make_night
from tests.fixtures.routines import make_routine

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)  # the morning after the night of 24 November
URL = reverse("insights:insights")
REPORT = reverse("insights:report")


@pytest.fixture(autouse=True)
def frozen(freeze):
    freeze(NOW)


@pytest.fixture
def fortnight(alice):
    """Fourteen nights for Alice ending last night, bedtimes drifting, noise on every third."""
    noise = Disturbance.objects.get(household=None, name="Noise")
    nights = []
    for offset in range(14):
        day = date(2026, 11, 24) - timedelta(days=offset)
        night = make_night(
            alice.profile,
            day,
            lights_out=f"23:{offset % 6 * 10:02d}",
            quality=offset % 5 + 1,
            rested=None if offset == 3 else 3,
        )
        if offset % 3 == 0:
            night.disturbances.add(noise)
        nights.append(night)
    return nights


def test_the_insights_tab_is_one_tap_away(client_for, alice):
    page = client_for(alice).get(reverse("routines:tonight")).content.decode()
    assert f'href="{URL}"' in page


def test_the_page_summarises_the_range(client_for, alice, fortnight):
    page = client_for(alice).get(URL, {"range": "14"}).content.decode()
    assert "Insights · Alice" in page
    assert "14 of 14 nights logged" in page
    assert "Sleep Regularity Index" in page
    assert "Total sleep" in page and "Sleep efficiency" in page
    # Worked example 1 every night: 405 min asleep, an efficiency of 83.5 %.
    assert "6 h 45 min" in page and "83.5 %" in page
    # Restedness was left blank once: 13 nights behind it, not 14 with a zero.
    assert "<td>13</td>" in page
    assert "Sleep-window worksheet" in page and "never as advice" not in page
    assert "not advice" in page


def test_tags_below_the_minimum_say_not_enough_nights(client_for, alice, fortnight):
    page = client_for(alice).get(URL, {"range": "7"}).content.decode()
    assert "Noise" in page
    assert "Not enough nights yet" in page
    assert "went together" in page and " helps" not in page and "improve" not in page


def test_routines_and_sleep_group_the_nights(client_for, alice, fortnight):
    make_routine([alice.profile], created_at=datetime(2026, 11, 1, tzinfo=UTC))
    page = client_for(alice).get(URL, {"range": "14"}).content.decode()
    assert "Not complete" in page
    assert "14 logged nights had a routine" in page
    assert "every step done on 0 of the 14 nights a routine ran (0 %)" in page


def test_no_nights_is_said_plainly(client_for, alice):
    page = client_for(alice).get(URL).content.decode()
    assert "No nights logged for Alice in this range yet" in page


def test_custom_dates_and_bad_input(client_for, alice, fortnight):
    client = client_for(alice)
    page = client.get(URL, {"start": "2026-11-20", "end": "2026-11-24"}).content.decode()
    assert "5 of 5 nights logged" in page
    for params in (
        {"start": "9999-12-31", "end": "0001-01-01"},
        {"start": "2026-13-45", "end": "x"},
        {"range": "1000000"},
        {"start": "1900-01-01", "end": "2026-01-01"},
    ):
        response = client.get(URL, params)
        assert response.status_code == 200, params
        assert 'role="alert"' in response.content.decode()
    assert client.get(URL, {"profile": "abc"}).status_code == 404
    assert client.get(URL, {"profile": "9" * 40}).status_code == 404


def test_another_household_or_an_unshared_adult_is_404(client_for, alice, bob, child, mallory):
    assert client_for(mallory).get(URL, {"profile": alice.profile.pk}).status_code == 404
    assert client_for(mallory).get(REPORT, {"profile": child.pk}).status_code == 404
    assert client_for(bob).get(URL, {"profile": alice.profile.pk}).status_code == 404
    assert client_for(bob).get(URL, {"profile": child.pk}).status_code == 200
    alice.profile.shared_with_household = True
    alice.profile.save()
    assert client_for(bob).get(URL, {"profile": alice.profile.pk}).status_code == 200


def test_the_report_has_every_diary_field_and_a_print_hint(client_for, alice, fortnight):
    page = client_for(alice).get(REPORT).content.decode()
    assert "Sleep diary report: Alice" in page
    assert "Nights of Wed 11 Nov to Tue 24 Nov" in page
    assert "Save as PDF" in page
    assert page.count('<th scope="row">') >= 14
    for heading in (
        "Into bed",
        "Lights out",
        "To fall asleep",
        "Awakenings",
        "Final wake",
        "Out of bed",
        "Quality",
        "Rested",
        "Stress before bed",
        "Naps",
        "Disturbances",
        "Intake",
        "Notes",
    ):
        assert heading in page


@pytest.mark.parametrize("url", [URL, REPORT])
def test_three_years_cost_a_fixed_number_of_queries(
    client_for, alice, three_years, django_assert_max_num_queries, url
):
    client = client_for(alice)
    budget = 12 if url == REPORT else 10  # the report reads its diary's nights as objects
    with django_assert_max_num_queries(budget):
        short = client.get(url, {"range": "7"})
    with django_assert_max_num_queries(budget):
        long = client.get(url, {"start": "2023-11-01", "end": "2026-11-24"})
    assert short.status_code == long.status_code == 200
    assert "1115 of 1120 nights logged" in long.content.decode()


def test_the_headline_names_a_child(client_for, alice, child):
    for offset in range(14):
        make_night(child, date(2026, 11, 24) - timedelta(days=offset), quality=offset % 5 + 1)
    page = client_for(alice).get(URL, {"profile": child.pk, "range": "14"}).content.decode()
    assert "Robin slept" in page or "Robin took" in page
    assert "Robin&#x27;s sleep quality was rated" in page
    assert "You rated" not in page
