"""What an export reads, through the one door to data.

A person's export holds the profiles they may see (`visible_profiles`) and the routines visible to
them; the admin command (`manage.py export`) reads a whole household without a user.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import Prefetch, Q

from households import selectors as household_selectors
from households.models import Household, Profile
from journal.models import Intake, Night
from routines.models import Routine

from .nights_csv import IntakeRow

CSV_CHUNK = 500


def export_profiles(*, user, profile_id: int | None = None) -> list[Profile]:
    """The profiles the user may see, or the one asked for (404 outside them)."""
    if profile_id is not None:
        return [household_selectors.get_visible_profile(user, profile_id)]
    return list(household_selectors.visible_profiles(user))


def export_routines(*, user, profiles: list[Profile]):
    """Routines visible to the user that the exported profiles follow or have checklists of."""
    return _routines_of(Routine.objects.visible_to(user), profiles)


def admin_profiles(*, household: Household) -> list[Profile]:
    """For the admin command only: no user, so no scoping beyond the household."""
    return list(Profile.objects.filter(household=household).select_related("user"))


def admin_routines(*, profiles: list[Profile]):
    household_ids = {profile.household_id for profile in profiles}
    return _routines_of(Routine.objects.filter(household_id__in=household_ids), profiles)


def _routines_of(routines, profiles: list[Profile]):
    ids = [profile.pk for profile in profiles]
    used = Q(followers__in=ids) | Q(checklists__profile__in=ids)
    return routines.filter(pk__in=Routine.objects.filter(used).values("pk"))


def nights_of(profiles: list[Profile]):
    return (
        Night.objects.filter(profile__in=[profile.pk for profile in profiles])
        .select_related("profile")
        .prefetch_related(
            "disturbances", Prefetch("intakes", queryset=Intake.objects.select_related("item"))
        )
        .order_by("profile__name", "date")
    )


def night_rows(profiles: list[Profile]) -> Iterator[dict]:
    """One dict per night for `nights_csv`, read in chunks so that memory stays flat."""
    for night in nights_of(profiles).iterator(chunk_size=CSV_CHUNK):
        yield night_row(night)


def night_row(night: Night) -> dict:
    figures = night.metrics
    return {
        "profile": night.profile.name,
        "time_zone": night.profile.time_zone,
        "date": night.date.isoformat(),
        "into_bed": night.into_bed,
        "lights_out": night.lights_out,
        "sol_minutes": night.sol_minutes,
        "awakenings": night.awakenings,
        "waso_minutes": night.waso_minutes,
        "final_wake": night.final_wake,
        "out_of_bed": night.out_of_bed,
        "quality": night.quality,
        "rested": night.rested,
        "stress": night.stress,
        "nap_minutes": night.nap_minutes,
        "disturbances": sorted(d.name for d in night.disturbances.all()),
        "intake": [
            IntakeRow(item=i.item.name, amount=i.amount, unit=i.unit, taken_at=i.taken_at)
            for i in night.intakes.all()
        ],
        "notes": night.notes,
        "time_in_bed": figures.time_in_bed,
        "total_sleep_time": figures.total_sleep_time,
        "sleep_efficiency": figures.sleep_efficiency,
        "sleep_onset_latency": figures.sleep_onset_latency,
        "terminal_wakefulness": figures.terminal_wakefulness,
        "mid_sleep": figures.mid_sleep,
    }
