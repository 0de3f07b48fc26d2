"""Real servers for the operations tests: gunicorn started with the image's own command and
production settings, a browser-like HTTP client, and a throwaway PostgreSQL cluster."""

import contextlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from http.cookiejar import CookieJar
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SECRET_KEY = "operations-tests-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz"


def dockerfile_command() -> list[str]:
    """The image's CMD (exec form): the one way the app server is started."""
    match = re.search(r"^CMD (\[.*\])$", (ROOT / "Dockerfile").read_text(), flags=re.MULTILINE)
    assert match, "the Dockerfile has no exec-form CMD"
    return json.loads(match.group(1))


def url_of_the_test_database() -> str:
    """The URL of the database pytest-django made, for servers in other processes."""
    from django.db import connection

    s = connection.settings_dict
    credentials = urllib.parse.quote(s["USER"] or "", safe="")
    if s["PASSWORD"]:
        credentials += ":" + urllib.parse.quote(s["PASSWORD"], safe="")
    return f"postgres://{credentials}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def collect_static(static_root: Path) -> None:
    """collectstatic as the image build runs it (hashed, brotli and gzip copies)."""
    env = {**production_env(database_url="", static_root=static_root), "DATA_DIR": "/tmp"}
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=120,
    )


def production_env(*, database_url: str, static_root: Path, **extra: str) -> dict[str, str]:
    """config.settings as deployed, but over plain HTTP on loopback with no proxy in front."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "0",
        "SECRET_KEY": SECRET_KEY,
        "DATABASE_URL": database_url,
        "STATIC_ROOT": str(static_root),
        "ALLOWED_HOSTS": "127.0.0.1",
        "BEHIND_PROXY": "0",
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "LOG_LEVEL": "WARNING",
    }
    env.update(extra)
    return env


@dataclass
class Server:
    process: subprocess.Popen
    url: str
    log: Path

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def stop(self) -> int:
        """SIGTERM, as `docker stop` sends it; gunicorn finishes what it serves and exits."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.returncode


def start_gunicorn(env: dict[str, str], log_dir: Path, *, workers: int = 1) -> Server:
    """The Dockerfile's CMD, run from this checkout's virtualenv, on a free loopback port."""
    command = dockerfile_command()
    port = free_port()
    log = log_dir / f"gunicorn-{port}.log"
    env = {**env, "GUNICORN_BIND": f"127.0.0.1:{port}", "WEB_CONCURRENCY": str(workers)}
    with log.open("wb") as out:
        process = subprocess.Popen(
            [str(BIN / command[0]), *command[1:]],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    server = Server(process=process, url=f"http://127.0.0.1:{port}", log=log)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode}:\n{server.output()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return server
        except OSError:
            time.sleep(0.1)
    server.stop()
    raise RuntimeError(f"gunicorn did not listen on {port}:\n{server.output()}")


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")


class _KeepRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a redirect is an answer to look at, not to follow


@dataclass
class Browser:
    """One person's browser: a cookie jar shared by every server it talks to."""

    jar: CookieJar = field(default_factory=CookieJar)

    def __post_init__(self):
        self._opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _KeepRedirects()
        )

    def cookie(self, name: str) -> str | None:
        return next((cookie.value for cookie in self.jar if cookie.name == name), None)

    def request(self, url: str, *, data: dict | None = None, headers=None) -> Reply:
        body = None
        headers = dict(headers or {})
        if data is not None:
            # Django's CSRF check: the token from the cookie, sent back as a form field.
            data = {"csrfmiddlewaretoken": self.cookie("csrftoken") or "", **data}
            body = urllib.parse.urlencode(data).encode()
        request = urllib.request.Request(url, data=body, headers=headers)
        try:
            with self._opener.open(request, timeout=20) as response:
                return Reply(response.status, dict(response.headers), response.read())
        except urllib.error.HTTPError as error:
            return Reply(error.code, dict(error.headers), error.read())

    def get(self, url: str, **kwargs) -> Reply:
        return self.request(url, **kwargs)

    def post(self, url: str, data: dict, **kwargs) -> Reply:
        return self.request(url, data=data, **kwargs)

    def sign_in(self, server_url: str, email: str, password: str) -> Reply:
        self.get(f"{server_url}/accounts/login/")  # sets the CSRF cookie
        return self.post(f"{server_url}/accounts/login/", {"username": email, "password": password})


# --- A PostgreSQL cluster of the test's own ------------------------------------------------------


def postgres_bin_dir() -> Path | None:
    """Debian's server binaries (initdb, pg_ctl) of the newest installed major version."""
    versions = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"),
        key=lambda path: int(path.parent.parent.name) if path.parent.parent.name.isdigit() else 0,
    )
    return versions[-1].parent if versions else None


@dataclass
class Cluster:
    """A throwaway PostgreSQL server on its own port, socket folder and data folder.

    initdb and the server refuse to run as root, so as root they run as the `postgres` system
    user (Debian's packages create it) in a folder that user owns.
    """

    bin_dir: Path
    folder: Path
    port: int

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"

    def database_url(self, name: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def _run(self, *args: str, timeout: int = 60) -> None:
        command = [str(self.bin_dir / args[0]), *args[1:]]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        result = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
        if result.returncode != 0:
            raise RuntimeError(f"{' '.join(command)} failed:\n{result.stdout}{result.stderr}")

    @classmethod
    def create(cls, bin_dir: Path) -> "Cluster":
        folder = Path(tempfile.mkdtemp(prefix="nightstand-pg-"))
        if os.geteuid() == 0:
            shutil.chown(folder, "postgres", "postgres")
        cluster = cls(bin_dir=bin_dir, folder=folder, port=free_port())
        cluster._run(
            "initdb", "-D", str(folder / "data"), "-U", "postgres", "--auth=trust", "-E", "UTF8",
            "--no-sync",
        )  # fmt: skip
        return cluster

    def start(self) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run(
            "pg_ctl", "-D", str(self.folder / "data"), "-l", str(self.folder / "server.log"),
            "-o", options, "-w", "-t", "30", "start",
        )  # fmt: skip

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.folder / "data"), "-m", "fast", "-w", "stop")

    def destroy(self) -> None:
        with contextlib.suppress(RuntimeError):  # already stopped
            self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)


def can_run_a_cluster() -> str | None:
    """Why a throwaway cluster cannot run here, or None when it can."""
    if postgres_bin_dir() is None:
        return "PostgreSQL's server binaries (initdb, pg_ctl) are not installed"
    if os.geteuid() == 0:
        try:
            import pwd

            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root and there is no `postgres` user to run initdb as"
        if shutil.which("runuser") is None:
            return "running as root without `runuser` to run initdb as `postgres`"
    return None
