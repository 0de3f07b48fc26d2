from unittest import mock

from django.db import OperationalError
from django.urls import reverse


def test_healthz_answers_200_when_the_database_answers(client, db):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_answers_503_when_the_database_does_not(client, db):
    with mock.patch("households.views.connection") as connection:
        connection.cursor.side_effect = OperationalError("connection refused")
        response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unavailable"}


def test_healthz_logs_the_database_error_but_shows_it_to_nobody(client, db, caplog):
    error = OperationalError('connection to server at "db.internal" (10.1.2.3) refused')
    with mock.patch("households.views.connection") as connection:
        connection.cursor.side_effect = error
        response = client.get(reverse("healthz"))
    body = response.content.decode()
    assert "db.internal" not in body and "10.1.2.3" not in body and "refused" not in body
    assert "db.internal" in caplog.text
    assert any(record.levelname == "WARNING" for record in caplog.records)


def test_healthz_needs_no_login_and_no_https_redirect(client, db, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get(reverse("healthz")).status_code == 200
