import os

from django.db import connection


def test_the_suite_runs_on_the_database_it_was_given(db):
    # `make test` points DATABASE_URL at PostgreSQL; the suite must not quietly fall back.
    expected = (
        "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    )
    assert connection.vendor == expected
