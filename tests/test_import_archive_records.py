"""Reading an archive: what is not a Nightstand export at all, and each reason a record of one
is rejected, with the record named as a person finds it ("night 2024-03-02 of Ada").

No database here: reading is pure. Whatever the JSON holds, the reader answers records and
rejections or NotThisFormat, never another exception (a hypothesis property)."""

import json
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exchange.importing.archive_records import read_archive, sniff
from exchange.importing.incoming import NotThisFormat

from .archive_import import (
    archive_text,
    checklist_entry,
    night_entry,
    profile_entry,
    routine_entry,
)


def test_a_clean_archive_reads_every_field():
    archive = read_archive(
        archive_text(
            nights=[night_entry(intake=[{"item": "Melatonin", "amount": "0.50", "unit": "mg",
                                         "taken_at": "2024-03-02T21:00:00+01:00"}])],
            routines=[routine_entry()],
            checklists=[checklist_entry()],
        )
    )  # fmt: skip
    assert archive.rejected == []
    [night] = archive.nights
    assert night.lights_out == datetime(2024, 3, 2, 23, 0, tzinfo=UTC)
    [intake] = night.intake
    assert intake.amount == Decimal("0.50")
    assert intake.taken_at == datetime(2024, 3, 2, 20, 0, tzinfo=UTC)
    assert archive.profiles[0].created_at.microsecond == 123456
    assert [step.id for step in archive.routines[0].steps] == [10, 11]
    assert [item.step for item in archive.checklists[0].items] == [10, 11]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "not valid JSON"),
        ("Id,Tz,From,To", "not valid JSON"),
        ("[1, 2]", 'no "format"'),
        ('{"format": "something-else", "version": 1}', 'no "format"'),
        ('{"format": "nightstand-export", "version": 2}', "version 2"),
        ('{"format": "nightstand-export", "version": "1"}', 'version "1"'),
        ('{"format": "nightstand-export", "version": true}', "version true"),
        ('{"format": "nightstand-export"}', "version null"),
        ('{"format": "nightstand-export", "version": 1, "nights": {}}', '"nights" is not a list'),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ('{"format": "nightstand-export", "version": 1' + "9" * 5000 + "}", "number too long"),
        ('{"format": "nightstand-export", "version": 1e999}', "version"),
    ],
)
def test_what_is_not_a_nightstand_export(text, message):
    with pytest.raises(NotThisFormat, match=message):
        read_archive(text)


def test_sniffing_looks_at_the_start_only():
    assert sniff(archive_text())
    assert not sniff("Id,Tz,From,To\n")
    assert not sniff('{"format": "other"}')


def rejection_of(**sections) -> str:
    [rejected] = read_archive(archive_text(**sections)).rejected
    return rejected.reason


NIGHT_PROBLEMS = [
    ({"quality": 6}, "quality should be from 1 to 5"),
    ({"quality": "4"}, "quality should be a whole number"),
    ({"rested": True}, "rested should be a whole number"),
    ({"stress": 0}, "stress should be from 1 to 5"),
    ({"sol_minutes": 1441}, "sol_minutes should be from 0 to 1440"),
    ({"waso_minutes": -1}, "waso_minutes should be from 0 to 1440"),
    ({"nap_minutes": 2.5}, "nap_minutes should be a whole number"),
    ({"awakenings": 100}, "awakenings should be from 0 to 99"),
    ({"awakenings": 10**400}, "awakenings should be from 0 to 99"),
    ({"lights_out": "2024-03-02T22:00:00+00:00"}, "lights_out is before into_bed"),
    ({"final_wake": "2024-03-02T23:00:00+00:00", "out_of_bed": None},
     "final_wake is not after lights_out"),
    ({"out_of_bed": "2024-03-03T06:00:00+00:00"}, "out_of_bed is before final_wake"),
    ({"into_bed": "2024-03-02T22:45:00"}, "into_bed has no UTC offset"),
    ({"into_bed": "last night"}, "into_bed should be a date and time"),
    ({"into_bed": 1709419500}, "into_bed should be a date and time"),
    ({"created_at": None}, "created_at is missing"),
    ({"updated_at": "0001-01-01T00:00:00+05:00"}, "updated_at is out of range"),
    ({"version": -1}, "version should be from 0 to 2147483647"),
    ({"version": None}, "version is missing"),
    ({"notes": "a\x00b"}, "notes contains a NUL character"),
    ({"notes": "\ud800"}, "notes contains a character that is not valid text"),
    ({"notes": ["nested"]}, "notes should be text"),
    ({"disturbances": "Noise"}, "disturbances should be a list of names"),
    ({"disturbances": [{"name": "Noise"}]}, "disturbances should be a list of names"),
    ({"disturbances": ["x" * 61]}, "disturbances is longer than 60 characters"),
    ({"intake": [{"item": "Tea", "amount": "-1"}]}, "intake: amount can't be negative"),
    ({"intake": [{"item": "Tea", "amount": "0.001"}]}, "more than 2 decimal places"),
    ({"intake": [{"item": "Tea", "amount": "100000"}]}, "intake: amount is too large"),
    ({"intake": [{"item": "Tea", "amount": "NaN"}]}, "intake: amount should be a finite number"),
    ({"intake": [{"item": "Tea", "amount": 0.5}]}, "intake: amount should be a decimal number"),
    ({"intake": [{"item": "Tea", "unit": "u" * 21}]}, "unit is longer than 20 characters"),
    ({"intake": [{"amount": "1"}]}, "intake: item is missing"),
    ({"intake": ["Tea"]}, "intake should be a list of objects"),
    ({"created_by": "x" * 255}, "created_by is longer than 254 characters"),
]  # fmt: skip


@pytest.mark.parametrize(("fields", "message"), NIGHT_PROBLEMS)
def test_each_reason_a_night_is_rejected(fields, message):
    reason = rejection_of(nights=[night_entry(**fields)])
    assert reason.startswith("night 2024-03-02 of Ada: ")
    assert message in reason


def test_a_night_is_named_by_what_the_file_says_of_it_else_by_its_place():
    undated = night_entry()
    del undated["date"]
    archive = read_archive(
        archive_text(nights=[night_entry(), night_entry(date="2024-02-30"), undated])
    )
    assert [(r.line, r.reason) for r in archive.rejected] == [
        (2, "night 2024-02-30 of Ada: date should be a date (YYYY-MM-DD)"),
        (3, "night 3: date is missing"),
    ]
    assert {r.source for r in archive.rejected} == {"Ada"}


def test_a_record_that_is_not_an_object():
    archive = read_archive(archive_text(nights=[night_entry(), 42, None]))
    assert [(r.line, r.reason) for r in archive.rejected] == [
        (2, "night 2: not an object"),
        (3, "night 3: not an object"),
    ]
    assert len(archive.nights) == 1


def test_a_name_that_cannot_be_shown_is_not_put_in_the_message():
    reason = rejection_of(nights=[night_entry(profile="Ada\x00", quality=9)])
    assert reason.startswith("night 1: ")
    assert "\x00" not in reason


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"name": "Ada\nLovelace"}, "name should be a single line"),
        ({"name": ""}, "name is empty"),
        ({"name": "x" * 101}, "name is longer than 100 characters"),
        ({"time_zone": "Mars/Olympus"}, "time_zone “Mars/Olympus” is not a time zone"),
        ({"time_zone": "../../etc/passwd"}, "is not a time zone"),
        ({"usual_bedtime": "25:00:00"}, "usual_bedtime should be a time of day"),
        ({"usual_bedtime": "21:00:00+01:00"}, "usual_bedtime should be a time of day without"),
        ({"work_days": [7]}, "work_days should be a list of weekdays"),
        ({"work_days": [1.0]}, "work_days should be a list of weekdays"),
        ({"work_days": [1, 1]}, "work_days names a weekday twice"),
        ({"shared_with_household": "yes"}, "shared_with_household should be true or false"),
        ({"account": 7}, "account should be text"),
    ],
)
def test_each_reason_a_profile_is_rejected(fields, message):
    reason = rejection_of(profiles=[profile_entry(**fields)], nights=[])
    assert reason.startswith("profile ")
    assert message in reason


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"id": "1"}, "id should be a whole number"),
        ({"bedtime": None}, "bedtime is missing"),
        ({"active_weekdays": [0, 8]}, "active_weekdays should be a list of weekdays"),
        ({"is_active": 1}, "is_active should be true or false"),
        ({"followers": "Ada"}, "followers should be a list of names"),
        ({"steps": [{"title": "Read"}]}, "step 1: id is missing"),
    ],
)
def test_each_reason_a_routine_is_rejected(fields, message):
    reason = rejection_of(routines=[routine_entry(**fields)])
    assert reason.startswith("routine “Wind down”: ")
    assert message in reason


def test_a_bad_step_rejects_its_routine_with_the_steps_place():
    entry = routine_entry()
    entry["steps"][1]["minutes_before"] = -5
    assert rejection_of(routines=[entry]) == (
        "routine “Wind down”: step 2: minutes_before should be from 0 to 32767"
    )


def test_each_reason_a_checklist_is_rejected():
    entry = checklist_entry()
    entry["items"][0]["status"] = "maybe"
    assert rejection_of(checklists=[entry]) == (
        "checklist “Wind down” of Ada, night 2024-03-02: item 1: status should be one of "
        "pending, done, skipped"
    )
    entry = checklist_entry()
    entry["items"][1]["step"] = entry["items"][0]["step"]
    assert "two items are ticks of the same step" in rejection_of(checklists=[entry])
    assert "bedtime_at is missing" in rejection_of(checklists=[checklist_entry(bedtime_at=None)])


# --- Hostile JSON -----------------------------------------------------------------------------

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=12,
)
KEYS = sorted(set(night_entry()) | set(profile_entry()) | set(routine_entry()) | {"items"})


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    section=st.sampled_from(["profiles", "nights", "routines", "checklists", "disturbances"]),
    key=st.sampled_from(KEYS),
    value=json_values,
)
def test_any_value_in_any_field_is_read_or_rejected(section, key, value):
    entry = {
        "profiles": profile_entry,
        "nights": night_entry,
        "routines": routine_entry,
        "checklists": checklist_entry,
        "disturbances": lambda: {"name": "Cat", "position": 1},
    }[section]()
    entry[key] = value
    archive = read_archive(archive_text(**{section: [entry]}))
    for rejected in archive.rejected:
        assert "\x00" not in rejected.reason
        rejected.reason.encode("utf-8")


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=200) | json_values.map(json.dumps))
def test_any_text_is_read_or_said_not_to_be_an_export(text):
    try:
        read_archive(text)
    except NotThisFormat as problem:
        assert str(problem)


def test_a_million_records_of_the_wrong_type_are_each_rejected():
    archive = read_archive(archive_text(nights=[0] * 1_000_000))
    assert len(archive.rejected) == 1_000_000
    assert archive.nights == []
