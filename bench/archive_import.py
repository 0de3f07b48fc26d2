"""Speed of restoring a complete JSON export: ten years of one profile's nights (issue 9).

Builds a scratch database (test_<name of DATABASE_URL's database>), gives the demo household ten
years of Robin's nights (disturbances and intake on each) and a year of checklists, exports the
household as Alex, deletes Robin, then times reading and planning the file and applying the plan
(in one transaction, as the import's confirmation does) and counts the queries.

    DATABASE_URL=postgres://... .venv/bin/python bench/archive_import.py

Exits 1 when the import takes longer than TARGET_SECONDS or its data does not come back.
"""

import json
import os
import sys
import time
import warnings
from datetime import date, timedelta
from datetime import time as clock_time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings_test")
warnings.filterwarnings("ignore", message="No directory at")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

YEARS = 10
TARGET_SECONDS = 10


def fill():
    from households.demo import create_demo_household
    from households.models import Profile
    from journal import clock
    from journal.models import Disturbance, Intake, IntakeItem, Night

    household = create_demo_household()
    robin = Profile.objects.get(household=household, name="Robin")
    Night.objects.filter(profile=robin).delete()
    first = date.today() - timedelta(days=365 * YEARS)
    clocks = [clock_time(19, 30), clock_time(19, 45), clock_time(6, 40), clock_time(6, 55)]
    nights = []
    for offset in range(365 * YEARS):
        day = first + timedelta(days=offset)
        bed, dark, wake, up = clock.resolve_night_times(day, robin.zone, clocks)
        nights.append(
            Night(profile=robin, date=day, into_bed=bed, lights_out=dark, final_wake=wake,
                  out_of_bed=up, sol_minutes=offset % 30, awakenings=offset % 3,
                  waso_minutes=offset % 20, quality=offset % 5 + 1, notes=f"Night {offset}")
        )  # fmt: skip
    nights = Night.objects.bulk_create(nights)
    noise = Disturbance.objects.get(household=None, name="Noise")
    melatonin = IntakeItem.objects.get(household=None, name="Melatonin")
    Night.disturbances.through.objects.bulk_create(
        Night.disturbances.through(night_id=night.pk, disturbance_id=noise.pk) for night in nights
    )
    Intake.objects.bulk_create(
        Intake(night=night, item=melatonin, amount="0.50", unit="mg") for night in nights
    )
    return household, robin


def export(household):
    from exchange import archive, selectors
    from households.models import User

    alex = User.objects.get(email="alex@example.com")
    profiles = selectors.export_profiles(user=alex)
    data = archive.build(
        household=household,
        profiles=profiles,
        routines=selectors.export_routines(user=alex, profiles=profiles),
        scope="household",
    )
    return alex, json.dumps(data)


def main() -> int:
    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        return run()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def run() -> int:
    from exchange.importing.archive_restore import plan_archive
    from journal.models import Night

    household, robin = fill()
    alex, text = export(household)
    expected = Night.objects.filter(profile__household=household).count()
    robin.delete()
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries, transaction.atomic():
        plan = plan_archive(text, user=alex)
        planned = time.perf_counter()
        created = plan.apply()
    finished = time.perf_counter()
    restored = Night.objects.filter(profile__household=household).count()
    total = finished - started
    print(f"Archive of {len(text) / 1e6:.1f} MB, {expected} nights in the household")
    print(f"  plan   {planned - started:6.2f} s")
    print(f"  apply  {finished - planned:6.2f} s   ({created} records created)")
    print(f"  total  {total:6.2f} s   target {TARGET_SECONDS} s, {len(queries)} queries")
    ok = total <= TARGET_SECONDS and restored == expected and not plan.rejected
    print("OK" if ok else "MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
