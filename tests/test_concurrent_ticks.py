"""Two adults ticking the same child's step at the same moment: one record, no error."""

import threading
import time as clock
from datetime import UTC, date, datetime

import pytest
from django.db import connection, transaction

from routines import services
from routines.models import Checklist, ChecklistItem

from .fixtures.routines import make_routine

NIGHT = date(2026, 1, 15)
# The moment of the ticks, given rather than read from the clock: the night is fixed above.
MOMENT = datetime(2026, 1, 15, 21, 0, tzinfo=UTC)


def _race(profile, step, people, action):
    barrier = threading.Barrier(len(people))
    errors = []

    def run(user):
        try:
            barrier.wait(timeout=5)
            # As a request would (ATOMIC_REQUESTS), and holding the transaction open a moment so
            # the other thread's insert meets this one's uncommitted row.
            with transaction.atomic():
                action(profile=profile, step=step, night=NIGHT, by=user, now=MOMENT)
                clock.sleep(0.2)
        except Exception as error:  # noqa: BLE001 - reported to the main thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(user,)) for user in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    assert errors == []


@pytest.mark.django_db(transaction=True)
def test_two_adults_tick_the_same_step_at_once(alice, bob, child):
    assert connection.vendor == "postgresql"
    routine = make_routine([child])
    step = routine.steps.get(title="Read")

    _race(child, step, [alice, bob], services.tick)

    checklist = Checklist.objects.get()
    assert checklist.night == NIGHT
    assert checklist.items.count() == 3
    item = checklist.items.get(step=step)
    assert item.status == ChecklistItem.Status.DONE
    assert item.checked_by in {alice, bob}
    assert item.checked_at == MOMENT


@pytest.mark.django_db(transaction=True)
def test_two_adults_tick_different_steps_at_once(alice, bob, child):
    routine = make_routine([child])
    first, second = routine.steps.all()[:2]
    barrier = threading.Barrier(2)
    errors = []

    def run(user, step):
        try:
            barrier.wait(timeout=5)
            with transaction.atomic():
                services.tick(profile=child, step=step, night=NIGHT, by=user, now=MOMENT)
                clock.sleep(0.2)
        except Exception as error:  # noqa: BLE001
            errors.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=run, args=(alice, first)),
        threading.Thread(target=run, args=(bob, second)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    assert errors == []
    checklist = Checklist.objects.get()
    assert sorted(checklist.items.values_list("status", flat=True)) == ["done", "done", "pending"]
