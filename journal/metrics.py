"""One night's sleep metrics, as defined by the Consensus Sleep Diary (Carney et al., SLEEP 2012).

See docs/sleep-metrics.md. Every function takes a `NightTimes` and returns None when an input it
needs is blank: a blank means "don't remember", never zero, and a missing number is better than a
wrong one. For the same reason a metric is None when its inputs contradict each other so badly
that the result would be impossible (a negative duration, an efficiency above 100 %);
`check_night` is what tells the person what to fix.

Durations are float minutes throughout, computed in UTC so that a night across a DST change has
its real length. Nothing is rounded here; display code rounds.

No ORM and no request: the only Django here is gettext, for the messages of `check_night`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

from django.utils.formats import get_format
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from journal.clock import minutes_between, to_local

MINUTES_PER_DAY = 24 * 60


@dataclass(frozen=True)
class NightTimes:
    """What the diary recorded for one night; any field may be None ("don't remember")."""

    into_bed: datetime | None  # aware
    lights_out: datetime | None
    sol_minutes: int | None  # minutes to fall asleep
    waso_minutes: int | None  # minutes awake during the night
    final_wake: datetime | None
    out_of_bed: datetime | None

    def __post_init__(self) -> None:
        # A naive datetime is a programming error, not a diary entry: fail loudly instead of
        # letting it be read as server-local time.
        for name in ("into_bed", "lights_out", "final_wake", "out_of_bed"):
            moment = getattr(self, name)
            if moment is not None and (moment.tzinfo is None or moment.utcoffset() is None):
                raise ValueError(f"{name} must be timezone-aware, got naive {moment!r}")


@dataclass(frozen=True)
class NightMetrics:
    """All derived values for one night, for templates. Instants are UTC; durations minutes."""

    time_in_bed: float | None
    sleep_onset: datetime | None
    sleep_period: float | None
    total_sleep_time: float | None
    sleep_efficiency: float | None  # percent, unrounded
    sleep_onset_latency: float | None
    wake_after_sleep_onset: float | None
    terminal_wakefulness: float | None
    mid_sleep: datetime | None


def _span(start: datetime | None, end: datetime | None) -> float | None:
    if start is None or end is None:
        return None
    minutes = minutes_between(start, end)
    return minutes if minutes >= 0 else None


def _minutes(value: int | None) -> float | None:
    if value is None or value < 0:
        return None
    return float(value)


def time_in_bed(times: NightTimes) -> float | None:
    """TIB: out of bed − into bed."""
    return _span(times.into_bed, times.out_of_bed)


def sleep_onset_latency(times: NightTimes) -> float | None:
    """SOL: how long it took to fall asleep, as reported."""
    return _minutes(times.sol_minutes)


def wake_after_sleep_onset(times: NightTimes) -> float | None:
    """WASO: total time awake between falling asleep and the final awakening, as reported."""
    return _minutes(times.waso_minutes)


def sleep_onset(times: NightTimes) -> datetime | None:
    """Lights out + SOL, in UTC."""
    sol = sleep_onset_latency(times)
    if times.lights_out is None or sol is None:
        return None
    # Add in UTC: adding a timedelta to a local datetime is wall-clock arithmetic and would
    # land an hour off (or in a nonexistent time) if the clocks change while falling asleep.
    return times.lights_out.astimezone(UTC) + timedelta(minutes=sol)


def sleep_period(times: NightTimes) -> float | None:
    """Final wake − sleep onset."""
    return _span(sleep_onset(times), times.final_wake)


def total_sleep_time(times: NightTimes) -> float | None:
    """TST: final wake − lights out − SOL − WASO."""
    in_the_dark = _span(times.lights_out, times.final_wake)
    sol = sleep_onset_latency(times)
    waso = wake_after_sleep_onset(times)
    if in_the_dark is None or sol is None or waso is None:
        return None
    tst = in_the_dark - sol - waso
    return tst if tst >= 0 else None


def sleep_efficiency(times: NightTimes) -> float | None:
    """SE: TST / TIB × 100, in percent; undefined (None) when TIB is 0."""
    tib = time_in_bed(times)
    tst = total_sleep_time(times)
    if tib is None or tst is None or tib == 0:
        return None
    efficiency = tst / tib * 100
    # Above 100 % only happens when the times contradict each other (asleep outside the bed).
    return efficiency if efficiency <= 100 else None


def terminal_wakefulness(times: NightTimes) -> float | None:
    """TWAK: out of bed − final wake."""
    return _span(times.final_wake, times.out_of_bed)


def mid_sleep(times: NightTimes) -> datetime | None:
    """Halfway between sleep onset and final wake, in UTC; convert to the profile's zone to show.

    Midpoint of real elapsed time, so on a DST night its clock time reflects the change.
    """
    onset = sleep_onset(times)
    period = sleep_period(times)
    if onset is None or period is None:
        return None
    return onset + timedelta(minutes=period / 2)


def compute(times: NightTimes) -> NightMetrics:
    """Every metric for one night, bundled for templates."""
    return NightMetrics(
        time_in_bed=time_in_bed(times),
        sleep_onset=sleep_onset(times),
        sleep_period=sleep_period(times),
        total_sleep_time=total_sleep_time(times),
        sleep_efficiency=sleep_efficiency(times),
        sleep_onset_latency=sleep_onset_latency(times),
        wake_after_sleep_onset=wake_after_sleep_onset(times),
        terminal_wakefulness=terminal_wakefulness(times),
        mid_sleep=mid_sleep(times),
    )


# --- Validation -----------------------------------------------------------------------------

# The diary's clock times in the order they happen, with how a person would name them.
_MOMENTS: tuple[tuple[str, str], ...] = (
    ("into_bed", "getting into bed"),
    ("lights_out", "lights out"),
    ("final_wake", "your final awakening"),
    ("out_of_bed", "getting out of bed"),
)

# "That's more than 24 hours after …", a whole sentence per moment so that every language can
# word it its own way.
_TOO_LONG_AFTER = {
    "into_bed": _("That's more than 24 hours after getting into bed."),
    "lights_out": _("That's more than 24 hours after lights out."),
    "final_wake": _("That's more than 24 hours after your final awakening."),
}

_ORDER = [name for name, _words in _MOMENTS]

# When the later of two times comes too early, the message goes on the later field. Pairs
# that skip a blank field need their own wording.
_ORDER_MESSAGES: dict[tuple[str, str], str] = {
    ("into_bed", "lights_out"): _("Lights out can't be before you got into bed."),
    ("lights_out", "final_wake"): _("Your final awakening has to be after lights out."),
    ("final_wake", "out_of_bed"): _("You can't get out of bed before your final awakening."),
    ("into_bed", "final_wake"): _("Your final awakening has to be after you got into bed."),
    ("into_bed", "out_of_bed"): _("Getting out of bed has to be after getting into bed."),
    ("lights_out", "out_of_bed"): _("Getting out of bed has to be after lights out."),
}

_NEXT_DAY_HINT = _("A time earlier than the one before it counts as the next day.")


def _format_minutes(minutes: float) -> str:
    whole = round(minutes)
    if abs(minutes - whole) < 1e-9:
        return ngettext("%(count)d minute", "%(count)d minutes", whole) % {"count": whole}
    # A fraction of a minute: always the plural, the decimal point as the language writes it.
    return gettext("%(minutes)s minutes") % {"minutes": _decimal(minutes)}


def _decimal(value: float) -> str:
    """450.5 as "450.5", "450,5" in German and Spanish (rounded, as f"{:.1f}" rounds)."""
    return f"{value:.1f}".replace(".", get_format("DECIMAL_SEPARATOR"))


def check_night(times: NightTimes, *, zone: ZoneInfo | None = None) -> dict[str, str]:
    """Every broken rule as {field name: friendly message}; {} when the night makes sense.

    Rules only apply to the fields that are filled in. The message goes on the field the person
    most likely needs to fix; if several rules point at one field, the first one found is kept.
    `zone` is the profile's: with it, a time that was read as the next day because it is earlier
    on the clock than the one before it (and so made the night too long) is named as such.
    """
    errors: dict[str, str] = {}

    for field in ("sol_minutes", "waso_minutes"):
        minutes = getattr(times, field)
        if minutes is None:
            continue
        if minutes < 0:
            errors[field] = str(_MINUTES_NEGATIVE[field])
        elif minutes > MINUTES_PER_DAY:
            errors[field] = str(_MINUTES_TOO_MANY[field])

    given = [(name, getattr(times, name)) for name, _words in _MOMENTS]
    given = [(name, moment) for name, moment in given if moment is not None]

    # Order: comparing each filled-in time with the next filled-in one covers every pair.
    for (earlier, start), (later, end) in pairwise(given):
        gap = minutes_between(start, end)
        # Sleep takes time: any pair that spans lights out → final wake must be strictly apart.
        spans_sleep = _ORDER.index(earlier) <= _ORDER.index("lights_out") < _ORDER.index(later)
        if gap < 0 or (spans_sleep and gap == 0):
            errors.setdefault(later, str(_ORDER_MESSAGES[(earlier, later)]))

    if len(given) > 1:
        _check_span(given, errors, zone)

    _check_minutes_fit(times, errors)
    return errors


_MINUTES_NEGATIVE = {
    "sol_minutes": _("Minutes to fall asleep can't be negative."),
    "waso_minutes": _("Minutes awake can't be negative."),
}
_MINUTES_TOO_MANY = {
    "sol_minutes": _("That's more than 24 hours to fall asleep; please check the minutes."),
    "waso_minutes": _("That's more than 24 hours awake; please check the minutes."),
}


# When a time earlier on the clock than the one before it was read as the next day and that
# made the night impossibly long, the person typed it wrong: say which order it must be in.
_ROLLED_MESSAGES: dict[tuple[str, str], str] = {
    ("into_bed", "lights_out"): _("Lights out must be at or after getting into bed."),
    ("lights_out", "final_wake"): _("The final awakening must be after lights out."),
    ("final_wake", "out_of_bed"): _("Out of bed must be at or after the final awakening."),
    ("into_bed", "final_wake"): _("The final awakening must be after getting into bed."),
    ("into_bed", "out_of_bed"): _("Out of bed must be at or after getting into bed."),
    ("lights_out", "out_of_bed"): _("Out of bed must be at or after lights out."),
}

_ROLLED_HINT = _("Read as the next day, it would make the night longer than 24 hours.")


def longest_step(given: list[tuple[str, datetime]]) -> tuple[str, datetime, str, datetime]:
    """The two consecutive filled-in times furthest apart: where a night that is too long most
    likely has its mistake (a time typed wrong, or read as the next day)."""
    (earlier, start), (later, end) = max(
        pairwise(given), key=lambda pair: minutes_between(pair[0][1], pair[1][1])
    )
    return earlier, start, later, end


def read_as_next_day(start: datetime, end: datetime, zone: ZoneInfo) -> bool:
    """Was `end` put on the next day because its clock time is earlier than `start`'s?"""
    return to_local(end, zone).time() < to_local(start, zone).time()


def _check_span(
    given: list[tuple[str, datetime]], errors: dict[str, str], zone: ZoneInfo | None
) -> None:
    """Nothing in one night can be more than 24 hours after the first time given. The error
    goes on the later field of the longest step, not on every field after it."""
    first_name, first = given[0]
    if max(minutes_between(first, moment) for _, moment in given[1:]) <= MINUTES_PER_DAY:
        return
    earlier, start, later, end = longest_step(given)
    if zone is not None and read_as_next_day(start, end, zone):
        message = f"{_ROLLED_MESSAGES[(earlier, later)]} {_ROLLED_HINT}"
    else:
        if (first_name, later) == ("into_bed", "out_of_bed"):
            message = gettext("That's more than 24 hours in bed.")
        else:
            message = str(_TOO_LONG_AFTER[first_name])
        message = f"{message} {_NEXT_DAY_HINT}"
    errors.setdefault(later, message)


def _check_minutes_fit(times: NightTimes, errors: dict[str, str]) -> None:
    """SOL + WASO must fit between lights out and the final awakening."""
    if times.lights_out is None or times.final_wake is None:
        return
    available = minutes_between(times.lights_out, times.final_wake)
    if available <= 0:
        return  # already reported as an ordering problem
    only = _format_minutes(available)
    # The verb agrees with the minutes between: "there is only 1 minute", "there are only 5
    # minutes" (a fraction of a minute reads as plural, as it does in English).
    count = round(available) if available == round(available) else 2
    sol, waso = times.sol_minutes, times.waso_minutes
    # Negative or absurd minutes already have their own message.
    sol = sol if sol is not None and "sol_minutes" not in errors else None
    waso = waso if waso is not None and "waso_minutes" not in errors else None

    if sol is not None and sol > available:
        errors["sol_minutes"] = ngettext(
            "You took %(minutes)s to fall asleep, but there is only %(available)s between "
            "lights out and your final awakening.",
            "You took %(minutes)s to fall asleep, but there are only %(available)s between "
            "lights out and your final awakening.",
            count,
        ) % {"minutes": _format_minutes(sol), "available": only}
    elif waso is not None and (sol or 0) + waso > available:
        if sol:
            message = ngettext(
                "Falling asleep and being awake add up to %(minutes)s, but there is only "
                "%(available)s between lights out and your final awakening.",
                "Falling asleep and being awake add up to %(minutes)s, but there are only "
                "%(available)s between lights out and your final awakening.",
                count,
            ) % {"minutes": _format_minutes(sol + waso), "available": only}
        else:
            message = ngettext(
                "You were awake for %(minutes)s, but there is only %(available)s between "
                "lights out and your final awakening.",
                "You were awake for %(minutes)s, but there are only %(available)s between "
                "lights out and your final awakening.",
                count,
            ) % {"minutes": _format_minutes(waso), "available": only}
        errors["waso_minutes"] = message
