"""Production settings: headers, cookies, throttling, hashing, safe redirects, check --deploy."""

import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.contrib.auth.hashers import Argon2PasswordHasher
from django.urls import reverse


@pytest.fixture(autouse=True)
def _today_is_fixed(freeze):
    """A fixed moment for the lock-out window to count from, whatever the real date (issue 7)."""
    freeze(datetime(2026, 11, 10, 12, 0, tzinfo=UTC))


ROOT = Path(__file__).resolve().parent.parent


def test_production_response_has_strict_csp_hsts_and_safe_headers(client, db):
    response = client.get(reverse("login"), secure=True)
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_cookies_are_secure_and_http_only(client, alice):
    page = client.get(reverse("login"), secure=True)
    csrf = page.cookies["csrftoken"]
    assert csrf["secure"] and csrf["httponly"]
    response = client.post(
        reverse("login"),
        {"username": "alice@example.com", "password": "a-long-password-1"},
        secure=True,
    )
    session = response.cookies["sessionid"]
    assert session["secure"] and session["httponly"]
    assert session["samesite"] == "Lax"


def test_plain_http_is_redirected_to_https(client, db, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get(reverse("login"))
    assert response.status_code == 301
    assert response["Location"].startswith("https://")


def test_pages_load_no_inline_script(client_for, alice):
    page = client_for(alice).get(reverse("households:detail")).content.decode()
    assert "<script>" not in page and " onclick=" not in page
    assert 'hx-headers=\'{"X-CSRFToken": "' in page
    assert '"includeIndicatorStyles": false' in page


def test_next_only_redirects_within_the_site(client, alice):
    credentials = {"username": "alice@example.com", "password": "a-long-password-1"}
    response = client.post(reverse("login"), {**credentials, "next": "https://evil.example/"})
    assert response["Location"] == reverse("routines:tonight")
    client.logout()
    response = client.post(reverse("login"), {**credentials, "next": "/household/"})
    assert response["Location"] == "/household/"


def test_login_is_throttled_with_a_clear_message(client, alice, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post(reverse("login"), {"username": "alice@example.com", "password": "x"})
        assert "didn't match" in response.content.decode()
    response = client.post(reverse("login"), {"username": "alice@example.com", "password": "x"})
    assert response.status_code == 429
    assert "Too many sign-in attempts" in response.content.decode()
    # Even the right password is refused while locked.
    response = client.post(
        reverse("login"), {"username": "alice@example.com", "password": "a-long-password-1"}
    )
    assert response.status_code == 429


def test_passwords_are_hashed_with_argon2_in_production(settings):
    assert settings.PRODUCTION_PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    assert (
        Argon2PasswordHasher()
        .encode("secret", Argon2PasswordHasher().salt())
        .startswith("argon2$argon2id$")
    )


@pytest.mark.parametrize("url_name", ["households:detail", "routines:tonight", "journal:history"])
def test_pages_need_sign_in(client, db, url_name):
    response = client.get(reverse(url_name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_check_deploy_is_clean_with_production_settings():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "0",
        "SECRET_KEY": "k9$2vQ!x7Lm#pR4tZw8&yN1cB6hJ0sD3fG5jK-uE_oI+aT@vX*",
        "ALLOWED_HOSTS": "nightstand.example.org",
        "CSRF_TRUSTED_ORIGINS": "https://nightstand.example.org",
    }
    for test_only in ("SECURE_SSL_REDIRECT", "DJANGO_ALLOW_ASYNC_UNSAFE"):
        env.pop(test_only, None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_an_overlong_email_is_refused_by_the_form(client, alice):
    """Failed sign-ins are recorded for throttling in a column of 255 characters: an email
    longer than any account's is refused by the form before it is recorded (it was a 500)."""
    response = client.post(reverse("login"), {"username": "a" * 300, "password": "x"})
    assert response.status_code == 200
    assert "didn't match" in response.content.decode()
    assert "at most 254 characters" in str(response.context["form"].errors["username"])
