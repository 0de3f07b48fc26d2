"""Deleting an account never fails on what the household's nights recorded."""

from datetime import date

from django.urls import reverse

from households.models import Household, User
from journal.models import Intake, IntakeItem, Night
from tests.conftest import add_dependant, make_account


def test_deleting_the_last_account_of_a_household_with_a_childs_intake(client_for, db):
    sam = make_account("sam@example.com", "Sam")
    kid = add_dependant(sam, "Kit")
    juice = IntakeItem.objects.create(household=sam.household, name="Cherry juice")
    night = Night.objects.create(profile=kid, date=date(2026, 11, 1), quality=3)
    Intake.objects.create(night=night, item=juice)
    household = sam.household
    response = client_for(sam).post(
        reverse("households:account_delete"), {"password": "a-long-password-1"}
    )
    assert response.status_code == 302
    assert not User.objects.filter(pk=sam.pk).exists()
    assert not Household.objects.filter(pk=household.pk).exists()
    assert not Night.objects.filter(pk=night.pk).exists()


def test_an_intake_item_in_use_still_cannot_be_deleted_on_its_own(alice):
    import pytest
    from django.db.models import RestrictedError

    juice = IntakeItem.objects.create(household=alice.household, name="Cherry juice")
    night = Night.objects.create(profile=alice.profile, date=date(2026, 11, 1))
    Intake.objects.create(night=night, item=juice)
    with pytest.raises(RestrictedError):
        juice.delete()
