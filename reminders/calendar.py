"""The iCalendar (RFC 5545) document of a profile's reminders, from plain values: no ORM here.
Its words are in the active language (the feed view chooses it).

Each routine becomes one weekly recurring event per bedtime (the alternate bedtime, if any, is its
own event), spanning the wind-down window from the first step to bedtime, with the steps in its
description and an alarm when it starts (and, optionally, at each step). Times are wall-clock times
in the profile's zone with its VTIMEZONE, so every calendar app keeps 21:45 at 21:45 across a
change of the clocks. A morning event reminds the person to log last night.

UIDs, SEQUENCE and LAST-MODIFIED come from the routine (its id and revision), and DTSTAMP is the
time of the last change rather than of the request, so the same data gives the same bytes: an
edited routine updates the subscribed event instead of adding one, and an unchanged feed keeps its
ETag.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils.translation import gettext
from icalendar import Alarm, Calendar, Event, vDuration, vRecur

from journal.clock import NIGHT_STARTS_AT

BYDAY = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
PRODID = "-//Nightstand//Wind-down reminders//EN"
# How often calendar apps that honour it should fetch the feed again.
REFRESH_INTERVAL = timedelta(hours=6)
MORNING_EVENT_LENGTH = timedelta(minutes=15)
# VTIMEZONE definitions run from the earliest event to this many years after today.
ZONE_YEARS_AHEAD = 10


@dataclass(frozen=True)
class PlannedStep:
    title: str
    minutes_before: int
    note: str = ""


@dataclass(frozen=True)
class WindDown:
    """One routine's evenings that share a bedtime: one recurring event."""

    uid: str
    name: str
    nights: tuple[int, ...]  # weekdays (Monday = 0) of the evenings the nights begin
    bedtime: time
    steps: tuple[PlannedStep, ...]
    first_night: date  # the recurrence starts on the first of ``nights`` from here
    sequence: int
    changed_at: datetime
    url: str = ""


@dataclass(frozen=True)
class Morning:
    uid: str
    wake_time: time
    first_day: date
    changed_at: datetime
    url: str = ""


def window_minutes(steps: Sequence[PlannedStep]) -> int:
    """How long before bedtime winding down starts: at the first step."""
    return max((step.minutes_before for step in steps), default=0)


def first_matching(start: date, weekdays: Sequence[int]) -> date:
    for offset in range(7):
        day = start + timedelta(days=offset)
        if day.weekday() in weekdays:
            return day
    raise ValueError("no weekdays given")


def bedtime_wall(night: date, bedtime: time) -> datetime:
    """The naive wall-clock bedtime of a night: a bedtime before noon is the next morning."""
    day = night if bedtime >= NIGHT_STARTS_AT else night + timedelta(days=1)
    return datetime.combine(day, bedtime)


def wind_down_event(plan: WindDown, *, zone: ZoneInfo, step_alarms: bool) -> Event:
    night = first_matching(plan.first_night, plan.nights)
    bedtime = bedtime_wall(night, plan.bedtime)
    window = window_minutes(plan.steps)
    start = bedtime - timedelta(minutes=window)
    # BYDAY names the weekday the event starts on: a window that starts after midnight starts a
    # day after the evening its night began.
    shift = (start.date() - night).days
    event = Event()
    event.add("uid", plan.uid)
    event.add("summary", gettext("Wind down: %(routine)s") % {"routine": plan.name})
    event.add("dtstart", start.replace(tzinfo=zone))
    event.add("dtend", bedtime.replace(tzinfo=zone))
    event.add(
        "rrule",
        vRecur(freq="WEEKLY", byday=[BYDAY[(day + shift) % 7] for day in sorted(plan.nights)]),
    )
    event.add("description", describe_steps(plan.steps, bedtime=bedtime))
    event.add("dtstamp", plan.changed_at)
    event.add("last-modified", plan.changed_at)
    event.add("sequence", plan.sequence)
    event.add("transp", "TRANSPARENT")
    if plan.url:
        event.add("url", plan.url)
    first = [step.title for step in plan.steps if step.minutes_before == window]
    event.add_component(
        _alarm(
            gettext("Time to wind down: %(steps)s") % {"steps": ", ".join(first) or plan.name},
            after=timedelta(0),
        )
    )
    if step_alarms:
        for step in sorted(plan.steps, key=lambda step: -step.minutes_before):
            if step.minutes_before < window:
                after = timedelta(minutes=window - step.minutes_before)
                event.add_component(_alarm(step.title, after=after))
    return event


def describe_steps(steps: Sequence[PlannedStep], *, bedtime: datetime) -> str:
    lines = []
    for step in sorted(steps, key=lambda step: -step.minutes_before):
        at = bedtime - timedelta(minutes=step.minutes_before)
        line = f"{at:%H:%M} {step.title}"
        lines.append(f"{line} ({step.note})" if step.note else line)
    lines.append(f"{bedtime:%H:%M} {gettext('Bedtime')}")
    return "\n".join(lines)


def _alarm(text: str, *, after: timedelta) -> Alarm:
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", text)
    alarm.add("trigger", after, parameters={"RELATED": "START"})
    return alarm


def morning_event(plan: Morning, *, zone: ZoneInfo) -> Event:
    start = datetime.combine(plan.first_day, plan.wake_time)
    event = Event()
    event.add("uid", plan.uid)
    event.add("summary", gettext("Log last night"))
    event.add("dtstart", start.replace(tzinfo=zone))
    event.add("dtend", (start + MORNING_EVENT_LENGTH).replace(tzinfo=zone))
    event.add("rrule", vRecur(freq="DAILY"))
    event.add("description", gettext("How did you sleep? A minute now keeps the diary honest."))
    event.add("dtstamp", plan.changed_at)
    event.add("last-modified", plan.changed_at)
    event.add("sequence", 0)
    event.add("transp", "TRANSPARENT")
    if plan.url:
        event.add("url", plan.url)
    event.add_component(_alarm(gettext("Log last night"), after=timedelta(0)))
    return event


def build_calendar(
    *,
    name: str,
    zone_name: str,
    wind_downs: Sequence[WindDown],
    morning: Morning | None,
    step_alarms: bool,
    today: date,
) -> bytes:
    """The feed's bytes. ``today`` only sets how far ahead the VTIMEZONE's transitions reach."""
    zone = ZoneInfo(zone_name)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", zone_name)
    calendar.add("refresh-interval", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(REFRESH_INTERVAL))
    events = [wind_down_event(plan, zone=zone, step_alarms=step_alarms) for plan in wind_downs]
    if morning is not None:
        events.append(morning_event(morning, zone=zone))
    for event in events:
        calendar.add_component(event)
    if events:
        first = min(event.decoded("dtstart").date() for event in events)
        last = max(first.year, today.year) + ZONE_YEARS_AHEAD
        calendar.add_missing_timezones(
            first_date=date(first.year, 1, 1), last_date=date(last, 1, 1)
        )
    return calendar.to_ical()
