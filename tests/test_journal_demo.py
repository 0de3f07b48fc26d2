"""The demo household has five weeks of varied, plausible nights for everyone."""

from datetime import UTC, date, datetime

import pytest
from django.core.management import call_command

from households.demo import create_demo_household
from households.models import Household
from journal.metrics import check_night
from journal.models import Intake, Night


@pytest.fixture(autouse=True)
def _today_is_fixed(freeze):
    """Today is the day after TODAY, the demo's last day, whatever the real date (issue 7)."""
    freeze(datetime(2026, 11, 21, 12, 0, tzinfo=UTC))


TODAY = date(2026, 11, 20)


@pytest.fixture
def demo(db):
    return create_demo_household(today=TODAY)


def test_every_profile_gets_about_five_weeks_of_nights(demo):
    for profile in demo.profiles.all():
        nights = Night.objects.filter(profile=profile)
        assert nights.count() == 33  # five weeks, and a couple of nights were not logged
        assert date(2026, 10, 16) <= nights.earliest("date").date
        assert nights.latest("date").date < TODAY


def test_demo_nights_pass_the_diary_rules_and_have_metrics(demo):
    nights = Night.objects.filter(profile__household=demo)
    for night in nights:
        assert check_night(night.times()) == {}, night
    efficiencies = [n.metrics.sleep_efficiency for n in nights if n.metrics.sleep_efficiency]
    assert 45 < min(efficiencies) < 75 < 95 < max(efficiencies) <= 100  # rough and good nights
    assert len({round(e) for e in efficiencies}) > 10  # varied, not one night copied


def test_demo_nights_are_varied(demo):
    nights = Night.objects.filter(profile__household=demo)
    assert nights.filter(disturbances__isnull=False).exists()
    assert (
        nights.filter(quality__isnull=True).exists()
        or nights.filter(sol_minutes__isnull=True).exists()
    )
    assert {n.quality for n in nights} >= {2, 3, 4}
    intake = Intake.objects.filter(night__profile__household=demo)
    assert {i.item.name for i in intake} <= {"Caffeine", "Alcohol"}
    assert not intake.filter(night__profile__user__isnull=True).exists()  # nothing for the child


def test_the_demo_is_the_same_every_time(db):
    first = create_demo_household(today=TODAY)
    summary = sorted(
        (n.profile.name, n.date, n.sol_minutes, n.quality)
        for n in Night.objects.filter(profile__household=first)
    )
    second = create_demo_household(reset=True, today=TODAY)
    assert (
        sorted(
            (n.profile.name, n.date, n.sol_minutes, n.quality)
            for n in Night.objects.filter(profile__household=second)
        )
        == summary
    )


def test_manage_py_demo_creates_the_household_with_nights(db, settings):
    settings.DEBUG = True  # the demo's published password is for development databases only
    call_command("demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    household = Household.objects.get(name="The Demo family")
    assert Night.objects.filter(profile__household=household).count() > 80
