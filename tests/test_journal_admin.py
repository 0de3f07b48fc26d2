"""The Django admin for the journal: metrics in the list, filters and search."""

from datetime import date

import pytest
from django.urls import reverse

from households.models import User

from .fixtures.journal import make_night


@pytest.fixture
def staff_client(client, db):
    admin = User.objects.create_superuser("root@example.com", "a-long-password-1", name="Root")
    client.force_login(admin, backend="django.contrib.auth.backends.ModelBackend")
    return client


def test_nights_list_shows_computed_metrics(staff_client, alice):
    make_night(alice.profile, date(2026, 11, 2), notes="Thunderstorm")
    page = staff_client.get(reverse("admin:journal_night_changelist")).content.decode()
    assert "8 h 5 min" in page and "6 h 45 min" in page and "83.5 %" in page
    assert "Alice&#x27;s household" in page
    found = staff_client.get(reverse("admin:journal_night_changelist"), {"q": "thunder"})
    assert "83.5 %" in found.content.decode()
    missed = staff_client.get(reverse("admin:journal_night_changelist"), {"q": "sunshine"})
    assert "83.5 %" not in missed.content.decode()


def test_night_change_page_and_catalogues(staff_client, alice):
    night = make_night(alice.profile, date(2026, 11, 2))
    assert (
        staff_client.get(reverse("admin:journal_night_change", args=[night.pk])).status_code == 200
    )
    page = staff_client.get(reverse("admin:journal_disturbance_changelist")).content.decode()
    assert "Restless legs" in page
    page = staff_client.get(reverse("admin:journal_intakeitem_changelist")).content.decode()
    assert "Melatonin" in page
