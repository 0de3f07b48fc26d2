"""Roles, removing members, leaving, and deleting an account."""

import pytest
from django.urls import reverse

from households import services
from households.models import Household, Profile, User

from .conftest import add_dependant


def test_admin_makes_a_member_admin(client_for, alice, bob):
    response = client_for(alice).post(
        reverse("households:member_role", args=[bob.pk]), {"role": "admin"}, follow=True
    )
    bob.refresh_from_db()
    assert bob.is_household_admin
    assert "Bob is now household admin." in response.content.decode()


def test_a_member_cannot_change_roles(client_for, alice, bob):
    client_for(bob).post(reverse("households:member_role", args=[alice.pk]), {"role": "member"})
    alice.refresh_from_db()
    assert alice.is_household_admin


def test_the_last_admin_cannot_step_down(client_for, alice, bob):
    client_for(alice).post(reverse("households:member_role", args=[bob.pk]), {"role": "admin"})
    bob.refresh_from_db()
    # Now there are two admins; Bob demotes Alice, then cannot demote himself.
    client = client_for(bob)
    client.post(reverse("households:member_role", args=[alice.pk]), {"role": "member"})
    alice.refresh_from_db()
    assert not alice.is_household_admin
    with pytest.raises(services.HouseholdRuleError, match="A household needs an admin"):
        services.change_role(by=bob, member=bob, role="member")


def test_removed_member_keeps_account_and_journal_in_a_new_household(client_for, alice, bob):
    response = client_for(alice).post(
        reverse("households:member_remove", args=[bob.pk]), follow=True
    )
    assert "Bob is no longer in the household." in response.content.decode()
    bob.refresh_from_db()
    assert bob.household != alice.household
    assert bob.is_household_admin
    assert bob.profile.household == bob.household
    assert not Profile.objects.visible_to(alice).filter(pk=bob.profile.pk).exists()


def test_admin_cannot_remove_themselves(client_for, alice, bob):
    response = client_for(alice).post(
        reverse("households:member_remove", args=[alice.pk]), follow=True
    )
    assert "use “Leave household”" in response.content.decode()
    alice.refresh_from_db()
    assert alice.household == bob.household


def test_a_member_can_leave(client_for, alice, bob):
    response = client_for(bob).post(reverse("households:leave"), follow=True)
    assert "You left the household" in response.content.decode()
    bob.refresh_from_db()
    assert bob.household != alice.household


def test_the_last_admin_cannot_leave_without_handing_over(client_for, alice, bob):
    response = client_for(alice).post(reverse("households:leave"), follow=True)
    assert "You are the last admin" in response.content.decode()
    alice.refresh_from_db()
    assert alice.household == bob.household


def test_delete_account_needs_the_password(client_for, bob):
    client = client_for(bob)
    response = client.post(reverse("households:account_delete"), {"password": "wrong"})
    assert "That is not your password." in response.content.decode()
    assert User.objects.filter(pk=bob.pk).exists()


def test_delete_account_removes_user_and_profile(client_for, alice, bob):
    profile_id = bob.profile.pk
    response = client_for(bob).post(
        reverse("households:account_delete"), {"password": "a-long-password-1"}
    )
    assert response.status_code == 302
    assert not User.objects.filter(pk=bob.pk).exists()
    assert not Profile.objects.filter(pk=profile_id).exists()
    assert Household.objects.filter(pk=alice.household_id).exists()


def test_the_last_admin_with_others_cannot_delete_their_account(client_for, alice, bob):
    response = client_for(alice).post(
        reverse("households:account_delete"), {"password": "a-long-password-1"}
    )
    assert "You are the last admin" in response.content.decode()
    assert User.objects.filter(pk=alice.pk).exists()


def test_deleting_the_only_account_deletes_the_household_and_dependants(client_for, alice):
    robin = add_dependant(alice, "Robin")
    client_for(alice).post(reverse("households:account_delete"), {"password": "a-long-password-1"})
    assert not Household.objects.filter(pk=alice.household_id).exists()
    assert not Profile.objects.filter(pk=robin.pk).exists()


def test_household_page_lists_members_and_roles(client_for, alice, bob):
    page = client_for(alice).get(reverse("households:detail")).content.decode()
    assert "alice@example.com" in page and "bob@example.com" in page
    assert "Household admin" in page
    assert "Change role" in page
    member_view = client_for(bob).get(reverse("households:detail")).content.decode()
    assert "Change role" not in member_view


def test_admin_renames_the_household(client_for, alice, bob):
    client_for(alice).post(reverse("households:rename"), {"name": "The Smiths"})
    alice.household.refresh_from_db()
    assert alice.household.name == "The Smiths"
    client_for(bob).post(reverse("households:rename"), {"name": "Bob's place"})
    alice.household.refresh_from_db()
    assert alice.household.name == "The Smiths"
