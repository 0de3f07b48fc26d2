from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from households.models import Invite, Profile, User

from .conftest import add_member, make_account

NEW_PERSON = {
    "name": "Carol",
    "email": "carol@example.com",
    "password": "quiet-nights-42",
    "time_zone": "Europe/Paris",
}


@pytest.fixture
def invite(alice):
    return Invite.objects.create(household=alice.household, created_by=alice)


def test_admin_creates_an_invite_link_to_copy(client_for, alice):
    response = client_for(alice).post(reverse("households:invite_create"), {"role": "member"})
    assert response.status_code == 302
    invite = Invite.objects.get()
    page = client_for(alice).get(reverse("households:detail")).content.decode()
    assert reverse("accept_invite", args=[invite.token]) in page
    assert "Copy link" in page
    assert not mail.outbox  # console email is not "configured": no mail is sent


def test_invite_is_emailed_when_email_is_configured(client_for, alice, settings):
    settings.EMAIL_CONFIGURED = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    client_for(alice).post(
        reverse("households:invite_create"), {"email": "carol@example.com", "role": "member"}
    )
    invite = Invite.objects.get()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["carol@example.com"]
    assert reverse("accept_invite", args=[invite.token]) in mail.outbox[0].body


def test_members_cannot_invite(client_for, bob):
    response = client_for(bob).post(reverse("households:invite_create"), {"role": "member"})
    assert response.status_code == 302
    assert not Invite.objects.exists()
    page = client_for(bob).get(reverse("households:detail")).content.decode()
    assert "Only a household admin can do that." in page
    assert "Invite someone" not in page


def test_accepting_an_invite_creates_an_account_in_the_household(client, alice, invite):
    url = reverse("accept_invite", args=[invite.token])
    page = client.get(url).content.decode()
    assert f"Join {alice.household.name}" in page.replace("&#x27;", "'")
    response = client.post(url, NEW_PERSON)
    assert response.status_code == 302
    carol = User.objects.get(email="carol@example.com")
    assert carol.household == alice.household
    assert carol.role == User.Role.MEMBER
    assert Profile.objects.get(user=carol).time_zone == "Europe/Paris"
    invite.refresh_from_db()
    assert invite.status == "used"
    assert invite.used_by == carol


def test_invite_with_admin_role_makes_an_admin(client, alice):
    invite = Invite.objects.create(household=alice.household, role=User.Role.ADMIN)
    client.post(reverse("accept_invite", args=[invite.token]), NEW_PERSON)
    assert User.objects.get(email="carol@example.com").is_household_admin


def test_a_used_link_cannot_be_used_again(client, alice, invite):
    url = reverse("accept_invite", args=[invite.token])
    client.post(url, NEW_PERSON)
    client.logout()
    response = client.post(url, {**NEW_PERSON, "email": "dave@example.com", "name": "Dave"})
    assert response.status_code == 410
    assert "It has been used" in response.content.decode()
    assert not User.objects.filter(email="dave@example.com").exists()


def test_an_expired_link_is_refused(client, alice, invite):
    invite.expires_at = timezone.now() - timedelta(minutes=1)
    invite.save()
    response = client.post(reverse("accept_invite", args=[invite.token]), NEW_PERSON)
    assert response.status_code == 410
    assert "It has been expired" in response.content.decode()
    assert not User.objects.filter(email="carol@example.com").exists()


def test_a_revoked_link_is_refused(client_for, client, alice, invite):
    client_for(alice).post(reverse("households:invite_revoke", args=[invite.pk]))
    invite.refresh_from_db()
    assert invite.status == "revoked"
    client.logout()
    response = client.get(reverse("accept_invite", args=[invite.token]))
    assert response.status_code == 410
    assert "It has been revoked" in response.content.decode()


def test_an_unknown_token_is_404(client, db):
    assert client.get(reverse("accept_invite", args=["nope"])).status_code == 404


def test_another_household_cannot_revoke(client_for, mallory, invite):
    response = client_for(mallory).post(reverse("households:invite_revoke", args=[invite.pk]))
    assert response.status_code == 404
    invite.refresh_from_db()
    assert invite.is_usable


def test_someone_alone_in_their_household_can_join_with_their_account(client_for, alice, invite):
    dana = make_account("dana@example.com", "Dana")
    old_household = dana.household
    client = client_for(dana)
    url = reverse("accept_invite", args=[invite.token])
    assert "You are signed in as dana@example.com" in client.get(url).content.decode()
    client.post(url)
    dana.refresh_from_db()
    assert dana.household == alice.household
    assert dana.profile.household == alice.household
    assert not type(old_household).objects.filter(pk=old_household.pk).exists()


def test_someone_sharing_a_household_must_leave_it_before_joining(client_for, alice, mallory):
    add_member(mallory, "trent@example.com", "Trent")
    invite = Invite.objects.create(household=alice.household)
    response = client_for(mallory).post(reverse("accept_invite", args=[invite.token]), follow=True)
    assert "Leave it first" in response.content.decode()
    mallory.refresh_from_db()
    assert mallory.household != alice.household
    assert Invite.objects.get(pk=invite.pk).is_usable


def test_a_newcomer_with_a_taken_name_gets_a_distinct_profile_name(client, alice, invite):
    client.post(
        reverse("accept_invite", args=[invite.token]),
        {**NEW_PERSON, "name": "Alice", "email": "other.alice@example.com"},
    )
    newcomer = User.objects.get(email="other.alice@example.com")
    assert newcomer.profile.name == "Alice (2)"
