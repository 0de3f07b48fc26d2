"""The insights page's reads: a range's nights as records, their lists read as labels in one query.

`night_records_in_range` must give the records `night_records(nights_in_range(...))` gives (what
the clinician report still reads, with its diary table), through the same scoping.
"""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import translation

from insights import selectors
from journal.models import Disturbance, Intake, IntakeItem, entry_label
from tests.fixtures.journal import make_night

FIRST = date(2026, 11, 1)


@pytest.fixture
def week(alice):
    """Seven of Alice's nights: built-in and household entries, one name in both, and blanks."""
    household = alice.household
    noise = Disturbance.objects.get(household=None, name="Noise")
    own_noise = Disturbance.objects.create(household=household, name="Noise")
    dog = Disturbance.objects.create(household=household, name="The dog")
    caffeine = IntakeItem.objects.get(household=None, name="Caffeine")
    tea = IntakeItem.objects.create(household=household, name="Chamomile tea")
    nights = [make_night(alice.profile, FIRST + timedelta(days=offset)) for offset in range(7)]
    nights[0].disturbances.add(noise, dog)
    nights[1].disturbances.add(own_noise)
    nights[2].disturbances.add(noise, own_noise)
    Intake.objects.create(night=nights[2], item=caffeine, amount=Decimal("2"), unit="cups")
    Intake.objects.create(night=nights[2], item=caffeine)  # twice in one night: one label
    Intake.objects.create(night=nights[3], item=tea)
    return nights


def both_ways(user, profile, shares=None):
    shares = shares or {}
    span = {"start": FIRST, "end": FIRST + timedelta(days=6)}
    with_objects = selectors.night_records(
        nights=selectors.nights_in_range(user=user, profile=profile, **span),
        profile=profile,
        routine_shares=shares,
    )
    as_labels = selectors.night_records_in_range(
        user=user, profile=profile, routine_shares=shares, **span
    )
    return with_objects, as_labels


@pytest.mark.parametrize("language", ["en", "de", "es"])
def test_the_same_records_as_from_the_nights_objects(alice, week, language):
    shares = {FIRST: 1.0, FIRST + timedelta(days=1): 0.5, FIRST + timedelta(days=2): None}
    with translation.override(language):
        with_objects, as_labels = both_ways(alice, alice.profile, shares)
    assert len(as_labels) == 7
    assert as_labels == with_objects
    assert [r.routine_complete for r in as_labels[:4]] == [True, False, False, None]


def test_built_in_entries_in_the_readers_language_and_the_households_as_typed(alice, week):
    with translation.override("de"):
        _, records = both_ways(alice, alice.profile)
    assert records[0].tags == {"Lärm", "The dog"}
    assert records[1].tags == {"Noise"}  # the household's own "Noise", as typed
    assert records[2].tags == {"Lärm", "Noise"}
    assert records[2].intake == {"Koffein"}
    assert records[3].intake == {"Chamomile tea"}
    assert records[4].tags == records[4].intake == frozenset()


def test_nobody_else_reads_them(alice, week, mallory):
    assert both_ways(mallory, alice.profile) == ([], [])


def test_no_nights_no_query_for_their_lists(db, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert selectors.entry_labels([]) == {}


def test_entry_labels_reads_both_lists_in_one_query(alice, week, django_assert_num_queries):
    with django_assert_num_queries(1), translation.override("en"):
        labels = selectors.entry_labels([night.pk for night in week])
    assert labels[week[0].pk] == ({"Noise", "The dog"}, frozenset())
    assert labels[week[2].pk] == ({"Noise"}, {"Caffeine"})
    assert labels[week[3].pk] == (frozenset(), {"Chamomile tea"})
    assert week[4].pk not in labels


def test_entry_label():
    with translation.override("es"):
        assert entry_label("Noise", None) == "Ruido"
        assert entry_label("Noise", 7) == "Noise"
        assert entry_label("", None) == ""
