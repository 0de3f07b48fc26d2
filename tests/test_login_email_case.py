"""An email address signs in however it is capitalised: sign-up stores it in lower case."""

from datetime import UTC, datetime

import pytest
from django.core import mail
from django.urls import reverse


@pytest.fixture(autouse=True)
def _today_is_fixed(freeze):
    """A fixed moment for the lock-out window to count from, whatever the real date (issue 7)."""
    freeze(datetime(2026, 11, 10, 12, 0, tzinfo=UTC))


def test_sign_in_with_the_email_in_other_capitals(client, alice):
    response = client.post(
        reverse("login"), {"username": "ALICE@Example.com", "password": "a-long-password-1"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("routines:tonight")
    assert client.get(reverse("households:detail")).context["user"] == alice


def test_a_wrong_password_is_still_refused_whatever_the_capitals(client, alice):
    response = client.post(reverse("login"), {"username": "ALICE@Example.com", "password": "x"})
    assert response.status_code == 200
    assert "didn't match" in response.content.decode()


def test_capitals_do_not_buy_extra_attempts_before_the_lock(client, alice, settings):
    spellings = ["alice@example.com", "Alice@example.com", "ALICE@example.com", "aLiCe@Example.com"]
    for number in range(settings.AXES_FAILURE_LIMIT):
        username = spellings[number % len(spellings)]
        response = client.post(reverse("login"), {"username": username, "password": "x"})
    assert response.status_code == 429
    response = client.post(
        reverse("login"), {"username": "ALICE@EXAMPLE.COM", "password": "a-long-password-1"}
    )
    assert response.status_code == 429


def test_password_reset_finds_the_account_whatever_the_capitals(client, alice):
    client.post(reverse("password_reset"), {"email": "Alice@EXAMPLE.com"})
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["alice@example.com"]
