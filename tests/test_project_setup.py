"""A newcomer's first steps: a supported Python, `make run` where they want it, every setting
documented."""

import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.specifiers import SpecifierSet
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())


def requires_python() -> SpecifierSet:
    return SpecifierSet(PYPROJECT["project"]["requires-python"])


@pytest.mark.parametrize("version", ["3.11.0", "3.12.7", "3.13.1"])
def test_every_python_django_5_2_supports_from_3_11_is_allowed(version):
    assert Version(version) in requires_python()


def test_this_machines_python_is_allowed():
    running = ".".join(str(part) for part in sys.version_info[:3])
    assert Version(running) in requires_python()


def test_ruff_targets_the_oldest_allowed_python():
    assert PYPROJECT["tool"]["ruff"]["target-version"] == "py311"
    assert Version("3.10.14") not in requires_python()


def make_run_commands(*args, env_extra=None) -> str:
    env = {**os.environ, **(env_extra or {})}
    for name in ("HOST", "PORT"):
        if not env_extra or name not in env_extra:
            env.pop(name, None)
    result = subprocess.run(
        ["make", "--dry-run", "run", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_make_run_serves_on_localhost_8000_by_default():
    assert "runserver 127.0.0.1:8000" in make_run_commands()


def test_make_run_takes_host_and_port_as_make_variables():
    assert "runserver 0.0.0.0:8080" in make_run_commands("HOST=0.0.0.0", "PORT=8080")


def test_make_run_takes_host_and_port_from_the_environment():
    output = make_run_commands(env_extra={"PORT": "9123", "HOST": "127.0.0.2"})
    assert "runserver 127.0.0.2:9123" in output


def test_make_run_loads_the_demo_only_through_the_guarded_command():
    commands = make_run_commands()
    assert "manage.py demo\n" in commands  # no --force: an empty database only
    assert commands.index("migrate") < commands.index("manage.py demo")


def settings_variables() -> set[str]:
    source = (ROOT / "config" / "settings.py").read_text()
    return set(re.findall(r"""env(?:\.\w+)?\(\s*["']([A-Z][A-Z0-9_]*)["']""", source))


def test_the_settings_read_the_variables_we_expect():
    # Guards the pattern below: if it stopped matching, the next two tests would pass vacuously.
    assert {"SECRET_KEY", "DATABASE_URL", "BEHIND_PROXY", "TRUSTED_PROXY_COUNT"} <= (
        settings_variables()
    )


def test_the_readme_configuration_table_lists_every_variable_the_settings_read():
    readme = (ROOT / "README.md").read_text()
    table = readme.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    documented = set(re.findall(r"^\| `([A-Z][A-Z0-9_]*)` \|", table, flags=re.MULTILINE))
    assert settings_variables() - documented == set()


def test_env_example_lists_every_variable_the_settings_read():
    example = (ROOT / ".env.example").read_text()
    listed = set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]*)=", example, flags=re.MULTILINE))
    assert settings_variables() - listed == set()
