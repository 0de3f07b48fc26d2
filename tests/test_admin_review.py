"""What the admin's data-review lists share: CSV lines, local times, the profile filter."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from households.admin_review import csv_cell, csv_lines, local_clock, local_iso, profile_label

NEW_YORK = ZoneInfo("America/New_York")


def test_csv_lines_quote_as_needed_and_end_in_crlf():
    rows = [["profile", "notes"], ["Alice", 'Woke at 3, "again"'], ["Bob", None]]
    assert list(csv_lines(rows)) == [
        "profile,notes\r\n",
        'Alice,"Woke at 3, ""again"""\r\n',
        "Bob,\r\n",
    ]


def test_csv_lines_are_made_one_row_at_a_time():
    def rows():
        yield ["a"]
        raise AssertionError("read past the first row")

    assert next(csv_lines(rows())) == "a\r\n"


def test_text_that_a_spreadsheet_would_run_as_a_formula_gets_an_apostrophe():
    for text in ('=HYPERLINK("http://x")', "+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"):
        assert csv_cell(text) == "'" + text
    assert csv_cell("Slept fine = good") == "Slept fine = good"
    assert csv_cell("") == ""


def test_numbers_and_blanks_are_written_as_they_are():
    assert csv_cell(None) == ""
    assert csv_cell(20) == "20"
    assert csv_cell(83.5) == "83.5"
    assert csv_cell(-5) == "-5"  # a number, not text: no apostrophe
    assert csv_cell(True) == "yes"


def test_local_times_carry_the_zone():
    moment = datetime(2026, 11, 3, 3, 45, tzinfo=UTC)
    assert local_clock(moment, NEW_YORK) == "22:45 EST"
    assert local_iso(moment, NEW_YORK) == "2026-11-02T22:45-05:00"
    summer = datetime(2026, 7, 3, 2, 45, tzinfo=UTC)
    assert local_clock(summer, NEW_YORK) == "22:45 EDT"
    assert local_iso(summer, NEW_YORK) == "2026-07-02T22:45-04:00"
    assert local_clock(None, NEW_YORK) is None and local_iso(None, NEW_YORK) is None


def test_a_profile_is_named_with_its_household(alice):
    alice.household.name = "Smith household"
    alice.household.save()
    assert profile_label(alice.profile) == "Alice (Smith household)"
