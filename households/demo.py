"""The demo household for the quick start: realistic people, and data from every app."""

from datetime import date, time
from importlib import import_module
from importlib.util import find_spec

from django.utils import timezone

from .models import Household, Profile, User

DEMO_PASSWORD = "sleep-well-demo"
DEMO_HOUSEHOLD = "The Demo family"
DEMO_ZONE = "Europe/London"
DEMO_EMAILS = ("alex@example.com", "sam@example.com")


class DemoAddressTaken(Exception):
    """A demo account's address belongs to someone outside the demo household."""


def demo_household_exists() -> bool:
    return Household.objects.filter(name=DEMO_HOUSEHOLD).exists()


def create_demo_household(*, reset: bool = False, today: date | None = None) -> Household:
    if reset:
        for household in Household.objects.filter(name=DEMO_HOUSEHOLD):
            household.members.all().delete()
            household.delete()
    taken = sorted(User.objects.filter(email__in=DEMO_EMAILS).values_list("email", flat=True))
    if taken:
        raise DemoAddressTaken(
            f"{' and '.join(taken)} already belong{'s' if len(taken) == 1 else ''} to an account "
            "outside the demo household; the demo accounts need those addresses."
        )
    household = Household.objects.create(name=DEMO_HOUSEHOLD)
    alex = User.objects.create_user(
        email="alex@example.com",
        password=DEMO_PASSWORD,
        name="Alex",
        household=household,
        role=User.Role.ADMIN,
    )
    sam = User.objects.create_user(
        email="sam@example.com",
        password=DEMO_PASSWORD,
        name="Sam",
        household=household,
        role=User.Role.MEMBER,
    )
    Profile.objects.create(
        household=household,
        user=alex,
        name="Alex",
        time_zone=DEMO_ZONE,
        usual_bedtime=time(23, 0),
        usual_wake_time=time(6, 45),
        work_days=[0, 1, 2, 3, 4],
        shared_with_household=True,
    )
    Profile.objects.create(
        household=household,
        user=sam,
        name="Sam",
        time_zone=DEMO_ZONE,
        usual_bedtime=time(22, 30),
        usual_wake_time=time(6, 15),
        work_days=[0, 1, 2, 3],
    )
    Profile.objects.create(
        household=household,
        name="Robin",
        time_zone=DEMO_ZONE,
        usual_bedtime=time(19, 45),
        usual_wake_time=time(6, 50),
        work_days=[0, 1, 2, 3, 4],
    )
    today = today or timezone.localdate()
    for populate in _app_populators():
        populate(household=household, today=today)
    return household


def _app_populators():
    # Each app with demo data has a `demo` module with `populate(household=..., today=...)`.
    names = [f"{app}.demo" for app in ("journal", "routines")]
    return [import_module(name).populate for name in names if find_spec(name) is not None]
