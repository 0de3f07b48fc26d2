"""Creating, editing and deleting a routine, and who may."""

from datetime import time

from django.urls import reverse

from routines.models import Routine

from .conftest import add_dependant
from .fixtures.routines import make_routine


def form_data(**overrides):
    data = {
        "name": "Evenings",
        "bedtime": "22:30",
        "alternate_bedtime": "",
        "active_weekdays": [0, 1, 2, 3, 4, 5, 6],
        "is_active": "on",
        "followers": [],
        "version": 1,  # the version the edit form was opened on
    }
    data.update(overrides)
    return data


def test_create_a_personal_routine(client_for, alice):
    client = client_for(alice)
    form = client.get(reverse("routines:create")).content.decode()
    assert "Who follows it" in form and "Alice" in form
    response = client.post(
        reverse("routines:create"),
        form_data(
            alternate_bedtime="23:30", alternate_weekdays=[4, 5], followers=[alice.profile.pk]
        ),
    )
    routine = Routine.objects.get()
    assert response["Location"] == reverse("routines:detail", kwargs={"routine_id": routine.pk})
    assert (routine.bedtime, routine.alternate_bedtime) == (time(22, 30), time(23, 30))
    assert routine.alternate_weekdays == [4, 5]
    assert list(routine.followers.all()) == [alice.profile]
    page = client.get(response["Location"]).content.decode()
    assert "Bed at 22:30, 23:30 on Fri, Sat" in page and "for Alice" in page


def test_a_shared_routine_for_two_children(client_for, alice, child):
    twin = add_dependant(alice, "Sasha")
    client_for(alice).post(reverse("routines:create"), form_data(followers=[child.pk, twin.pk]))
    assert set(Routine.objects.get().followers.all()) == {child, twin}


def test_followers_must_be_people_the_user_looks_after(client_for, alice, bob, mallory):
    client = client_for(alice)
    for other in (bob.profile, mallory.profile):
        response = client.post(reverse("routines:create"), form_data(followers=[other.pk]))
        assert response.status_code == 200
        assert "Select a valid choice" in response.content.decode()
    response = client.post(reverse("routines:create"), form_data())
    assert "This field is required" in response.content.decode()
    assert not Routine.objects.exists()


def test_an_alternate_bedtime_needs_a_time(client_for, alice):
    response = client_for(alice).post(
        reverse("routines:create"), form_data(alternate_weekdays=[5], followers=[alice.profile.pk])
    )
    assert "Set the alternate bedtime" in response.content.decode()


def test_editing_keeps_followers_the_user_cannot_change(client_for, alice, bob, child):
    # Bob and Robin share a routine; Alice (who may log for Robin, not Bob) edits it.
    routine = make_routine([bob.profile, child])
    client = client_for(alice)
    url = reverse("routines:edit", kwargs={"routine_id": routine.pk})
    assert "Evenings it runs" in client.get(url).content.decode()
    response = client.post(url, form_data(name="Renamed", followers=[child.pk, alice.profile.pk]))
    assert response.status_code == 302
    routine.refresh_from_db()
    assert routine.name == "Renamed"
    assert set(routine.followers.all()) == {bob.profile, child, alice.profile}


def test_turn_off_and_on(client_for, alice):
    routine = make_routine([alice.profile])
    url = reverse("routines:edit", kwargs={"routine_id": routine.pk})
    client_for(alice).post(url, form_data(is_active="", followers=[alice.profile.pk]))
    routine.refresh_from_db()
    assert not routine.is_active


def test_delete_asks_first(client_for, alice):
    routine = make_routine([alice.profile], name="Old habits")
    client = client_for(alice)
    url = reverse("routines:delete", kwargs={"routine_id": routine.pk})
    assert "Delete Old habits?" in client.get(url).content.decode()
    assert Routine.objects.exists()
    response = client.post(url)
    assert response["Location"] == reverse("routines:list")
    assert not Routine.objects.exists()


def test_an_adults_own_routine_is_theirs_alone(client_for, alice, bob):
    bob.profile.shared_with_household = True
    bob.profile.save()
    routine = make_routine([bob.profile], name="Bob's evenings")
    client = client_for(alice)
    # Alice may see it (Bob shares with the household) but not change it.
    page = client.get(reverse("routines:detail", kwargs={"routine_id": routine.pk}))
    assert "Bob&#x27;s evenings" in page.content.decode()
    assert "Edit routine" not in page.content.decode()
    for name in ("edit", "delete"):
        url = reverse(f"routines:{name}", kwargs={"routine_id": routine.pk})
        assert client.get(url).status_code == 404
        assert client.post(url, form_data(followers=[alice.profile.pk])).status_code == 404
    assert Routine.objects.get().name == "Bob's evenings"


def test_a_private_adults_routine_is_hidden(client_for, alice, bob):
    routine = make_routine([bob.profile], name="Bob's evenings")
    url = reverse("routines:detail", kwargs={"routine_id": routine.pk})
    assert client_for(alice).get(url).status_code == 404
    assert (
        "Bob&#x27;s evenings"
        not in client_for(alice).get(reverse("routines:list")).content.decode()
    )


def test_another_household_gets_404(client_for, alice, mallory):
    routine = make_routine([alice.profile])
    client = client_for(mallory)
    for name in ("detail", "edit", "delete"):
        url = reverse(f"routines:{name}", kwargs={"routine_id": routine.pk})
        assert client.get(url).status_code == 404
    assert (
        client.post(reverse("routines:delete", kwargs={"routine_id": routine.pk})).status_code
        == 404
    )
    assert Routine.objects.exists()
