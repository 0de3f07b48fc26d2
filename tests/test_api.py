"""The JSON API: every endpoint with a valid token, a revoked one, another household's, and one
whose owner left the household; CSRF only where a cookie signs in; throttling."""

from datetime import UTC, date, datetime, time

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from api import services as token_services
from api.models import AccessToken
from households import services as household_services
from households.models import User
from journal.models import Night
from routines.models import ChecklistItem
from tests.conftest import add_dependant
from tests.fixtures.journal import make_night
from tests.fixtures.routines import make_routine

# 18:50 in London on 10 November: Robin's routine (bed 19:30) is under way.
NOW = datetime(2026, 11, 10, 18, 50, tzinfo=UTC)
TONIGHT = date(2026, 11, 10)


@pytest.fixture(autouse=True)
def _setup(freeze):
    freeze(NOW)
    cache.clear()  # the throttle's counts


@pytest.fixture
def routine(child):
    return make_routine([child], name="Robin's bedtime", bedtime=time(19, 30))


@pytest.fixture
def token_of():
    def _token(user: User) -> str:
        _token, secret = token_services.create_token(user=user, name="Script")
        return secret

    return _token


def call(method: str, path: str, token: str | None = None, client=None, **kwargs):
    client = client or Client()
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return getattr(client, method)(path, headers=headers, **kwargs)


def endpoints(profile, step) -> list[tuple[str, str]]:
    base = f"/api/profiles/{profile.pk}"
    return [
        ("post", f"{base}/going-to-bed"),
        ("post", f"{base}/up"),
        ("get", f"{base}/tonight"),
        ("post", f"{base}/steps/{step.pk}/tick"),
        ("get", f"{base}/last-night"),
        ("get", f"{base}/nights?start=2026-11-01&end=2026-11-09"),
    ]


ENDPOINT_NAMES = ["going-to-bed", "up", "tonight", "tick", "last-night", "nights"]


def test_every_endpoint_is_listed_here():
    """A new endpoint joins the parametrized tests below (and the URL walk covers it anyway)."""
    from api.endpoints import api

    paths = set(api.get_openapi_schema()["paths"])
    assert paths == {
        "/api/profiles",
        "/api/profiles/{profile_id}/going-to-bed",
        "/api/profiles/{profile_id}/up",
        "/api/profiles/{profile_id}/tonight",
        "/api/profiles/{profile_id}/steps/{step_id}/tick",
        "/api/profiles/{profile_id}/last-night",
        "/api/profiles/{profile_id}/nights",
    }


# --- what each endpoint does ---------------------------------------------------------------


def test_profiles_are_the_ones_the_owner_sees(alice, bob, child, token_of):
    response = call("get", "/api/profiles", token_of(alice))
    assert response.status_code == 200
    by_name = {p["name"]: p for p in response.json()}
    assert set(by_name) == {"Alice", "Robin"}  # Bob does not share with the household
    assert by_name["Robin"] == {
        "id": child.pk,
        "name": "Robin",
        "time_zone": "Europe/London",
        "is_dependant": True,
        "can_log": True,
    }


def test_going_to_bed_then_up(alice, child, token_of, freeze):
    token = token_of(alice)
    response = call("post", f"/api/profiles/{child.pk}/going-to-bed", token)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["message"] == "Good night, Robin: into bed at 18:50."
    assert body["created"] is True
    assert body["night"]["date"] == "2026-11-10"
    assert body["night"]["into_bed"] == "2026-11-10T18:50:00Z"
    night = Night.objects.get(profile=child)
    assert night.created_by == alice and night.lights_out == NOW.replace(second=0)

    freeze(datetime(2026, 11, 11, 7, 5, tzinfo=UTC))
    response = call("post", f"/api/profiles/{child.pk}/up", token)
    assert response.status_code == 200
    assert response.json()["message"] == "Good morning, Robin: up at 07:05."
    assert response.json()["night"]["time_in_bed_minutes"] == 735.0
    night.refresh_from_db()
    assert night.final_wake == datetime(2026, 11, 11, 7, 5, tzinfo=UTC)


def test_a_journal_rule_answers_409_with_its_reason(alice, child, token_of):
    make_night(child, TONIGHT, into_bed="18:00", lights_out="18:05", final_wake="18:30")
    response = call("post", f"/api/profiles/{child.pk}/going-to-bed", token_of(alice))
    assert response.status_code == 409
    assert "already has a final awakening" in response.json()["detail"]


def test_times_are_in_the_profiles_zone(alice, token_of):
    tokyo = add_dependant(alice, "Kenji", time_zone="Asia/Tokyo")
    response = call("post", f"/api/profiles/{tokyo.pk}/going-to-bed", token_of(alice))
    assert response.json()["night"]["into_bed"] == "2026-11-11T03:50:00+09:00"


def test_tonight_lists_the_routines_steps_with_their_ticks(alice, child, routine, token_of):
    token = token_of(alice)
    first = routine.steps.get(title="Screens off")
    call("post", f"/api/profiles/{child.pk}/steps/{first.pk}/tick", token)
    response = call("get", f"/api/profiles/{child.pk}/tonight", token)
    assert response.status_code == 200
    body = response.json()
    assert body["night"] == "2026-11-10"
    (card,) = body["routines"]
    assert (card["name"], card["done"], card["total"]) == ("Robin's bedtime", 1, 3)
    assert card["bedtime_at"] == "2026-11-10T19:30:00Z"
    steps = [(s["title"], s["at"], s["status"], s["is_due"]) for s in card["steps"]]
    assert steps == [
        ("Screens off", "2026-11-10T18:45:00Z", "done", False),
        ("Read", "2026-11-10T19:00:00Z", "pending", False),
        ("Breathe", "2026-11-10T19:25:00Z", "pending", False),
    ]


def test_tick_marks_a_step_done_or_skipped(alice, child, routine, token_of):
    token = token_of(alice)
    read = routine.steps.get(title="Read")
    response = call("post", f"/api/profiles/{child.pk}/steps/{read.pk}/tick?status=skipped", token)
    assert response.status_code == 200
    assert response.json() == {
        "profile_id": child.pk,
        "step_id": read.pk,
        "night": "2026-11-10",
        "status": "skipped",
    }
    item = ChecklistItem.objects.get(step=read, checklist__profile=child)
    assert (item.status, item.checked_by) == ("skipped", alice)
    again = call("post", f"/api/profiles/{child.pk}/steps/{read.pk}/tick", token)
    assert again.status_code == 200
    assert ChecklistItem.objects.get(step=read, checklist__profile=child).status == "done"


def test_tick_refuses_a_status_it_does_not_know(alice, child, routine, token_of):
    step = routine.steps.first()
    url = f"/api/profiles/{child.pk}/steps/{step.pk}/tick?status=pending"
    assert call("post", url, token_of(alice)).status_code == 422
    assert not ChecklistItem.objects.exists()


def test_tick_of_a_routine_the_profile_does_not_follow_is_404(alice, child, token_of):
    own = make_routine([alice.profile], name="Alice's")
    step = own.steps.first()
    url = f"/api/profiles/{child.pk}/steps/{step.pk}/tick"
    assert call("post", url, token_of(alice)).status_code == 404
    assert not ChecklistItem.objects.exists()


def test_last_night_with_and_without_an_entry(alice, child, token_of):
    token = token_of(alice)
    empty = call("get", f"/api/profiles/{child.pk}/last-night", token).json()
    assert empty == {
        "profile_id": child.pk,
        "night": "2026-11-09",
        "logged": False,
        "summary": None,
    }
    make_night(child, date(2026, 11, 9), quality=4)
    body = call("get", f"/api/profiles/{child.pk}/last-night", token).json()
    assert body["logged"] is True
    summary = body["summary"]
    assert summary["quality"] == 4
    # 22:45 to 06:50 in bed; 23:00 to 06:30 less 20 min to fall asleep and 25 awake.
    assert summary["time_in_bed_minutes"] == 485.0
    assert summary["total_sleep_minutes"] == 405.0
    assert summary["sleep_efficiency_percent"] == 83.5


def test_nights_in_a_range_oldest_first(alice, child, token_of):
    token = token_of(alice)
    for day in (3, 5, 9):
        make_night(child, date(2026, 11, day))
    body = call("get", f"/api/profiles/{child.pk}/nights?start=2026-11-04&end=2026-11-09", token)
    assert [night["date"] for night in body.json()] == ["2026-11-05", "2026-11-09"]
    default = call("get", f"/api/profiles/{child.pk}/nights", token).json()
    assert [night["date"] for night in default] == ["2026-11-03", "2026-11-05", "2026-11-09"]


@pytest.mark.parametrize(
    "query",
    [
        "start=2026-11-09&end=2026-11-01",
        "start=2025-01-01&end=2026-11-09",
        "start=2026-02-30",
        "end=0001-01-01",
        "start=yesterday",
    ],
)
def test_nights_refuses_a_bad_range_clearly(alice, child, token_of, query):
    response = call("get", f"/api/profiles/{child.pk}/nights?{query}", token_of(alice))
    assert response.status_code in {200, 422}
    if query != "end=0001-01-01":
        assert response.status_code == 422
        assert response.json()["detail"]


def test_a_shared_adult_can_be_read_but_not_logged_for(alice, bob, token_of):
    bob.profile.shared_with_household = True
    bob.profile.save()
    make_night(bob.profile, date(2026, 11, 9))
    token = token_of(alice)
    assert call("get", f"/api/profiles/{bob.profile.pk}/last-night", token).status_code == 200
    assert call("get", f"/api/profiles/{bob.profile.pk}/nights", token).status_code == 200
    assert call("get", f"/api/profiles/{bob.profile.pk}/tonight", token).status_code == 404
    assert call("post", f"/api/profiles/{bob.profile.pk}/going-to-bed", token).status_code == 404


# --- every endpoint against the wrong tokens -------------------------------------------------


def _database(child):
    return (
        list(Night.objects.filter(profile=child).values()),
        list(ChecklistItem.objects.filter(checklist__profile=child).values()),
    )


@pytest.mark.parametrize("index", range(len(ENDPOINT_NAMES)), ids=ENDPOINT_NAMES)
def test_every_endpoint_with_a_valid_token(alice, child, routine, token_of, index):
    method, path = endpoints(child, routine.steps.first())[index]
    response = call(method, path, token_of(alice))
    assert response.status_code == 200, response.content


@pytest.mark.parametrize("index", range(len(ENDPOINT_NAMES)), ids=ENDPOINT_NAMES)
def test_every_endpoint_refuses_a_revoked_token(alice, child, routine, token_of, index):
    token = token_of(alice)
    token_services.revoke(token=AccessToken.objects.get(user=alice))
    method, path = endpoints(child, routine.steps.first())[index]
    before = _database(child)
    response = call(method, path, token)
    assert response.status_code == 401
    assert response.json() == {"detail": "Unauthorized"}
    assert _database(child) == before


@pytest.mark.parametrize("index", range(len(ENDPOINT_NAMES)), ids=ENDPOINT_NAMES)
def test_every_endpoint_hides_another_household(alice, child, routine, mallory, token_of, index):
    method, path = endpoints(child, routine.steps.first())[index]
    before = _database(child)
    assert call(method, path, token_of(mallory)).status_code == 404
    assert _database(child) == before
    # Mallory's own profile with Alice's step: still nothing.
    if "steps" in path:
        own = f"/api/profiles/{mallory.profile.pk}/steps/{routine.steps.first().pk}/tick"
        assert call("post", own, token_of(mallory)).status_code == 404


@pytest.mark.parametrize("index", range(len(ENDPOINT_NAMES)), ids=ENDPOINT_NAMES)
def test_every_endpoint_forgets_a_household_its_token_owner_left(
    alice, bob, child, routine, token_of, index
):
    token = token_of(bob)
    method, path = endpoints(child, routine.steps.first())[index]
    household_services.leave_household(user=User.objects.get(pk=bob.pk))
    before = _database(child)
    assert call(method, path, token).status_code == 404
    assert _database(child) == before


@pytest.mark.parametrize("index", range(len(ENDPOINT_NAMES)), ids=ENDPOINT_NAMES)
def test_every_endpoint_forgets_the_children_when_the_right_is_taken_away(
    alice, bob, child, routine, token_of, index
):
    token = token_of(bob)
    household_services.set_looks_after_children(by=alice, member=bob, allowed=False)
    method, path = endpoints(child, routine.steps.first())[index]
    # Reading a child's journal is still open to every adult; logging and ticking are not.
    expected = 200 if index in (4, 5) else 404
    assert call(method, path, token).status_code == expected


@pytest.mark.parametrize(
    "header", ["", "Bearer", "Bearer ", "Basic YWxpY2U6cGFzcw==", "Bearer ns_" + "x" * 43]
)
def test_a_missing_or_made_up_token_is_401(alice, header):
    response = Client().get("/api/profiles", headers={"Authorization": header} if header else {})
    assert response.status_code == 401


def test_a_revoked_token_is_refused_even_from_a_signed_in_browser(client_for, alice, token_of):
    client = client_for(alice)
    token = token_of(alice)
    token_services.revoke(token=AccessToken.objects.get(user=alice))
    assert call("get", "/api/profiles", token, client=client).status_code == 401
    assert client.get("/api/profiles").status_code == 200


def test_a_deactivated_account_s_token_is_401(alice, token_of):
    token = token_of(alice)
    User.objects.filter(pk=alice.pk).update(is_active=False)
    assert call("get", "/api/profiles", token).status_code == 401


def test_answers_to_a_token_are_never_cached(alice, child, token_of):
    response = call("get", f"/api/profiles/{child.pk}/last-night", token_of(alice))
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_a_token_records_when_it_was_last_used(alice, token_of):
    token = token_of(alice)
    assert AccessToken.objects.get(user=alice).last_used_at is None
    call("get", "/api/profiles", token)
    assert AccessToken.objects.get(user=alice).last_used_at == NOW


# --- CSRF: only a cookie needs it ----------------------------------------------------------------


def test_a_token_needs_no_csrf_token(alice, child, token_of):
    strict = Client(enforce_csrf_checks=True)
    url = f"/api/profiles/{child.pk}/going-to-bed"
    assert call("post", url, token_of(alice), client=strict).status_code == 200


def test_the_session_needs_the_csrf_token_to_write(alice, child):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(alice, backend="django.contrib.auth.backends.ModelBackend")
    url = f"/api/profiles/{child.pk}/going-to-bed"
    assert strict.post(url).status_code == 403
    assert not Night.objects.exists()
    assert strict.get("/api/profiles").status_code == 200  # reading needs no token

    strict.get(reverse("households:detail"))  # sets the CSRF cookie
    csrf = strict.cookies["csrftoken"].value
    assert strict.post(url, headers={"X-CSRFToken": csrf}).status_code == 200


# --- throttling -----------------------------------------------------------------------------------


def test_too_many_requests_are_throttled_per_caller(alice, mallory, token_of, settings):
    settings.API_THROTTLE_RATE = "3/m"
    token = token_of(alice)
    statuses = [call("get", "/api/profiles", token).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    # Someone else is counted on their own.
    assert call("get", "/api/profiles", token_of(mallory)).status_code == 200
