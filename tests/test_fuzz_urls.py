"""No URL gives a server error: every query parameter a view reads (found in its code, see
`tests/fuzzing.py`) and every path segment gets hostile values."""

import pytest
from django.urls.converters import IntConverter
from hypothesis import given
from hypothesis import strategies as st

from tests import fuzzing


def _query_params(route) -> set[str]:
    return fuzzing.code_params(route.callback).get


QUERY_ROUTES = [route for route in fuzzing.ROUTES if _query_params(route)]
PATH_ROUTES = [route for route in fuzzing.ROUTES if route.converters]
INT = IntConverter.__name__


def test_the_fuzzing_finds_the_query_parameters():
    found = {route.name: _query_params(route) for route in QUERY_ROUTES}
    assert {"month", "profile", "colour"} <= found["journal:calendar"]
    assert {"before", "profile"} <= found["journal:history"]
    assert {"date", "profile"} <= found["journal:log"]
    assert "intake-TOTAL_FORMS" in found["journal:intake_row"]


@pytest.mark.parametrize("route", QUERY_ROUTES, ids=[route.name for route in QUERY_ROUTES])
def test_every_query_parameter_takes_every_hostile_value(fuzz_world, route):
    client, url, prepare = fuzz_world.client, fuzz_world.url(route), fuzz_world.prepare(route)
    failures = fuzzing.Failures()
    for name in sorted(_query_params(route)):
        for value in fuzzing.SWEEP_VALUES:
            failures.attempt(client, "GET", url, {name: value}, prepare=prepare)
    failures.check()


@pytest.mark.parametrize("route", QUERY_ROUTES, ids=[route.name for route in QUERY_ROUTES])
def test_random_hostile_queries(fuzz_world, route):
    client, url, prepare = fuzz_world.client, fuzz_world.url(route), fuzz_world.prepare(route)
    names = sorted(_query_params(route))

    @fuzzing.FUZZ
    @given(
        query=st.dictionaries(st.sampled_from(names), fuzzing.hostile_values(), min_size=1),
        htmx=st.booleans(),
    )
    def get_anything(query, htmx):
        headers = {"HX-Request": "true"} if htmx else None
        fuzzing.send(client, "GET", url, query, prepare=prepare, headers=headers)

    get_anything()


def _segment_values(converter: str) -> list[str]:
    if converter == INT:
        return fuzzing.INT_EDGE_VALUES
    # An empty segment or one with a slash does not reach the view.
    return [value for value in fuzzing.SWEEP_VALUES if value.strip("/")]


@pytest.mark.parametrize("route", PATH_ROUTES, ids=[route.name for route in PATH_ROUTES])
def test_every_path_segment_takes_every_hostile_value(fuzz_world, route):
    client, prepare = fuzz_world.client, fuzz_world.prepare(route)
    failures = fuzzing.Failures()
    for kwarg, converter in route.converters:
        for value in _segment_values(converter):
            url = fuzz_world.url(route, **{kwarg: value})
            failures.attempt(client, "GET", url, prepare=prepare)
            failures.attempt(client, "POST", url, prepare=prepare)
    failures.check()


TEXT_PATH_ROUTES = [
    route for route in PATH_ROUTES if any(conv != INT for _, conv in route.converters)
]


@pytest.mark.parametrize("route", TEXT_PATH_ROUTES, ids=[route.name for route in TEXT_PATH_ROUTES])
def test_random_path_segments(fuzz_world, route):
    client, prepare = fuzz_world.client, fuzz_world.prepare(route)
    kwargs = [kwarg for kwarg, conv in route.converters if conv != INT]

    @fuzzing.FUZZ
    @given(kwarg=st.sampled_from(kwargs), value=st.text(min_size=1), post=st.booleans())
    def visit(kwarg, value, post):
        url = fuzz_world.url(route, **{kwarg: value})
        fuzzing.send(client, "POST" if post else "GET", url, prepare=prepare)

    visit()
