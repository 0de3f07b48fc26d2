"""No input to the JSON API gives a server error. The API's inputs are read from its own OpenAPI
document (django-ninja parses them, so the views' code never names them): every query parameter
of every operation gets every hostile value, and hypothesis mixes them, with path ids from Alice's
household and her access token. Path segments are swept by tests/test_fuzz_urls.py as for pages.
"""

from urllib.parse import urlencode

import pytest
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from api import services
from api.endpoints import api
from tests import fuzzing

SCHEMA = api.get_openapi_schema()
OPERATIONS = [
    (method.upper(), path, operation)
    for path, methods in SCHEMA["paths"].items()
    for method, operation in methods.items()
]
IDS = [f"{method} {path}" for method, path, _ in OPERATIONS]


def _query_names(operation) -> list[str]:
    return sorted(p["name"] for p in operation.get("parameters", []) if p["in"] == "query")


def test_the_schema_names_the_query_parameters():
    by_path = {path: _query_names(operation) for _method, path, operation in OPERATIONS}
    assert by_path["/api/profiles/{profile_id}/nights"] == ["end", "start"]
    assert by_path["/api/profiles/{profile_id}/steps/{step_id}/tick"] == ["status"]


@pytest.fixture
def api_world(fuzz_world, alice, settings):
    settings.API_THROTTLE_RATE = "100000/m"  # every input reaches the endpoint
    _token, secret = services.create_token(user=alice, name="Fuzz")
    ids = {
        "profile_id": fuzz_world.request.getfixturevalue("walk_profile").pk,
        "step_id": fuzz_world.request.getfixturevalue("walk_step").pk,
    }
    return Client(headers={"Authorization": f"Bearer {secret}"}), ids


def _url(path: str, ids: dict[str, int]) -> str:
    for name, value in ids.items():
        path = path.replace(f"{{{name}}}", str(value))
    return path


def _request(method: str, url: str, query: dict | None) -> tuple[str, dict | None]:
    """(url, data) for fuzzing.send: a POST reads its parameters from the query string too."""
    if method == "POST" and query:
        return f"{url}?{urlencode(query, doseq=True)}", None
    return url, query


@pytest.mark.parametrize(("method", "path", "operation"), OPERATIONS, ids=IDS)
def test_every_query_parameter_takes_every_hostile_value(api_world, method, path, operation):
    client, ids = api_world
    url = _url(path, ids)
    failures = fuzzing.Failures()
    failures.attempt(client, method, url, None)
    for name in _query_names(operation):
        for value in fuzzing.SWEEP_VALUES:
            failures.attempt(client, method, *_request(method, url, {name: value}))
    failures.check()


@pytest.mark.parametrize(("method", "path", "operation"), OPERATIONS, ids=IDS)
def test_random_hostile_api_calls(api_world, method, path, operation):
    client, ids = api_world
    url = _url(path, ids)
    names = [*_query_names(operation), "unexpected"]

    @fuzzing.FUZZ
    @given(query=st.dictionaries(st.sampled_from(names), fuzzing.hostile_values()))
    def call_anything(query):
        fuzzing.send(client, method, *_request(method, url, query))

    call_anything()
