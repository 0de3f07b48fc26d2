"""The API describes itself: an OpenAPI document that validates, and docs that work under the
site's strict CSP with nothing fetched from elsewhere."""

import re

from django.test import Client
from openapi_spec_validator import validate


def test_the_schema_is_served_at_api_schema_and_validates(db):
    response = Client().get("/api/schema/")
    assert response.status_code == 200
    schema = response.json()
    validate(schema)  # raises on any error
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"] == "Nightstand API"


def test_the_schema_documents_bearer_tokens_and_the_errors(db):
    schema = Client().get("/api/schema/").json()
    schemes = schema["components"]["securitySchemes"]
    assert {"type": "http", "scheme": "bearer"}.items() <= schemes["AccessTokenAuth"].items()
    bed = schema["paths"]["/api/profiles/{profile_id}/going-to-bed"]["post"]
    assert {"200", "401", "404", "409", "429"} <= set(bed["responses"])
    nights = schema["paths"]["/api/profiles/{profile_id}/nights"]["get"]
    assert {p["name"] for p in nights["parameters"]} == {"profile_id", "start", "end"}


def test_the_docs_page_loads_everything_from_this_site(db):
    response = Client().get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui-bundle.js" in html
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources and all(src.startswith("/") for src in sources), sources
    # No inline script the CSP would refuse: only the JSON settings block, which is data.
    scripts = re.findall(r"<script([^>]*)>", html)
    assert all("src=" in attrs or 'type="application/json"' in attrs for attrs in scripts)
    assert "script-src 'self'" in response["Content-Security-Policy"]
