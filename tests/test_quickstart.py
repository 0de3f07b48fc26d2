"""The README's quick start, on SQLite in a fresh data folder: migrate, demo data, main pages."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PAGES_SCRIPT = """
from django.test import Client
client = Client()
assert client.post("/accounts/login/", {"username": "alex@example.com",
                                        "password": "sleep-well-demo"}).status_code == 302
for url in ["/", "/journal/log/", "/journal/history/", "/routines/", "/household/"]:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    print("OK", url)
assert "Robin" in client.get("/household/").content.decode()
"""


def run(*args, env):
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_quick_start_on_sqlite(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "1",
        "DATABASE_URL": "",
        "DATA_DIR": str(tmp_path),
        "ALLOWED_HOSTS": "testserver,127.0.0.1",
    }
    env.pop("SECRET_KEY", None)
    run("migrate", "--noinput", env=env)
    assert (tmp_path / "nightstand.sqlite3").exists()
    output = run("demo", env=env)
    assert "alex@example.com" in output and "sleep-well-demo" in output
    assert "already there" in run("demo", env=env)  # make run may be run again
    output = run("shell", "-c", PAGES_SCRIPT, env=env)
    assert output.count("OK ") == 5


def test_the_demo_is_refused_with_debug_off(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "0",
        "SECRET_KEY": "quick-start-test-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        "DATABASE_URL": "",
        "DATA_DIR": str(tmp_path),
    }
    run("migrate", "--noinput", env=env)
    result = subprocess.run(
        [sys.executable, "manage.py", "demo"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode != 0
    assert "DEBUG" in result.stderr and "published password" in result.stderr
