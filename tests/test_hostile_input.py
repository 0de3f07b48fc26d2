"""Server errors that hostile input used to cause (issue 7, item 3, and one more the fuzz tests
found), each reproduced on its own: every one now answers a form error or a 4xx. The fuzz tests
in test_fuzz_forms.py and test_fuzz_urls.py find them too.
"""

import re

import pytest
from django.urls import reverse

from .fixtures.journal import night_post


def _no_server_error(response):
    assert response.status_code < 500


def test_logging_a_night_on_the_last_day_python_knows(client_for, alice):
    data = night_post(alice.profile, night_date="9999-12-31")
    response = client_for(alice).post(reverse("journal:log"), data)
    _no_server_error(response)
    assert response.status_code == 200
    assert "date" in response.context["form"].errors


def test_validating_a_new_night_on_the_last_day_python_knows(client_for, alice):
    data = night_post(alice.profile, night_date="9999-12-31")
    response = client_for(alice).post(reverse("journal:validate"), data)
    _no_server_error(response)


def test_validating_an_edit_on_the_last_day_python_knows(client_for, alice, alice_night):
    data = night_post(night_date="9999-12-31")
    url = reverse("journal:validate_edit", args=[alice_night.pk])
    response = client_for(alice).post(url, data)
    _no_server_error(response)


def test_editing_a_night_to_the_last_day_python_knows(client_for, alice, alice_night):
    data = night_post(night_date="9999-12-31")
    response = client_for(alice).post(reverse("journal:edit", args=[alice_night.pk]), data)
    _no_server_error(response)


@pytest.mark.parametrize("month", ["9999-12", "0001-01"])
def test_the_calendar_at_the_ends_of_time(client_for, alice, month):
    response = client_for(alice).get(reverse("journal:calendar"), {"month": month})
    _no_server_error(response)


def test_an_invite_token_with_a_nul_byte(db, client):
    response = client.get("/invite/abc%00def/")
    assert response.status_code in {400, 404}


def test_a_posted_intake_count_of_a_million_is_capped(client_for, alice):
    data = night_post(alice.profile, **{"intake-TOTAL_FORMS": "1000000"})
    response = client_for(alice).post(reverse("journal:log"), data)
    _no_server_error(response)
    rows = set(re.findall(rb'name="intake-(\d+)-item"', response.content))
    assert len(rows) <= 20


def test_an_inviter_name_with_a_newline_does_not_break_the_email(client_for, alice, settings):
    settings.EMAIL_CONFIGURED = True
    alice.name = "Alice\r\nBcc: evil@example.com"
    alice.save(update_fields=["name"])
    url = reverse("households:invite_create")
    response = client_for(alice).post(url, {"email": "new@example.com", "role": "member"})
    _no_server_error(response)


@pytest.mark.parametrize("next_page", ["0", "24:00", "tonight"])
def test_a_quick_action_with_a_next_that_is_not_a_path(client_for, alice, next_page):
    """`redirect()` reads a `next` with no slash or dot as the name of a URL pattern."""
    url = reverse("journal:going_to_bed", args=[alice.profile.pk])
    response = client_for(alice).post(url, {"next": next_page})
    assert response.status_code == 302
