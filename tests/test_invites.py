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


def test_the_last_admin_of_a_shared_household_must_hand_over_before_joining(
    client_for, alice, mallory
):
    add_member(mallory, "trent@example.com", "Trent")
    invite = Invite.objects.create(household=alice.household)
    response = client_for(mallory).post(reverse("accept_invite", args=[invite.token]), follow=True)
    assert "You are the last admin of Mallory&#x27;s household" in response.content.decode()
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


def test_an_invite_with_an_address_is_emailed_with_the_quick_starts_console_mail(client_for, alice):
    response = client_for(alice).post(
        reverse("households:invite_create"),
        {"email": "carol@example.com", "role": "member", "looks_after_children": "on"},
        follow=True,
    )
    invite = Invite.objects.get()
    assert len(mail.outbox) == 1
    assert reverse("accept_invite", args=[invite.token]) in mail.outbox[0].body
    page = response.content.decode()
    assert "printed to the server log" in page
    assert "Copy link" in page  # the link is still there to copy


def test_a_name_with_a_line_break_does_not_break_the_invite_email(client_for, alice):
    User.objects.filter(pk=alice.pk).update(name="Alice\r\nBcc: everyone@example.com")
    alice.refresh_from_db()
    response = client_for(alice).post(
        reverse("households:invite_create"), {"email": "carol@example.com", "role": "member"}
    )
    assert response.status_code == 302
    subject = mail.outbox[0].subject
    assert "\n" not in subject and "\r" not in subject
    assert subject.startswith("Alice Bcc: everyone@example.com invites you")


def test_a_name_with_a_line_break_is_refused_at_sign_up(client, db):
    response = client.post(reverse("signup"), {**NEW_PERSON, "name": "Carol\nBcc: x@example.com"})
    assert "Use a single line without control characters." in response.content.decode()
    assert not User.objects.filter(email=NEW_PERSON["email"]).exists()


@pytest.mark.parametrize("looks_after", [True, False])
def test_the_admin_chooses_whether_a_newcomer_looks_after_the_children(
    client_for, client, alice, child, looks_after
):
    data = {"role": "member", **({"looks_after_children": "on"} if looks_after else {})}
    client_for(alice).post(reverse("households:invite_create"), data)
    invite = Invite.objects.get()
    assert invite.looks_after_children is looks_after
    client.logout()
    client.post(reverse("accept_invite", args=[invite.token]), NEW_PERSON)
    carol = User.objects.get(email=NEW_PERSON["email"])
    assert carol.looks_after_children is looks_after
    assert (child in Profile.objects.loggable_by(carol)) is looks_after
    edit = client.get(reverse("households:profile_edit", args=[child.pk]))
    assert edit.status_code == (200 if looks_after else 404)


def test_joining_with_an_account_takes_the_invites_rights_over_the_children(
    client_for, alice, child
):
    dana = make_account("dana@example.com", "Dana")
    invite = Invite.objects.create(household=alice.household, looks_after_children=False)
    client_for(dana).post(reverse("accept_invite", args=[invite.token]))
    dana.refresh_from_db()
    assert dana.household == alice.household
    assert child not in Profile.objects.loggable_by(dana)
