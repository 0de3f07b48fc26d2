"""The home page knows the time of day: in the morning it asks about last night first, and a
step is "Due now" only from its time until bedtime plus a grace period."""

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from journal import clock
from journal.models import Night
from routines import schedule

from .conftest import add_dependant
from .fixtures.routines import make_routine

URL = reverse("routines:tonight")
LONDON = ZoneInfo("Europe/London")


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


def page(client) -> str:
    response = client.get(URL)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    ("hour", "minute", "morning"),
    [(3, 59, False), (4, 0, True), (9, 0, True), (11, 59, True), (12, 0, False), (21, 0, False)],
)
def test_the_morning_runs_from_four_until_noon(hour, minute, morning):
    assert clock.is_morning(datetime(2026, 1, 16, hour, minute, tzinfo=LONDON), LONDON) is morning


def test_the_morning_is_local_to_the_profile():
    # 10:00 UTC is 11:00 in Berlin (morning) and 05:00 in New York (morning), 19:00 in Tokyo.
    moment = utc(2026, 1, 16, 10, 0)
    assert clock.is_morning(moment, ZoneInfo("Europe/Berlin"))
    assert not clock.is_morning(moment, ZoneInfo("Asia/Tokyo"))


def test_nothing_is_due_after_bedtime_plus_the_grace_period():
    bedtime = utc(2026, 1, 15, 19, 30)
    steps, done = [utc(2026, 1, 15, 18, 45)], [False]
    until = schedule.due_until(bedtime)
    assert until == bedtime + schedule.GRACE_AFTER_BEDTIME == utc(2026, 1, 15, 20, 30)
    due = schedule.due_step_index
    assert due(now=until, step_times=steps, done=done, until=until) == 0
    assert due(now=until + timedelta(seconds=1), step_times=steps, done=done, until=until) is None


@pytest.fixture
def bath(child):
    return make_routine(
        [child],
        name="Robin's bedtime",
        bedtime=time(19, 30),
        steps=[("Bath", 45), ("Story", 15)],
        active_weekdays=list(range(7)),
    )


def test_a_forgotten_bath_is_due_until_an_hour_after_bedtime(client_for, freeze, alice, bath):
    client = client_for(alice)
    freeze(utc(2026, 1, 15, 20, 29))
    assert "Due now" in page(client)
    freeze(utc(2026, 1, 15, 20, 31))
    html = page(client)
    assert "Due now" not in html
    assert 'aria-label="Done: Bath"' in html  # still there to tick, just not nagging


def test_in_the_morning_the_log_card_comes_first(client_for, freeze, alice, child, bath):
    freeze(utc(2026, 1, 16, 11, 59))  # 11:59 on Friday: the night of Thursday the 15th is over
    html = page(client_for(alice))
    assert "<h1>Good morning</h1>" in html
    assert "How did Robin sleep?" in html and "How did you sleep?" in html
    log_link = f"{reverse('journal:log')}?profile={child.pk}&amp;date=2026-01-15"
    assert log_link in html
    assert html.index("How did Robin sleep?") < html.index("Robin&#x27;s bedtime")
    # Last night's checklist is history: nothing due, nothing to tap.
    assert "Due now" not in html
    assert 'aria-label="Done: Bath"' not in html
    assert "0 of 2 done" in html and "Not done" in html
    assert "last night, Thu 15 Jan" in html


def test_a_logged_night_shows_its_summary(client_for, freeze, alice):
    freeze(utc(2026, 1, 16, 8, 0))
    night = Night.objects.create(
        profile=alice.profile,
        date=datetime(2026, 1, 15).date(),
        into_bed=utc(2026, 1, 15, 22, 30),
        lights_out=utc(2026, 1, 15, 22, 45),
        final_wake=utc(2026, 1, 16, 6, 45),
        out_of_bed=utc(2026, 1, 16, 7, 0),
        sol_minutes=0,
        waso_minutes=0,
        quality=4,
    )
    html = page(client_for(alice))
    assert "How did you sleep?" in html
    assert "22:30 – 07:00" in html and "8 h asleep" in html and "Good" in html
    assert reverse("journal:night", args=[night.pk]) in html
    assert "Log last night" not in html


def test_a_night_begun_with_going_to_bed_asks_to_be_finished(client_for, freeze, alice):
    freeze(utc(2026, 1, 16, 8, 0))
    night = Night.objects.create(
        profile=alice.profile, date=datetime(2026, 1, 15).date(), into_bed=utc(2026, 1, 15, 23)
    )
    html = page(client_for(alice))
    assert "Finish last night's log" in html
    assert reverse("journal:edit", args=[night.pk]) in html


def test_another_households_night_is_never_shown(client_for, freeze, alice, mallory):
    freeze(utc(2026, 1, 16, 8, 0))
    Night.objects.create(
        profile=mallory.profile, date=datetime(2026, 1, 15).date(), into_bed=utc(2026, 1, 15, 23)
    )
    html = page(client_for(alice))
    assert "Log last night" in html and "Finish last night" not in html


def test_from_noon_tonights_routine_leads_again(client_for, freeze, alice, bath):
    freeze(utc(2026, 1, 16, 12, 0))
    html = page(client_for(alice))
    assert "How did" not in html and "<h1>Tonight</h1>" in html
    assert 'aria-label="Done: Bath"' in html
    assert "night of Fri 16 Jan" in html


def test_before_four_the_evening_is_still_on(client_for, freeze, alice):
    make_routine([alice.profile], bedtime=time(0, 30), steps=[("Read", 30)])
    freeze(utc(2026, 1, 16, 0, 10))
    html = page(client_for(alice))
    assert "How did" not in html and "Due now" in html


def test_each_profile_in_its_own_zone(client_for, freeze, alice):
    add_dependant(alice, "Kai", time_zone="Asia/Tokyo")
    freeze(utc(2026, 1, 16, 9, 0))  # 09:00 in London, 18:00 in Tokyo
    html = page(client_for(alice))
    assert "How did you sleep?" in html and "How did Kai sleep?" not in html


def test_the_morning_costs_one_more_query(
    client_for, freeze, alice, child, bath, django_assert_num_queries
):
    add_dependant(alice, "Kai")
    freeze(utc(2026, 1, 16, 9, 0))
    client = client_for(alice)
    with django_assert_num_queries(10):  # the evening's 9, and last night's diary entries
        page(client)
