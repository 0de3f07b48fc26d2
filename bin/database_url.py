"""DATABASE_URL → the PG* environment variables PostgreSQL's own tools read (pg_dump,
pg_restore, psql), so the password never appears on a command line (`ps` shows those)."""

import os
import sys
from urllib.parse import parse_qsl, unquote, urlsplit

SCHEMES = {"postgres", "postgresql", "pgsql"}  # what the app's settings (django-environ) accept
QUERY_VARIABLES = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "connect_timeout": "PGCONNECT_TIMEOUT",
}


def libpq_environment(url: str) -> dict[str, str]:
    parts = urlsplit(url)
    if parts.scheme not in SCHEMES:
        raise ValueError(f"DATABASE_URL is not a PostgreSQL URL (scheme {parts.scheme!r})")
    database = unquote(parts.path.lstrip("/"))
    if not database:
        raise ValueError("DATABASE_URL names no database")
    env = {"PGDATABASE": database}
    # Not parts.hostname, which lowercases: a socket folder is written percent-encoded in the
    # host part (%2Fvar%2Frun%2Fpostgresql), and folder names keep their case.
    host_port = parts.netloc.rpartition("@")[2]
    if host_port.startswith("["):  # [::1]:5432
        host = host_port[1 : host_port.index("]")]
    else:
        host = unquote(host_port.split(":")[0])
    for name, value in (
        ("PGHOST", host),
        ("PGPORT", str(parts.port) if parts.port else ""),
        ("PGUSER", unquote(parts.username or "")),
        ("PGPASSWORD", unquote(parts.password or "")),
    ):
        if value:
            env[name] = value
    for key, value in parse_qsl(parts.query):
        if key in QUERY_VARIABLES:
            env[QUERY_VARIABLES[key]] = value
    return env


def environment_from_database_url() -> dict[str, str]:
    """os.environ with the connection from DATABASE_URL, or exit with a clear message."""
    url = os.environ.get("DATABASE_URL", "")
    if not url:
        sys.exit("Set DATABASE_URL to the PostgreSQL database (the SQLite quick start has none).")
    try:
        return {**os.environ, **libpq_environment(url)}
    except ValueError as error:
        sys.exit(str(error))
