"""How well a profile keeps to a routine: night completion, step rates, streaks, habit strength.

The inputs are plain per-night records of one routine for one profile. ``active_nights`` lists
every night the routine was scheduled (its weekdays, within its lifetime) in ascending order, up to
and including the last night to consider; it is the authority on which nights count:

- an active night with no record counts as nothing done (the checklist was never opened);
- a record for a night that is not in ``active_nights`` is ignored (the routine was not on);
- inactive nights are simply absent, so they neither break nor extend anything.

Skipping a step is a deliberate choice ("no bath tonight, I'm travelling") and never counts
against the person. A night whose steps were all skipped is *carried*: it neither breaks nor
extends a streak and leaves the habit score unchanged.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum

# The windows, in nights, that per-step completion is shown over.
COMPLETION_WINDOWS = (7, 30, 90)


@dataclass(frozen=True)
class NightRecord:
    """One night's checklist of one routine: how many steps it had, and what became of them."""

    night: date
    scheduled: int  # steps on the checklist that night
    done: int
    skipped: int = 0  # deliberately skipped; these do not count against the night

    def __post_init__(self) -> None:
        if min(self.scheduled, self.done, self.skipped) < 0:
            raise ValueError(f"step counts cannot be negative: {self!r}")
        if self.done + self.skipped > self.scheduled:
            raise ValueError(f"more steps done or skipped than scheduled: {self!r}")

    @property
    def expected(self) -> int:
        """Steps the person meant to do: those on the checklist that were not skipped."""
        return self.scheduled - self.skipped


class Outcome(Enum):
    """What an active night contributes to streaks and the habit score."""

    COMPLETE = "complete"
    MISSED = "missed"
    # All steps skipped (or an empty checklist): nothing was expected, so nothing is judged.
    CARRIED = "carried"


def night_share(record: NightRecord) -> float | None:
    """Share of the non-skipped steps that were done; None when no step was expected."""
    if record.expected == 0:
        return None
    return record.done / record.expected


def is_complete(record: NightRecord) -> bool:
    """Every non-skipped step done, and at least one step actually done.

    The second condition keeps a night of nothing but skips from counting as a success.
    """
    return record.done >= 1 and record.done == record.expected


def night_outcome(record: NightRecord | None) -> Outcome:
    """The outcome of an active night, given its record (None when there is none)."""
    if record is None:
        return Outcome.MISSED
    if night_share(record) is None:
        return Outcome.CARRIED
    return Outcome.COMPLETE if is_complete(record) else Outcome.MISSED


def step_completion(
    *,
    step_done_nights: Collection[date],
    step_scheduled_nights: Sequence[date],
    last_night: date,
    days: int,
) -> tuple[int, int]:
    """(done, scheduled) for one step over the ``days`` calendar nights ending at ``last_night``.

    The window counts calendar nights, so "last 7 nights" is a week whatever the routine's
    weekdays. Pass as scheduled the nights the step was on the checklist and not skipped, so that
    skips do not count against it. A done night outside the scheduled ones is ignored, which keeps
    the rate within 0–1 even if the data disagree.
    """
    if days < 1:
        raise ValueError(f"days must be ≥ 1, got {days}")
    first_night = last_night - timedelta(days=days - 1)
    scheduled = {night for night in step_scheduled_nights if first_night <= night <= last_night}
    done = scheduled.intersection(step_done_nights)
    return len(done), len(scheduled)


def rate(done: int, scheduled: int) -> float | None:
    """done / scheduled, or None when nothing was scheduled (no rate, rather than 0 %).

    Positional so that ``rate(*step_completion(...))`` reads naturally.
    """
    if not 0 <= done <= scheduled:
        raise ValueError(f"need 0 ≤ done ≤ scheduled, got {done} of {scheduled}")
    if scheduled == 0:
        return None
    return done / scheduled


def _records_by_night(records: Iterable[NightRecord]) -> dict[date, NightRecord]:
    by_night: dict[date, NightRecord] = {}
    for record in records:
        if record.night in by_night:
            raise ValueError(f"two records for the night of {record.night}")
        by_night[record.night] = record
    return by_night


def _outcomes(
    *,
    active_nights: Iterable[date],
    records: Iterable[NightRecord],
    through: date | None = None,
) -> list[tuple[date, Outcome]]:
    by_night = _records_by_night(records)
    nights = sorted(set(active_nights))
    if through is not None:
        nights = [night for night in nights if night <= through]
    return [(night, night_outcome(by_night.get(night))) for night in nights]


def streaks(
    *,
    active_nights: Sequence[date],
    records: Iterable[NightRecord],
    today_night: date,
    start: tuple[int, int] = (0, 0),
) -> tuple[int, int]:
    """(current, best): the longest runs of consecutive complete active nights.

    Only active nights up to ``today_night`` are considered; inactive nights are not in the
    sequence, so a Mon–Fri routine's streak runs straight across the weekend. Carried nights
    (all steps skipped) neither break nor extend a run.

    The current streak counts back from ``today_night`` if tonight is already complete, else from
    the previous active night: tonight's evening is still going, so an unfinished tonight must not
    show a broken streak. Only a past active night that was not complete breaks it.

    ``start`` is (run, best) as they stood before the first of ``active_nights``, so a long history
    can be taken in parts: the streaks of the nights up to some night that is over, then of the
    rest starting from those, equal the streaks of the whole.
    """
    current, best = start
    for night, outcome in _outcomes(
        active_nights=active_nights, records=records, through=today_night
    ):
        if outcome is Outcome.COMPLETE:
            current += 1
            best = max(best, current)
        elif outcome is Outcome.MISSED and night != today_night:
            current = 0
        # CARRIED, and an unfinished tonight, leave the run as it is.
    return current, best


def habit_multiplier(frequency: float = 1.0) -> float:
    """The per-night decay m = 0.5 ** (√frequency / 13) of the habit score.

    For a nightly habit (frequency 1) m¹³ = 0.5: thirteen nights halve the distance to the target.
    """
    if not (math.isfinite(frequency) and frequency > 0):
        raise ValueError(f"frequency must be a positive number, got {frequency}")
    return 0.5 ** (math.sqrt(frequency) / 13)


def habit_scores(
    *,
    active_nights: Sequence[date],
    records: Iterable[NightRecord],
    frequency: float = 1.0,
    start: float = 0.0,
) -> list[tuple[date, float]]:
    """The habit strength after each active night, as (night, score in 0–1).

    This is Loop Habit Tracker's score (Álinson Santos Xavier, github.com/iSoron/uhabits,
    ``Score.compute`` in uhabits-core), an exponential moving average::

        score = previous × m + value × (1 − m),   m = 0.5 ** (√frequency / 13)

    with value 1 for a complete night and 0 otherwise, starting from 0. Unlike a streak, one miss
    after a long run costs a little rather than everything. With frequency 1, thirteen complete
    nights from 0 reach 1 − m¹³ = 0.5, and thirteen misses halve any score.

    Here the sequence is the routine's active nights only, so ``frequency`` is "per active night"
    and the default 1 fits a routine meant for every night it is on. A carried night (all steps
    skipped) keeps the previous score, and still appears in the result so a chart has a point for
    every active night. Pass active nights up to the last one that is over (include tonight only
    once it is complete), or an evening still under way reads as a miss.

    ``start`` is the score before the first of ``active_nights`` (0 for a routine's first night),
    to carry on from a score computed earlier.
    """
    multiplier = habit_multiplier(frequency)
    score = start
    scores: list[tuple[date, float]] = []
    for night, outcome in _outcomes(active_nights=active_nights, records=records):
        if outcome is not Outcome.CARRIED:
            value = 1.0 if outcome is Outcome.COMPLETE else 0.0
            score = score * multiplier + value * (1 - multiplier)
            # Guard against rounding drifting a hair outside 0–1 when frequency is large.
            score = min(1.0, max(0.0, score))
        scores.append((night, score))
    return scores


def habit_score(
    *,
    active_nights: Sequence[date],
    records: Iterable[NightRecord],
    frequency: float = 1.0,
    start: float = 0.0,
) -> float:
    """The habit strength after the last active night (``start`` when there is none); see
    habit_scores."""
    scores = habit_scores(
        active_nights=active_nights, records=records, frequency=frequency, start=start
    )
    return scores[-1][1] if scores else start


# Judged nights (complete or missed) after which an older night's weight in the habit score is
# below 1e-8: m ** 365 = 0.5 ** (365 / 13) ≈ 3.5e-9 for a nightly habit. A score computed over
# only the latest SCORE_HORIZON judged nights is the full score to that precision.
SCORE_HORIZON = 365
