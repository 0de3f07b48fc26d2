from django.urls import reverse

from households.models import Household, Profile, User


def test_sign_up_creates_household_admin_and_profile(client, db):
    response = client.post(
        reverse("signup"),
        {
            "name": "Dana",
            "email": "Dana@Example.com",
            "password": "quiet-nights-42",
            "time_zone": "America/New_York",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("households:detail")
    user = User.objects.get(email="dana@example.com")
    assert user.role == User.Role.ADMIN
    assert user.household.name == "Dana's household"
    profile = Profile.objects.get(user=user)
    assert profile.household == user.household
    assert profile.time_zone == "America/New_York"
    assert not profile.shared_with_household  # adults are private until they choose otherwise
    page = client.get(response["Location"])
    assert "Dana&#x27;s household" in page.content.decode()


def test_sign_up_with_taken_email_keeps_what_was_typed(client, alice):
    response = client.post(
        reverse("signup"),
        {
            "name": "Another Alice",
            "email": "ALICE@example.com",
            "password": "quiet-nights-42",
            "time_zone": "Europe/Paris",
        },
    )
    assert response.status_code == 200
    assert "An account with this email already exists" in response.content.decode()
    assert 'value="Another Alice"' in response.content.decode()
    assert Household.objects.count() == 1


def test_sign_up_rejects_weak_password_on_the_field(client, db):
    response = client.post(
        reverse("signup"),
        {"name": "Eve", "email": "eve@example.com", "password": "123", "time_zone": "UTC"},
    )
    assert "This password is too short" in response.content.decode()
    assert not User.objects.exists()


def test_sign_up_rejects_unknown_time_zone(client, db):
    response = client.post(
        reverse("signup"),
        {
            "name": "Eve",
            "email": "eve@example.com",
            "password": "quiet-nights-42",
            "time_zone": "Mars/Olympus",
        },
    )
    assert "Select a valid choice" in response.content.decode()


def test_signed_in_person_is_sent_home_from_sign_up(client_for, alice):
    response = client_for(alice).get(reverse("signup"))
    assert response.status_code == 302
    assert response["Location"] == reverse("routines:tonight")


def test_login_page_and_login(client, alice):
    page = client.get(reverse("login"))
    assert "Sign in" in page.content.decode()
    response = client.post(
        reverse("login"), {"username": "alice@example.com", "password": "a-long-password-1"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("routines:tonight")
