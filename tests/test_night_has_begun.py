"""A night may be logged from noon of its date, in the person's own time zone.

The boundary is exact: at 11:59:59 the night has not begun, at 12:00:00 it has. Noon is read on
the wall clock of the profile's zone, which is not UTC, and stays noon on the days the clocks
change.
"""

from datetime import UTC, date, datetime, timedelta

import pytest

from households.models import Profile
from journal.models import night_has_begun

SECOND = timedelta(seconds=1)


def person(time_zone: str) -> Profile:
    return Profile(name="Sam", time_zone=time_zone)  # unsaved: only its zone matters here


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize(
    ("time_zone", "night", "noon_in_utc"),
    [
        # Winter in London is UTC itself.
        ("Europe/London", date(2026, 1, 15), utc(2026, 1, 15, 12, 0)),
        # New York is five hours behind in winter.
        ("America/New_York", date(2026, 1, 15), utc(2026, 1, 15, 17, 0)),
        # Auckland's noon is still the day before in UTC.
        ("Pacific/Auckland", date(2026, 1, 15), utc(2026, 1, 14, 23, 0)),
        # India is half an hour off the hour.
        ("Asia/Kolkata", date(2026, 1, 15), utc(2026, 1, 15, 6, 30)),
        # Summer time in London: noon is 11:00 UTC.
        ("Europe/London", date(2026, 7, 1), utc(2026, 7, 1, 11, 0)),
        # The days the clocks change (at night): noon is noon on the new offset.
        ("Europe/London", date(2026, 3, 29), utc(2026, 3, 29, 11, 0)),  # spring forward
        ("Europe/London", date(2026, 10, 25), utc(2026, 10, 25, 12, 0)),  # fall back
        ("America/New_York", date(2026, 3, 8), utc(2026, 3, 8, 16, 0)),  # spring forward
        ("America/New_York", date(2026, 11, 1), utc(2026, 11, 1, 17, 0)),  # fall back
        # The evening before a change still has the old offset.
        ("Europe/London", date(2026, 3, 28), utc(2026, 3, 28, 12, 0)),
        ("America/New_York", date(2026, 10, 31), utc(2026, 10, 31, 16, 0)),
    ],
)
def test_a_night_begins_exactly_at_local_noon(time_zone, night, noon_in_utc):
    profile = person(time_zone)
    assert not night_has_begun(profile, night, now=noon_in_utc - SECOND)  # 11:59:59
    assert night_has_begun(profile, night, now=noon_in_utc)  # 12:00:00 exactly
    assert night_has_begun(profile, night, now=noon_in_utc + SECOND)


def test_a_night_has_long_begun_the_next_morning_and_later():
    profile = person("Europe/London")
    night = date(2026, 1, 15)
    assert night_has_begun(profile, night, now=utc(2026, 1, 16, 11, 59, 59))
    assert night_has_begun(profile, night, now=utc(2027, 1, 1))
    assert not night_has_begun(profile, night, now=utc(2026, 1, 14, 22, 0))


def test_without_now_it_reads_the_clock(monkeypatch):
    profile = person("America/New_York")
    night = date(2026, 1, 15)
    monkeypatch.setattr("django.utils.timezone.now", lambda: utc(2026, 1, 15, 16, 59, 59))
    assert not night_has_begun(profile, night)
    monkeypatch.setattr("django.utils.timezone.now", lambda: utc(2026, 1, 15, 17, 0))
    assert night_has_begun(profile, night)
