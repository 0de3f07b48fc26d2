"""Importing ten years of one profile's nights (issue 9): under 10 s on this machine.

A Nightstand CSV of 3650 nights, written by the export's own writer with intake and
disturbances on every night, is parsed, planned and applied; then the same through the pages
(upload, preview, streamed confirmation) for a second profile, as a person would.
"""

import time
from datetime import date, datetime, timedelta
from decimal import Decimal

TARGET_SECONDS = 10
YEARS = 10


def ten_years_csv(name: str, zone_name: str) -> str:
    from zoneinfo import ZoneInfo

    from exchange import nights_csv
    from journal import clock

    zone = ZoneInfo(zone_name)
    first = date(2026, 1, 1) - timedelta(days=YEARS * 365)
    rows = []
    for offset in range(YEARS * 365):
        day = first + timedelta(days=offset)
        late = offset % 7 in (4, 5)
        clocks = [datetime.strptime(t, "%H:%M").time() for t in (
            ("23:30", "23:45", "07:40", "08:00") if late else ("22:30", "22:45", "06:30", "06:45")
        )]  # fmt: skip
        bed, dark, wake, up = clock.resolve_night_times(day, zone, clocks)
        rows.append(
            {
                "profile": name,
                "time_zone": zone_name,
                "date": day.isoformat(),
                "into_bed": bed,
                "lights_out": dark,
                "sol_minutes": 10 + offset % 20,
                "awakenings": offset % 3,
                "waso_minutes": 5 * (offset % 3),
                "final_wake": wake,
                "out_of_bed": up,
                "quality": 1 + offset % 5,
                "rested": 1 + (offset + 2) % 5,
                "stress": 1 + (offset + 1) % 5,
                "nap_minutes": 20 if offset % 10 == 0 else None,
                "disturbances": ["Noise", "Cat on the bed"] if offset % 2 else ["Too hot"],
                "intake": [
                    nights_csv.IntakeRow(
                        "Caffeine",
                        Decimal(1 + offset % 2),
                        "cup",
                        clock.intake_moment(day, datetime.strptime("15:30", "%H:%M").time(), zone),
                    ),
                    nights_csv.IntakeRow("Magnesium", Decimal("0.5"), "g", None),
                ],  # fmt: skip
                "notes": "Long day, slept well." if offset % 5 == 0 else "",
            }
        )
    return nights_csv.to_text(rows)


def run(user) -> bool:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import transaction
    from django.test import Client

    from exchange.importing import nightstand_csv, plan
    from exchange.models import ImportBatch
    from households.models import Profile
    from journal.models import Night

    household = user.household
    direct = Profile.objects.create(
        household=household, name="Import bench", time_zone="Europe/London"
    )
    text = ten_years_csv(direct.name, direct.time_zone)
    started, cpu_started = time.perf_counter(), time.process_time()
    parsed = nightstand_csv.parse(text)
    parsed_at = time.perf_counter()
    planned = plan.plan_nights(parsed, user=user, profile_map={direct.name: direct})
    planned_at = time.perf_counter()
    with transaction.atomic():
        created = planned.apply()
    applied_at, cpu = time.perf_counter(), time.process_time() - cpu_started
    nights = Night.objects.filter(profile=direct).count()
    assert nights == YEARS * 365 and not planned.rejected, (nights, planned.rejected[:3])
    pipeline = applied_at - started

    paged = Profile.objects.create(
        household=household, name="Import page", time_zone="Europe/London"
    )
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    upload = SimpleUploadedFile(
        "ten-years.csv", ten_years_csv(paged.name, paged.time_zone).encode()
    )
    page_started = time.perf_counter()
    client.post("/household/import/", {"file": upload})
    batch = ImportBatch.objects.latest("created_at")
    preview = client.get(f"/household/import/{batch.pk}/")
    preview_at = time.perf_counter()
    response = client.post(f"/household/import/{batch.pk}/confirm/")
    page = b"".join(response.streaming_content).decode()
    page_done = time.perf_counter()
    assert preview.status_code == 200 and "records created" in page, page[-500:]
    assert Night.objects.filter(profile=paged).count() == YEARS * 365
    pages = page_done - page_started

    ok = pipeline <= TARGET_SECONDS and pages <= TARGET_SECONDS
    print(
        f"\nImport of {YEARS} years ({len(text) / 2**20:.1f} MB of CSV, {created} records): "
        f"parse {parsed_at - started:.2f} s, plan {planned_at - parsed_at:.2f} s, "
        f"apply {applied_at - planned_at:.2f} s = {pipeline:.2f} s (Python's own CPU {cpu:.2f} s); "
        f"through the pages (upload + preview {preview_at - page_started:.2f} s, confirm "
        f"{page_done - preview_at:.2f} s) = {pages:.2f} s (target {TARGET_SECONDS} s)  "
        + ("ok" if ok else "SLOW")
    )
    return ok
