"""Hostile archives, all the way to the database: whatever a field holds, planning and applying
the import answers creations, skips and rejections, never an exception (an IntegrityError or a
DataError would be a 500 on the confirmation page).

Each example runs in a savepoint that is rolled back, so that one cannot change the next."""

from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exchange.importing.archive_restore import plan_archive
from journal.models import Night

from .archive_import import (
    archive_text,
    checklist_entry,
    night_entry,
    profile_entry,
    routine_entry,
)
from .test_import_archive_records import json_values

EDGES = [
    "0001-01-01", "9999-12-31", "0001-01-01T00:00:00+00:00", "9999-12-31T23:59:59+00:00",
    "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-12:00", "2024-03-02T22:45:00+00:00",
    "23:59:59.999999", "00:00:00", "99999.99", "0.01", "1e4", "-0", 0, 1, 5, 1440, 32767, 32768,
    2147483647, 2147483648, -1, "", " ", "\u202e", "x" * 101, "\x00", "\ud800", [], {}, None, True,
]  # fmt: skip
values = st.sampled_from(EDGES) | json_values

ENTRIES = {
    "profiles": profile_entry,
    "nights": night_entry,
    "routines": routine_entry,
    "checklists": checklist_entry,
}


def with_value(section: str, path: tuple, value) -> str:
    """The small archive with one field (or a field of a nested row) replaced by `value`."""
    sections = {
        "profiles": [profile_entry()],
        "nights": [night_entry(intake=[{"item": "Caffeine", "amount": "1", "unit": "cup"}])],
        "routines": [routine_entry()],
        "checklists": [checklist_entry()],
        "disturbances": [{"name": "Cat", "position": 1}],
    }
    target = sections[section][0]
    for key in path[:-1]:
        target = target[key][0]
    target[path[-1]] = value
    return archive_text(**sections)


def paths(section: str) -> list[tuple]:
    entry = ENTRIES[section]() if section in ENTRIES else {"name": "", "position": 0}
    found = [(key,) for key in entry]
    nested = {"nights": "intake", "routines": "steps", "checklists": "items"}.get(section)
    if nested:
        row = night_entry(intake=[{"item": "", "amount": "", "unit": "", "taken_at": ""}])
        rows = row["intake"] if section == "nights" else entry[nested]
        found += [(nested, key) for key in rows[0]]
    return found


fields = st.sampled_from([*ENTRIES, "disturbances"]).flatmap(
    lambda section: st.tuples(st.just(section), st.sampled_from(paths(section)))
)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(field=fields, value=values)
def test_any_value_anywhere_is_imported_or_rejected(alice, field, value):
    section, path = field
    text = with_value(section, path, value)
    with transaction.atomic():
        plan = plan_archive(text, user=alice)
        created = plan.apply()
        assert created == len(plan.to_create)
        transaction.set_rollback(True)
    assert not Night.objects.exists()
