"""A database that does not answer gives a friendly 503 (try again), never a 500 (our bug).

These tests fail the database inside one process; tests/test_database_outage.py stops a real
PostgreSQL under a running server and starts it again.
"""

from unittest import mock

import pytest
from django.db import InterfaceError, OperationalError
from django.test import Client

from config import errors


def _handled(error: Exception, rf):
    try:
        raise error
    except Exception:
        return errors.server_error(rf.get("/"))


@pytest.mark.parametrize(
    "error", [OperationalError("connection refused"), InterfaceError("connection already closed")]
)
def test_a_database_error_becomes_a_503_asking_to_try_again(error, rf):
    response = _handled(error, rf)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    page = response.content.decode()
    assert "Back in a moment" in page and "was not saved" in page
    assert "refused" not in page and "closed" not in page


def test_any_other_error_stays_a_500(rf):
    response = _handled(ValueError("a bug"), rf)
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()


def _browser() -> Client:
    # As a browser sees it: the exception is handled by Django, not re-raised into the test.
    return Client(raise_request_exception=False)


def test_a_page_whose_session_lookup_fails_answers_503(alice):
    browser = _browser()
    browser.force_login(alice, backend="django.contrib.auth.backends.ModelBackend")
    failing = OperationalError("server closed the connection unexpectedly")
    with mock.patch("django.contrib.sessions.backends.db.SessionStore.load", side_effect=failing):
        response = browser.get("/")
    assert response.status_code == 503
    assert "Back in a moment" in response.content.decode()


def test_a_post_whose_transaction_cannot_open_answers_503(alice):
    browser = _browser()
    browser.force_login(alice, backend="django.contrib.auth.backends.ModelBackend")
    # ATOMIC_REQUESTS opens a transaction around the view: with the server gone that fails
    # before the view runs.
    failing = OperationalError("connection refused")
    with mock.patch("django.db.transaction.Atomic.__enter__", side_effect=failing):
        response = browser.post("/journal/log/", {})
    assert response.status_code == 503
    assert "Back in a moment" in response.content.decode()
