"""Nights that cannot be right are refused, nights that are unlikely are questioned.

A doubtful night (over 16 hours in bed, or a time read as the next day when the same evening
was probably meant) is not saved on the first submit: the question is on the field, and
"Yes, save it as entered" saves it. Errors name the field that is wrong.
"""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from journal import clock
from journal.metrics import NightTimes, check_night
from journal.models import Night
from journal.plausibility import LONG_NIGHT_MINUTES, doubts

from .fixtures.journal import night_post


@pytest.fixture(autouse=True)
def _today_is_fixed(freeze):
    """Today is after the nights logged here, whatever the real date (issue 7)."""
    freeze(datetime(2026, 11, 10, 12, 0, tzinfo=UTC))


LOG = reverse("journal:log")
LONDON = ZoneInfo("Europe/London")


def times(into_bed, lights_out, final_wake, out_of_bed, night=date(2026, 11, 2), zone=LONDON):
    clocks = [
        None if value is None else time.fromisoformat(value)
        for value in (into_bed, lights_out, final_wake, out_of_bed)
    ]
    bed, dark, wake, up = clock.resolve_night_times(night, zone, clocks)
    return NightTimes(bed, dark, 0, 0, wake, up)


def slot(page: str, field: str) -> str:
    start = page.index(f'id="error-{field}"')
    return page[start : page.index("</div>", start)]


# --- The pure rules ----------------------------------------------------------------------------


def test_an_ordinary_night_raises_no_doubt():
    assert doubts(times("22:45", "23:00", "06:30", "06:50"), LONDON) == {}


def test_out_of_bed_just_before_into_bed_is_asked_about_on_out_of_bed():
    night = times("23:00", None, None, "22:00")
    assert doubts(night, LONDON) == {
        "out_of_bed": "Out of bed at 22:00 is earlier than into bed at 23:00, so it counts as "
        "the next day: 23 h in bed. Did you mean another time?"
    }
    assert check_night(night, zone=LONDON) == {}  # possible, so a question and not an error


def test_a_twenty_hour_night_is_asked_about():
    assert doubts(times("22:00", "22:00", "17:30", "18:00"), LONDON) == {
        "final_wake": "That's 20 h in bed. Is that right?"
    }


def test_sixteen_hours_is_not_asked_about():
    assert doubts(times("20:00", "20:00", "11:30", "12:00"), LONDON) == {}
    assert doubts(times("20:00", "20:00", "11:30", "12:01"), LONDON) != {}


def test_a_long_night_without_into_bed_names_what_it_measured():
    assert doubts(times(None, "21:00", "15:00", None), LONDON) == {
        "final_wake": "That's 18 h from lights out to the final awakening. Is that right?"
    }


def test_into_bed_after_lights_out_by_a_little_puts_the_error_on_lights_out():
    # Into bed changed to 19:05 while the prefilled lights out stays at 19:00.
    night = times("19:05", "19:00", "07:00", "07:30")
    assert check_night(night, zone=LONDON) == {
        "lights_out": "Lights out must be at or after getting into bed. "
        "Read as the next day, it would make the night longer than 24 hours."
    }


@given(
    st.integers(min_value=0, max_value=23 * 60 + 59),
    st.integers(min_value=1, max_value=24 * 60),
)
def test_doubts_are_exactly_the_long_believable_nights(start_minutes, length):
    into_bed = datetime(2026, 11, 2, 12, tzinfo=UTC) + timedelta(minutes=start_minutes)
    night = NightTimes(into_bed, None, 0, 0, None, into_bed + timedelta(minutes=length))
    found = doubts(night, LONDON)
    assert bool(found) == (length > LONG_NIGHT_MINUTES)
    assert set(found) <= {"out_of_bed"}
    assert check_night(night, zone=LONDON) == {}


# --- The form ----------------------------------------------------------------------------------


def test_a_23_hour_night_is_not_saved_on_the_first_submit(client_for, alice):
    data = night_post(alice.profile, into_bed="23:00", lights_out="23:00", final_wake="")
    data["out_of_bed"] = "22:00"
    response = client_for(alice).post(LOG, data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Out of bed at 22:00 is earlier than lights out at 23:00" in slot(page, "out_of_bed")
    assert "Yes, save it as entered" in page
    assert 'name="save_as_entered" value="1"' in page
    assert not Night.objects.exists()


def test_yes_save_it_as_entered_saves_the_night(client_for, alice):
    data = night_post(alice.profile, into_bed="23:00", lights_out="23:00", final_wake="")
    data.update(out_of_bed="22:00", save_as_entered="1")
    response = client_for(alice).post(LOG, data)
    assert response.status_code == 302
    night = Night.objects.get(profile=alice.profile)
    assert night.metrics.time_in_bed == 23 * 60


def test_a_20_hour_night_is_questioned_then_saved(client_for, alice):
    data = night_post(alice.profile, into_bed="22:00", lights_out="22:00")
    data.update(final_wake="17:30", out_of_bed="18:00", waso_minutes="0")
    client = client_for(alice)
    page = client.post(LOG, data).content.decode()
    assert "That&#x27;s 20 h in bed. Is that right?" in slot(page, "final_wake")
    assert not Night.objects.exists()
    assert client.post(LOG, {**data, "save_as_entered": "1"}).status_code == 302


def test_an_ordinary_night_shows_no_save_as_entered_button(client_for, alice):
    page = client_for(alice).get(LOG).content.decode()
    assert "Yes, save it as entered" not in page
    assert client_for(alice).post(LOG, night_post(alice.profile)).status_code == 302


def test_a_night_in_1900_is_refused_on_the_date(client_for, alice):
    response = client_for(alice).post(LOG, night_post(alice.profile, "1900-11-02"))
    assert "Nights before 1970 can&#x27;t be logged" in slot(response.content.decode(), "date")
    response = client_for(alice).post(
        LOG, night_post(alice.profile, "1900-11-02", save_as_entered="1")
    )
    assert not Night.objects.exists()


def test_out_of_bed_before_the_final_awakening_names_out_of_bed(client_for, alice):
    response = client_for(alice).post(LOG, night_post(alice.profile, out_of_bed="06:20"))
    page = response.content.decode()
    assert "Out of bed must be at or after the final awakening." in slot(page, "out_of_bed")
    assert "24 hours in bed" not in page
    assert slot(page, "final_wake").endswith(">")  # nothing on the final awakening


def test_into_bed_after_the_prefilled_lights_out_errs_on_lights_out(client_for, alice):
    response = client_for(alice).post(
        LOG, night_post(alice.profile, into_bed="19:05", lights_out="19:00", final_wake="07:00")
    )
    page = response.content.decode()
    assert "Lights out must be at or after getting into bed." in slot(page, "lights_out")
    for field in ("final_wake", "out_of_bed"):
        assert slot(page, field).endswith(">"), slot(page, field)


def test_minutes_out_of_range_are_server_side_errors_inline(client_for, alice):
    client = client_for(alice)
    response = client.post(LOG, night_post(alice.profile, sol_minutes="-5", waso_minutes="2000"))
    page = response.content.decode()
    assert "greater than or equal to 0" in slot(page, "sol_minutes")
    assert "less than or equal to 1440" in slot(page, "waso_minutes")
    assert "novalidate" in page  # the server's messages, not only the browser's pop-up
    assert not Night.objects.exists()


def test_the_live_summary_shows_an_error_state_instead_of_old_figures(client_for, alice):
    client = client_for(alice)
    good = client.post(reverse("journal:validate"), night_post(alice.profile)).content.decode()
    assert "83.5 %" in good
    bad = client.post(
        reverse("journal:validate"), night_post(alice.profile, sol_minutes="-5")
    ).content.decode()
    preview = bad[bad.index('id="preview"') :]
    assert "No summary yet: check the marked fields." in preview
    assert "83.5 %" not in bad
    assert "greater than or equal to 0" in slot(bad, "sol_minutes")


def test_the_live_summary_asks_about_a_doubtful_night(client_for, alice):
    data = night_post(alice.profile, into_bed="23:00", lights_out="23:00", final_wake="")
    data["out_of_bed"] = "22:00"
    page = client_for(alice).post(reverse("journal:validate"), data).content.decode()
    assert "counts as the next day" in slot(page, "out_of_bed")
    assert 'id="save-as-entered" hx-swap-oob="true"' in page
    assert "Yes, save it as entered" in page
    assert "No summary yet" in page


def test_editing_a_night_into_a_doubtful_one_asks_too(client_for, alice, alice_night):
    url = reverse("journal:edit", args=[alice_night.pk])
    data = night_post(into_bed="22:00", lights_out="22:00", final_wake="17:30", out_of_bed="18:00")
    data["waso_minutes"] = "0"
    client = client_for(alice)
    assert "Is that right?" in client.post(url, data).content.decode()
    assert client.post(url, {**data, "save_as_entered": "1"}).status_code == 302
