"""Is a night believable? Bounds on its date, and doubts worth asking about before saving.

`journal.metrics.check_night` says what *cannot* be (a final awakening before lights out). This
module says what is *unlikely*: a night of more than 16 hours in bed, or a time that only makes
sense on the next day when the person probably meant the same evening (out of bed 22:00 after
into bed 23:00 reads as 23 hours in bed). A doubt is shown on the field it is about and the
person may save the night as entered anyway.

Pure stdlib: no Django here.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

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
        return f"Nights before {EARLIEST_NIGHT.year} can't be logged: please check the year."
    if night > today:
        return "That night hasn't begun yet: nights start at noon."
    return None


# --- Doubts: believable enough to save, unlikely enough to ask about first ----------------------

# Longer than this in bed is asked about (the diary allows up to 24 hours).
LONG_NIGHT_MINUTES = 16 * 60
# A time this little earlier on the clock than the one before it was probably meant the same
# evening (out of bed "22:00" after into bed 23:00), not the next day.
SAME_EVENING_MINUTES = 3 * 60

_NAMES = {
    "into_bed": "into bed",
    "lights_out": "lights out",
    "final_wake": "the final awakening",
    "out_of_bed": "out of bed",
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
    if (first_name, last_name) == ("into_bed", "out_of_bed"):
        how_long = f"{_duration(span)} in bed"
    else:
        how_long = f"{_duration(span)} from {_NAMES[first_name]} to {_NAMES[last_name]}"
    behind = _clock_minutes(start, zone) - _clock_minutes(end, zone)
    if read_as_next_day(start, end, zone) and 0 < behind <= SAME_EVENING_MINUTES:
        name = _NAMES[later]
        return {
            later: (
                f"{name[0].upper()}{name[1:]} at {to_local(end, zone):%H:%M} is earlier than "
                f"{_NAMES[earlier]} at {to_local(start, zone):%H:%M}, so it counts as the next "
                f"day: {how_long}. Did you mean another time?"
            )
        }
    return {later: f"That's {how_long}. Is that right?"}
