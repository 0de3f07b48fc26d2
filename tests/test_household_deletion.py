"""A household admin deletes the whole household.

The choice made here: the admin's own account and journal, the children, the household's
routines, invites and list entries go. The other adults' journals are theirs, not the admin's
(leaving never deletes a person's own data): they keep their accounts and journals, each moved to
a household of their own exactly as if removed, with the routines only they follow. The page says
all of this, naming them, before the admin types the household's name and their password."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from households.models import Household, Invite, User
from journal.models import Disturbance, IntakeItem, Night
from routines.models import Routine
from tests.conftest import add_dependant, add_member
from tests.deletion_data import fill_journal
from tests.fixtures.routines import make_routine
from tests.test_account_deletion import PASSWORD, lost, text, totals

URL = "/household/delete/"


def confirmed(name: str = "The Smiths", password: str = PASSWORD) -> dict[str, str]:
    return {"household_name": name, "password": password}


@pytest.fixture
def smiths(alice, bob, mallory):
    """The Smiths: Alice (admin), Bob and Carol, children Kit and Robin; Mallory's next door."""
    household = alice.household
    household.name = "The Smiths"
    household.save()
    carol = add_member(alice, "carol@example.com", "Carol")
    kit = add_dependant(alice, "Kit")
    add_dependant(alice, "Robin")
    barking = Disturbance.objects.create(household=household, name="Dog barking")
    juice = IntakeItem.objects.create(household=household, name="Cherry juice")
    bedtime = make_routine([kit], name="Kit's bedtime")
    make_routine([alice.profile, bob.profile], name="Family wind down")
    make_routine([bob.profile], name="Bob's yoga")
    make_routine([bob.profile, carol.profile], name="Grown-ups' reading")
    fill_journal(alice.profile, first=date(2026, 9, 1), nights=20, item=juice)
    fill_journal(kit, first=date(2024, 3, 12), nights=100, disturbance=barking, routine=bedtime)
    fill_journal(bob.profile, first=date(2026, 1, 1), nights=50, disturbance=barking)
    Invite.objects.create(household=household, created_by=alice)
    Invite.objects.create(household=household, created_by=alice, revoked_at=timezone.now())
    fill_journal(mallory.profile, first=date(2026, 1, 1), nights=9)
    make_routine([mallory.profile], name="Mallory's routine")
    return household


def test_the_page_counts_what_goes_and_names_who_stays(client_for, alice, smiths):
    page = text(client_for(alice).get(URL))
    assert "Delete The Smiths?" in page
    assert "Bob and Carol are not deleted" in page
    assert "Your account (alice@example.com): you are signed out" in page
    assert (
        "Your journal: 20 nights from 1 September 2026 to 20 September 2026 "
        "and 10 intake entries." in page
    )
    assert (
        "Kit's journal: 100 nights from 12 March 2024 to 19 June 2024, "
        "34 disturbances noted and 25 checklists." in page
    )
    assert "Robin's profile, with nothing logged yet." in page
    assert "The household “The Smiths” itself." in page
    # Bob takes his own routine; the one he shares with Carol only goes with one of them.
    assert "2 routines of the household: Family wind down and Kit's bedtime." in page
    assert "2 invite links (1 still open)." in page
    assert "2 entries the household added to the “Disturbances and intake” lists" in page
    assert "The accounts and own journals of Bob and Carol, each moved to a household" in page
    assert "Bob's journal" not in page  # a private journal is not the admin's to count
    assert reverse("exchange:household_json") in page
    assert reverse("exchange:household_csv") in page
    assert 'name="household_name"' in page and 'name="password"' in page


def test_deleting_removes_what_the_page_said_and_the_others_keep_theirs(
    client_for, alice, bob, smiths, mallory
):
    carol = User.objects.get(email="carol@example.com")
    before = totals()
    response = client_for(alice).post(URL, confirmed(), follow=True)
    assert "The household “The Smiths” and your account are deleted." in text(response)
    assert not Household.objects.filter(pk=smiths.pk).exists()
    assert not User.objects.filter(pk=alice.pk).exists()
    changes = lost(before)
    assert changes["users"] == 1
    assert changes["households"] == 1 - 2  # the Smiths go; Bob and Carol each have their own
    assert changes["profiles"] == 3  # Alice, Kit, Robin
    assert changes["nights"] == 120
    assert changes["checklists"] == 25
    assert changes["routines"] == 2
    assert changes["invites"] == 2

    bob.refresh_from_db()
    carol.refresh_from_db()
    assert bob.household.name == "Bob's household" and bob.role == User.Role.ADMIN
    assert carol.household.name == "Carol's household"
    assert Night.objects.filter(profile=bob.profile).count() == 50
    # Bob's nights keep their disturbance: the household's entry was copied for him first.
    assert Disturbance.objects.get(household=bob.household).name == "Dog barking"
    assert Night.objects.filter(profile=bob.profile, disturbances__name="Dog barking").count() == 17
    assert set(Routine.objects.values_list("name", "household")) == {
        ("Bob's yoga", bob.household_id),
        ("Grown-ups' reading", carol.household_id),
        ("Mallory's routine", mallory.household_id),
    }
    assert Night.objects.filter(profile=mallory.profile).count() == 9


def test_bob_signs_in_to_his_own_household_afterwards(client_for, alice, bob, smiths):
    client_for(alice).post(URL, confirmed())
    page = text(client_for(bob).get(reverse("households:detail")))
    assert "Bob's household" in page
    assert "Kit" not in page


def test_the_name_is_typed_loosely_but_must_be_the_households(client_for, alice, smiths):
    client_for(alice).post(URL, confirmed(name="  the   SMITHS "))
    assert not Household.objects.filter(pk=smiths.pk).exists()


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (confirmed(name="The Joneses"), "That is not the household's name: type “The Smiths”."),
        (confirmed(password="wrong"), "That is not your password."),
        ({}, "This field is required."),
    ],
)
def test_a_wrong_name_or_password_deletes_nothing(client_for, alice, smiths, data, error):
    before = totals()
    response = client_for(alice).post(URL, data)
    assert response.status_code == 200
    assert error in text(response)
    assert lost(before) == {}


def test_a_member_is_refused_with_a_message(client_for, bob, smiths):
    before = totals()
    for response in (
        client_for(bob).get(URL, follow=True),
        client_for(bob).post(URL, confirmed(), follow=True),
    ):
        assert response.redirect_chain[-1][0] == reverse("households:detail")
        assert "Only a household admin can delete the household." in text(response)
    assert lost(before) == {}


def test_only_admins_are_offered_the_page(client_for, alice, bob, smiths):
    assert URL in client_for(alice).get(reverse("households:detail")).content.decode()
    assert URL not in client_for(bob).get(reverse("households:detail")).content.decode()


def test_one_member_who_stays_is_named_in_the_singular(client_for, alice, bob):
    page = text(client_for(alice).get(URL))
    assert "Bob is not deleted." in page
    assert "Bob's account and own journal moved to a household of their own" in page


def test_alone_with_the_children_nobody_stays(client_for, mallory):
    add_dependant(mallory, "Pip")
    page = text(client_for(mallory).get(URL))
    assert "are not deleted" not in page and "What stays" not in page
    assert "Pip's profile, with nothing logged yet." in page


def test_the_page_reads_a_fixed_number_of_queries(
    client_for, alice, smiths, django_assert_max_num_queries
):
    for name in ("Dee", "Eve", "Fay"):
        add_member(alice, f"{name.lower()}@example.com", name)
        fill_journal(add_dependant(alice, f"{name}'s child"), first=date(2026, 1, 1), nights=30)
    client = client_for(alice)
    with django_assert_max_num_queries(15):
        response = client.get(URL)
    assert "Fay's child's journal: 30 nights" in text(response)


def test_the_admin_site_still_lists_and_deletes_after_a_household_went(
    client, client_for, alice, bob, smiths
):
    client_for(alice).post(URL, confirmed())
    root = User.objects.create_superuser(email="root@example.com", password="x", name="Root")
    client.force_login(root, backend="django.contrib.auth.backends.ModelBackend")
    for model in ("household", "user", "profile", "invite"):
        assert client.get(reverse(f"admin:households_{model}_changelist")).status_code == 200
    bob.refresh_from_db()
    delete = reverse("admin:households_user_delete", args=[bob.pk])
    assert client.get(delete).status_code == 200
    assert client.post(delete, {"post": "yes"}).status_code == 302
    assert not User.objects.filter(pk=bob.pk).exists()


def test_a_hostile_household_name_is_shown_as_text(client_for, alice):
    alice.household.name = "<b>Smiths</b>"
    alice.household.save()
    page = client_for(alice).get(URL).content.decode()
    assert "<b>" not in page
    assert "Type “&lt;b&gt;Smiths&lt;/b&gt;” to confirm" in page


def test_a_deletion_confirmed_for_a_household_one_has_left_deletes_nothing(alice, bob, smiths):
    """Two admins deleting at once: the first moved the second out; the second's request,
    confirmed for the old household, must not delete the household they are in now."""
    from households import services

    bob.role = User.Role.ADMIN
    bob.save()
    stale_bob = User.objects.get(pk=bob.pk)
    stale_household = stale_bob.household
    services.delete_household(by=alice, household=smiths)
    before = totals()
    with pytest.raises(services.HouseholdRuleError):
        services.delete_household(by=stale_bob, household=stale_household)
    assert lost(before) == {}
    assert User.objects.filter(pk=bob.pk).exists()
