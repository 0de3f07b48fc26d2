"""A household admin deletes a dependant: the page counts the child's journal and offers its
export first; the admin's password confirms; exactly the child's things go."""

from datetime import date

import pytest
from django.urls import reverse

from journal.models import Disturbance, IntakeItem, Night
from routines.models import Routine
from tests.conftest import add_dependant
from tests.deletion_data import fill_journal
from tests.fixtures.routines import make_routine
from tests.test_account_deletion import PASSWORD, lost, text, totals


@pytest.fixture
def kit(alice, bob, mallory):
    """Kit, with 412 nights, a routine only Kit follows and one shared with Robin; Robin's and
    Mallory's child's journals beside them."""
    kit = add_dependant(alice, "Kit")
    robin = add_dependant(alice, "Robin")
    juice = IntakeItem.objects.create(household=alice.household, name="Cherry juice")
    cough = Disturbance.objects.create(household=alice.household, name="Cough")
    bedtime = make_routine([kit], name="Kit's bedtime")
    make_routine([kit, robin], name="Bath")
    fill_journal(
        kit, first=date(2024, 3, 12), nights=412, item=juice, disturbance=cough, routine=bedtime
    )
    fill_journal(robin, first=date(2026, 1, 1), nights=10, item=juice)
    fill_journal(add_dependant(mallory, "Kit"), first=date(2026, 1, 1), nights=3)
    return kit


def url(profile) -> str:
    return reverse("households:profile_delete", args=[profile.pk])


def test_the_page_counts_the_childs_journal(client_for, alice, kit):
    page = text(client_for(alice).get(url(kit)))
    assert (
        "Kit's journal: 412 nights from 12 March 2024 to 27 April 2025, 206 intake entries, "
        "138 disturbances noted and 103 checklists." in page
    )
    assert "1 routine nobody else follows: Kit's bedtime." in page
    assert "Routines others follow too: they keep them." in page
    assert "Download a copy first" in page
    assert reverse("exchange:profile_csv", args=[kit.pk]) in page
    assert reverse("exchange:profile_json", args=[kit.pk]) in page
    assert 'name="password"' in page


def test_deleting_removes_exactly_the_childs_things(client_for, alice, kit):
    before = totals()
    response = client_for(alice).post(url(kit), {"password": PASSWORD}, follow=True)
    assert "Deleted Kit and their journal." in text(response)
    assert lost(before) == {
        "profiles": 1,
        "nights": 412,
        "intake": 206,
        "disturbances noted": 138,
        "checklists": 103,
        "routines": 1,
    }
    bath = Routine.objects.get(name="Bath")
    assert [profile.name for profile in bath.followers.all()] == ["Robin"]
    assert Night.objects.filter(profile__name="Kit").count() == 3  # Mallory's Kit


def test_a_wrong_or_missing_password_deletes_nothing(client_for, alice, kit):
    before = totals()
    for data in ({"password": "wrong"}, {}):
        response = client_for(alice).post(url(kit), data)
        assert response.status_code == 200
        assert 'class="field has-error"' in response.content.decode()
    assert lost(before) == {}


def test_a_member_is_refused_with_a_message(client_for, bob, kit):
    before = totals()
    for response in (
        client_for(bob).get(url(kit), follow=True),
        client_for(bob).post(url(kit), {"password": PASSWORD}, follow=True),
    ):
        assert response.redirect_chain[-1][0] == reverse("households:detail")
        assert "Only a household admin can delete a child's profile." in text(response)
    assert lost(before) == {}


def test_another_households_child_is_not_found(client_for, mallory, kit):
    before = totals()
    assert client_for(mallory).get(url(kit)).status_code == 404
    assert client_for(mallory).post(url(kit), {"password": PASSWORD}).status_code == 404
    assert lost(before) == {}


def test_an_adults_profile_is_not_deleted_here(client_for, alice, bob):
    response = client_for(alice).post(url(alice.profile), {"password": PASSWORD}, follow=True)
    assert "To delete your own profile, delete your account." in text(response)
    assert client_for(alice).get(url(bob.profile)).status_code == 404


def test_the_page_reads_a_fixed_number_of_queries(
    client_for, alice, kit, django_assert_max_num_queries
):
    client = client_for(alice)
    with django_assert_max_num_queries(12):
        response = client.get(url(kit))
    assert "Kit's journal: 412 nights" in text(response)
