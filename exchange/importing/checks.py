"""Would the diary take this night? The rules of `journal.Night` applied to an incoming one.

An imported night meets the same rules as one typed into the diary: ratings 1–5, minutes within
a day, a plausible number of awakenings, the times in order (`journal.metrics.check_night`), a
date from 1970 to the night under way (`journal.plausibility.date_problem`), and the first time
inside the night of its date (noon to noon in the profile's zone), where the diary's form puts it.
The answer is one sentence for the preview's list of rejected rows, or None.

Pure: no ORM here; the sentences go through gettext.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from journal import clock, metrics, plausibility
from journal.models import MAX_AWAKENINGS, MAX_MINUTES

from .incoming import IncomingIntake, IncomingNight

RATINGS = {
    "quality": gettext_lazy("Quality"),
    "rested": gettext_lazy("Rested"),
    "stress": gettext_lazy("Stress"),
}
MINUTES = {
    "sol_minutes": gettext_lazy("Minutes to fall asleep"),
    "waso_minutes": gettext_lazy("Minutes awake"),
    "nap_minutes": gettext_lazy("Naps"),
}
MOMENTS = ("into_bed", "lights_out", "final_wake", "out_of_bed")
MOMENT_NAMES = {
    "into_bed": gettext_lazy("Into bed"),
    "lights_out": gettext_lazy("Lights out"),
    "final_wake": gettext_lazy("The final awakening"),
    "out_of_bed": gettext_lazy("Out of bed"),
}
# The catalogue's and the intake's text fields (journal.models).
NAME_LENGTH = 60
UNIT_LENGTH = 20
LARGEST_AMOUNT = Decimal("99999.99")
MAX_INTAKE_ROWS = 20  # as the diary's form (journal.forms.MAX_INTAKE_ROWS)


def times_of(night: IncomingNight) -> metrics.NightTimes:
    return metrics.NightTimes(
        into_bed=night.into_bed,
        lights_out=night.lights_out,
        sol_minutes=night.sol_minutes,
        waso_minutes=night.waso_minutes,
        final_wake=night.final_wake,
        out_of_bed=night.out_of_bed,
    )


def night_problem(night: IncomingNight, *, zone: ZoneInfo, now: datetime) -> str | None:
    """Why the diary would refuse this night for a profile in `zone`, or None."""
    for check in (_date, _numbers, _times, _intake, _names):
        problem = check(night, zone, now)
        if problem:
            return problem
    return None


def _date(night: IncomingNight, zone: ZoneInfo, now: datetime) -> str | None:
    today = clock.to_local(now, zone).date()
    problem = plausibility.date_problem(night.date, today=today)
    if problem is None and clock.night_window(night.date, zone)[0] > now:
        problem = _("That night hasn't begun yet: nights start at noon.")
    return problem


def _numbers(night: IncomingNight, zone: ZoneInfo, now: datetime) -> str | None:
    for field, name in RATINGS.items():
        value = getattr(night, field)
        if value is not None and not 1 <= value <= 5:
            return _("%(name)s %(value)s is not between 1 and 5.") % {"name": name, "value": value}
    for field, name in MINUTES.items():
        value = getattr(night, field)
        if value is not None and not 0 <= value <= MAX_MINUTES:
            return _("%(name)s: %(value)s is not between 0 and %(most)s minutes (a day).") % {
                "name": name,
                "value": value,
                "most": MAX_MINUTES,
            }
    if night.awakenings is not None and not 0 <= night.awakenings <= MAX_AWAKENINGS:
        return _("Awakenings: %(value)s is not between 0 and %(most)s.") % {
            "value": night.awakenings,
            "most": MAX_AWAKENINGS,
        }
    return None


def _times(night: IncomingNight, zone: ZoneInfo, now: datetime) -> str | None:
    times = times_of(night)
    errors = metrics.check_night(times, zone=zone)
    if errors:
        return " ".join(dict.fromkeys(errors.values()))
    first = next((field for field in MOMENTS if getattr(night, field) is not None), None)
    if first is None:
        return None
    moment = getattr(night, first)
    start, end = clock.night_window(night.date, zone)
    if not start <= moment < end:
        local = clock.to_local(moment, zone)
        return _(
            "%(moment)s at %(time)s is outside the night of %(night)s (noon to noon, %(zone)s)."
        ) % {
            "moment": MOMENT_NAMES[first],
            "time": f"{local:%Y-%m-%d %H:%M}",
            "night": f"{night.date:%Y-%m-%d}",
            "zone": zone.key,
        }
    return None


def _intake(night: IncomingNight, zone: ZoneInfo, now: datetime) -> str | None:
    if len(night.intake) > MAX_INTAKE_ROWS:
        return _("%(rows)s intake rows: a night holds at most %(most)s.") % {
            "rows": len(night.intake),
            "most": MAX_INTAKE_ROWS,
        }
    for intake in night.intake:
        problem = _intake_problem(intake)
        if problem:
            return problem
    return None


def _intake_problem(intake: IncomingIntake) -> str | None:
    amount = intake.amount
    if amount is not None:
        if not amount.is_finite() or not 0 <= amount <= LARGEST_AMOUNT:
            return _("%(item)s: the amount %(amount)s is not between 0 and %(most)s.") % {
                "item": intake.item,
                "amount": amount,
                "most": LARGEST_AMOUNT,
            }
        if amount != amount.quantize(Decimal("0.01")):
            return _("%(item)s: the amount %(amount)s has more than two decimals.") % {
                "item": intake.item,
                "amount": amount,
            }
    if len(intake.unit) > UNIT_LENGTH:
        return _("%(item)s: the unit is longer than %(most)s characters.") % {
            "item": intake.item,
            "most": UNIT_LENGTH,
        }
    return None


def _names(night: IncomingNight, zone: ZoneInfo, now: datetime) -> str | None:
    names = [*night.disturbances, *(intake.item for intake in night.intake)]
    for name in names:
        if len(name) > NAME_LENGTH:
            return _("“%(name)s…” is longer than %(most)s characters, too long for a name.") % {
                "name": name[:30],
                "most": NAME_LENGTH,
            }
    return None
