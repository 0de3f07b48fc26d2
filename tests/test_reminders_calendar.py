"""The iCalendar document of a profile's reminders (reminders/calendar.py), parsed back with the
icalendar library: events, recurrence, zone, alarms and UIDs, across the week the clocks change."""

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from itertools import islice
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr
from icalendar import Calendar

from reminders.calendar import Morning, PlannedStep, WindDown, build_calendar

LONDON = ZoneInfo("Europe/London")
CHANGED = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
STEPS = (
    PlannedStep("Screens off", 45),
    PlannedStep("Read", 30, note="a paper book"),
    PlannedStep("Lights out", 0),
)


def wind_down(**overrides) -> WindDown:
    plan = WindDown(
        uid="routine-1-usual@nightstand",
        name="Wind down",
        nights=(0, 1, 2, 3, 4, 5, 6),
        bedtime=time(22, 30),
        steps=STEPS,
        first_night=date(2026, 3, 25),
        sequence=3,
        changed_at=CHANGED,
    )
    return replace(plan, **overrides)


def parse(*plans, morning=None, step_alarms=False, zone="Europe/London") -> Calendar:
    body = build_calendar(
        name="Nightstand: Robin",
        zone_name=zone,
        wind_downs=plans,
        morning=morning,
        step_alarms=step_alarms,
        today=date(2026, 3, 25),
    )
    return Calendar.from_ical(body)


def events(calendar: Calendar) -> list:
    return calendar.walk("VEVENT")


def occurrences(event, count: int) -> list[datetime]:
    rule = event["RRULE"].to_ical().decode()
    return list(islice(rrulestr(rule, dtstart=event.decoded("DTSTART")), count))


def test_a_routine_is_one_weekly_event_from_its_first_step_to_bedtime():
    (event,) = events(parse(wind_down()))
    assert event["SUMMARY"] == "Wind down: Wind down"
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert (start.replace(tzinfo=None), end.replace(tzinfo=None)) == (
        datetime(2026, 3, 25, 21, 45),
        datetime(2026, 3, 25, 22, 30),
    )
    assert str(start.tzinfo) == "Europe/London"
    assert event["DTSTART"].params["TZID"] == "Europe/London"
    rule = event["RRULE"]
    assert rule["FREQ"] == ["WEEKLY"]
    assert rule["BYDAY"] == ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


def test_across_the_spring_forward_week_the_wall_clock_stays_and_the_offset_moves():
    (event,) = events(parse(wind_down()))
    week = occurrences(event, 7)  # 25 to 31 March 2026; the clocks change on the 29th
    assert [moment.date() for moment in week] == [
        date(2026, 3, 25) + timedelta(days=i) for i in range(7)
    ]
    assert {moment.time() for moment in week} == {time(21, 45)}
    utc = [moment.astimezone(UTC).time() for moment in week]
    assert utc[:4] == [time(21, 45)] * 4  # GMT
    assert utc[4:] == [time(20, 45)] * 3  # BST


def test_the_calendar_carries_the_zone_with_its_transitions():
    calendar = parse(wind_down())
    (zone,) = calendar.walk("VTIMEZONE")
    assert zone["TZID"] == "Europe/London"
    as_tz = zone.to_tz()
    before = datetime(2026, 3, 28, 21, 45, tzinfo=as_tz)
    after = datetime(2026, 3, 30, 21, 45, tzinfo=as_tz)
    assert before.utcoffset() == timedelta(0)
    assert after.utcoffset() == timedelta(hours=1)
    assert calendar["X-WR-TIMEZONE"] == "Europe/London"


def test_weekdays_become_byday_of_the_evening():
    (event,) = events(parse(wind_down(nights=(0, 2, 4))))  # Mon, Wed, Fri evenings
    assert event["RRULE"]["BYDAY"] == ["MO", "WE", "FR"]
    assert event.decoded("DTSTART").date() == date(2026, 3, 25)  # the first Wednesday
    assert [m.weekday() for m in occurrences(event, 6)] == [2, 4, 0, 2, 4, 0]


def test_a_window_that_starts_after_midnight_recurs_on_the_next_mornings():
    # Friday and Saturday nights, bed at 01:00, winding down from 00:15: Saturday and Sunday.
    plan = wind_down(nights=(4, 5), bedtime=time(1, 0), steps=(PlannedStep("Read", 45),))
    (event,) = events(parse(plan))
    assert event["RRULE"]["BYDAY"] == ["SA", "SU"]
    assert event.decoded("DTSTART").replace(tzinfo=None) == datetime(2026, 3, 28, 0, 15)
    assert event.decoded("DTEND").replace(tzinfo=None) == datetime(2026, 3, 28, 1, 0)


def test_a_window_that_starts_before_midnight_for_an_after_midnight_bedtime():
    plan = wind_down(nights=(4,), bedtime=time(0, 30), steps=(PlannedStep("Bath", 90),))
    (event,) = events(parse(plan))
    assert event["RRULE"]["BYDAY"] == ["FR"]
    assert event.decoded("DTSTART").replace(tzinfo=None) == datetime(2026, 3, 27, 23, 0)
    assert event.decoded("DTEND").replace(tzinfo=None) == datetime(2026, 3, 28, 0, 30)


def test_the_steps_are_listed_with_their_times():
    (event,) = events(parse(wind_down()))
    assert str(event["DESCRIPTION"]).splitlines() == [
        "21:45 Screens off",
        "22:00 Read (a paper book)",
        "22:30 Lights out",
        "22:30 Bedtime",
    ]


def test_an_alarm_when_winding_down_starts():
    (event,) = events(parse(wind_down()))
    (alarm,) = event.walk("VALARM")
    assert alarm["ACTION"] == "DISPLAY"
    assert alarm.decoded("TRIGGER") == timedelta(0)
    assert alarm["TRIGGER"].params["RELATED"] == "START"
    assert "Screens off" in str(alarm["DESCRIPTION"])


def test_step_alarms_ring_at_each_later_step():
    (event,) = events(parse(wind_down(), step_alarms=True))
    alarms = [(a.decoded("TRIGGER"), str(a["DESCRIPTION"])) for a in event.walk("VALARM")]
    assert alarms == [
        (timedelta(0), "Time to wind down: Screens off"),
        (timedelta(minutes=15), "Read"),
        (timedelta(minutes=45), "Lights out"),
    ]


def test_uid_sequence_and_last_modified_come_from_the_routine():
    (event,) = events(parse(wind_down(sequence=7)))
    assert event["UID"] == "routine-1-usual@nightstand"
    assert event["SEQUENCE"] == 7
    assert event.decoded("LAST-MODIFIED") == CHANGED
    assert event.decoded("DTSTAMP") == CHANGED


def test_an_alternate_bedtime_is_its_own_event():
    usual = wind_down(nights=(0, 1, 2, 3, 6))
    late = wind_down(uid="routine-1-alternate@nightstand", nights=(4, 5), bedtime=time(23, 30))
    first, second = events(parse(usual, late))
    assert first["UID"] != second["UID"]
    assert second["RRULE"]["BYDAY"] == ["FR", "SA"]
    assert second.decoded("DTSTART").time() == time(22, 45)


def test_the_morning_event_is_daily_at_the_usual_wake_time():
    morning = Morning(
        uid="morning-0630@nightstand",
        wake_time=time(6, 30),
        first_day=date(2026, 3, 26),
        changed_at=CHANGED,
    )
    (event,) = events(parse(morning=morning))
    assert event["SUMMARY"] == "Log last night"
    assert event["RRULE"]["FREQ"] == ["DAILY"]
    week = occurrences(event, 7)
    assert {moment.time() for moment in week} == {time(6, 30)}
    assert len(event.walk("VALARM")) == 1


def test_the_same_routines_give_the_same_bytes():
    def body():
        return build_calendar(
            name="N",
            zone_name="America/New_York",
            wind_downs=[wind_down()],
            morning=None,
            step_alarms=True,
            today=date(2026, 3, 25),
        )

    assert body() == body()


def test_an_empty_calendar_is_still_a_calendar():
    calendar = parse()
    assert events(calendar) == []
    assert calendar["VERSION"] == "2.0"
