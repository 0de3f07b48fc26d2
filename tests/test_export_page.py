"""The export page and its downloads: only what the person may see, as attachments."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from .fixtures.journal import make_night


def test_the_household_page_links_to_the_export(client_for, alice):
    response = client_for(alice).get(reverse("households:detail"))
    assert reverse("exchange:export") in response.content.decode()
    assert "Export your data" in response.content.decode()


def test_the_page_offers_both_formats_for_each_visible_profile_and_the_household(
    client_for, alice, bob, child
):
    response = client_for(alice).get(reverse("exchange:export"))
    assert response.status_code == 200
    for profile in (alice.profile, child):
        assert reverse("exchange:profile_csv", args=[profile.pk]) in response.content.decode()
        assert reverse("exchange:profile_json", args=[profile.pk]) in response.content.decode()
    assert reverse("exchange:household_csv") in response.content.decode()
    assert reverse("exchange:household_json") in response.content.decode()
    # Bob keeps his journal to himself.
    assert reverse("exchange:profile_csv", args=[bob.profile.pk]) not in response.content.decode()
    assert "Bob" not in response.content.decode()
    assert "Only what you can see is included" in response.content.decode()


def test_a_shared_journal_is_offered(client_for, alice, bob):
    bob.profile.shared_with_household = True
    bob.profile.save()
    response = client_for(alice).get(reverse("exchange:export"))
    assert reverse("exchange:profile_json", args=[bob.profile.pk]) in response.content.decode()


@pytest.mark.parametrize("name", ["exchange:profile_csv", "exchange:profile_json"])
def test_an_unshared_adults_profile_is_404(client_for, alice, bob, name):
    assert client_for(alice).get(reverse(name, args=[bob.profile.pk])).status_code == 404


@pytest.mark.parametrize("name", ["exchange:profile_csv", "exchange:profile_json"])
def test_another_household_gets_404(client_for, alice, mallory, name):
    make_night(alice.profile, date(2026, 11, 2))
    assert client_for(mallory).get(reverse(name, args=[alice.profile.pk])).status_code == 404


def test_mallorys_household_export_holds_nothing_of_alices(client_for, alice, mallory):
    make_night(alice.profile, date(2026, 11, 2), notes="Alice's night")
    response = client_for(mallory).get(reverse("exchange:household_json"))
    assert "Alice" not in response.content.decode()
    csv = b"".join(client_for(mallory).get(reverse("exchange:household_csv")).streaming_content)
    assert csv.decode().count("\n") == 1  # the header only


@pytest.mark.parametrize(
    ("name", "extension", "content_type"),
    [
        ("exchange:profile_csv", "csv", "text/csv; charset=utf-8"),
        ("exchange:profile_json", "json", "application/json"),
    ],
)
def test_a_download_is_an_attachment_named_after_the_profile_and_day(
    client_for, alice, name, extension, content_type
):
    response = client_for(alice).get(reverse(name, args=[alice.profile.pk]))
    today = timezone.localdate().isoformat()
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == (
        f'attachment; filename="nightstand-alice-{today}.{extension}"'
    )
    assert response["Cache-Control"] == "private, no-store"


def test_the_household_download_is_named_after_the_household(client_for, alice):
    alice.household.name = "The Smiths"
    alice.household.save()
    response = client_for(alice).get(reverse("exchange:household_json"))
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="nightstand-the-smiths-{today}.json"'
    )


def test_a_name_without_letters_still_gives_a_filename(client_for, alice, child):
    child.name = "☾"
    child.save()
    response = client_for(alice).get(reverse("exchange:profile_csv", args=[child.pk]))
    assert 'filename="nightstand-export-' in response["Content-Disposition"]


def test_a_download_is_read_only(client_for, alice):
    url = reverse("exchange:profile_json", args=[alice.profile.pk])
    assert client_for(alice).post(url).status_code == 405


def test_an_account_without_a_household_has_nothing_to_download(client_for, django_user_model):
    admin = django_user_model.objects.create_superuser("root@example.com", "pw", name="Root")
    client = client_for(admin)
    assert client.get(reverse("exchange:household_json")).status_code == 404
    assert client.get(reverse("exchange:household_csv")).status_code == 404
    assert client.get(reverse("exchange:export")).status_code == 200
