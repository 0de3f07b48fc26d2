"""Speed of reading ten years of another app's export (the parsers only: no database).

    .venv/bin/python bench/import_formats.py

Writes one file per format the size ten years of nightly use makes (Sleep as Android with its
actigraphy columns, event columns and noise lines, one split night a week; Plees Tracker; Baby
Buddy with two children and a nap a day), parses each three times and prints the best time,
in CPU seconds of this process (the wall-clock time is printed too; on a busy shared machine it
measures the neighbours). Exits 1 when a format misses TARGET_SECONDS of CPU.
"""

import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from exchange.importing import baby_buddy, plees, sleep_as_android  # noqa: E402

TARGET_SECONDS = 1.0
YEARS = 10
PRAGUE = ZoneInfo("Europe/Prague")
FIRST_EVENING = datetime(2015, 1, 1, 23, 0, tzinfo=PRAGUE)


def sleeps(days: int):
    """(start, end) of each night's sleeps: 23:00-07:00, split at 03:00 once a week."""
    for day in range(days):
        evening = (FIRST_EVENING + timedelta(days=day)).astimezone(UTC)
        if day % 7 == 3:
            yield evening, evening + timedelta(hours=4)
            yield evening + timedelta(hours=4, minutes=30), evening + timedelta(hours=8)
        else:
            yield evening, evening + timedelta(hours=8)


def saa_local(moment: datetime) -> str:
    """Sleep as Android's day-first local text: "26. 11. 2020 7:00"."""
    return f"{moment:%d. %m. %Y} {moment.hour}:{moment.minute:02d}"


def saa_text(days: int) -> str:
    fixed = "Id,Tz,From,To,Sched,Hours,Rating,Comment,Framerate,Snore,Noise,Cycles,DeepSleep,"
    fixed += "LenAdjust,Geo"
    lines = []
    for number, (start, end) in enumerate(sleeps(days)):
        local_start, local_end = start.astimezone(PRAGUE), end.astimezone(PRAGUE)
        samples = int((end - start) / timedelta(minutes=5))
        clocks = [(local_start + timedelta(minutes=5 * i)) for i in range(1, samples + 1)]
        lines.append(
            fixed + "".join(f',"{c.hour}:{c.minute:02d}"' for c in clocks) + ',"Event"' * 6
        )

        values = [
            str(int(start.timestamp() * 1000)),
            "Europe/Prague",
            saa_local(local_start),
            saa_local(local_end),
            saa_local(local_end),
            f"{(end - start) / timedelta(hours=1):.3f}",
            "3.5",
            "#alcohol late dinner" if number % 5 == 0 else "",
            "10000",
            "-1",
            "-1.0",
            "4",
            "0.42",
            "0",
            "",
        ]
        values += [f"{(i * 37 % 300) / 100:.2f}" for i in range(samples)]
        values += [f"DEEP_START-{int(start.timestamp() * 1000) + i * 60000}" for i in range(6)]
        lines.append(",".join(f'"{value}"' for value in values))
        if number % 3 == 0:
            lines.append("," * 15 + ",".join('"0.012"' for _ in range(samples)))
    return "\n".join(lines) + "\n"


def plees_text(days: int) -> str:
    rows = ["sid,start,stop,rating,comment,wakes"]
    for number, (start, end) in enumerate(sleeps(days)):
        rows.append(f"{number},{int(start.timestamp() * 1000)},{int(end.timestamp() * 1000)},4,,0")
    return "\r\n".join(rows) + "\r\n"


def baby_buddy_text(days: int) -> str:
    rows = ["id,child_id,child_first_name,child_last_name,start,end,nap,notes,tags"]
    for child, name in (("1", "Theo"), ("2", "Mila")):
        for start, end in sleeps(days):
            local_start, local_end = start.astimezone(PRAGUE), end.astimezone(PRAGUE)
            rows.append(
                f"{len(rows)},{child},{name},Novak,{local_start:%Y-%m-%d %H:%M:%S},"
                f"{local_end:%Y-%m-%d %H:%M:%S},0,,"
            )
            nap = local_end.replace(hour=13, minute=0)
            rows.append(
                f"{len(rows)},{child},{name},Novak,{nap:%Y-%m-%d %H:%M:%S},"
                f"{nap + timedelta(hours=1):%Y-%m-%d %H:%M:%S},1,pram,"
            )
    return "\r\n".join(rows) + "\r\n"


def best_of_three(parse, text: str, zone) -> tuple[float, float, int]:
    cpu, wall = [], []
    for _ in range(3):
        began_cpu, began_wall = time.process_time(), time.perf_counter()
        parsed = parse(text, zone)
        cpu.append(time.process_time() - began_cpu)
        wall.append(time.perf_counter() - began_wall)
        assert not parsed.rejected, parsed.rejected[:3]
    return min(cpu), min(wall), len(parsed.nights)


def main() -> int:
    days = round(YEARS * 365.25)
    failed = False
    for label, parse, text in (
        ("Sleep as Android", sleep_as_android.parse, saa_text(days)),
        ("Plees Tracker", plees.parse, plees_text(days)),
        ("Baby Buddy (2 children)", baby_buddy.parse, baby_buddy_text(days)),
    ):
        seconds, wall, nights = best_of_three(parse, text, PRAGUE)
        ok = seconds < TARGET_SECONDS
        failed |= not ok
        print(
            f"{label:26} {len(text) / 1e6:6.1f} MB {nights:6} nights "
            f"{seconds:6.3f} s CPU ({wall:.3f} s wall; target < {TARGET_SECONDS} s CPU) "
            f"{'ok' if ok else 'SLOW'}"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
