from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import reverse

from config import errors


def test_404_is_friendly(client_for, alice):
    response = client_for(alice).get("/no/such/page/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Nothing here" in page and "Go to Tonight" in page


def test_500_page_renders_without_the_database(rf):
    response = errors.server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()


def test_403_is_friendly(rf, db):
    request = rf.get("/")
    request.user = AnonymousUser()
    response = errors.permission_denied(request)
    assert response.status_code == 403
    assert "isn't yours to open" in response.content.decode()


def test_web_app_manifest_and_icons(client, db):
    response = Client().get(reverse("manifest"))
    assert response["Content-Type"] == "application/manifest+json"
    manifest = response.json()
    assert manifest["display"] == "standalone"
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert {"192x192", "512x512"} <= sizes
    for icon in manifest["icons"]:
        assert client.get(icon["src"]).status_code == 200, icon["src"]
