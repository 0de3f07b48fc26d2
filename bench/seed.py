"""A database the size of a busy server, built in seconds for the HTTP benchmark (bench/load.py).

One household is made the slow way (accounts, profiles and routines through the app's own code)
and its years of nights, intake, disturbances and checklists go in with COPY. The other households
are copies of it made by PostgreSQL itself (INSERT … SELECT with shifted ids), so a hundred of them
cost about as much as one. A second, small household with five weeks of history is made the same
way, to compare every page with little and with much history.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.apps import apps
from django.db import connection, transaction
from django.utils import timezone

ZONE = "Europe/London"
PASSWORD = "bench-sleep-well"
# The adult who signs in to the big household, and the one of the small household.
BIG_EMAIL = "bench@example.com"
SMALL_EMAIL = "small@example.com"
CHILDREN = ("Robin", "Kit", "Jo", "Max")

# What a household is, as the rows of these tables, in the order they may be inserted.
HOUSEHOLD_TABLES = [
    "households.Household",
    "households.User",
    "households.Profile",
    "routines.Routine",
    "routines.Routine_followers",
    "routines.Step",
    "routines.RoutineSchedule",
    "journal.Night",
    "journal.Night_disturbances",
    "journal.Intake",
    "routines.Checklist",
    "routines.ChecklistItem",
]


@dataclass
class Seeded:
    email: str
    password: str
    nights: int
    checklist_items: int


def build(*, other_households: int, years: int = 3, small_days: int = 35) -> dict[str, Seeded]:
    """The big household, ``other_households`` copies of it, and a small one; then ANALYZE."""
    today = timezone.localdate()
    with transaction.atomic():
        with connection.cursor() as cursor:
            # Bulk load: the rows are made consistent, so skip the millions of foreign-key
            # checks PostgreSQL would otherwise queue until COMMIT (needs a superuser, as the
            # benchmark's own database has).
            cursor.execute("SET LOCAL session_replication_role = replica")
        big = _household(name="Bench household", email=BIG_EMAIL, days=years * 365, today=today)
        _copy_households(other_households)
        small = _household(name="Small household", email=SMALL_EMAIL, days=small_days, today=today)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {"big": big, "small": small}


# --- one household, the app's way and then COPY ----------------------------------------------


def _household(*, name: str, email: str, days: int, today: date) -> Seeded:
    from households.models import Household, Profile, User
    from routines.services import copy_template

    rng = random.Random(f"{name}-{days}")
    household = Household.objects.create(name=name)
    parent = User.objects.create_user(
        email=email, password=PASSWORD, name="Parent", household=household, role=User.Role.ADMIN
    )
    partner = User.objects.create_user(
        email=f"partner-{email}", password=PASSWORD, name="Partner", household=household
    )
    adults = [
        Profile.objects.create(
            household=household,
            user=user,
            name=user.name,
            time_zone=ZONE,
            usual_bedtime=time(23, 0),
            work_days=[0, 1, 2, 3, 4],
            shared_with_household=True,
        )
        for user in (parent, partner)
    ]
    children = [
        Profile.objects.create(
            household=household,
            name=child,
            time_zone=ZONE,
            usual_bedtime=time(19, 45),
            work_days=[0, 1, 2, 3, 4],
        )
        for child in CHILDREN
    ]
    started = timezone.make_aware(datetime.combine(today - timedelta(days=days), time(12)))
    plans = [
        ("sleep-hygiene", [adults[0]]),
        ("screen-free-hour", [adults[1]]),
        ("childrens-bedtime", children),
    ]
    routines = []
    for key, followers in plans:
        routine = copy_template(household=household, template_key=key, followers=followers)
        routine.backdate(started)
        routines.append((routine, followers))

    nights = _nights(
        profiles=[*adults, *children], by=parent, first=today - timedelta(days=days), rng=rng
    )
    items = _checklists(
        routines=routines,
        tickers=[parent, partner],
        first=today - timedelta(days=days),
        rng=rng,
    )
    return Seeded(email=email, password=PASSWORD, nights=nights, checklist_items=items)


def _nights(*, profiles, by, first: date, rng: random.Random) -> int:
    from journal.models import Disturbance, IntakeItem
    from journal.services import NIGHT_FIELDS

    disturbances = list(Disturbance.objects.filter(household=None).values_list("pk", flat=True))
    caffeine, alcohol = (
        IntakeItem.objects.get(household=None, name=name).pk for name in ("Caffeine", "Alcohol")
    )
    now = timezone.now()
    tonight = timezone.localdate() - timedelta(days=1)
    rows = []
    for profile in profiles:
        zone = ZoneInfo(profile.time_zone)
        night = first
        while night <= tonight:
            if rng.random() < 0.93:  # a few nights go unlogged
                rows.append((profile, night, _night_row(profile, night, zone, by, now, rng)))
            night += timedelta(days=1)
    columns = [
        "profile_id",
        "date",
        *NIGHT_FIELDS,  # _night_row writes them in this order
        "created_by_id",
        "created_at",
        "updated_at",
        "version",
    ]
    _copy("journal_night", columns, (row for _, _, row in rows))
    ids = _ids("journal_night", ["profile_id", "date"], {profile.pk for profile in profiles})
    through, intakes = [], []
    for profile, night, row in rows:
        night_id = ids[profile.pk, night]
        if rng.random() < 0.3:
            through.append((night_id, rng.choice(disturbances)))
        if rng.random() < 0.5:
            taken = row[3] - timedelta(hours=rng.randint(3, 8))  # before lights out
            intakes.append((night_id, caffeine, 1, "cup", taken))
        if not profile.is_dependant and rng.random() < 0.2:
            intakes.append((night_id, alcohol, 2, "glass", row[3] - timedelta(hours=2)))
    _copy("journal_night_disturbances", ["night_id", "disturbance_id"], through)
    _copy("journal_intake", ["night_id", "item_id", "amount", "unit", "taken_at"], intakes)
    return len(rows)


def _night_row(profile, night: date, zone: ZoneInfo, by, now, rng: random.Random) -> tuple:
    bedtime = datetime.combine(night, profile.usual_bedtime, tzinfo=zone).astimezone(UTC)
    into_bed = bedtime + timedelta(minutes=rng.randint(-40, 50))
    lights_out = into_bed + timedelta(minutes=rng.randint(0, 25))
    sol = rng.randint(3, 45)
    waso = rng.randint(0, 50)
    final_wake = lights_out + timedelta(minutes=rng.randint(6 * 60, 9 * 60))
    out_of_bed = final_wake + timedelta(minutes=rng.randint(0, 30))
    return (
        profile.pk,
        night,
        into_bed,
        lights_out,
        sol,
        rng.randint(0, 3),
        waso,
        final_wake,
        out_of_bed,
        rng.randint(1, 5),
        rng.randint(1, 5),
        rng.choice([None, 0, 0, 20]),
        rng.choice([None, 1, 2, 3, 4]),
        "",
        by.pk,
        now,
        now,
        1,
    )


def _checklists(*, routines, tickers, first: date, rng: random.Random) -> int:
    """Every night each routine ran, a checklist for each follower: mostly done, some not."""
    from routines import schedule

    tonight = timezone.localdate() - timedelta(days=1)
    planned = []
    for routine, followers in routines:
        steps = list(routine.steps.all())
        for profile in followers:
            zone = ZoneInfo(profile.time_zone)
            night = first
            while night < tonight:
                if routine.runs_on(night) and rng.random() < 0.93:
                    bedtime_at = schedule.bedtime_for(
                        night=night, tz=zone, bedtime=routine.bedtime_on(night)
                    )
                    planned.append((routine, profile, night, bedtime_at, steps))
                night += timedelta(days=1)
    now = timezone.now()
    _copy(
        "routines_checklist",
        ["profile_id", "routine_id", "night", "routine_name", "bedtime_at", "created_at"],
        ((p.pk, r.pk, night, r.name, at, now) for r, p, night, at, _ in planned),
    )
    ids = _ids(
        "routines_checklist",
        ["profile_id", "routine_id", "night"],
        {profile.pk for _, followers in routines for profile in followers},
    )
    items = []
    for routine, profile, night, bedtime_at, steps in planned:
        checklist_id = ids[profile.pk, routine.pk, night]
        good_night = rng.random() < 0.85
        for step in steps:
            roll = rng.random()
            status = "skipped" if roll < 0.03 else "done" if good_night or roll < 0.6 else "pending"
            checked = status != "pending"
            at = bedtime_at - timedelta(minutes=step.minutes_before - rng.randint(-5, 15))
            items.append(
                (
                    checklist_id,
                    step.pk,
                    step.title,
                    step.minutes_before,
                    step.position,
                    status,
                    at if checked else None,
                    rng.choice(tickers).pk if checked else None,
                )
            )
    _copy(
        "routines_checklistitem",
        [
            "checklist_id",
            "step_id",
            "title",
            "minutes_before",
            "position",
            "status",
            "checked_at",
            "checked_by_id",
        ],
        items,
    )
    return len(items)


def _copy(table: str, columns: list[str], rows) -> None:
    with connection.cursor() as cursor:
        sql = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
        with cursor.cursor.copy(sql) as copy:
            for row in rows:
                copy.write_row(row)


def _ids(table: str, key: list[str], profiles: set[int]) -> dict[tuple, int]:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, {', '.join(key)} FROM {table} WHERE profile_id = ANY(%s)", [list(profiles)]
        )
        return {tuple(row[1:]): row[0] for row in cursor.fetchall()}


# --- many households, copied by PostgreSQL ---------------------------------------------------


def _models():
    found = []
    for label in HOUSEHOLD_TABLES:
        app_label, name = label.split(".")
        if "_" in name:
            model_name, field = name.split("_", 1)
            model = apps.get_model(app_label, model_name)
            found.append(model._meta.get_field(field).remote_field.through)
        else:
            found.append(apps.get_model(app_label, name))
    return found


def _copy_households(copies: int) -> None:
    """``copies`` more households like the one in the database, each with its own accounts.

    Every table's ids shift by the table's largest id times the copy's number, and every foreign
    key into a copied table shifts with it, so copy k points only at copy k's rows. Run while the
    database holds the one household to copy.
    """
    if copies < 1:
        return
    models = _models()
    with connection.cursor() as cursor:
        strides = {}
        for model in models:
            cursor.execute(f"SELECT coalesce(max(id), 0) FROM {model._meta.db_table}")
            strides[model] = cursor.fetchone()[0]
        for model in models:
            columns, values = [], []
            for field in model._meta.concrete_fields:
                column = f"t.{field.column}"
                if field.primary_key:
                    column = f"{column} + k * {strides[model]}"
                elif field.is_relation and field.related_model in strides:
                    column = f"{column} + k * {strides[field.related_model]}"
                elif model._meta.label == "households.User" and field.name == "email":
                    column = f"'copy' || k || '-' || {column}"
                elif model._meta.label == "households.Household" and field.name == "name":
                    column = f"{column} || ' ' || k"
                columns.append(field.column)
                values.append(column)
            table = model._meta.db_table
            cursor.execute(
                f"INSERT INTO {table} ({', '.join(columns)}) "
                f"SELECT {', '.join(values)} FROM {table} t "
                f"CROSS JOIN generate_series(1, {copies}) AS k"
            )
        for model in models:
            table = model._meta.db_table
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT max(id) FROM {table}))"
            )
