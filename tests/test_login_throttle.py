"""Sign-in throttling behind the reverse proxy: one person's wrong passwords lock out only them.

Behind the documented TLS proxy every request arrives from the proxy's address. Axes locks an
account for one (username, client address) pair, so the client address must come from the
X-Forwarded-For entry the trusted proxy wrote, never from the proxy's own address (everyone
would share one lock) nor from an entry the client wrote itself (an attacker would rotate it).
"""

import re
from datetime import UTC, datetime

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from config.proxy import client_ip


@pytest.fixture(autouse=True)
def _today_is_fixed(freeze):
    """A fixed moment for the lock-out window to count from, whatever the real date (issue 7)."""
    freeze(datetime(2026, 11, 10, 12, 0, tzinfo=UTC))


PROXY = "10.0.0.2"  # the reverse proxy, as the app server sees it
RIGHT = {"username": "alice@example.com", "password": "a-long-password-1"}
WRONG = {"username": "alice@example.com", "password": "not-her-password"}


@pytest.fixture
def behind_proxy(settings):
    settings.BEHIND_PROXY = True
    settings.TRUSTED_PROXY_COUNT = 1
    return settings


def visitor(forwarded_for: str) -> Client:
    """A browser whose requests pass through the proxy, which appends its address."""
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded_for)


def fail_until_locked(client: Client, limit: int) -> None:
    for _ in range(limit):
        response = client.post(reverse("login"), WRONG)
    assert response.status_code == 429
    assert "Too many sign-in attempts" in response.content.decode()


def test_wrong_passwords_from_one_visitor_do_not_lock_out_another(alice, behind_proxy):
    fail_until_locked(visitor("203.0.113.5"), behind_proxy.AXES_FAILURE_LIMIT)

    response = visitor("198.51.100.7").post(reverse("login"), RIGHT)
    assert response.status_code == 302
    assert response["Location"] == reverse("routines:tonight")


def test_the_locked_out_visitor_stays_locked_even_with_the_right_password(alice, behind_proxy):
    attacker = visitor("203.0.113.5")
    fail_until_locked(attacker, behind_proxy.AXES_FAILURE_LIMIT)
    assert attacker.post(reverse("login"), RIGHT).status_code == 429


def test_a_forged_forwarded_for_entry_does_not_escape_the_lock(alice, behind_proxy):
    # The client sends its own X-Forwarded-For; the proxy appends the real address after it.
    for number in range(behind_proxy.AXES_FAILURE_LIMIT):
        response = visitor(f"192.0.2.{number}, 203.0.113.5").post(reverse("login"), WRONG)
    assert response.status_code == 429
    assert visitor("192.0.2.99, 203.0.113.5").post(reverse("login"), RIGHT).status_code == 429


def test_without_behind_proxy_the_header_is_ignored(alice, settings):
    settings.BEHIND_PROXY = False
    fail_until_locked(visitor("203.0.113.5"), settings.AXES_FAILURE_LIMIT)
    # Everyone arriving from the same address is the same client when no proxy is trusted.
    assert visitor("198.51.100.7").post(reverse("login"), RIGHT).status_code == 429


def test_a_password_reset_unlocks_the_account(alice, behind_proxy):
    browser = visitor("203.0.113.5")
    fail_until_locked(browser, behind_proxy.AXES_FAILURE_LIMIT)

    browser.post(reverse("password_reset"), {"email": "alice@example.com"})
    link = re.search(r"https?://[^/]+(/accounts/password/reset/\S+/)", mail.outbox[0].body)[1]
    set_url = browser.get(link, follow=True).redirect_chain[-1][0]
    browser.post(
        set_url, {"new_password1": "fresh-long-pass-7", "new_password2": "fresh-long-pass-7"}
    )

    response = browser.post(
        reverse("login"), {"username": "alice@example.com", "password": "fresh-long-pass-7"}
    )
    assert response.status_code == 302


class FakeRequest:
    def __init__(self, remote_addr: str, forwarded_for: str | None = None):
        self.META = {"REMOTE_ADDR": remote_addr}
        if forwarded_for is not None:
            self.META["HTTP_X_FORWARDED_FOR"] = forwarded_for


@pytest.mark.parametrize(
    ("count", "forwarded_for", "expected"),
    [
        (1, "203.0.113.5", "203.0.113.5"),
        (1, "1.2.3.4, 203.0.113.5", "203.0.113.5"),  # the client's own entry is ignored
        (2, "1.2.3.4, 203.0.113.5, 10.0.0.9", "203.0.113.5"),  # two proxies, each appended
        (2, "203.0.113.5", PROXY),  # fewer entries than proxies: not through them all
        (1, "", PROXY),
        (1, None, PROXY),
        (1, "not-an-address", PROXY),
        (1, "2001:db8::1", "2001:db8::1"),
    ],
)
def test_client_ip_reads_the_entry_the_outermost_trusted_proxy_wrote(
    settings, count, forwarded_for, expected
):
    settings.BEHIND_PROXY = True
    settings.TRUSTED_PROXY_COUNT = count
    assert client_ip(FakeRequest(PROXY, forwarded_for)) == expected


def test_client_ip_is_the_connection_address_when_not_behind_a_proxy(settings):
    settings.BEHIND_PROXY = False
    assert client_ip(FakeRequest(PROXY, "203.0.113.5")) == PROXY
