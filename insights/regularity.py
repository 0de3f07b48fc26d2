"""How regular sleep is: the Sleep Regularity Index, the spread of clock times, social jet lag.

Definitions in docs/sleep-metrics.md:

- SRI (Phillips et al., Scientific Reports 2017): the chance of being in the same state (asleep or
  awake) at two moments 24 h apart, rescaled to −100 … 100.
- Circular mean and SD of sleep onset, final wake and mid-sleep, so 23:50 and 00:10 are close.
- Social jet lag (Wittmann et al., 2006) with the MCTQ sleep-debt-corrected MSF.

A night missing its sleep onset or final wake (or with a final wake before the onset) has no
sleep period and is left out of everything here, as a missing night.

Pure stdlib: no Django here.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import timedelta

from insights.records import NightRecord, clock_minutes, minutes_between
from insights.stats import circular_mean_and_sd, clock_difference, mean

_ONE_DAY = timedelta(days=1)


# --- Sleep Regularity Index -------------------------------------------------------------------


def _asleep_span(night: NightRecord) -> tuple[float, float, float] | None:
    """(window length, asleep from, asleep until) in minutes since the window's start.

    The asleep interval is clipped to the window; None when the night has no sleep period.
    """
    if night.sleep_period is None:
        return None
    assert night.sleep_onset is not None and night.final_wake is not None
    length = night.window_minutes
    start = min(max(minutes_between(night.window_start, night.sleep_onset), 0.0), length)
    end = min(max(minutes_between(night.window_start, night.final_wake), 0.0), length)
    return length, start, end


def _overlap(start_a: float, end_a: float, start_b: float, end_b: float) -> float:
    return max(0.0, min(end_a, end_b) - max(start_a, start_b))


def sleep_regularity_index(nights: Sequence[NightRecord]) -> float | None:
    """Phillips's SRI from diary nights: −100 + 200 × (agreeing epochs / compared epochs).

    Each night owns 1-minute epochs from noon of D (its window's start), asleep from sleep onset
    to final wake. Epoch m of night D is compared with epoch m of night D+1 for every pair of
    consecutive dates that both have a sleep period; on a DST night (a 23 h or 25 h window) only
    the elapsed minutes both windows have are compared.

    Counted with interval arithmetic instead of minute by minute: within the M compared minutes,
    the states disagree exactly on the symmetric difference of the two asleep intervals, so
    agreeing = M − (asleep₁ + asleep₂ − 2 × overlap). For times on whole minutes this equals the
    epoch count; in between it is the continuous version of it. Linear in the number of nights.

    None when no pair of consecutive nights has a sleep period.
    """
    spans = {night.date: span for night in nights if (span := _asleep_span(night)) is not None}
    compared = agreeing = 0.0
    for day, (length, start, end) in spans.items():
        following = spans.get(day + _ONE_DAY)
        if following is None:
            continue
        next_length, next_start, next_end = following
        shared = min(length, next_length)
        # Clip both asleep intervals to the shared minutes; beyond them there is no counterpart.
        start, end = min(start, shared), min(end, shared)
        next_start, next_end = min(next_start, shared), min(next_end, shared)
        disagreeing = (
            (end - start) + (next_end - next_start) - 2 * _overlap(start, end, next_start, next_end)
        )
        compared += shared
        agreeing += shared - disagreeing
    if compared == 0:
        return None
    # Clamp against rounding: the index is defined on [−100, 100].
    return min(100.0, max(-100.0, -100 + 200 * agreeing / compared))


# --- Clock times --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ClockSummary:
    """Circular mean (minutes after midnight) and circular SD (minutes) of one clock time."""

    n: int
    mean: float | None  # None when n == 0 or the times cancel out
    sd: float | None  # None when n < 2


@dataclass(frozen=True)
class ClockVariability:
    """The spread of the three clock times the regularity section shows."""

    sleep_onset: ClockSummary
    final_wake: ClockSummary
    mid_sleep: ClockSummary


def _clock_summary(minutes: list[float]) -> ClockSummary:
    circular_mean, circular_sd = circular_mean_and_sd(minutes)
    return ClockSummary(n=len(minutes), mean=circular_mean, sd=circular_sd)


def clock_time_variability(nights: Iterable[NightRecord]) -> ClockVariability:
    """Circular mean and SD of sleep onset, final wake and mid-sleep, each in its night's zone.

    Onset and final wake count whenever they are given; mid-sleep needs a sleep period.
    """
    onsets: list[float] = []
    wakes: list[float] = []
    mids: list[float] = []
    for night in nights:
        if night.sleep_onset is not None:
            onsets.append(clock_minutes(night.sleep_onset, night.zone_name))
        if night.final_wake is not None:
            wakes.append(clock_minutes(night.final_wake, night.zone_name))
        if (mid := night.mid_sleep) is not None:
            mids.append(clock_minutes(mid, night.zone_name))
    return ClockVariability(
        sleep_onset=_clock_summary(onsets),
        final_wake=_clock_summary(wakes),
        mid_sleep=_clock_summary(mids),
    )


# --- Social jet lag -----------------------------------------------------------------------------


@dataclass(frozen=True)
class SocialJetLag:
    """Mid-sleep before work days vs before free days. Clock times are minutes after midnight."""

    msw: float  # circular mean mid-sleep, nights before work days
    msf: float  # circular mean mid-sleep, nights before free days
    jet_lag: float  # |MSF − MSW| the shortest way round the clock, minutes
    msf_sc: float  # MSF corrected for sleep debt (MCTQ), minutes after midnight
    n_work: int
    n_free: int
    sleep_work: float  # SDw: mean sleep period before work days, minutes
    sleep_free: float  # SDf: mean sleep period before free days, minutes


def social_jet_lag(
    nights: Iterable[NightRecord], work_days: Collection[int]
) -> SocialJetLag | None:
    """Social jet lag from the nights' mid-sleep, grouped by the day that follows each night.

    The night dated D is before a work day when (D+1).weekday() is in `work_days` (0 = Monday):
    the night of Friday → Saturday is before Saturday. Mid-sleep = onset + (final wake − onset)/2,
    read on the clock of the night's zone.

    MSFsc = MSF − (SDf − SDweek)/2 when SDf > SDw, else MSF, with SDweek = (5·SDw + 2·SDf)/7 as
    the doc (and the MCTQ) defines it for a five-day working week.

    None when either group has no night with a sleep period, or a group's mid-sleeps cancel out
    so that it has no mean clock time.
    """
    mids: dict[bool, list[float]] = {True: [], False: []}
    periods: dict[bool, list[float]] = {True: [], False: []}
    for night in nights:
        mid, period = night.mid_sleep, night.sleep_period
        if mid is None or period is None:
            continue
        before_work = (night.date + _ONE_DAY).weekday() in work_days
        mids[before_work].append(clock_minutes(mid, night.zone_name))
        periods[before_work].append(period)
    if not mids[True] or not mids[False]:
        return None
    msw, _ = circular_mean_and_sd(mids[True])
    msf, _ = circular_mean_and_sd(mids[False])
    sleep_work, sleep_free = mean(periods[True]), mean(periods[False])
    if msw is None or msf is None or sleep_work is None or sleep_free is None:
        return None
    msf_sc = msf
    if sleep_free > sleep_work:
        sleep_week = (5 * sleep_work + 2 * sleep_free) / 7
        msf_sc = (msf - (sleep_free - sleep_week) / 2) % 1440
    return SocialJetLag(
        msw=msw,
        msf=msf,
        jet_lag=math.fabs(clock_difference(msf, msw)),
        msf_sc=msf_sc,
        n_work=len(mids[True]),
        n_free=len(mids[False]),
        sleep_work=sleep_work,
        sleep_free=sleep_free,
    )
