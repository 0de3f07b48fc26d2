"""`make backup` / `make restore` (bin/backup, bin/restore around pg_dump -Fc and pg_restore):
a restored copy of a seeded database holds exactly the rows of the original, table by table."""

import io
import os
import subprocess
import sys

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection

from tests import servers

sys.path.insert(0, str(servers.ROOT / "bin"))
from database_url import libpq_environment  # noqa: E402

BIN = servers.ROOT / "bin"

# Every table's row count and a digest of its rows in a fixed order: equal digests, equal rows.
TABLES = "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
ROWS = """SELECT count(*), md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), ''))
          FROM "{}" t"""
SEQUENCES = "SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public'"


def fingerprint(url: str) -> dict[str, tuple]:
    with psycopg.connect(url) as database:
        tables = [name for (name,) in database.execute(TABLES)]
        rows = {name: database.execute(ROWS.format(name)).fetchone() for name in tables}
        # Restored sequences carry on from the last id, so new rows never collide.
        sequences = {name: ("sequence", value) for name, value in database.execute(SEQUENCES)}
    return rows | sequences


def run(script: str, *args: str, database_url: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(BIN / script), *args],
        env={**os.environ, "DATABASE_URL": database_url},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def seeded(transactional_db, django_db_serialized_rollback, settings):
    # Serialized rollback: an earlier transactional test's flush emptied every table, the
    # built-in catalogue (from a data migration) included, and the demo needs it back.
    settings.DEBUG = True  # the demo command refuses to run in production
    call_command("demo", stdout=io.StringIO())
    return servers.url_of_the_test_database()


@pytest.fixture
def new_database():
    """An empty database next to the test database, dropped afterwards."""
    source = servers.url_of_the_test_database()
    name = f"{connection.settings_dict['NAME']}_restored"
    admin_url = source.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    yield source.rsplit("/", 1)[0] + f"/{name}"
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.usefixtures("postgres_only")
def test_a_restored_backup_has_every_row_of_every_table(seeded, new_database, tmp_path):
    dump = tmp_path / "nightstand.dump"
    backup = run("backup", str(dump), database_url=seeded)
    assert backup.returncode == 0, backup.stderr
    assert dump.read_bytes()[:5] == b"PGDMP"  # pg_dump's custom format
    assert not list(tmp_path.glob("*.partial"))

    restore = run("restore", str(dump), database_url=new_database)
    assert restore.returncode == 0, restore.stderr

    original = fingerprint(seeded)
    assert len(original) > 20 and original["households_user"][0] >= 2  # really seeded
    assert original["journal_night"][0] > 0 and original["routines_checklistitem"][0] > 0
    assert fingerprint(new_database) == original

    # A second restore into a database with tables is refused unless asked to replace them.
    refused = run("restore", str(dump), database_url=new_database)
    assert refused.returncode == 1 and "--replace" in refused.stderr
    replaced = run("restore", "--replace", str(dump), database_url=new_database)
    assert replaced.returncode == 0, replaced.stderr
    assert fingerprint(new_database) == original


@pytest.mark.usefixtures("postgres_only")
def test_a_failed_backup_leaves_no_file(tmp_path, db):
    dump = tmp_path / "nightstand.dump"
    missing = servers.url_of_the_test_database().rsplit("/", 1)[0] + "/no_such_database_here"
    backup = run("backup", str(dump), database_url=missing)
    assert backup.returncode != 0 and "nothing was written" in backup.stderr
    assert list(tmp_path.iterdir()) == []


def test_the_scripts_need_a_postgresql_url(tmp_path):
    for url in ("", "sqlite:///data/nightstand.sqlite3"):
        result = run("backup", str(tmp_path / "x.dump"), database_url=url)
        assert result.returncode != 0
        assert "DATABASE_URL" in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "postgres://nightstand:p%40ss%2Fw0rd@postgres:5432/nightstand",
            {
                "PGHOST": "postgres",
                "PGPORT": "5432",
                "PGUSER": "nightstand",
                "PGPASSWORD": "p@ss/w0rd",
                "PGDATABASE": "nightstand",
            },
        ),
        (
            "postgresql://app@%2Fvar%2Frun%2FPostgreSQL/sleep?sslmode=require",
            {
                "PGHOST": "/var/run/PostgreSQL",
                "PGUSER": "app",
                "PGDATABASE": "sleep",
                "PGSSLMODE": "require",
            },
        ),
        ("postgres://[::1]:6543/db", {"PGHOST": "::1", "PGPORT": "6543", "PGDATABASE": "db"}),
    ],
)
def test_database_urls_become_libpq_variables(url, expected):
    assert libpq_environment(url) == expected
