"""How a deletion page says what goes: counts, date spans and names in plain words."""

from datetime import date

from households.deletion import Tally, and_list, journal_sentence, phrase
from households.models import Profile


def test_a_count_with_its_span_of_nights():
    tally = Tally(
        count=412, one="night", many="nights", first=date(2024, 3, 12), last=date(2026, 11, 24)
    )
    assert phrase(tally) == "412 nights from 12 March 2024 to 24 November 2026"


def test_one_night_has_a_day_not_a_span():
    tally = Tally(
        count=1, one="night", many="nights", first=date(2026, 1, 2), last=date(2026, 1, 2)
    )
    assert phrase(tally) == "1 night on 2 January 2026"


def test_large_counts_are_grouped_in_thousands():
    assert phrase(Tally(count=3652, one="checklist", many="checklists")) == "3,652 checklists"


def test_names_and_an_aside():
    routines = Tally(
        count=2, one="routine", many="routines", names=("Bath", "Reading"), aside="yours"
    )
    assert phrase(routines) == "2 routines (yours): Bath and Reading"


def test_and_list():
    assert and_list([]) == ""
    assert and_list(["Kit"]) == "Kit"
    assert and_list(["Kit", "Robin"]) == "Kit and Robin"
    assert and_list(["Kit", "Robin", "Sam"]) == "Kit, Robin and Sam"


def test_a_journal_sentence_joins_every_count():
    kit = Profile(pk=7, name="Kit")
    tallies = [
        Tally(count=3, one="night", many="nights", first=date(2026, 1, 1), last=date(2026, 1, 3)),
        Tally(count=1, one="checklist", many="checklists"),
    ]
    assert journal_sentence(kit, tallies, yours=False) == (
        "Kit's journal: 3 nights from 1 January 2026 to 3 January 2026 and 1 checklist."
    )
    assert journal_sentence(kit, tallies, yours=True).startswith("Your journal: 3 nights")


def test_an_empty_profile_says_so():
    kit = Profile(pk=7, name="Kit")
    assert journal_sentence(kit, [], yours=False) == "Kit's profile, with nothing logged yet."
