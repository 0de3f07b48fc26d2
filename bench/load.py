"""Pages over HTTP under load, against a floor, on a production server with years of data.

    make bench    # or: BENCH_DATABASE_URL=postgres://.../bench .venv/bin/python bench/load.py

Builds a dedicated database (BENCH_DATABASE_URL, dropped and made again), seeds a household of six
profiles with three years of nights and routines among a hundred more like it and a small household
with five weeks (bench/seed.py), serves it with gunicorn in production mode (DEBUG off; only the
HTTPS redirect and secure cookies are relaxed, for plain HTTP on 127.0.0.1) and measures every page
with wrk (bench/wrk.lua) at 1 and 20 concurrent clients, next to the floor: a page that only needs
a signed-in person (config/bench.py). Then 20 clients for a minute over every page, the weight of
Tonight's first load and the workers' memory. Prints the table, writes bench/results.md, and exits
1 when a budget (README, "Performance") is missed.

Environment: BENCH_SECONDS (per run, default 3), BENCH_ROUNDS (one-client runs per page and
household, 3), BENCH_SOAK_SECONDS (60), BENCH_HOUSEHOLDS (other households, 100), BENCH_WORKERS
(gunicorn workers, 2), BENCH_KEEP=1 to keep the database afterwards.

One short run says little on a shared machine: a burst of other work can double a page's p50 for a
few seconds. So each page's one-client figures are the median of several runs, alternating the
large household and the small one (large, small, small, large, ...), so that slow spells fall on
both and the growth ratio compares like with like.
"""

from __future__ import annotations

import gzip
import http.cookiejar
import json
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BENCH = Path(__file__).resolve().parent

SECONDS = int(os.environ.get("BENCH_SECONDS", "3"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
SOAK_SECONDS = int(os.environ.get("BENCH_SOAK_SECONDS", "60"))
HOUSEHOLDS = int(os.environ.get("BENCH_HOUSEHOLDS", "100"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
CONCURRENCY = (1, 20)

# Budgets (README, "Performance"): p50 at one client as a multiple of the floor's.
HOT_PATH_BUDGET = 3.0  # Tonight and a tick: the evening's hot path
PAGE_BUDGET = 5.0
GROWTH_BUDGET = 1.2  # the same page with 3 years and with 35 days of history
HTML_BUDGET_KB = 30
FIRST_LOAD_BUDGET_KB = 40
RSS_BUDGET_MB = 150

# Production settings, relaxed only where plain HTTP on 127.0.0.1 needs it.
SERVER_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings",
    "DEBUG": "0",
    "SECURE_SSL_REDIRECT": "0",
    "SESSION_COOKIE_SECURE": "0",
    "CSRF_COOKIE_SECURE": "0",
    "SECURE_HSTS_SECONDS": "0",
    "BEHIND_PROXY": "0",
    "BENCH_FLOOR": "1",
    "LOG_LEVEL": "WARNING",
}


@dataclass
class Page:
    name: str
    kind: str  # GET, TICK or LOG (see wrk.lua)
    path: str
    budget: float
    expect: str = "200"


@dataclass
class Household:
    """Where one signed-in adult's pages are."""

    label: str
    cookie: str
    csrf: str
    pages: list[Page]
    log_body: str


@dataclass
class Result:
    requests: int
    duration_us: int
    p50: float  # milliseconds
    p95: float
    p99: float
    errors: int
    raw: dict = field(repr=False, default_factory=dict)

    @property
    def per_second(self) -> float:
        return self.requests / (self.duration_us / 1e6) if self.duration_us else 0.0

    @classmethod
    def median_of(cls, runs: list[Result]) -> Result:
        """The runs of one page as one result: each percentile the median of the runs' own, the
        requests, time and errors added up."""
        return cls(
            requests=sum(run.requests for run in runs),
            duration_us=sum(run.duration_us for run in runs),
            p50=statistics.median(run.p50 for run in runs),
            p95=statistics.median(run.p95 for run in runs),
            p99=statistics.median(run.p99 for run in runs),
            errors=sum(run.errors for run in runs),
        )


# --- the database ---------------------------------------------------------------------------


def fresh_database(url: str) -> None:
    import psycopg

    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/")
    if not re.fullmatch(r"\w+", name):
        raise SystemExit(f"BENCH_DATABASE_URL needs a plain database name, got {name!r}")
    maintenance = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {name}")


def drop_database(url: str) -> None:
    import psycopg

    parts = urllib.parse.urlsplit(url)
    maintenance = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {parts.path.lstrip('/')} WITH (FORCE)")


def prepare(url: str) -> dict:
    """Migrate, collect static files and seed; returns what the load needs to know."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    from bench import seed

    started = time.perf_counter()
    seeded = seed.build(other_households=HOUSEHOLDS)
    took = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT (SELECT count(*) FROM households_household),"
            " (SELECT count(*) FROM journal_night), (SELECT count(*) FROM routines_checklistitem)"
        )
        households, nights, items = cursor.fetchone()
    print(
        f"Seeded {households} households, {nights} nights, {items} checklist items in {took:.1f} s."
    )
    targets = {label: _targets(seeded[label].email) for label in ("big", "small")}
    connection.close()
    return {"seeded": seeded, "targets": targets, "seed_seconds": took}


def _targets(email: str) -> dict:
    """The ids the pages need: a step to tick, a child to log for, catalogue entries."""
    from households.models import User
    from journal.models import Disturbance, IntakeItem
    from routines.models import Step

    user = User.objects.get(email=email)
    profile = user.profile
    step = Step.objects.filter(routine__followers=profile).order_by("pk").first()
    child = user.household.profiles.filter(user__isnull=True).order_by("name").first()
    first_night = child.nights.order_by("date").first().date
    return {
        "tick": f"/tonight/steps/{step.pk}/for/{profile.pk}/",
        "child": child.pk,
        "first_night": first_night,
        "disturbance": Disturbance.objects.filter(household=None).order_by("pk").first().pk,
        "caffeine": IntakeItem.objects.get(household=None, name="Caffeine").pk,
    }


def pages_for(targets: dict) -> list[Page]:
    return [
        Page("floor", "GET", "/bench/floor/", 1.0),
        Page("tonight", "GET", "/", HOT_PATH_BUDGET),
        Page("tick", "TICK", targets["tick"], HOT_PATH_BUDGET),
        Page("log form", "GET", "/journal/log/", PAGE_BUDGET),
        Page("log (POST)", "LOG", "/journal/log/", PAGE_BUDGET, expect="302"),
        Page("history", "GET", "/journal/history/", PAGE_BUDGET),
        Page("calendar", "GET", "/journal/history/calendar/", PAGE_BUDGET),
        Page("routines", "GET", "/routines/", PAGE_BUDGET),
        Page("insights", "GET", "/insights/", PAGE_BUDGET),
        Page("report", "GET", "/insights/report/", PAGE_BUDGET),
    ]


def log_body(targets: dict) -> str:
    fields = {
        "profile": targets["child"],
        "date": "{date}",
        "into_bed": "19:40",
        "lights_out": "19:55",
        "sol_minutes": 15,
        "awakenings": 1,
        "waso_minutes": 10,
        "final_wake": "06:40",
        "out_of_bed": "06:55",
        "quality": 4,
        "rested": 4,
        "stress": 2,
        "nap_minutes": 0,
        "disturbances": targets["disturbance"],
        "notes": "",
        "intake-TOTAL_FORMS": 1,
        "intake-INITIAL_FORMS": 0,
        "intake-MIN_NUM_FORMS": 0,
        "intake-MAX_NUM_FORMS": 20,
        "intake-0-item": targets["caffeine"],
        "intake-0-amount": 1,
        "intake-0-unit": "cup",
        "intake-0-taken_at": "15:00",
    }
    return urllib.parse.urlencode(fields, safe="{}")


# --- the server -----------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(env: dict, port: int) -> subprocess.Popen:
    gunicorn = Path(sys.executable).with_name("gunicorn")
    server = subprocess.Popen(
        [
            str(gunicorn),
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(WORKERS),
            "--timeout",
            "60",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as answer:
                if answer.status == 200:
                    return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not answer /healthz within 30 s")


def worker_rss_mb(server: subprocess.Popen) -> list[float]:
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    sizes = []
    for pid in children:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                sizes.append(int(line.split()[1]) / 1024)
    return sizes


# --- HTTP, as a browser would ---------------------------------------------------------------


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def sign_in(base: str, email: str, password: str) -> tuple[str, str]:
    """A fresh session over HTTP: (Cookie header, CSRF token)."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
    with opener.open(f"{base}/accounts/login/") as answer:
        html = answer.read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    data = urllib.parse.urlencode(
        {"username": email, "password": password, "csrfmiddlewaretoken": token}
    ).encode()
    try:
        opener.open(f"{base}/accounts/login/", data=data)
        raise SystemExit(f"Signing in as {email} did not redirect: wrong password?")
    except urllib.error.HTTPError as answer:
        if answer.code != 302:
            raise
    cookies = {cookie.name: cookie.value for cookie in jar}
    return "; ".join(f"{name}={value}" for name, value in cookies.items()), cookies["csrftoken"]


def fetch(base: str, path: str, *, cookie: str = "", encoding: str = "") -> tuple[int, dict, bytes]:
    request = urllib.request.Request(f"{base}{path}", headers={"Cookie": cookie})
    if encoding:
        request.add_header("Accept-Encoding", encoding)
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request) as answer:
            return answer.status, dict(answer.headers), answer.read()
    except urllib.error.HTTPError as answer:
        return answer.code, dict(answer.headers), answer.read()


def check_pages(base: str, household: Household) -> None:
    """Every GET answers 200 with a page before it is timed (and the workers are warm)."""
    for page in household.pages:
        if page.kind != "GET":
            continue
        for _ in range(3):
            status, headers, body = fetch(base, page.path, cookie=household.cookie)
            if status != 200:
                raise SystemExit(f"{household.label} {page.name}: {status} for {page.path}")


# --- wrk ------------------------------------------------------------------------------------


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if not found:
        raise SystemExit("wrk is not installed: `make bench` installs it (apt-get install wrk).")
    return found


def run_wrk(
    base: str,
    household: Household,
    pages: list[Page],
    *,
    clients: int,
    seconds: int,
    days: tuple[int, int],
    expect: str,
) -> Result:
    env = {
        **os.environ,
        "BENCH_PLAN": "\n".join(f"{page.kind} {page.path}" for page in pages),
        "BENCH_COOKIE": household.cookie,
        "BENCH_CSRF": household.csrf,
        "BENCH_EXPECT": expect,
        "BENCH_LOG_BODY": household.log_body,
        "BENCH_FIRST_DAY": str(days[0]),
        "BENCH_DAYS": str(days[1]),
    }
    threads = min(clients, 2)
    env["BENCH_THREADS"] = str(threads)
    command = [
        ensure_wrk(),
        f"-t{threads}",
        f"-c{clients}",
        f"-d{seconds}s",
        "--timeout",
        "10s",
        "-s",
        str(BENCH / "wrk.lua"),
        f"{base}{pages[0].path}",
    ]
    output = subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout
    line = next(line for line in output.splitlines() if line.startswith("{"))
    raw = json.loads(line)
    errors = sum(raw[key] for key in ("unexpected_status", "connect", "read", "write", "timeout"))
    return Result(
        requests=raw["requests"],
        duration_us=raw["duration_us"],
        p50=raw["p50"] / 1000,
        p95=raw["p95"] / 1000,
        p99=raw["p99"] / 1000,
        errors=errors,
        raw=raw,
    )


def night_budget(clients: int) -> int:
    """Free dates for one run that logs nights: well over what it can save (about 70 nights a
    second at one client and 160 at twenty were seen here)."""
    return SECONDS * (200 if clients == 1 else 600)


class Days:
    """Hands each run that logs nights its own block of free dates (before the seeded years)."""

    def __init__(self, first: date, last: date):
        self.next = (first - date(1970, 1, 1)).days
        self.last = (last - date(1970, 1, 1)).days

    def block(self, size: int = 2400) -> tuple[int, int]:
        if self.next + size > self.last:
            raise SystemExit("Out of free dates to log nights on.")
        start, self.next = self.next, self.next + size
        return start, size


# --- first load -----------------------------------------------------------------------------


def first_load(base: str, cookie: str) -> dict:
    """Tonight's HTML (as is and gzipped as a proxy would send it) and its CSS, JS and fonts as
    the server sends them to a browser that accepts brotli and gzip. Scripts the app itself
    answers (the JavaScript translation catalog) count gzipped, as the proxy would send them."""
    _, _, html = fetch(base, "/", cookie=cookie)
    page = html.decode()
    assets = set(re.findall(r'<script src="(/[^"]+)"', page))
    assets |= set(re.findall(r'<link rel="stylesheet" href="(/[^"]+)"', page))
    sizes = {}
    for path in sorted(assets):
        status, headers, body = fetch(base, path, encoding="br, gzip", cookie=cookie)
        if status != 200:
            raise SystemExit(f"first load: {status} for {path}")
        encoded = any(name.lower() == "content-encoding" for name in headers)
        sizes[path] = len(body) if encoded else len(gzip.compress(body, compresslevel=6))
        if path.endswith(".css"):
            _, _, plain = fetch(base, path)
            for font in re.findall(r"url\(['\"]?([^'\")]+\.woff2?)", plain.decode()):
                font_path = urllib.parse.urljoin(path, font)
                sizes[font_path] = len(fetch(base, font_path, encoding="br, gzip")[2])
    return {
        "html": len(html),
        "html_gzip": len(gzip.compress(html, compresslevel=6)),
        "assets": sizes,
    }


# --- the run --------------------------------------------------------------------------------


def main() -> int:
    url = os.environ.get("BENCH_DATABASE_URL")
    if not url:
        raise SystemExit("Set BENCH_DATABASE_URL (a database this benchmark may drop).")
    ensure_wrk()
    started = time.perf_counter()
    server_env = {
        **os.environ,
        **SERVER_ENV,
        "DATABASE_URL": url,
        "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
    }
    os.environ.update(server_env)
    fresh_database(url)
    prepared = prepare(url)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_server(server_env, port)
    try:
        return measure(base, server, prepared, started)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        if os.environ.get("BENCH_KEEP") != "1":
            drop_database(url)


def measure(base: str, server: subprocess.Popen, prepared: dict, started: float) -> int:
    seeded, targets = prepared["seeded"], prepared["targets"]

    def household(label: str) -> Household:
        cookie, csrf = sign_in(base, seeded[label].email, seeded[label].password)
        return Household(label, cookie, csrf, pages_for(targets[label]), log_body(targets[label]))

    # Each run signs in afresh: a run's saved nights leave messages in its own session only.
    days = {
        label: Days(date(1971, 1, 1), targets[label]["first_night"] - date.resolution)
        for label in ("big", "small")
    }
    check_pages(base, household("big"))
    check_pages(base, household("small"))

    def run(index: int, label: str, clients: int) -> Result:
        signed_in = household(label)
        page = signed_in.pages[index]
        return run_wrk(
            base,
            signed_in,
            [page],
            clients=clients,
            seconds=SECONDS,
            days=days[label].block(night_budget(clients)) if page.kind == "LOG" else (0, 8),
            expect=page.expect,
        )

    results: dict[tuple[str, str, int], Result] = {}
    for index, page in enumerate(pages_for(targets["big"])):
        runs = {"big": [], "small": []}
        for label in alternating(ROUNDS):
            runs[label].append(run(index, label, 1))
        for label, label_runs in runs.items():
            results[label, page.name, 1] = Result.median_of(label_runs)
        results["big", page.name, 20] = run(index, "big", 20)
    signed_in = household("big")
    soak = run_wrk(
        base,
        signed_in,
        signed_in.pages,
        clients=20,
        seconds=SOAK_SECONDS,
        days=days["big"].block(6000),
        expect="200,302",
    )
    weight = first_load(base, signed_in.cookie)
    rss = worker_rss_mb(server)
    failed = report(results, soak, weight, rss, prepared, time.perf_counter() - started)
    return 1 if failed else 0


def alternating(rounds: int) -> list[str]:
    """The order of the one-client runs: big, small, small, big, big, small, ..."""
    order = []
    for index in range(rounds):
        pair = ["big", "small"]
        order += pair if index % 2 == 0 else pair[::-1]
    return order


def verdict(ok: bool) -> str:
    return "pass" if ok else "FAIL"


def report(results, soak: Result, weight: dict, rss: list[float], prepared, took) -> int:
    pages = pages_for(prepared["targets"]["big"])
    floor = results["big", "floor", 1].p50
    head = (
        "| page | p50 ms | p95 ms | p99 ms | req/s | × floor | budget | | "
        "p50 ms (20) | p95 ms (20) | p99 ms (20) | req/s (20) | "
        "p50 ms (35 days) | 3 years ÷ 35 days | ≤ 1.2× |"
    )
    lines = [head, "|" + "---|" * head.count(" | ") + "---|"]
    failed = 0
    for page in pages:
        one, many, small = (
            results["big", page.name, 1],
            results["big", page.name, 20],
            results["small", page.name, 1],
        )
        ratio = one.p50 / floor
        within = page.name == "floor" or ratio <= page.budget
        growth = max(one.p50, small.p50) / min(one.p50, small.p50)
        # The floor reads no history: its two runs only show the noise between runs.
        flat = page.name == "floor" or growth <= GROWTH_BUDGET
        errors = one.errors + many.errors + small.errors
        failed += (not within) + (not flat) + (errors > 0)
        lines.append(
            f"| {page.name}{f' (errors: {errors})' if errors else ''} | {one.p50:.1f} | "
            f"{one.p95:.1f} | {one.p99:.1f} | {one.per_second:.0f} | {ratio:.2f} | "
            f"{'—' if page.name == 'floor' else f'≤ {page.budget:g}×'} | "
            f"{'' if page.name == 'floor' else verdict(within)} | "
            f"{many.p50:.1f} | {many.p95:.1f} | {many.p99:.1f} | {many.per_second:.0f} | "
            f"{small.p50:.1f} | {one.p50 / small.p50:.2f} | "
            f"{'—' if page.name == 'floor' else verdict(flat)} |"
        )
    first = weight["html_gzip"] + sum(weight["assets"].values())
    checks = [
        (
            f"No error at 20 clients for {SOAK_SECONDS} s over every page",
            f"{soak.errors} errors in {soak.requests} requests ({soak.per_second:.0f}/s; "
            f"p50 {soak.p50:.1f} ms, p99 {soak.p99:.1f} ms)",
            soak.errors == 0,
        ),
        (
            f"Tonight's HTML ≤ {HTML_BUDGET_KB} KB",
            f"{weight['html'] / 1024:.1f} KB",
            weight["html"] <= HTML_BUDGET_KB * 1024,
        ),
        (
            f"Tonight's first load ≤ {FIRST_LOAD_BUDGET_KB} KB",
            f"{first / 1024:.1f} KB: HTML gzipped {weight['html_gzip'] / 1024:.1f} KB, "
            + ", ".join(
                f"{Path(path).name if path.startswith('/static/') else path} {size / 1024:.1f} KB"
                for path, size in weight["assets"].items()
            ),
            first <= FIRST_LOAD_BUDGET_KB * 1024,
        ),
        (
            f"Worker RSS ≤ {RSS_BUDGET_MB} MB after the run",
            ", ".join(f"{size:.0f} MB" for size in rss),
            bool(rss) and max(rss) <= RSS_BUDGET_MB,
        ),
    ]
    failed += sum(not ok for _, _, ok in checks)
    seeded = prepared["seeded"]
    text = "\n".join(
        [
            "# Benchmark results",
            "",
            "Written by `make bench` (bench/load.py); budgets in README.md, “Performance”.",
            "",
            f"- Machine: {os.cpu_count()} cores; gunicorn with {WORKERS} sync workers, "
            "production settings over HTTP on 127.0.0.1; PostgreSQL.",
            f"- Data: {HOUSEHOLDS + 2} households; the measured one has 6 profiles with "
            f"{seeded['big'].nights} nights over 3 years and {seeded['big'].checklist_items} "
            f"checklist items of 3 routines; the small one {seeded['small'].nights} nights over "
            f"35 days. Seeded in {prepared['seed_seconds']:.0f} s; the whole run took "
            f"{took / 60:.1f} min.",
            f"- Each page: {ROUNDS} runs of wrk for {SECONDS} s at 1 client on each household, "
            "alternating them; the one-client figures are the medians of those runs. Then one "
            f"run of {SECONDS} s at 20 clients. “× floor” is p50 at 1 client over the floor's p50.",
            "",
            *lines,
            "",
            "| budget | measured | |",
            "|---|---|---|",
            *(f"| {name} | {measured} | {verdict(ok)} |" for name, measured, ok in checks),
            "",
            f"**{'All budgets pass.' if not failed else f'{failed} budget(s) missed.'}**",
            "",
        ]
    )
    (BENCH / "results.md").write_text(text)
    print(text)
    return failed


if __name__ == "__main__":
    sys.exit(main())
