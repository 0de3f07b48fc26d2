"""`manage.py demo`: the quick start's demo household, never forced onto a database with people.

The demo accounts have a published password, so they are created only with DEBUG on, and only
on an empty database (no accounts) unless asked for explicitly with --force. Running it again,
as every `make run` does, keeps the data and never crashes.
"""

from datetime import UTC, datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from households.demo import DEMO_HOUSEHOLD, DEMO_PASSWORD
from households.models import Household, User

from .conftest import make_account


@pytest.fixture(autouse=True)
def _today_is_fixed(freeze):
    """The demo's history runs back from today: a fixed one, whatever the real date (issue 7)."""
    freeze(datetime(2026, 11, 21, 12, 0, tzinfo=UTC))


@pytest.fixture
def debug(settings):
    settings.DEBUG = True
    return settings


def demo(*args) -> str:
    out = StringIO()
    call_command("demo", *args, stdout=out)
    return out.getvalue()


def demo_households() -> int:
    return Household.objects.filter(name=DEMO_HOUSEHOLD).count()


def test_on_an_empty_database_it_creates_the_demo_household(db, debug):
    output = demo()
    assert "Created the demo household" in output
    assert "alex@example.com" in output and DEMO_PASSWORD in output
    assert User.objects.get(email="sam@example.com").check_password(DEMO_PASSWORD)


def test_running_it_again_keeps_the_data(db, debug):
    demo()
    alex = User.objects.get(email="alex@example.com")
    alex.set_password("alex-changed-it-1")
    alex.save()
    assert "already there" in demo()
    assert demo_households() == 1
    alex.refresh_from_db()
    assert alex.check_password("alex-changed-it-1")


def test_a_database_with_accounts_gets_no_demo_accounts(db, debug):
    make_account("nora@example.com", "Nora")
    output = demo()
    assert "already has accounts" in output
    assert "--force" in output
    assert DEMO_PASSWORD not in output
    assert demo_households() == 0
    assert not User.objects.filter(email="alex@example.com").exists()


def test_force_adds_it_next_to_existing_accounts(db, debug):
    make_account("nora@example.com", "Nora")
    assert "Created the demo household" in demo("--force")
    assert demo_households() == 1


def test_a_demo_address_taken_by_someone_else_is_a_clear_error_not_a_crash(db, debug):
    make_account("sam@example.com", "Sam Real")
    with pytest.raises(CommandError, match="sam@example.com"):
        demo("--force")
    assert demo_households() == 0
    assert User.objects.get(email="sam@example.com").name == "Sam Real"


def test_reset_recreates_the_demo_household(db, debug):
    demo()
    first = Household.objects.get(name=DEMO_HOUSEHOLD).pk
    assert "Created the demo household" in demo("--reset")
    assert Household.objects.get(name=DEMO_HOUSEHOLD).pk != first


def test_with_debug_off_it_refuses(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        demo()
    with pytest.raises(CommandError, match="DEBUG"):
        demo("--force")
    assert not User.objects.exists()
