"""journal.rows and selectors.extras_of: a night's text on the history page, worked out once
per night."""

from datetime import UTC, date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.utils import translation

from households import clock_format
from journal.models import Disturbance, Intake, IntakeItem, extras_line
from journal.rows import night_rows
from journal.selectors import extras_of

from .fixtures.journal import make_night

LONDON = ZoneInfo("Europe/London")


def link(pk: int) -> str:
    return f"/nights/{pk}/"


def test_a_recorded_night(alice):
    night = make_night(alice.profile, date(2026, 11, 2), quality=4)
    [row] = night_rows([night], zone=LONDON, today=date(2026, 11, 20), link=link, extras={})
    assert (row.night, row.link, row.day) == (night, f"/nights/{night.pk}/", "Mon 2 Nov")
    # Worked example 1: lights out 23:00, up at 06:30, 20 min to fall asleep, 25 awake.
    assert (row.lights_out, row.final_wake) == ("23:00", "06:30")
    assert (row.asleep, row.efficiency, row.quality, row.extras) == (
        "6 h 45 min",
        "83.5 %",
        "Good",
        "",
    )


def test_blanks_are_dashes_and_another_year_has_its_year(alice):
    night = make_night(
        alice.profile, date(2025, 11, 2), lights_out=None, final_wake=None, quality=None
    )
    [row] = night_rows([night], zone=LONDON, today=date(2026, 11, 20), link=link, extras={})
    assert row.day == "Sun 2 Nov 2025"
    assert [row.lights_out, row.final_wake, row.asleep, row.efficiency, row.quality] == ["—"] * 5


def test_in_the_readers_language_clock_and_the_profiles_zone(alice):
    night = make_night(alice.profile, date(2026, 11, 2), quality=2)
    token = clock_format.activate(lambda: clock_format.TWELVE_HOUR)
    try:
        with translation.override("de"):
            [row] = night_rows(
                [night],
                zone=ZoneInfo("America/New_York"),
                today=date(2026, 11, 20),
                link=link,
                extras={},
            )
    finally:
        clock_format.deactivate(token)
    # 23:00 in London is 18:00 in New York.
    assert (row.day, row.lights_out, row.asleep, row.efficiency, row.quality) == (
        "Mo, 2. Nov",
        "6:00 nachm.",
        "6 Std. 45 Min.",
        "83,5 %",
        "Schlecht",
    )


def test_extras_are_disturbances_then_intake_in_order(alice):
    night, quiet = (make_night(alice.profile, date(2026, 11, day)) for day in (2, 3))
    own = Disturbance.objects.create(household=alice.household, name="Zebra crossing", position=1)
    night.disturbances.add(Disturbance.objects.get(household=None, name="Noise"), own)
    caffeine = IntakeItem.objects.get(household=None, name="Caffeine")
    melatonin = IntakeItem.objects.get(household=None, name="Melatonin")
    Intake.objects.create(night=night, item=melatonin, amount=None)
    Intake.objects.create(
        night=night,
        item=caffeine,
        amount=Decimal("2"),
        unit="cup",
        taken_at=datetime(2026, 11, 2, 15, tzinfo=UTC),
    )
    with translation.override("de"):
        found = extras_of([night, quiet])
    # By position (the household's entry first here), then intake by the time taken, blanks last.
    assert found == {night.pk: "Zebra crossing, Lärm · Koffein 2 Tassen, Melatonin"}
    assert found[night.pk] == extras_line_of(night)


def extras_line_of(night) -> str:
    """The same line from the models themselves, with German names."""
    with translation.override("de"):
        return extras_line(
            [str(entry) for entry in night.disturbances.all()],
            [str(intake) for intake in night.intakes.all()],
        )
