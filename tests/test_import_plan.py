"""Planning an import of nights: what will be created, skipped (already there, or a person left
out) and rejected (with the line and the reason, by the diary's own rules), and applying it."""

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.http import Http404

from exchange.importing.incoming import IncomingIntake, IncomingNight, Parsed, Rejected, Source
from exchange.importing.plan import plan_nights, tag_keys
from journal.models import Disturbance, Intake, IntakeItem, Night

from .fixtures.journal import make_night

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


def night(line: int = 2, night_date: date = date(2026, 11, 2), **fields) -> IncomingNight:
    """Worked example 1 of docs/sleep-metrics.md, in London (UTC in November)."""
    day = datetime.combine(night_date, datetime.min.time(), tzinfo=UTC)
    values = {
        "source": "Alice",
        "line": line,
        "date": night_date,
        "into_bed": day + timedelta(hours=22, minutes=45),
        "lights_out": day + timedelta(hours=23),
        "sol_minutes": 20,
        "awakenings": 2,
        "waso_minutes": 25,
        "final_wake": day + timedelta(days=1, hours=6, minutes=30),
        "out_of_bed": day + timedelta(days=1, hours=6, minutes=50),
        "quality": 4,
    } | fields
    return IncomingNight(**values)


def parsed(*nights: IncomingNight, rejected=()) -> Parsed:
    sources = {n.source: Source(n.source, n.source) for n in nights}
    return Parsed(nights=list(nights), rejected=list(rejected), sources=list(sources.values()))


def plan_for(user, *nights, profile=None, **kwargs):
    profile = profile or user.profile
    sources = {n.source for n in nights}
    return plan_nights(
        parsed(*nights), user=user, profile_map=dict.fromkeys(sources, profile), now=NOW, **kwargs
    )


def test_a_good_night_is_created_with_everything_it_holds(alice):
    incoming = night(
        stress=2, rested=3, nap_minutes=15, notes="Slept fine", disturbances=("noise", "PAIN"),
        intake=(IncomingIntake(item="caffeine", amount=Decimal("2"), unit="cup",
                               taken_at=datetime(2026, 11, 2, 15, 30, tzinfo=UTC)),),
    )  # fmt: skip
    plan = plan_for(alice, incoming)
    assert [(p.kind, p.label, p.line) for p in plan.to_create] == [
        ("night", "Alice · night of 2026-11-02", 2)
    ]
    assert plan.skipped == [] and plan.rejected == []
    with transaction.atomic():
        assert plan.apply() == 1
    saved = Night.objects.get(profile=alice.profile)
    assert (saved.date, saved.quality, saved.rested, saved.stress) == (date(2026, 11, 2), 4, 3, 2)
    assert saved.metrics.total_sleep_time == 405
    assert saved.created_by == alice and saved.notes == "Slept fine"
    # Matched onto the built-in catalogue whatever the case: nothing new was created.
    assert sorted(d.name for d in saved.disturbances.all()) == ["Noise", "Pain"]
    [intake] = saved.intakes.all()
    assert (intake.item.name, intake.amount, intake.unit) == ("Caffeine", Decimal("2"), "cup")
    assert not Disturbance.objects.filter(household=alice.household).exists()


def test_unknown_names_become_the_households_catalogue_entries(alice):
    incoming = night(
        disturbances=("Cat on the bed", "cat on the BED"),
        intake=(IncomingIntake(item="Magnesium"), IncomingIntake(item="magnesium")),
    )
    plan = plan_for(alice, incoming, night(line=3, night_date=date(2026, 11, 3),
                                           disturbances=("Cat on the bed",)))  # fmt: skip
    assert [(p.kind, p.label) for p in plan.to_create[:2]] == [
        ("disturbance", "Cat on the bed"),
        ("intake item", "Magnesium"),
    ]
    with transaction.atomic():
        assert plan.apply() == 4  # two entries, two nights
    cat = Disturbance.objects.get(household=alice.household)
    assert cat.name == "Cat on the bed" and cat.nights.count() == 2
    assert IntakeItem.objects.get(household=alice.household).intakes.count() == 2


@pytest.mark.parametrize(
    ("tag", "keys"),
    [
        ("snore_2x", ["snore_2x", "snore 2x", "snore"]),
        ("#too_hot", ["too_hot", "too hot"]),
        ("Alcohol", ["alcohol"]),
    ],
)
def test_tags_are_tried_as_written_with_spaces_and_without_a_count(tag, keys):
    assert tag_keys(tag) == keys


def test_tags_map_onto_disturbances_and_intake_or_stay_in_the_notes(alice):
    Disturbance.objects.create(household=alice.household, name="Snore")
    incoming = night(tags=("snore_2x", "too_hot", "alcohol", "dream", "noise"), notes="Odd one")
    with transaction.atomic():
        plan_for(alice, incoming).apply()
    saved = Night.objects.get(profile=alice.profile)
    assert sorted(d.name for d in saved.disturbances.all()) == ["Noise", "Snore", "Too hot"]
    assert [i.item.name for i in saved.intakes.all()] == ["Alcohol"]
    assert saved.notes == "Odd one\n#dream"


def test_a_tag_already_in_the_notes_is_not_added_twice(alice):
    with transaction.atomic():
        plan_for(alice, night(tags=("dream",), notes="Vivid #dream")).apply()
    assert Night.objects.get(profile=alice.profile).notes == "Vivid #dream"


def test_nights_already_there_are_skipped_and_a_second_import_creates_nothing(alice):
    make_night(alice.profile, date(2026, 11, 1))
    nights = [night(line=2, night_date=date(2026, 11, 1)), night(line=3)]
    first = plan_for(alice, *nights)
    assert [(p.label, p.reason) for p in first.skipped] == [
        ("Alice · night of 2026-11-01", "already there")
    ]
    with transaction.atomic():
        assert first.apply() == 1
    again = plan_for(alice, *nights)
    assert again.to_create == [] and len(again.skipped) == 2
    with transaction.atomic():
        assert again.apply() == 0
    assert Night.objects.filter(profile=alice.profile).count() == 2


def test_a_person_left_out_of_the_mapping_is_skipped(alice, child):
    file = parsed(night(source="Kit"), night(source="Robin", line=3))
    plan = plan_nights(file, user=alice, profile_map={"Robin": child}, now=NOW)
    assert [p.label for p in plan.to_create] == ["Robin · night of 2026-11-02"]
    assert [(p.line, p.reason) for p in plan.skipped] == [(2, "no profile chosen for Kit")]


def test_a_night_twice_in_the_file_is_rejected_the_second_time(alice):
    plan = plan_for(alice, night(line=2), night(line=9, quality=1))
    assert len(plan.to_create) == 1
    assert plan.rejected == [
        Rejected(9, "A second night of 2026-11-02 for Alice (the first is on line 2).", "Alice")
    ]


def _at(day: date, hours: float) -> datetime:
    return datetime.combine(day, datetime.min.time(), tzinfo=UTC) + timedelta(hours=hours)


D = date(2026, 11, 2)


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"quality": 7}, "Quality 7 is not between 1 and 5."),
        ({"rested": 0}, "Rested 0 is not between 1 and 5."),
        ({"stress": 6}, "Stress 6 is not between 1 and 5."),
        ({"sol_minutes": 1441}, "Minutes to fall asleep: 1441 is not between 0 and 1440"),
        ({"waso_minutes": -5}, "Minutes awake: -5 is not between 0 and 1440"),
        ({"nap_minutes": 2000}, "Naps: 2000 is not between 0 and 1440"),
        ({"awakenings": 100}, "Awakenings: 100 is not between 0 and 99."),
        ({"lights_out": _at(D, 22)}, "Lights out can't be before you got into bed."),
        ({"final_wake": _at(D, 22.9)}, "Your final awakening has to be after lights out."),
        ({"out_of_bed": _at(D, 30)}, "You can't get out of bed before your final awakening."),
        ({"sol_minutes": 600}, "You took 600 minutes to fall asleep, but there are only 450"),
        ({"into_bed": _at(D, 36), "lights_out": None, "final_wake": None, "out_of_bed": None},
         "Into bed at 2026-11-03 12:00 is outside the night of 2026-11-02"),
        ({"into_bed": None, "lights_out": _at(D, 11.5)},
         "Lights out at 2026-11-02 11:30 is outside the night of 2026-11-02"),
        ({"intake": (IncomingIntake(item="Caffeine", amount=Decimal("-1")),)},
         "Caffeine: the amount -1 is not between 0 and 99999.99."),
        ({"intake": (IncomingIntake(item="Caffeine", amount=Decimal("0.125")),)},
         "Caffeine: the amount 0.125 has more than two decimals."),
        ({"intake": (IncomingIntake(item="Caffeine", unit="u" * 21),)},
         "Caffeine: the unit is longer than 20 characters."),
        ({"intake": (IncomingIntake(item="Caffeine"),) * 21},
         "21 intake rows: a night holds at most 20."),
        ({"disturbances": ("n" * 61,)}, "“nnnnnnnnnnnnnnnnnnnnnnnnnnnnnn…” is longer than 60"),
    ],
)  # fmt: skip
def test_each_rule_of_the_diary_rejects_with_the_line_and_the_reason(alice, fields, reason):
    plan = plan_for(alice, night(line=2, night_date=date(2026, 11, 1)), night(line=3, **fields))
    assert [p.line for p in plan.to_create] == [2]
    [rejected] = plan.rejected
    assert rejected.line == 3
    assert rejected.reason.startswith(reason), rejected.reason


@pytest.mark.parametrize(
    ("night_date", "reason"),
    [
        (date(1969, 12, 31), "Nights before 1970 can't be logged: please check the year."),
        (date(2026, 11, 26), "That night hasn't begun yet: nights start at noon."),
        (date(2026, 11, 25), "That night hasn't begun yet: nights start at noon."),  # 09:00 now
    ],
)
def test_dates_outside_1970_to_the_night_under_way_are_rejected(alice, night_date, reason):
    incoming = replace(
        night(night_date=night_date), into_bed=None, lights_out=None, final_wake=None,
        out_of_bed=None,
    )  # fmt: skip
    [rejected] = plan_for(alice, incoming).rejected
    assert rejected.reason == reason


def test_the_parsers_rejections_are_kept_in_line_order(alice):
    file = parsed(night(line=5, quality=9), rejected=[Rejected(3, "Date “x” is not a date.")])
    plan = plan_nights(file, user=alice, profile_map={"Alice": alice.profile}, now=NOW)
    assert [r.line for r in plan.rejected] == [3, 5]


def test_only_profiles_the_user_may_log_for_are_accepted(alice, bob, mallory, child):
    file = parsed(night())
    for forbidden in (mallory.profile, bob.profile):  # another household; a private adult
        with pytest.raises(Http404):
            plan_nights(file, user=alice, profile_map={"Alice": forbidden}, now=NOW)
    bob.looks_after_children = False
    bob.save()
    with pytest.raises(Http404):
        plan_nights(file, user=bob, profile_map={"Alice": child}, now=NOW)
    assert not Night.objects.exists()


def test_all_or_nothing_when_writing_fails_midway(alice, monkeypatch):
    nights = [night(line=i, night_date=date(2020, 1, 1) + timedelta(days=i)) for i in range(1200)]
    nights = [replace(n, intake=(IncomingIntake(item="Tea"),)) for n in nights]
    plan = plan_for(alice, *nights)
    real = Intake.objects.bulk_create
    calls = []

    def fail_on_the_second_chunk(objs, *args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return real(objs, *args, **kwargs)

    monkeypatch.setattr(Intake.objects, "bulk_create", fail_on_the_second_chunk)
    with pytest.raises(RuntimeError), transaction.atomic():
        plan.apply()
    assert len(calls) == 2  # the first chunk had been written
    assert not Night.objects.exists()
    assert not IntakeItem.objects.filter(household=alice.household).exists()


def _file_of(count: int) -> list[IncomingNight]:
    return [
        night(line=i + 2, night_date=date(2020, 1, 1) + timedelta(days=i),
              disturbances=("Noise", "Cat"), intake=(IncomingIntake(item="Tea"),),
              tags=("dream", "alcohol"))
        for i in range(count)
    ]  # fmt: skip


@pytest.mark.parametrize("count", [5, 450])
def test_planning_and_applying_take_a_fixed_number_of_queries(
    alice, count, django_assert_max_num_queries
):
    if count > 20 and connection.vendor == "sqlite":
        pytest.skip("SQLite splits a bulk insert every 999 parameters")
    nights = _file_of(count)
    with django_assert_max_num_queries(5):
        plan = plan_for(alice, *nights)
    # A savepoint, two catalogue entries, then nights, their disturbances and their intake.
    with django_assert_max_num_queries(7), transaction.atomic():
        assert plan.apply() == count + 2
    with django_assert_max_num_queries(5):
        assert plan_for(alice, *nights).to_create == []


def test_a_built_in_entry_wins_over_the_households_own_spelling(alice):
    Disturbance.objects.create(household=alice.household, name="noise")
    with transaction.atomic():
        plan_for(alice, night(disturbances=("NOISE",))).apply()
    [matched] = Night.objects.get().disturbances.all()
    assert matched.is_builtin and matched.name == "Noise"
