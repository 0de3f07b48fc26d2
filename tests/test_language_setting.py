"""The language of the pages: the account's choice, else the browser's, else English."""

import pytest
from django.conf import settings

from households.models import User

from .conftest import make_account


@pytest.fixture
def lea(db):
    return make_account("lea@example.com", "Lea")


def test_without_a_choice_or_a_header_pages_are_english(client_for, lea):
    page = client_for(lea).get("/household/").text
    assert '<html lang="en" dir="ltr"' in page
    assert "Members" in page


def test_without_a_choice_the_browsers_language_decides(client_for, lea):
    page = client_for(lea).get("/household/", headers={"accept-language": "es-MX,es;q=0.9"}).text
    assert '<html lang="es"' in page
    assert "Miembros" in page


def test_a_language_we_do_not_ship_falls_back_to_english(client_for, lea):
    page = client_for(lea).get("/household/", headers={"accept-language": "fr-FR,fr"}).text
    assert '<html lang="en"' in page


def test_the_accounts_choice_beats_the_browser(client_for, lea):
    lea.language = "de"
    lea.save(update_fields=["language"])
    response = client_for(lea).get("/household/", headers={"accept-language": "es"})
    assert '<html lang="de"' in response.text
    assert response["Content-Language"] == "de"


def test_switching_saves_the_choice_and_the_next_page_follows_it(client_for, lea):
    client = client_for(lea)
    response = client.post("/household/language/", {"language": "es"})
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "es"
    lea.refresh_from_db()
    assert lea.language == "es"
    page = client.get(response["Location"]).text
    assert "Idioma guardado." in page
    assert 'value="es" lang="es" selected' in page


def test_the_language_holds_on_the_sign_in_page_after_signing_out(client_for, lea):
    client = client_for(lea)
    client.post("/household/language/", {"language": "de"})
    client.post("/accounts/logout/")
    assert "Passwort vergessen?" in client.get("/accounts/login/").text


def test_back_to_the_browsers_language(client_for, lea):
    lea.language = "de"
    lea.save(update_fields=["language"])
    client = client_for(lea)
    response = client.post("/household/language/", {"language": ""})
    lea.refresh_from_db()
    assert lea.language == ""
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == ""  # deleted
    assert "Members" in client.get("/household/").text


@pytest.mark.parametrize("choice", ["fr", "x" * 500, "de\x01"])
def test_a_language_not_in_the_list_changes_nothing(client_for, lea, choice):
    client = client_for(lea)
    response = client.post("/household/language/", {"language": choice}, follow=True)
    assert response.status_code == 200
    assert "Pick one of the languages in the list." in response.text
    assert User.objects.get(pk=lea.pk).language == ""


def test_switching_needs_a_post_by_someone_signed_in(client, client_for, lea):
    assert client.post("/household/language/", {"language": "de"}).status_code == 302
    assert User.objects.get(pk=lea.pk).language == ""
    assert client_for(lea).get("/household/language/").status_code == 405


# --- JavaScript's translations ---------------------------------------------------------------


def test_every_page_loads_the_catalog_of_its_language_before_app_js(client_for, lea):
    lea.language = "de"
    lea.save(update_fields=["language"])
    page = client_for(lea).get("/household/").text
    assert page.index('src="/jsi18n/de/"') < page.index("js/app.js")


def test_the_catalog_is_a_public_script_with_the_languages_strings(client_for, lea):
    response = client_for(lea).get("/jsi18n/de/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert "Kopiert" in response.text
    # The same for everyone who asks: browsers may keep it, even for a signed-in reader.
    assert "public" in response["Cache-Control"]
    assert "no-store" not in response["Cache-Control"]


def test_a_catalog_we_do_not_ship_is_not_found(client, db):
    assert client.get("/jsi18n/fr/").status_code == 404


# --- Error pages ------------------------------------------------------------------------------


def test_the_not_found_page_speaks_the_readers_language(client, db):
    response = client.get("/nowhere/", headers={"accept-language": "es"})
    assert response.status_code == 404
    assert '<html lang="es" dir="ltr"' in response.text
    assert "Aquí no hay nada" in response.text
