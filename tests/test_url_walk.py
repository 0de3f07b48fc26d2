"""Walks every URL of the project, so that a view added later is covered without a new test.

For each URL (objects from Alice's household fill in the ids, through `walk_<name>` fixtures):
- anonymously it redirects to sign-in (except the few public pages listed here);
- as Mallory, from another household, every URL with an id answers 404 (a GET to a write-only
  view may answer 405 first);
- as Alice, a GET never changes data (a write view refuses GET, or only shows a form).

The JSON API (namespace `api`) walks the same way, answering as an API does: 401 rather than a
redirect to sign in, and 405 for the method an endpoint does not take.
"""

import hashlib

import pytest
from django.apps import apps
from django.core import serializers
from django.urls import URLPattern, URLResolver, get_resolver, reverse

PUBLIC = {
    "login",
    "logout",
    "signup",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "accept_invite",
    "healthz",
    "manifest",
    # JavaScript's translations, per language: the sign-in page needs them too.
    "javascript_catalog",
    # The service worker and the page it shows offline: the same for everyone, no data.
    "service_worker",
    "offline",
    # The calendar feed: its secret is the key (tests/test_calendar_feed.py).
    "reminders:feed",
    # The API's description and docs page describe it, and hold no data.
    "api:openapi-json",
    "api:openapi-view",
    "api:api-root",
}
API = "api:"
SKIPPED_NAMESPACES = {"admin"}


def _walk(resolvers, prefix=""):
    for entry in resolvers:
        if isinstance(entry, URLResolver):
            namespace = entry.namespace
            if namespace in SKIPPED_NAMESPACES:
                continue
            yield from _walk(entry.url_patterns, f"{prefix}{namespace}:" if namespace else prefix)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{prefix}{entry.name}", sorted(entry.pattern.converters)


ROUTES = sorted({(name, tuple(kwargs)) for name, kwargs in _walk(get_resolver().url_patterns)})
PRIVATE_ROUTES = [route for route in ROUTES if route[0] not in PUBLIC]
ROUTES_WITH_IDS = [route for route in PRIVATE_ROUTES if route[1]]


def _url(request, name, kwarg_names):
    kwargs = {}
    for kwarg in kwarg_names:
        assert kwarg.endswith("_id"), f"{name}: name id kwargs <thing>_id, not {kwarg!r}"
        kwargs[kwarg] = request.getfixturevalue(f"walk_{kwarg.removesuffix('_id')}").pk
    return reverse(name, kwargs=kwargs)


CACHES = {"routines.Progress"}


def _database_fingerprint() -> str:
    digest = hashlib.sha256()
    for model in apps.get_models():
        if model._meta.app_label in {"sessions", "axes", "admin"}:
            continue
        # Derived figures a page saves for the next view (a cache), not anyone's data.
        if model._meta.label in CACHES:
            continue
        digest.update(serializers.serialize("json", model.objects.order_by("pk")).encode())
    return digest.hexdigest()


def test_the_walk_sees_the_whole_site():
    names = {name for name, _ in ROUTES}
    assert {"households:detail", "households:profile_edit", "routines:tonight"} <= names
    assert ROUTES_WITH_IDS, "no URL takes an id?"


@pytest.mark.parametrize(
    ("name", "kwarg_names"), PRIVATE_ROUTES, ids=[r[0] for r in PRIVATE_ROUTES]
)
def test_anonymous_visitors_are_sent_to_sign_in(request, client, alice, name, kwarg_names):
    url = _url(request, name, kwarg_names)
    if name.startswith(API):
        statuses = {client.get(url).status_code, client.post(url).status_code}
        assert statuses <= {401, 405} and 401 in statuses, f"{url}: {statuses}"
        return
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login") + "?next="), url


@pytest.mark.parametrize(
    ("name", "kwarg_names"), ROUTES_WITH_IDS, ids=[r[0] for r in ROUTES_WITH_IDS]
)
def test_another_household_gets_404(request, client_for, alice, mallory, name, kwarg_names):
    url = _url(request, name, kwarg_names)
    client = client_for(mallory)
    before = _database_fingerprint()
    if name.startswith(API):
        # An endpoint refuses the method it does not take (405) before looking anything up.
        statuses = [
            client.get(url).status_code,
            client.post(url, {}).status_code,
            client.post(url, {}, headers={"HX-Request": "true"}).status_code,
        ]
        assert set(statuses) <= {404, 405} and 404 in statuses, f"{url}: {statuses}"
        assert _database_fingerprint() == before
        return
    # A write-only view may refuse the GET before looking anything up; that leaks nothing.
    assert client.get(url).status_code in {404, 405}, url
    assert client.post(url, {}).status_code == 404, url
    assert client.post(url, {}, headers={"HX-Request": "true"}).status_code == 404, url
    assert _database_fingerprint() == before


@pytest.mark.parametrize(
    ("name", "kwarg_names"), PRIVATE_ROUTES, ids=[r[0] for r in PRIVATE_ROUTES]
)
def test_a_get_never_changes_data(request, client_for, alice, name, kwarg_names):
    url = _url(request, name, kwarg_names)
    client = client_for(alice)
    before = _database_fingerprint()
    response = client.get(url)
    assert response.status_code in {200, 302, 405}, f"{url}: {response.status_code}"
    assert _database_fingerprint() == before, f"GET {url} changed data"
