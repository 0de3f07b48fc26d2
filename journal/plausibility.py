"""Is a night believable? Bounds on its date, and doubts worth asking about before saving.

`journal.metrics.check_night` says what *cannot* be (a final awakening before lights out). This
module says what is *unlikely*: a night of more than 16 hours in bed, or a time that only makes
sense on the next day when the person probably meant the same evening (out of bed 22:00 after
into bed 23:00 reads as 23 hours in bed). A doubt is shown on the field it is about and the
person may save the night as entered anyway.

No ORM and no request: the only Django here is gettext, for the questions it asks.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from journal.clock import minutes_between, to_local
from journal.metrics import MINUTES_PER_DAY, NightTimes, longest_step, read_as_next_day

# No diary night is older than this. (Profiles have no birth year; 1970 is the floor the
# product promises, and it keeps every date far from the ends of Python's calendar.)
EARLIEST_NIGHT = date(1970, 1, 1)


def date_problem(night: date, *, today: date) -> str | None:
    """Why a night's date cannot be logged, or None. `today` is the profile's local date.

    Only the cheap bounds are checked here (no date arithmetic, so year 9999 cannot overflow);
    whether tonight's night has begun (after noon) is `journal.models.night_has_begun`.
    """
    if night < EARLIEST_NIGHT:
        return gettext("Nights before %(year)s can't be logged: please check the year.") % {
            "year": EARLIEST_NIGHT.year
        }
    if night > today:
        return gettext("That night hasn't begun yet: nights start at noon.")
    return None


# --- Doubts: believable enough to save, unlikely enough to ask about first ----------------------

# Longer than this in bed is asked about (the diary allows up to 24 hours).
LONG_NIGHT_MINUTES = 16 * 60
# A time this little earlier on the clock than the one before it was probably meant the same
# evening (out of bed "22:00" after into bed 23:00), not the next day.
SAME_EVENING_MINUTES = 3 * 60

_NAMES = ("into_bed", "lights_out", "final_wake", "out_of_bed")

# "6 h in bed" or "17 h from lights out to out of bed": the span between the first and the last
# time given, a whole phrase per pair for the translators.
_SPANS = {
    ("into_bed", "out_of_bed"): _("%(duration)s in bed"),
    ("into_bed", "final_wake"): _("%(duration)s from into bed to the final awakening"),
    ("lights_out", "final_wake"): _("%(duration)s from lights out to the final awakening"),
    ("lights_out", "out_of_bed"): _("%(duration)s from lights out to out of bed"),
    ("final_wake", "out_of_bed"): _("%(duration)s from the final awakening to out of bed"),
    ("into_bed", "lights_out"): _("%(duration)s from into bed to lights out"),
}

# "Out of bed at 22:00 is earlier than into bed at 23:00", per pair of neighbouring times (the
# longest step is always between two times given, in this order).
_EARLIER_THAN = {
    ("into_bed", "lights_out"): _(
        "Lights out at %(later)s is earlier than into bed at %(earlier)s, so it counts as the "
        "next day: %(how_long)s. Did you mean another time?"
    ),
    ("into_bed", "final_wake"): _(
        "The final awakening at %(later)s is earlier than into bed at %(earlier)s, so it counts "
        "as the next day: %(how_long)s. Did you mean another time?"
    ),
    ("into_bed", "out_of_bed"): _(
        "Out of bed at %(later)s is earlier than into bed at %(earlier)s, so it counts as the "
        "next day: %(how_long)s. Did you mean another time?"
    ),
    ("lights_out", "final_wake"): _(
        "The final awakening at %(later)s is earlier than lights out at %(earlier)s, so it "
        "counts as the next day: %(how_long)s. Did you mean another time?"
    ),
    ("lights_out", "out_of_bed"): _(
        "Out of bed at %(later)s is earlier than lights out at %(earlier)s, so it counts as the "
        "next day: %(how_long)s. Did you mean another time?"
    ),
    ("final_wake", "out_of_bed"): _(
        "Out of bed at %(later)s is earlier than the final awakening at %(earlier)s, so it "
        "counts as the next day: %(how_long)s. Did you mean another time?"
    ),
}


def _duration(minutes: float) -> str:
    hours, rest = divmod(round(minutes), 60)
    return f"{hours} h {rest} min" if rest else f"{hours} h"


def _clock_minutes(moment: datetime, zone: ZoneInfo) -> int:
    local = to_local(moment, zone)
    return local.hour * 60 + local.minute


def doubts(times: NightTimes, zone: ZoneInfo) -> dict[str, str]:
    """{field: question} for a night that is possible but unlikely; {} when it looks ordinary.

    Only for times that pass `metrics.check_night` (up to 24 hours). A night longer than
    `LONG_NIGHT_MINUTES` from its first to its last time is asked about, on the later field of
    the longest step between two times (where the mistake most likely is). When that field was
    read as the next day only because its clock time is a little earlier than the one before it,
    the question says so: that is the "meant the same evening" typo.
    """
    given = [(name, getattr(times, name)) for name in _NAMES]
    given = [(name, moment) for name, moment in given if moment is not None]
    if len(given) < 2:
        return {}
    (first_name, first), (last_name, last) = given[0], given[-1]
    span = minutes_between(first, last)
    if not LONG_NIGHT_MINUTES < span <= MINUTES_PER_DAY:
        return {}
    earlier, start, later, end = longest_step(given)
    how_long = _SPANS[(first_name, last_name)] % {"duration": _duration(span)}
    behind = _clock_minutes(start, zone) - _clock_minutes(end, zone)
    if read_as_next_day(start, end, zone) and 0 < behind <= SAME_EVENING_MINUTES:
        return {
            later: _EARLIER_THAN[(earlier, later)]
            % {
                "later": f"{to_local(end, zone):%H:%M}",
                "earlier": f"{to_local(start, zone):%H:%M}",
                "how_long": how_long,
            }
        }
    return {later: gettext("That's %(how_long)s. Is that right?") % {"how_long": how_long}}
