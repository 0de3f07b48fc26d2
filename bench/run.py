"""Speed of the pages people open every day, on PostgreSQL with years of data.

Builds a scratch database (test_<name of DATABASE_URL's database>), fills the demo household,
stretches Alex's journal to three years and the routines' history to one year, then times each
page in-process with Django's test client (no network) and counts its queries.

    make bench            # or: DATABASE_URL=postgres://... .venv/bin/python bench/run.py

Exits 1 when a page misses its target: p95 in milliseconds, and MEMORY_TARGET_MB of Python
allocations while answering one request.
"""

import os
import statistics
import sys
import time
import tracemalloc
import warnings
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings_test")
# The bench measures speed: the API's per-caller limit must not answer 429 halfway.
os.environ.setdefault("API_THROTTLE_RATE", "100000/m")
warnings.filterwarnings("ignore", message="No directory at")

import django  # noqa: E402

django.setup()

import import_case  # noqa: E402  (bench/import_case.py, beside this script)
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "40"))
# Python memory allocated while answering one request (tracemalloc peak).
MEMORY_TARGET_MB = 20
JOURNAL_YEARS = 3
ROUTINE_DAYS = 365
# Tonight and a tick are what people wait on every evening: they must feel instant.
TARGETS_MS = {
    "tonight": 100,
    "tick": 100,
    "log form": 150,
    "history": 200,
    "history, older nights": 200,
    "calendar": 200,
    "routines": 250,
    "insights, 30 nights": 300,
    "insights, 3 years": 1000,
    "report, 14 nights": 300,
    # Calendar apps poll every few hours; automations call the API at bedtime.
    "calendar feed": 150,
    "API tonight": 100,
}
# The figures and charts of three years of nights, without the database (issue 8).
INSIGHTS_COMPUTATION_TARGET_MS = 50


def fill() -> None:
    from households.demo import create_demo_household
    from households.models import Profile
    from journal.models import Intake, Night
    from routines.models import Checklist, ChecklistItem

    household = create_demo_household(today=timezone.localdate())
    alex = Profile.objects.get(household=household, name="Alex")
    _stretch_journal(alex, Night, Intake)
    _stretch_checklists(household, Checklist, ChecklistItem)


def _stretch_journal(profile, Night, Intake) -> None:
    """Repeat the demo's nights backwards until the journal spans three years."""
    template = list(
        Night.objects.filter(profile=profile).prefetch_related("disturbances", "intakes")
    )
    span = (max(n.date for n in template) - min(n.date for n in template)).days + 1
    Through = Night.disturbances.through
    for shift in range(1, JOURNAL_YEARS * 365 // span + 1):
        days = timedelta(days=shift * span)
        copies = []
        for night in template:
            copy = Night(
                profile=profile,
                date=night.date - days,
                **{
                    field: getattr(night, field) - days if getattr(night, field) else None
                    for field in ("into_bed", "lights_out", "final_wake", "out_of_bed")
                },
                **{
                    field: getattr(night, field)
                    for field in (
                        "sol_minutes",
                        "awakenings",
                        "waso_minutes",
                        "quality",
                        "rested",
                        "nap_minutes",
                        "stress",
                        "notes",
                    )
                },
            )
            copies.append(copy)
        Night.objects.bulk_create(copies)
        Through.objects.bulk_create(
            Through(night_id=copy.pk, disturbance_id=d.pk)
            for night, copy in zip(template, copies, strict=True)
            for d in night.disturbances.all()
        )
        Intake.objects.bulk_create(
            Intake(
                night=copy,
                item_id=i.item_id,
                amount=i.amount,
                unit=i.unit,
                taken_at=i.taken_at - days if i.taken_at else None,
            )
            for night, copy in zip(template, copies, strict=True)
            for i in night.intakes.all()
        )


def _stretch_checklists(household, Checklist, ChecklistItem) -> None:
    """Repeat each routine's checklist history backwards to a year."""
    template = list(
        Checklist.objects.filter(profile__household=household).prefetch_related("items")
    )
    if not template:
        return
    span = (max(c.night for c in template) - min(c.night for c in template)).days + 1
    for shift in range(1, ROUTINE_DAYS // span + 1):
        days = timedelta(days=shift * span)
        copies = [
            Checklist(
                profile_id=c.profile_id,
                routine_id=c.routine_id,
                night=c.night - days,
                routine_name=c.routine_name,
                bedtime_at=c.bedtime_at - days,
            )
            for c in template
        ]
        Checklist.objects.bulk_create(copies)
        ChecklistItem.objects.bulk_create(
            ChecklistItem(
                checklist=copy,
                step_id=item.step_id,
                title=item.title,
                minutes_before=item.minutes_before,
                position=item.position,
                status=item.status,
                checked_at=item.checked_at - days if item.checked_at else None,
            )
            for original, copy in zip(template, copies, strict=True)
            for item in original.items.all()
        )
    from routines.models import Routine, Step

    start = timezone.now() - timedelta(days=ROUTINE_DAYS + span)
    Routine.objects.filter(household=household).update(created_at=start)
    Step.objects.filter(routine__household=household).update(created_at=start)


def measure(client: Client, name: str, request) -> dict:
    for _ in range(3):
        request(client)
    timings = []
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = request(client)
            timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (name, response.status_code)
        query_count = len(queries)  # read now: the connection's query log is a bounded deque
    timings.sort()
    tracemalloc.start()
    request(client)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "page": name,
        "median": statistics.median(timings),
        "p95": timings[int(len(timings) * 0.95) - 1],
        "queries": query_count,
        "peak_mb": peak / 2**20,
    }


def main() -> int:
    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        fill()
        return report()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def report() -> int:
    from api import services as token_services
    from households.models import User
    from journal.models import Night
    from reminders import services as feed_services
    from routines.models import ChecklistItem, Step

    alex = User.objects.get(email="alex@example.com")
    client = Client()
    client.force_login(alex, backend="django.contrib.auth.backends.ModelBackend")
    step = Step.objects.filter(routine__followers=alex.profile).order_by("pk").first()
    tick_url = f"/tonight/steps/{step.pk}/for/{alex.profile.pk}/"
    actions = iter(["done", "undo"] * (RUNS + 10))
    oldest_shown = Night.objects.filter(profile=alex.profile).order_by("-date")[29].date
    first_night = Night.objects.filter(profile=alex.profile).order_by("date").first().date
    _feed, feed_secret = feed_services.issue_secret(owner=alex, profile=alex.profile)
    _token, api_token = token_services.create_token(user=alex, name="Bench")
    api = Client(headers={"Authorization": f"Bearer {api_token}"})
    pages = [
        ("tonight", lambda c: c.get("/")),
        (
            "tick",
            lambda c: c.post(tick_url, {"action": next(actions)}, headers={"HX-Request": "true"}),
        ),
        ("log form", lambda c: c.get("/journal/log/")),
        ("history", lambda c: c.get("/journal/history/")),
        (
            "history, older nights",
            lambda c: c.get(
                "/journal/history/",
                {"before": oldest_shown.isoformat()},
                headers={"HX-Request": "true"},
            ),
        ),
        ("calendar", lambda c: c.get("/journal/history/calendar/")),
        ("routines", lambda c: c.get("/routines/")),
        ("insights, 30 nights", lambda c: c.get("/insights/")),
        (
            "insights, 3 years",
            lambda c: c.get("/insights/", {"start": first_night.isoformat(), "end": "2100-01-01"}),
        ),
        ("report, 14 nights", lambda c: c.get("/insights/report/")),
        ("calendar feed", lambda c: Client().get(f"/reminders/{feed_secret}/nightstand.ics")),
        ("API tonight", lambda c: api.get(f"/api/profiles/{alex.profile.pk}/tonight")),
    ]
    nights = Night.objects.filter(profile=alex.profile).count()
    items = ChecklistItem.objects.count()
    print(f"Data: {nights} nights for Alex, {items} checklist items; {RUNS} runs a page.\n")
    print(f"{'page':<24}{'median ms':>10}{'p95 ms':>9}{'target':>8}{'queries':>9}{'peak MB':>9}")
    failed = 0
    for name, request in pages:
        row = measure(client, name, request)
        fast = row["p95"] <= TARGETS_MS[name]
        lean = row["peak_mb"] <= MEMORY_TARGET_MB
        failed += not (fast and lean)
        verdict = (
            "ok" if fast and lean else ("SLOW " if not fast else "") + ("HEAVY" if not lean else "")
        )
        print(
            f"{name:<24}{row['median']:>10.1f}{row['p95']:>9.1f}{TARGETS_MS[name]:>8}"
            f"{row['queries']:>9}{row['peak_mb']:>9.1f}  {verdict}"
        )
    failed += not insights_computation(alex.profile)
    failed += not import_case.run(alex)
    return 1 if failed else 0


def insights_computation(profile) -> bool:
    """Time the pure figures and charts over all of a profile's nights (no queries inside)."""
    from insights import page, selectors

    user = profile.user
    nights = list(
        selectors.nights_in_range(user=user, profile=profile, start=date.min, end=date.max)
    )
    start, end = nights[0].date, nights[-1].date
    shares = selectors.routine_shares(user=user, profile=profile, start=start, end=end)
    records = selectors.night_records(nights=nights, profile=profile, routine_shares=shares)

    def compute():
        page.build(
            records,
            earlier=records,
            start=start,
            end=end,
            work_days=profile.work_days,
            usual_wake=profile.usual_wake_time,
            routine_shares=shares,
        )
        page.charts(
            records, routine_shares=shares, start=start, end=end, zone_name=profile.time_zone
        )

    compute()
    timings = []
    for _ in range(max(5, RUNS // 4)):
        started = time.perf_counter()
        compute()
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    if os.environ.get("BENCH_PROFILE"):
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.runcall(compute)
        pstats.Stats(profiler).sort_stats("tottime").print_stats(12)
    median = statistics.median(timings)
    ok = median <= INSIGHTS_COMPUTATION_TARGET_MS
    print(
        f"\nInsights computation over {len(records)} nights: median {median:.1f} ms, "
        f"max {timings[-1]:.1f} ms (target {INSIGHTS_COMPUTATION_TARGET_MS} ms)  "
        + ("ok" if ok else "SLOW")
    )
    return ok


if __name__ == "__main__":
    sys.exit(main())
