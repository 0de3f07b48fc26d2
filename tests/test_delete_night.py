"""Deleting a night asks first."""

from datetime import date

from django.urls import reverse

from journal.models import Night

from .fixtures.journal import make_night


def url(night):
    return reverse("journal:delete", args=[night.pk])


def test_delete_asks_for_confirmation_first(client_for, alice, alice_night):
    response = client_for(alice).get(url(alice_night))
    assert "Delete Alice's night of Mon 2 Nov" in response.content.decode()
    assert Night.objects.filter(pk=alice_night.pk).exists()


def test_delete_removes_the_night(client_for, alice, alice_night):
    client = client_for(alice)
    response = client.post(url(alice_night))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('journal:history')}?profile={alice.profile.pk}"
    assert not Night.objects.filter(pk=alice_night.pk).exists()
    assert (
        "Deleted Alice&#x27;s night of 2 November"
        in client.get(response["Location"]).content.decode()
    )


def test_a_shared_night_cannot_be_deleted_by_another_adult(client_for, alice, bob, alice_night):
    alice.profile.shared_with_household = True
    alice.profile.save()
    assert client_for(bob).post(url(alice_night)).status_code == 404
    assert Night.objects.filter(pk=alice_night.pk).exists()


def test_any_adult_deletes_a_childs_night(client_for, alice, bob, child):
    night = make_night(child, date(2026, 11, 2))
    assert client_for(bob).post(url(night)).status_code == 302
    assert not Night.objects.filter(pk=night.pk).exists()


def test_another_household_gets_404(client_for, mallory, alice_night):
    assert client_for(mallory).post(url(alice_night)).status_code == 404
    assert Night.objects.filter(pk=alice_night.pk).exists()
