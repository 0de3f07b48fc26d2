"""No posted input gives a server error: every form of the site, and every parameter a view
reads from a POST body, gets hostile values (see `tests/fuzzing.py` for how they are found).

A 2xx, a redirect, a 4xx or a form with errors are all fine answers; a 500, or a page that
hostile input blows up (a formset count of a million rendering a thousand rows), is not.
"""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests import fuzzing

ROUTES = fuzzing.ROUTES
IDS = [route.name for route in ROUTES]
EXTRA_NAME = "unexpected"
FEW_FIELDS = 4


def _inputs(world, route):
    """(what a browser posts, the names of the form's fields, the names the code reads)."""
    base, names = world.form_inputs(route)
    code = fuzzing.code_params(route.callback)
    gates = set(code.post)
    if not (names or gates):
        pytest.skip(f"{route.name} reads nothing from a POST body")
    return base, names - gates, gates


@pytest.mark.parametrize("route", ROUTES, ids=IDS)
def test_every_field_takes_every_hostile_value(fuzz_world, route):
    """Each hostile value in all the form's fields at once, then in each parameter the view
    reads itself, and in each field of a short form (with the rest as a browser would send
    it); and an empty body."""
    base, fields, gates = _inputs(fuzz_world, route)
    client, url, prepare = fuzz_world.client, fuzz_world.post_url(route), fuzz_world.prepare(route)
    failures = fuzzing.Failures()
    failures.attempt(client, "POST", url, {}, prepare=prepare)
    # In a short form, each field on its own too: a value may need the others valid to reach
    # the code it breaks (a good email with a valid role sends the invite).
    alone = sorted(fields) if 1 < len(fields) <= FEW_FIELDS else []
    for value in fuzzing.SWEEP_VALUES:
        if fields:
            data = {**base, **dict.fromkeys(fields, value)}
            failures.attempt(client, "POST", url, data, prepare=prepare)
        for name in [*alone, *sorted(gates)]:
            failures.attempt(client, "POST", url, {**base, name: value}, prepare=prepare)
    failures.check()


@pytest.mark.parametrize("route", ROUTES, ids=IDS)
def test_random_hostile_posts(fuzz_world, route):
    """Hypothesis mixes them: each field kept, dropped, made hostile or repeated."""
    base, fields, gates = _inputs(fuzz_world, route)
    client, url, prepare = fuzz_world.client, fuzz_world.post_url(route), fuzz_world.prepare(route)
    names = sorted(fields | gates | {EXTRA_NAME})

    @fuzzing.FUZZ
    @given(data=st.data())
    def post_anything(data):
        posted = {}
        for name in names:
            choice = data.draw(st.sampled_from(["keep", "keep", "drop", "hostile"]), label=name)
            if choice == "hostile":
                posted[name] = data.draw(fuzzing.hostile_values(), label=name)
            elif choice == "keep" and name in base:
                posted[name] = base[name]
        htmx = data.draw(st.booleans(), label="htmx")
        headers = {"HX-Request": "true"} if htmx else None
        fuzzing.send(client, "POST", url, posted, prepare=prepare, headers=headers)

    post_anything()
