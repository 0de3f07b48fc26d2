"""What the API answers, as typed schemas (they make the OpenAPI document). Times are ISO 8601 in
the profile's own zone, with its offset; durations are minutes."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from ninja import Schema

from journal.models import Night


class Problem(Schema):
    detail: str


class Invalid(Schema):
    """A request the API cannot take: a sentence, or the list of what is wrong with each input."""

    detail: str | list[dict[str, Any]]


class ProfileOut(Schema):
    id: int
    name: str
    time_zone: str
    is_dependant: bool
    can_log: bool


class NightOut(Schema):
    id: int
    profile_id: int
    date: date
    into_bed: datetime | None
    lights_out: datetime | None
    final_wake: datetime | None
    out_of_bed: datetime | None
    quality: int | None
    rested: int | None
    awakenings: int | None
    time_in_bed_minutes: float | None
    total_sleep_minutes: float | None
    sleep_efficiency_percent: float | None
    sleep_onset_latency_minutes: float | None
    wake_after_sleep_onset_minutes: float | None

    @staticmethod
    def of(night: Night) -> NightOut:
        m = night.metrics
        return NightOut(
            id=night.pk,
            profile_id=night.profile_id,
            date=night.date,
            into_bed=night.local(night.into_bed),
            lights_out=night.local(night.lights_out),
            final_wake=night.local(night.final_wake),
            out_of_bed=night.local(night.out_of_bed),
            quality=night.quality,
            rested=night.rested,
            awakenings=night.awakenings,
            time_in_bed_minutes=_rounded(m.time_in_bed),
            total_sleep_minutes=_rounded(m.total_sleep_time),
            sleep_efficiency_percent=_rounded(m.sleep_efficiency),
            sleep_onset_latency_minutes=_rounded(m.sleep_onset_latency),
            wake_after_sleep_onset_minutes=_rounded(m.wake_after_sleep_onset),
        )


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


class QuickActionOut(Schema):
    message: str
    created: bool
    night: NightOut


class StepOut(Schema):
    step_id: int
    title: str
    at: datetime
    status: str
    is_due: bool


class RoutineTonightOut(Schema):
    routine_id: int
    name: str
    bedtime_at: datetime
    done: int
    skipped: int
    total: int
    steps: list[StepOut]


class TonightOut(Schema):
    profile_id: int
    night: date
    routines: list[RoutineTonightOut]


class TickOut(Schema):
    profile_id: int
    step_id: int
    night: date
    status: str


class LastNightOut(Schema):
    profile_id: int
    night: date
    logged: bool
    summary: NightOut | None
