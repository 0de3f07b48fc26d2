"""The benchmark's floor page exists only on the benchmark's server, and only for a signed-in
person even there."""

import importlib

import pytest
from django.test import override_settings
from django.urls import clear_url_caches

import config.urls


@pytest.fixture
def floor_routed(settings):
    with override_settings(BENCH_FLOOR=True):
        importlib.reload(config.urls)
        clear_url_caches()
        yield
    importlib.reload(config.urls)
    clear_url_caches()


def test_not_routed_by_default(client_for, alice):
    assert client_for(alice).get("/bench/floor/").status_code == 404


def test_asks_a_stranger_to_sign_in(db, client, floor_routed):
    response = client.get("/bench/floor/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_answers_a_signed_in_person_with_nothing_but_ok(client_for, alice, floor_routed):
    response = client_for(alice).get("/bench/floor/")
    assert response.status_code == 200 and response.content == b"ok"
    assert "no-store" in response["Cache-Control"]
