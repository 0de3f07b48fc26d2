"""Every model is in the admin, and every admin list and form page opens, with data in it."""

import pytest
from django.contrib import admin
from django.urls import reverse

from api import services as token_services
from households.models import Household, Invite, Profile, User
from reminders import services as feed_services

MODELS_WITHOUT_ADMIN = {"contenttypes.contenttype", "sessions.session", "auth.permission"}


@pytest.fixture
def admin_client_with_data(client, alice, bob, child):
    Invite.objects.create(household=alice.household, created_by=alice)
    feed_services.issue_secret(owner=alice, profile=child)
    token_services.create_token(user=alice, name="Script")
    superuser = User.objects.create_superuser(email="root@example.com", password="x", name="Root")
    client.force_login(superuser, backend="django.contrib.auth.backends.ModelBackend")
    return client


def test_every_project_model_is_registered():
    from django.apps import apps

    for app in ("households", "journal", "routines", "reminders", "api"):
        for model in apps.get_app_config(app).get_models():
            assert model in admin.site._registry, f"{model.__name__} is not in the admin"


def test_every_admin_changelist_search_and_form_opens(admin_client_with_data):
    client = admin_client_with_data
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        if opts.app_label not in {"households", "journal", "routines", "reminders", "api"}:
            continue
        changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        assert client.get(changelist).status_code == 200, changelist
        if model_admin.search_fields:
            assert client.get(changelist, {"q": "a"}).status_code == 200, changelist
        obj = model.objects.first()
        if obj is not None:
            change = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
            assert client.get(change).status_code == 200, change


def test_household_admin_shows_members_and_profiles(admin_client_with_data, alice):
    page = admin_client_with_data.get(
        reverse("admin:households_household_change", args=[alice.household_id])
    ).content.decode()
    assert "alice@example.com" in page and "Robin" in page


def test_household_list_counts_members(admin_client_with_data):
    page = admin_client_with_data.get(reverse("admin:households_household_changelist"))
    assert Household.objects.count() == 1
    assert ">2<" in page.content.decode()  # Alice and Bob
    assert Profile.objects.count() == 3
