"""Journal services and selectors: the rules behind the pages."""

from datetime import UTC, date, datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from journal import selectors, services
from journal.models import Disturbance, IntakeItem, Night

from .conftest import add_dependant
from .fixtures.journal import make_night


@pytest.fixture(autouse=True)
def _today_is_fixed(freeze):
    """Today is after the nights logged here, whatever the real date (issue 7)."""
    freeze(datetime(2026, 11, 10, 12, 0, tzinfo=UTC))


def data(night_date=date(2026, 11, 2), **fields):
    return {
        "date": night_date,
        "into_bed": datetime(2026, 11, 2, 22, 45, tzinfo=UTC),
        "lights_out": datetime(2026, 11, 2, 23, 0, tzinfo=UTC),
        "sol_minutes": 20,
        "waso_minutes": 25,
        "final_wake": datetime(2026, 11, 3, 6, 30, tzinfo=UTC),
        "out_of_bed": datetime(2026, 11, 3, 6, 50, tzinfo=UTC),
        **fields,
    }


def test_log_night_checks_the_diary_rules(alice):
    with pytest.raises(ValidationError) as caught:
        services.log_night(profile=alice.profile, by=alice, data=data(sol_minutes=600))
    assert "sol_minutes" in caught.value.message_dict
    assert not Night.objects.exists()


def test_a_lost_race_for_the_same_night_is_a_duplicate_not_a_crash(alice):
    first = services.log_night(profile=alice.profile, by=alice, data=data())
    # Two requests both passed the form's check; the database constraint decides.
    with pytest.raises(services.DuplicateNight) as caught:
        services.log_night(profile=alice.profile, by=alice, data=data())
    assert caught.value.existing == first
    assert Night.objects.count() == 1  # and the transaction is still usable


def test_the_database_refuses_impossible_nights(alice):
    night = make_night(alice.profile, date(2026, 11, 2))
    for field, value in [("quality", 6), ("sol_minutes", 2000), ("awakenings", 500)]:
        with pytest.raises(IntegrityError), transaction.atomic():
            Night.objects.filter(pk=night.pk).update(**{field: value})
    with pytest.raises(IntegrityError), transaction.atomic():
        Night.objects.filter(pk=night.pk).update(final_wake=night.lights_out)
    with pytest.raises(IntegrityError), transaction.atomic():
        Night.objects.create(profile=alice.profile, date=date(2026, 11, 2))


def test_visible_and_loggable_nights(alice, bob, child, mallory):
    own = make_night(alice.profile, date(2026, 11, 2))
    bobs = make_night(bob.profile, date(2026, 11, 2))
    childs = make_night(child, date(2026, 11, 2))
    theirs = make_night(mallory.profile, date(2026, 11, 2))
    assert set(selectors.visible_nights(alice)) == {own, childs}
    bob.profile.shared_with_household = True
    bob.profile.save()
    assert set(selectors.visible_nights(alice)) == {own, bobs, childs}
    assert set(selectors.loggable_nights(alice)) == {own, childs}
    assert set(selectors.visible_nights(mallory)) == {theirs}


def test_history_pages_continue_where_they_stopped(alice):
    for day in range(1, 8):
        make_night(alice.profile, date(2026, 10, day))
    first, more = selectors.history_page(user=alice, profile=alice.profile, size=3)
    assert [n.date.day for n in first] == [7, 6, 5]
    second, more = selectors.history_page(user=alice, profile=alice.profile, before=more, size=3)
    assert [n.date.day for n in second] == [4, 3, 2]
    last, more = selectors.history_page(user=alice, profile=alice.profile, before=more, size=3)
    assert [n.date.day for n in last] == [1] and more is None


def test_catalogues_are_per_household_on_top_of_the_defaults(alice, mallory):
    ours = services.add_disturbance(by=alice, name="Dog barking")
    theirs = services.add_intake_item(by=mallory, name="Herbal tea")
    assert ours in selectors.disturbances_for(alice.household)
    assert ours not in selectors.disturbances_for(mallory.household)
    assert theirs not in selectors.intake_items_for(alice.household)
    assert selectors.disturbances_for(alice.household).filter(name="Restless legs").exists()
    names = [item.name for item in selectors.intake_items_for(alice.household)]
    assert names[:5] == ["Caffeine", "Alcohol", "Nicotine", "Melatonin", "Medication"]
    assert names[-1] == "Other"
    with pytest.raises(services.JournalRuleError, match="already on the list"):
        services.add_disturbance(by=alice, name="noise")


def test_only_household_admins_extend_the_lists(alice, bob):
    with pytest.raises(services.JournalRuleError, match="household admin"):
        services.add_intake_item(by=bob, name="Herbal tea")
    assert not IntakeItem.objects.filter(name="Herbal tea").exists()


def test_deleting_a_dependant_deletes_their_nights(alice):
    robin = add_dependant(alice, "Robin")
    make_night(robin, date(2026, 11, 2))
    robin.delete()
    assert not Night.objects.exists()
    assert Disturbance.objects.filter(household=None).count() == 11
