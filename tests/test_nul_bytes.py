"""A NUL byte anywhere in a request is refused with 400 before any view (or database) sees it.

PostgreSQL cannot store or compare text containing NUL, so such a value reaching a query is a
500. Django's form fields already refuse NUL, but URL parameters and query strings read by views
do not go through a form: config.middleware.RejectNulBytesMiddleware answers for all of them.
"""

import pytest
from django.urls import reverse

from households.models import User


@pytest.fixture
def logged_in(client_for, alice):
    return client_for(alice)


def test_an_invite_token_with_a_nul_byte_is_a_bad_request(client, db):
    response = client.get("/invite/abc%00def/")
    assert response.status_code == 400


def test_a_signed_in_post_to_an_invite_with_a_nul_byte_is_a_bad_request(logged_in):
    response = logged_in.post("/invite/%00/")
    assert response.status_code == 400


def test_a_query_parameter_with_a_nul_byte_is_a_bad_request(logged_in):
    response = logged_in.get(reverse("journal:history"), {"colour": "blue\x00"})
    assert response.status_code == 400


def test_a_query_parameter_name_with_a_nul_byte_is_a_bad_request(logged_in):
    response = logged_in.get(reverse("journal:history") + "?col%00our=blue")
    assert response.status_code == 400


def test_a_posted_field_with_a_nul_byte_is_a_bad_request(client, db):
    response = client.post(
        reverse("signup"),
        {
            "name": "Eve\x00",
            "email": "eve@example.com",
            "password": "a-long-password-1",
            "time_zone": "UTC",
        },
    )
    assert response.status_code == 400
    assert not User.objects.filter(email="eve@example.com").exists()


def test_a_posted_field_name_with_a_nul_byte_is_a_bad_request(client, db):
    response = client.post(reverse("login"), {"user\x00name": "x", "password": "y"})
    assert response.status_code == 400


def test_ordinary_requests_pass(client, db):
    assert client.get("/invite/abcdef/").status_code == 404
    assert client.get(reverse("login"), {"next": "/journal/"}).status_code == 200
