"""The private calendar feed of a profile: what it serves, how a subscribed calendar polls it,
and who can reach it (only the person who made it, while they may log for the profile)."""

from datetime import time

import pytest
from django.urls import reverse
from icalendar import Calendar

from households import services as household_services
from households.models import User
from reminders import services as feed_services
from reminders.models import CalendarFeed
from routines import services as routine_services
from routines.models import Step
from tests.conftest import add_member
from tests.fixtures.routines import make_routine


@pytest.fixture
def routine(child):
    return make_routine([child], name="Robin's bedtime", bedtime=time(19, 30))


def feed_url(secret: str) -> str:
    return reverse("reminders:feed", args=[secret])


def fetch(client, secret: str, **headers):
    return client.get(feed_url(secret), headers=headers)


def parsed(response) -> Calendar:
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def the_event(calendar: Calendar, summary: str):
    (event,) = [e for e in calendar.walk("VEVENT") if e["SUMMARY"] == summary]
    return event


def test_the_feed_has_the_routine_the_zone_and_the_morning_reminder(client, alice, child, routine):
    _feed, secret = feed_services.issue_secret(owner=alice, profile=child)
    calendar = parsed(fetch(client, secret))
    event = the_event(calendar, "Wind down: Robin's bedtime")
    assert event.decoded("DTSTART").time() == time(18, 45)  # 45 minutes before 19:30
    assert event["DTSTART"].params["TZID"] == "Europe/London"
    assert [z["TZID"] for z in calendar.walk("VTIMEZONE")] == ["Europe/London"]
    assert "Screens off" in str(event["DESCRIPTION"])
    morning = the_event(calendar, "Log last night")
    assert morning.decoded("DTSTART").time() == child.usual_wake_time
    assert str(calendar["X-WR-CALNAME"]) == "Nightstand: Robin"


def test_only_the_profiles_own_active_routines_are_in_it(client, alice, child, routine):
    make_routine([alice.profile], name="Alice's own")
    make_routine([child], name="Switched off", is_active=False)
    _feed, secret = feed_services.issue_secret(owner=alice, profile=child)
    summaries = {str(e["SUMMARY"]) for e in parsed(fetch(client, secret)).walk("VEVENT")}
    assert summaries == {"Wind down: Robin's bedtime", "Log last night"}


def test_options_add_step_alarms_and_drop_the_morning_reminder(client, alice, child, routine):
    feed, secret = feed_services.issue_secret(owner=alice, profile=child)
    feed_services.set_options(feed=feed, step_alarms=True, morning_reminder=False)
    calendar = parsed(fetch(client, secret))
    (event,) = calendar.walk("VEVENT")
    assert len(event.walk("VALARM")) == 3  # the start, then Read and Breathe


def test_an_edited_routine_keeps_its_uid_with_a_higher_sequence(client, alice, child, routine):
    _feed, secret = feed_services.issue_secret(owner=alice, profile=child)
    before = the_event(parsed(fetch(client, secret)), "Wind down: Robin's bedtime")

    routine.bedtime = time(19, 45)
    routine_services.save_routine(routine=routine, followers=[child], version=routine.version)
    after = the_event(parsed(fetch(client, secret)), "Wind down: Robin's bedtime")
    assert after["UID"] == before["UID"]
    assert after["SEQUENCE"] > before["SEQUENCE"]
    assert after.decoded("LAST-MODIFIED") >= before.decoded("LAST-MODIFIED")
    assert after.decoded("DTSTART").time() == time(19, 0)


@pytest.mark.parametrize("change", ["add", "edit", "move", "delete"])
def test_every_change_to_the_steps_raises_the_sequence(client, alice, child, routine, change):
    _feed, secret = feed_services.issue_secret(owner=alice, profile=child)
    sequence = the_event(parsed(fetch(client, secret)), "Wind down: Robin's bedtime")["SEQUENCE"]
    step = routine.steps.last()
    if change == "add":
        routine_services.add_step(routine=routine, step=Step(title="Teeth", minutes_before=10))
    elif change == "edit":
        step.title = "Slow breaths"
        routine_services.update_step(step=step, version=step.version)
    elif change == "move":
        routine_services.move_step(step=step, offset=-1)
    else:
        routine_services.delete_step(step=step)
    event = the_event(parsed(fetch(client, secret)), "Wind down: Robin's bedtime")
    assert event["SEQUENCE"] > sequence


def test_an_edit_form_begun_before_a_step_was_added_keeps_the_count(alice, child, routine):
    stale = type(routine).objects.get(pk=routine.pk)
    routine_services.add_step(routine=routine, step=Step(title="Teeth", minutes_before=10))
    added = type(routine).objects.get(pk=routine.pk).revision
    routine_services.save_routine(routine=stale, followers=[child], version=stale.version)
    assert type(routine).objects.get(pk=routine.pk).revision == added + 1


def test_an_unchanged_feed_answers_304_to_a_polling_calendar(client, alice, child, routine):
    _feed, secret = feed_services.issue_secret(owner=alice, profile=child)
    first = fetch(client, secret)
    assert first["ETag"] and first["Last-Modified"]
    assert "private" in first["Cache-Control"]
    again = fetch(client, secret, **{"If-None-Match": first["ETag"]})
    assert again.status_code == 304
    assert again.content == b""
    since = fetch(client, secret, **{"If-Modified-Since": first["Last-Modified"]})
    assert since.status_code == 304

    step = routine.steps.first()
    step.title = "Screens away"
    routine_services.update_step(step=step, version=step.version)
    changed = fetch(client, secret, **{"If-None-Match": first["ETag"]})
    assert changed.status_code == 200
    assert changed["ETag"] != first["ETag"]
    assert b"Screens away" in changed.content


def test_the_feed_costs_a_few_queries(client, alice, child, routine, django_assert_max_num_queries):
    for index in range(5):
        make_routine([child], name=f"Routine {index}")
    _feed, secret = feed_services.issue_secret(owner=alice, profile=child)
    # The feed with its owner and profile, the right, the routines, their steps; and the
    # request's savepoint and its release.
    with django_assert_max_num_queries(6):
        assert fetch(client, secret).status_code == 200


def test_a_new_link_kills_the_old_one_at_once(client, alice, child, routine):
    _feed, old = feed_services.issue_secret(owner=alice, profile=child)
    uid = the_event(parsed(fetch(client, old)), "Wind down: Robin's bedtime")["UID"]
    _feed, new = feed_services.issue_secret(owner=alice, profile=child)
    assert fetch(client, old).status_code == 404
    assert the_event(parsed(fetch(client, new)), "Wind down: Robin's bedtime")["UID"] == uid
    assert CalendarFeed.objects.count() == 1


def test_a_removed_link_answers_404(client, alice, child, routine):
    feed, secret = feed_services.issue_secret(owner=alice, profile=child)
    feed_services.stop(feed=feed)
    assert fetch(client, secret).status_code == 404


@pytest.mark.parametrize("secret", ["", "x", "cal_" + "A" * 43, "nightstand", ".."])
def test_a_wrong_secret_answers_404(client, alice, child, routine, secret):
    feed_services.issue_secret(owner=alice, profile=child)
    assert client.get(f"/reminders/{secret}/nightstand.ics").status_code == 404


def test_only_the_digest_is_stored(alice, child):
    feed, secret = feed_services.issue_secret(owner=alice, profile=child)
    stored = CalendarFeed.objects.filter(pk=feed.pk).values()[0]
    assert secret not in {str(value) for value in stored.values()}


# --- who may reach a feed ---------------------------------------------------------------------


def test_a_feed_of_a_profile_outside_the_household_is_never_reachable(
    client, alice, child, routine, mallory
):
    # Even a feed row made behind the pages' back (the pages refuse it: see below) serves nothing.
    _feed, secret = feed_services.issue_secret(owner=mallory, profile=child)
    assert fetch(client, secret).status_code == 404


def test_a_feed_stops_when_its_owner_may_no_longer_log_for_the_child(
    client, alice, bob, child, routine
):
    _feed, secret = feed_services.issue_secret(owner=bob, profile=child)
    assert fetch(client, secret).status_code == 200
    household_services.set_looks_after_children(by=alice, member=bob, allowed=False)
    assert fetch(client, secret).status_code == 404
    household_services.set_looks_after_children(by=alice, member=bob, allowed=True)
    assert fetch(client, secret).status_code == 200


def test_a_feed_stops_when_its_owner_leaves_the_household(client, alice, bob, child, routine):
    _feed, secret = feed_services.issue_secret(owner=bob, profile=child)
    own_feed, own_secret = feed_services.issue_secret(owner=bob, profile=bob.profile)
    household_services.leave_household(user=User.objects.get(pk=bob.pk))
    assert fetch(client, secret).status_code == 404
    assert not CalendarFeed.objects.filter(profile=child).exists()
    # Their own profile came along, and so did its feed.
    assert fetch(client, own_secret).status_code == 200


def test_leaving_says_which_calendar_links_stop(client_for, alice, bob, child, routine):
    feed_services.issue_secret(owner=bob, profile=child)
    page = client_for(bob).get(reverse("households:leave")).content.decode()
    assert "Your calendar links for Robin stop working." in page


def test_a_feed_stops_when_its_owner_is_deactivated(client, alice, child, routine):
    _feed, secret = feed_services.issue_secret(owner=alice, profile=child)
    User.objects.filter(pk=alice.pk).update(is_active=False)
    assert fetch(client, secret).status_code == 404


def test_a_routine_shared_with_an_unshared_adult_is_in_the_childs_feed(client, alice, bob, child):
    make_routine([child, bob.profile], name="Shared by Bob and Robin")
    _feed, secret = feed_services.issue_secret(owner=alice, profile=child)
    summaries = {str(e["SUMMARY"]) for e in parsed(fetch(client, secret)).walk("VEVENT")}
    assert "Wind down: Shared by Bob and Robin" in summaries


# --- the profile page -----------------------------------------------------------------------


def test_the_profile_page_makes_a_link_and_shows_it_once(client_for, alice, child, routine):
    client = client_for(alice)
    page = reverse("households:profile_edit", args=[child.pk])
    assert "Make a calendar link" in client.get(page).content.decode()

    response = client.post(reverse("reminders:issue", args=[child.pk]), follow=True)
    html = response.content.decode()
    assert "shown only this once" in html
    feed_path = next(part for part in html.split('"') if part.endswith("/nightstand.ics"))
    assert feed_path.startswith("http://testserver/reminders/cal_")
    assert f'href="webcal://{feed_path.removeprefix("http://")}"' in html
    assert f'data-copy="{feed_path}"' in html
    assert client.get(feed_path.removeprefix("http://testserver")).status_code == 200

    later = client.get(page).content.decode()
    assert "shown only this once" not in later
    assert "/nightstand.ics" not in later
    assert "New link" in later


def test_the_profile_page_sets_the_options(client_for, alice, child, routine):
    client = client_for(alice)
    feed, _secret = feed_services.issue_secret(owner=alice, profile=child)
    client.post(reverse("reminders:options", args=[child.pk]), {"step_alarms": "on"})
    feed.refresh_from_db()
    assert (feed.step_alarms, feed.morning_reminder) == (True, False)


def test_the_profile_page_removes_the_link(client_for, alice, child, routine):
    client = client_for(alice)
    _feed, secret = feed_services.issue_secret(owner=alice, profile=child)
    client.post(reverse("reminders:stop", args=[child.pk]))
    assert fetch(client, secret).status_code == 404


def test_each_person_has_their_own_link(client_for, alice, bob, child, routine):
    feed_services.issue_secret(owner=alice, profile=child)
    html = client_for(bob).get(reverse("households:profile_edit", args=[child.pk]))
    assert "Make a calendar link" in html.content.decode()


@pytest.mark.parametrize("view", ["reminders:issue", "reminders:options", "reminders:stop"])
def test_no_link_for_a_profile_the_user_may_not_log_for(client_for, alice, child, view):
    carol = add_member(alice, "carol@example.com", "Carol")
    household_services.set_looks_after_children(by=alice, member=carol, allowed=False)
    feed_services.issue_secret(owner=alice, profile=child)
    for profile in (child, alice.profile):
        client = client_for(User.objects.get(pk=carol.pk))
        assert client.post(reverse(view, args=[profile.pk])).status_code == 404
    assert not CalendarFeed.objects.filter(owner=carol).exists()
