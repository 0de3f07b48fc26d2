"""A submission sent again by the offline queue is applied once (issue 10, item 5).

The queue on the phone sends each kept night or tick with its own `Idempotency-Key`; the server
keeps the key with the first answer, in the same transaction as the change (offline/idempotency.py).
"""

import threading
import time as clock
import uuid
from datetime import UTC, datetime, time, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from journal import services as journal_services
from journal.models import Night
from offline.models import IdempotencyKey
from routines.models import ChecklistItem

from .fixtures.journal import night_post
from .fixtures.routines import make_routine

LOG = reverse("journal:log")


@pytest.fixture(autouse=True)
def _evening(freeze):
    # 21:50 in London on 10 November 2026: the night of the 2nd is in the past, and Tonight's
    # routine (bedtime 22:30) is under way.
    freeze(datetime(2026, 11, 10, 21, 50, tzinfo=UTC))


def key() -> str:
    return str(uuid.uuid4())


def tick_url(step, profile) -> str:
    return reverse("routines:mark", kwargs={"step_id": step.pk, "profile_id": profile.pk})


@pytest.fixture
def routine(alice):
    return make_routine([alice.profile], bedtime=time(22, 30))


# --- a night -----------------------------------------------------------------------------------


def test_the_same_night_sent_twice_is_saved_once_and_answered_alike(client_for, alice):
    client = client_for(alice)
    headers = {"Idempotency-Key": key()}
    first = client.post(LOG, night_post(alice.profile), headers=headers)
    second = client.post(LOG, night_post(alice.profile), headers=headers)

    night = Night.objects.get()
    assert first.status_code == second.status_code == 201
    assert first["Location"] == second["Location"] == reverse("journal:night", args=[night.pk])
    assert second["Idempotent-Replayed"] == "true"
    assert IdempotencyKey.objects.get().status == 201


def test_without_a_key_the_form_still_redirects(client_for, alice):
    response = client_for(alice).post(LOG, night_post(alice.profile))
    assert response.status_code == 302
    assert not IdempotencyKey.objects.exists()


def test_a_refused_night_is_a_422_with_its_errors_and_leaves_nothing(client_for, alice):
    client = client_for(alice)
    headers = {"Idempotency-Key": key()}
    response = client.post(LOG, night_post(alice.profile, quality="9"), headers=headers)
    assert response.status_code == 422
    assert 'aria-invalid="true"' in response.content.decode()
    assert not Night.objects.exists() and not IdempotencyKey.objects.exists()
    # Nothing was remembered, so the same key with good data is applied.
    assert client.post(LOG, night_post(alice.profile), headers=headers).status_code == 201
    assert Night.objects.count() == 1


def test_a_second_night_under_a_new_key_is_refused_as_a_duplicate(client_for, alice):
    client = client_for(alice)
    assert (
        client.post(LOG, night_post(alice.profile), headers={"Idempotency-Key": key()}).status_code
        == 201
    )
    again = client.post(LOG, night_post(alice.profile), headers={"Idempotency-Key": key()})
    assert again.status_code == 422
    assert Night.objects.count() == 1


def test_keys_belong_to_their_user(client_for, alice, bob):
    shared = key()
    client = client_for(alice)
    assert (
        client.post(LOG, night_post(alice.profile), headers={"Idempotency-Key": shared}).status_code
        == 201
    )
    client = client_for(bob)
    answer = client.post(LOG, night_post(bob.profile), headers={"Idempotency-Key": shared})
    # Bob's submission is his own: applied, and nothing of Alice's answer comes back.
    assert answer.status_code == 201
    assert "Idempotent-Replayed" not in answer
    assert Night.objects.filter(profile=bob.profile).count() == 1
    assert answer["Location"] == reverse(
        "journal:night", args=[Night.objects.get(profile=bob.profile).pk]
    )
    assert IdempotencyKey.objects.filter(key=shared).count() == 2


def test_a_key_reused_for_another_address_is_a_400(client_for, alice, routine):
    client = client_for(alice)
    used = key()
    client.post(LOG, night_post(alice.profile), headers={"Idempotency-Key": used})
    step = routine.steps.first()
    response = client.post(
        tick_url(step, alice.profile), {"action": "done"}, headers={"Idempotency-Key": used}
    )
    assert response.status_code == 400
    assert not ChecklistItem.objects.filter(status="done").exists()


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "short",
        "x" * 65,
        "has spaces in it",
        "../../etc/passwd",
        "ключ-ключ-ключ",
        "a;b=c;d=e;f",
    ],
)
def test_a_malformed_key_is_a_400_and_nothing_is_saved(client_for, alice, bad):
    response = client_for(alice).post(
        LOG, night_post(alice.profile), headers={"Idempotency-Key": bad}
    )
    assert response.status_code == 400
    assert not Night.objects.exists()


def test_old_keys_are_pruned_when_the_user_sends_a_new_one(client_for, alice, bob, freeze):
    old = IdempotencyKey.objects.create(
        user=alice,
        key=key(),
        path=LOG,
        status=201,
        created_at=datetime(2026, 11, 10, 21, 50, tzinfo=UTC) - timedelta(days=31),
    )
    recent = IdempotencyKey.objects.create(
        user=alice,
        key=key(),
        path=LOG,
        status=201,
        created_at=datetime(2026, 11, 10, 21, 50, tzinfo=UTC) - timedelta(days=29),
    )
    bobs_old = IdempotencyKey.objects.create(
        user=bob,
        key=key(),
        path=LOG,
        status=201,
        created_at=datetime(2026, 11, 10, 21, 50, tzinfo=UTC) - timedelta(days=40),
    )
    client_for(alice).post(LOG, night_post(alice.profile), headers={"Idempotency-Key": key()})
    remaining = set(IdempotencyKey.objects.values_list("pk", flat=True))
    assert old.pk not in remaining
    assert {recent.pk, bobs_old.pk} <= remaining  # someone else's keys wait for their own visit


# --- a tick ------------------------------------------------------------------------------------


def test_the_same_tick_sent_twice_is_applied_once(client_for, alice, routine):
    client = client_for(alice)
    step = routine.steps.get(title="Screens off")
    url = tick_url(step, alice.profile)
    headers = {"Idempotency-Key": key()}
    first = client.post(url, {"action": "done"}, headers=headers)
    # Undone in between by another tap: the late copy of the tick must not tick it again.
    client.post(url, {"action": "undo"}, headers={"Idempotency-Key": key()})
    second = client.post(url, {"action": "done"}, headers=headers)

    assert first.status_code == second.status_code == 201
    assert first["Location"] == second["Location"] == reverse("routines:tonight")
    item = ChecklistItem.objects.get(step=step)
    assert item.status == ChecklistItem.Status.PENDING


def test_a_tick_for_someone_elses_profile_is_a_404_and_keeps_no_key(
    client_for, alice, mallory, routine
):
    step = routine.steps.first()
    response = client_for(mallory).post(
        tick_url(step, alice.profile), {"action": "done"}, headers={"Idempotency-Key": key()}
    )
    assert response.status_code == 404
    assert not IdempotencyKey.objects.exists()


def test_an_htmx_tick_with_a_key_still_gets_its_fragment(client_for, alice, routine):
    step = routine.steps.first()
    response = client_for(alice).post(
        tick_url(step, alice.profile),
        {"action": "done"},
        headers={"Idempotency-Key": key(), "HX-Request": "true"},
    )
    assert response.status_code == 200
    assert response.content.decode().lstrip().startswith("<article")
    assert IdempotencyKey.objects.get().status == 200


# --- two copies at the same moment -------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_two_copies_racing_save_one_night(alice, monkeypatch):
    assert connection.vendor == "postgresql"
    real_log_night = journal_services.log_night

    def slow_log_night(**kwargs):
        night = real_log_night(**kwargs)
        clock.sleep(0.3)  # the other copy's claim meets this uncommitted one and waits
        return night

    monkeypatch.setattr(journal_services, "log_night", slow_log_night)
    shared = key()
    barrier = threading.Barrier(2)
    answers, errors = [], []

    def send():
        try:
            client = Client()
            client.force_login(alice, backend="django.contrib.auth.backends.ModelBackend")
            barrier.wait(timeout=10)
            answers.append(
                client.post(LOG, night_post(alice.profile), headers={"Idempotency-Key": shared})
            )
        except Exception as error:  # noqa: BLE001 - reported to the main thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert errors == []
    assert [answer.status_code for answer in answers] == [201, 201]
    assert Night.objects.count() == 1
    assert {answer["Location"] for answer in answers} == {
        reverse("journal:night", args=[Night.objects.get().pk])
    }
    assert sum("Idempotent-Replayed" in answer for answer in answers) == 1


def test_done_for_all_sent_twice_ticks_each_profile_once(client_for, alice, child):
    routine = make_routine([alice.profile, child], bedtime=time(22, 30))
    step = routine.steps.get(title="Read")
    url = reverse("routines:mark_all", kwargs={"step_id": step.pk})
    client = client_for(alice)
    headers = {"Idempotency-Key": key()}
    first = client.post(url, headers=headers)
    ChecklistItem.objects.filter(step=step, checklist__profile=child).update(status="pending")
    second = client.post(url, headers=headers)

    assert first.status_code == second.status_code == 201
    assert first["Location"] == second["Location"]
    done = ChecklistItem.objects.filter(step=step, status="done")
    # The replay applied nothing: Robin's tick, undone in between, stays undone.
    assert list(done.values_list("checklist__profile", flat=True)) == [alice.profile.pk]
