"""The database goes away under a running server and comes back: the server says so politely
while it is gone (503, never 500) and carries on by itself once it is back, with no restart.

The test runs a PostgreSQL server of its own (initdb, pg_ctl) on its own port and socket
folder, so it can stop and start it without touching the one the other tests use.
"""

import json
import re
import subprocess
import sys

import pytest

from tests import servers

PASSWORD = "a-long-password-1"
CREATE_ACCOUNT = f"""
from households import services
services.sign_up(email="alice@example.com", name="Alice", password="{PASSWORD}",
                 time_zone="Europe/London")
"""


def manage(*args: str, env: dict) -> None:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=servers.ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture
def cluster():
    reason = servers.can_run_a_cluster()
    if reason:
        pytest.skip(f"cannot start a throwaway PostgreSQL: {reason}")
    cluster = servers.Cluster.create(servers.postgres_bin_dir())
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.destroy()


@pytest.fixture
def server(cluster, collected_static, tmp_path):
    env = servers.production_env(
        database_url=cluster.database_url("postgres"), static_root=collected_static
    )
    manage("migrate", "--noinput", env=env)
    manage("shell", "-c", CREATE_ACCOUNT, env=env)
    # One worker: the very process whose connection the outage breaks must recover.
    server = servers.start_gunicorn(env, tmp_path, workers=1)
    yield server
    server.stop()


def access_log_statuses(server) -> list[int]:
    return [int(status) for status in re.findall(r'HTTP/1\.[01]" (\d{3}) ', server.output())]


def test_pages_answer_503_while_the_database_is_down_and_recover_without_a_restart(cluster, server):
    browser = servers.Browser()
    probe = servers.Browser()  # a load balancer's health check: no cookies
    assert browser.sign_in(server.url, "alice@example.com", PASSWORD).status == 302
    assert browser.get(f"{server.url}/").status == 200
    assert browser.get(f"{server.url}/healthz").status == 200

    cluster.stop()  # as a crash or a restart of the database would: connections are cut

    health = probe.get(f"{server.url}/healthz")
    assert health.status == 503
    assert json.loads(health.body) == {"status": "error", "database": "unavailable"}
    for reply in (
        browser.get(f"{server.url}/"),
        browser.get(f"{server.url}/journal/history/"),
        browser.post(f"{server.url}/journal/log/", {"date": "2026-11-02"}),
    ):
        assert reply.status == 503, reply.text
        assert "Back in a moment" in reply.text and "was not saved" in reply.text
        assert reply.headers["Retry-After"] == "30"

    cluster.start()

    assert probe.get(f"{server.url}/healthz").status == 200
    tonight = browser.get(f"{server.url}/")
    # Still signed in: the home page, whichever of its morning or evening states the hour gives.
    assert tonight.status == 200 and 'aria-current="page">Tonight</a>' in tonight.text
    assert server.process.poll() is None  # the same server, never restarted
    statuses = access_log_statuses(server)
    assert statuses.count(503) == 4 and 500 not in statuses, server.output()
