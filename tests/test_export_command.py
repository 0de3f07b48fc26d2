"""`manage.py export`: an admin's backup of a household or one profile, CSV or JSON."""

import csv
import io
import json
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from .fixtures.journal import make_night
from .fixtures.routines import make_routine


@pytest.fixture
def nights(alice, bob, child):
    make_night(alice.profile, date(2026, 11, 2), notes="Alice's")
    make_night(bob.profile, date(2026, 11, 2), notes="Bob's, unshared")
    make_night(child, date(2026, 11, 2))
    make_routine([bob.profile], name="Bob's own")


def test_a_households_json_backup_holds_every_profile_private_ones_too(alice, nights, tmp_path):
    out = tmp_path / "backup.json"
    call_command("export", household=alice.household_id, format="json", output=str(out))
    data = json.loads(out.read_text())
    assert data["format"] == "nightstand-export"
    assert data["scope"] == "household"
    assert {profile["name"] for profile in data["profiles"]} == {"Alice", "Bob", "Robin"}
    assert len(data["nights"]) == 3
    assert [routine["name"] for routine in data["routines"]] == ["Bob's own"]
    assert data["routines"][0]["followers"] == ["Bob"]


def test_a_profiles_csv_backup(alice, nights, tmp_path):
    out = tmp_path / "alice.csv"
    call_command("export", "--profile", str(alice.profile.pk), "--format", "csv", "--output", out)
    [row] = list(csv.DictReader(out.open(newline="")))
    assert (row["profile"], row["date"], row["notes"]) == ("Alice", "2026-11-02", "Alice's")
    assert row["time_in_bed"] == "485"


def test_without_output_it_writes_to_standard_output(alice, nights):
    stdout = io.StringIO()
    call_command("export", household=alice.household_id, format="csv", stdout=stdout)
    rows = list(csv.DictReader(io.StringIO(stdout.getvalue())))
    assert [row["profile"] for row in rows] == ["Alice", "Bob", "Robin"]


def test_json_is_the_default_format(alice, nights):
    stdout = io.StringIO()
    call_command("export", profile=alice.profile.pk, stdout=stdout)
    assert json.loads(stdout.getvalue())["scope"] == "profile"


def test_an_unknown_id_is_an_error(db):
    with pytest.raises(CommandError, match="No household with id 999"):
        call_command("export", household=999)
    with pytest.raises(CommandError, match="No profile with id 999"):
        call_command("export", profile=999)


def test_the_help_says_it_is_not_scoped_to_a_user():
    from exchange.management.commands.export import Command

    assert "no privacy scoping" in Command.help
