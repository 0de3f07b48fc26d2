"""The household's lists of disturbances and intake items."""

from django.urls import reverse

from journal.models import Disturbance, IntakeItem

CATALOGUE = reverse("journal:catalogue")


def test_everyone_sees_the_lists(client_for, alice, bob):
    page = client_for(bob).get(CATALOGUE).content.decode()
    assert "Restless legs" in page and "Melatonin" in page
    assert 'name="kind"' not in page  # only admins add


def test_an_admin_adds_a_disturbance_and_the_form_offers_it(client_for, alice, bob):
    client = client_for(alice)
    response = client.post(CATALOGUE, {"kind": "disturbance", "name": "Dog barking"}, follow=True)
    assert "Added “Dog barking”." in response.content.decode()
    entry = Disturbance.objects.get(name="Dog barking")
    assert entry.household == alice.household
    assert "Dog barking" in client_for(bob).get(reverse("journal:log")).content.decode()


def test_an_admin_adds_an_intake_item(client_for, alice):
    client_for(alice).post(CATALOGUE, {"kind": "intake", "name": "Herbal tea"})
    assert IntakeItem.objects.get(name="Herbal tea").household == alice.household


def test_a_member_cannot_add(client_for, alice, bob):
    response = client_for(bob).post(
        CATALOGUE, {"kind": "intake", "name": "Herbal tea"}, follow=True
    )
    assert "Only a household admin" in response.content.decode()
    assert not IntakeItem.objects.filter(name="Herbal tea").exists()


def test_other_households_entries_stay_theirs(client_for, alice, mallory):
    client_for(mallory).post(CATALOGUE, {"kind": "disturbance", "name": "Their dog"})
    assert "Their dog" not in client_for(alice).get(CATALOGUE).content.decode()
    assert "Their dog" not in client_for(alice).get(reverse("journal:log")).content.decode()
