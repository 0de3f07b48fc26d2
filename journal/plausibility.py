"""Is a night believable? Bounds on its date, and doubts worth asking about before saving.

`journal.metrics.check_night` says what *cannot* be (a final awakening before lights out). This
module says what is *unlikely*: a night of more than 16 hours in bed, or a time that only makes
sense on the next day when the person probably meant the same evening (out of bed 22:00 after
into bed 23:00 reads as 23 hours in bed). A doubt is shown on the field it is about and the
person may save the night as entered anyway.

Pure stdlib: no Django here.
"""

from __future__ import annotations

from datetime import date

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
