"""Dependants, editing profiles, and the privacy of adults' profiles."""

from django.urls import reverse

from households import selectors
from households.models import Profile
from tests.conftest import add_member

PROFILE_FORM = {
    "name": "Robin",
    "time_zone": "Europe/London",
    "usual_bedtime": "19:30",
    "usual_wake_time": "06:45",
    "work_days": ["0", "1", "2", "3", "4"],
}


def test_admin_adds_a_dependant(client_for, alice):
    response = client_for(alice).post(
        reverse("households:profile_create"), PROFILE_FORM, follow=True
    )
    robin = Profile.objects.get(name="Robin")
    assert robin.is_dependant
    assert robin.household == alice.household
    assert robin.work_days == [0, 1, 2, 3, 4]
    assert "Added Robin" in response.content.decode()


def test_a_dependant_name_must_be_unique_in_the_household(client_for, alice, child):
    response = client_for(alice).post(reverse("households:profile_create"), PROFILE_FORM)
    assert "Someone in your household already has this name." in response.content.decode()
    assert 'value="06:45"' in response.content.decode()  # what was typed is kept


def test_members_cannot_add_dependants(client_for, bob):
    response = client_for(bob).post(reverse("households:profile_create"), PROFILE_FORM)
    assert response.status_code == 302
    assert not Profile.objects.filter(name="Robin").exists()


def test_adults_who_look_after_the_children_can_log_for_a_dependant(alice, bob, child):
    assert child in selectors.loggable_profiles(bob)
    assert child in selectors.loggable_profiles(alice)


def test_a_member_who_does_not_look_after_the_children_cannot_log_or_edit(client_for, bob, child):
    bob.looks_after_children = False
    bob.save()
    assert child not in selectors.loggable_profiles(bob)
    assert child in selectors.visible_profiles(bob)
    client = client_for(bob)
    assert client.get(reverse("households:profile_edit", args=[child.pk])).status_code == 404
    response = client.post(reverse("journal:going_to_bed", args=[child.pk]))
    assert response.status_code == 404


def test_a_member_who_looks_after_the_children_edits_a_dependant_but_does_not_delete(
    client_for, bob, child
):
    client = client_for(bob)
    client.post(
        reverse("households:profile_edit", args=[child.pk]),
        {**PROFILE_FORM, "name": "Robin J", "time_zone": "America/New_York"},
    )
    child.refresh_from_db()
    assert (child.name, child.time_zone) == ("Robin J", "America/New_York")
    response = client.post(reverse("households:profile_delete", args=[child.pk]), follow=True)
    assert "Only a household admin can delete a child" in response.content.decode()
    assert Profile.objects.filter(pk=child.pk).exists()


def test_an_admin_chooses_who_looks_after_the_children(client_for, alice, bob, child):
    client_for(alice).post(reverse("households:member_children", args=[bob.pk]), {})
    bob.refresh_from_db()
    assert not bob.looks_after_children
    assert child not in selectors.loggable_profiles(bob)
    response = client_for(alice).post(
        reverse("households:member_children", args=[bob.pk]),
        {"looks_after_children": "on"},
        follow=True,
    )
    assert "Bob can look after the children." in response.content.decode()
    bob.refresh_from_db()
    assert bob.looks_after_children


def test_only_an_admin_chooses_who_looks_after_the_children(client_for, alice, bob):
    carol = add_member(alice, "carol@example.com", "Carol")
    client_for(bob).post(reverse("households:member_children", args=[carol.pk]), {})
    carol.refresh_from_db()
    assert carol.looks_after_children


def test_admin_edits_and_deletes_a_dependant(client_for, alice, child):
    client = client_for(alice)
    client.post(
        reverse("households:profile_edit", args=[child.pk]),
        {**PROFILE_FORM, "name": "Robin J", "time_zone": "America/New_York"},
    )
    child.refresh_from_db()
    assert (child.name, child.time_zone) == ("Robin J", "America/New_York")
    page = client.get(reverse("households:profile_delete", args=[child.pk])).content.decode()
    assert "every night and checklist logged for them" in page
    url = reverse("households:profile_delete", args=[child.pk])
    client.post(url)  # without the password: nothing happens
    assert Profile.objects.filter(pk=child.pk).exists()
    client.post(url, {"password": "a-long-password-1"})
    assert not Profile.objects.filter(pk=child.pk).exists()


def test_own_profile_cannot_be_deleted_as_a_dependant(client_for, alice):
    client_for(alice).post(reverse("households:profile_delete", args=[alice.profile.pk]))
    assert Profile.objects.filter(pk=alice.profile.pk).exists()


def test_an_adult_edits_their_own_profile_and_sharing(client_for, bob):
    client_for(bob).post(
        reverse("households:profile_edit", args=[bob.profile.pk]),
        {**PROFILE_FORM, "name": "Bobby", "shared_with_household": "on"},
    )
    bob.profile.refresh_from_db()
    assert bob.profile.name == "Bobby"
    assert bob.profile.shared_with_household


def test_an_unshared_adult_profile_is_private(client_for, alice, bob):
    assert bob.profile not in selectors.visible_profiles(alice)
    page = client_for(alice).get(reverse("households:detail")).content.decode()
    assert "bob@example.com" in page  # Bob is a member…
    assert "shares with you" not in page  # …but his profile is not shown as shared
    assert (
        client_for(alice).get(reverse("households:profile_edit", args=[bob.profile.pk])).status_code
        == 404
    )


def test_a_shared_adult_profile_is_visible_read_only(client_for, alice, bob):
    bob.profile.shared_with_household = True
    bob.profile.save()
    assert bob.profile in selectors.visible_profiles(alice)
    assert bob.profile not in selectors.loggable_profiles(alice)
    page = client_for(alice).get(reverse("households:detail")).content.decode()
    assert "shares with you" in page
    assert (
        client_for(alice).get(reverse("households:profile_edit", args=[bob.profile.pk])).status_code
        == 404
    )


def test_another_household_sees_nothing(alice, child, mallory):
    assert not selectors.visible_profiles(mallory).filter(household=alice.household).exists()
    assert not selectors.loggable_profiles(mallory).filter(household=alice.household).exists()
