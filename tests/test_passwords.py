import re

from django.core import mail
from django.urls import reverse


def test_change_password(client_for, alice):
    client = client_for(alice)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": "a-long-password-1",
            "new_password1": "another-long-pass-2",
            "new_password2": "another-long-pass-2",
        },
        follow=True,
    )
    assert "Your new password is in place" in response.content.decode()
    alice.refresh_from_db()
    assert alice.check_password("another-long-pass-2")
    # Still signed in after the change.
    assert client.get(reverse("households:detail")).status_code == 200


def test_change_password_with_wrong_old_password_says_so(client_for, alice):
    response = client_for(alice).post(
        reverse("password_change"),
        {
            "old_password": "nope",
            "new_password1": "x-long-pass-99",
            "new_password2": "x-long-pass-99",
        },
    )
    assert "Your old password was entered incorrectly" in response.content.decode()


def test_reset_password_by_email(client, alice):
    response = client.post(reverse("password_reset"), {"email": "alice@example.com"}, follow=True)
    assert "Check your email" in response.content.decode()
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/accounts/password/reset/\S+/)", mail.outbox[0].body)[1]
    form_page = client.get(link, follow=True)
    assert "Choose a new password" in form_page.content.decode()
    set_url = form_page.redirect_chain[-1][0]
    response = client.post(
        set_url,
        {"new_password1": "fresh-long-pass-7", "new_password2": "fresh-long-pass-7"},
        follow=True,
    )
    assert "You can" in response.content.decode() and "sign in" in response.content.decode()
    alice.refresh_from_db()
    assert alice.check_password("fresh-long-pass-7")
    # The link works once.
    assert "already been used" in client.get(link, follow=True).content.decode()


def test_reset_for_an_unknown_email_reveals_nothing(client, db):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.com"}, follow=True)
    assert "Check your email" in response.content.decode()
    assert not mail.outbox
