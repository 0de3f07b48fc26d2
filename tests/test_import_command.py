"""`manage.py import`: the same preview as the page, then the import in one transaction."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from journal.models import Night

from .conftest import add_dependant
from .fixtures.exchange import NIGHTSTAND_CSV


@pytest.fixture
def nights_file(tmp_path):
    def write(text: str = NIGHTSTAND_CSV, encoding: str = "utf-8"):
        path = tmp_path / "nights.csv"
        path.write_bytes(text.encode(encoding))
        return str(path)

    return write


def run(*args, **options) -> str:
    out = StringIO()
    call_command("import", *args, stdout=out, **options)
    return out.getvalue()


def test_it_prints_the_preview_and_imports(alice, nights_file):
    output = run(nights_file(), "--user", "ALICE@example.com")
    assert "Alice → Alice" in output
    assert "To create: 1 night" in output
    assert "  + night: Alice · night of 2026-11-02" in output
    assert "Imported: 1 records created." in output
    night = Night.objects.get(profile=alice.profile)
    assert night.created_by == alice


def test_a_dry_run_writes_nothing(alice, nights_file):
    output = run(nights_file(), "--user", "alice@example.com", "--dry-run")
    assert "To create: 1 night" in output and "Dry run: nothing was written." in output
    assert not Night.objects.exists()


def test_importing_twice_creates_nothing_new(alice, nights_file):
    path = nights_file()
    run(path, "--user", "alice@example.com")
    output = run(path, "--user", "alice@example.com")
    assert "To create: nothing" in output and "Skipped: 1 night" in output
    assert "(already there)" in output
    assert Night.objects.count() == 1


def test_profile_chooses_where_the_nights_go(alice, nights_file):
    kit = add_dependant(alice, "Kit")
    run(nights_file(), "--user", "alice@example.com", "--profile", "Alice=kit")
    assert Night.objects.get().profile == kit


def test_rejected_rows_are_listed_and_the_rest_imported(alice, nights_file):
    text = NIGHTSTAND_CSV + NIGHTSTAND_CSV.splitlines()[1].replace(",4,3,2,15,", ",0,3,2,15,")
    output = run(nights_file(text), "--user", "alice@example.com")
    assert "Rejected (not imported): 1" in output
    assert "  ! line 3: A second night of 2026-11-02 for Alice (the first is on line 2)." in output
    assert Night.objects.count() == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--user", "nobody@example.com"], "No account nobody@example.com in a household."),
        (["--user", "alice@example.com", "--profile", "Mallory"], "may not log for a profile"),
        (["--user", "alice@example.com", "--profile", "Bob=Alice"], "Nobody called Bob"),
        (["--user", "alice@example.com", "--zone", "Mars/Base"], "Unknown time zone Mars/Base."),
    ],
)
def test_mistakes_are_command_errors_and_write_nothing(alice, mallory, nights_file, args, message):
    with pytest.raises(CommandError, match=message):
        run(nights_file(), *args)
    assert not Night.objects.exists()


def test_files_it_cannot_read_are_command_errors(alice, nights_file, tmp_path):
    with pytest.raises(CommandError, match="not in a format Nightstand imports"):
        run(nights_file("a,b\n1,2\n"), "--user", "alice@example.com")
    binary = tmp_path / "photo.png"
    binary.write_bytes(b"\x89PNG\x00\x00")
    with pytest.raises(CommandError, match="NUL bytes"):
        run(str(binary), "--user", "alice@example.com")
    with pytest.raises(CommandError, match="Cannot read"):
        run(str(tmp_path / "missing.csv"), "--user", "alice@example.com")
