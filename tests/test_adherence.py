"""How well a profile keeps to a routine: night shares, step rates, streaks and habit strength."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from routines.adherence import (
    COMPLETION_WINDOWS,
    SCORE_HORIZON,
    NightRecord,
    Outcome,
    habit_multiplier,
    habit_score,
    habit_scores,
    is_complete,
    night_outcome,
    night_share,
    rate,
    step_completion,
    streaks,
)


def nights_from(start: date, count: int) -> list[date]:
    return [start + timedelta(days=i) for i in range(count)]


def complete(night: date) -> NightRecord:
    return NightRecord(night=night, scheduled=4, done=4)


def missed(night: date) -> NightRecord:
    return NightRecord(night=night, scheduled=4, done=1)


def all_skipped(night: date) -> NightRecord:
    return NightRecord(night=night, scheduled=4, done=0, skipped=4)


D = date(2026, 1, 15)


class TestOneNight:
    def test_share_leaves_skipped_steps_out(self):
        # 5 steps, 1 skipped: 3 of the 4 meant steps done.
        assert night_share(NightRecord(night=D, scheduled=5, done=3, skipped=1)) == 0.75

    def test_share_without_skips(self):
        assert night_share(NightRecord(night=D, scheduled=4, done=1)) == 0.25

    def test_share_is_undefined_when_nothing_was_meant_to_be_done(self):
        assert night_share(all_skipped(D)) is None
        assert night_share(NightRecord(night=D, scheduled=0, done=0)) is None

    def test_complete_when_every_non_skipped_step_is_done(self):
        assert is_complete(NightRecord(night=D, scheduled=5, done=4, skipped=1))
        assert not is_complete(NightRecord(night=D, scheduled=5, done=3, skipped=1))

    def test_skipping_everything_is_not_a_complete_night(self):
        assert not is_complete(all_skipped(D))
        assert not is_complete(NightRecord(night=D, scheduled=0, done=0))

    def test_outcomes(self):
        assert night_outcome(complete(D)) is Outcome.COMPLETE
        assert night_outcome(missed(D)) is Outcome.MISSED
        assert night_outcome(None) is Outcome.MISSED  # never opened the checklist
        assert night_outcome(all_skipped(D)) is Outcome.CARRIED

    @pytest.mark.parametrize(
        ("scheduled", "done", "skipped"), [(-1, 0, 0), (3, -1, 0), (3, 0, -1), (3, 2, 2)]
    )
    def test_impossible_counts_are_rejected(self, scheduled, done, skipped):
        with pytest.raises(ValueError):
            NightRecord(night=D, scheduled=scheduled, done=done, skipped=skipped)


class TestStepCompletion:
    # The step was on the checklist every night from 1 January to 31 March 2026:
    # 31 + 28 + 31 = 90 nights, so the 90-night window is exactly that span.
    last_night = date(2026, 3, 31)
    scheduled = nights_from(date(2026, 1, 1), 90)
    # Done on 1–15 January, not at all in February, and every March night but the 10th and 30th.
    done = set(nights_from(date(2026, 1, 1), 15)) | set(nights_from(date(2026, 3, 1), 31)) - {
        date(2026, 3, 10),
        date(2026, 3, 30),
    }

    def counts(self, days: int) -> tuple[int, int]:
        return step_completion(
            step_done_nights=self.done,
            step_scheduled_nights=self.scheduled,
            last_night=self.last_night,
            days=days,
        )

    def test_last_7_nights(self):
        # 25–31 March: all 7 scheduled, done except the 30th.
        assert self.counts(7) == (6, 7)
        assert rate(*self.counts(7)) == pytest.approx(6 / 7)

    def test_last_30_nights(self):
        # 2–31 March: 30 scheduled; the 10th and the 30th missed.
        assert self.counts(30) == (28, 30)

    def test_last_90_nights(self):
        # 15 in January + 0 in February + 29 in March = 44 of 90.
        assert self.counts(90) == (44, 90)

    def test_the_windows_shown(self):
        assert [self.counts(days) for days in COMPLETION_WINDOWS] == [(6, 7), (28, 30), (44, 90)]

    def test_only_scheduled_nights_count(self):
        # A Mon/Wed/Fri step over the week of 12–18 January 2026 (12th is a Monday), done Mon and
        # Fri; a tick on Tuesday, when it was not on the checklist, does not count.
        scheduled = [date(2026, 1, 12), date(2026, 1, 14), date(2026, 1, 16)]
        done = {date(2026, 1, 12), date(2026, 1, 13), date(2026, 1, 16)}
        counts = step_completion(
            step_done_nights=done,
            step_scheduled_nights=scheduled,
            last_night=date(2026, 1, 18),
            days=7,
        )
        assert counts == (2, 3)

    def test_nothing_scheduled_has_no_rate(self):
        counts = step_completion(
            step_done_nights=set(), step_scheduled_nights=[], last_night=D, days=30
        )
        assert counts == (0, 0)
        assert rate(*counts) is None

    def test_window_must_be_at_least_one_night(self):
        with pytest.raises(ValueError):
            self.counts(0)

    def test_rate_rejects_impossible_counts(self):
        with pytest.raises(ValueError):
            rate(8, 7)


class TestStreaks:
    # A Mon–Fri routine in January 2026 (the 5th is a Monday); weekends are inactive.
    active = nights_from(date(2026, 1, 5), 5) + nights_from(date(2026, 1, 12), 5)
    active += nights_from(date(2026, 1, 19), 5)
    history = [
        complete(date(2026, 1, 5)),
        complete(date(2026, 1, 6)),
        missed(date(2026, 1, 7)),  # breaks: run of 2 ends
        complete(date(2026, 1, 8)),
        complete(date(2026, 1, 9)),
        complete(date(2026, 1, 10)),  # Saturday: not active, ignored
        complete(date(2026, 1, 12)),  # the weekend in between does not break the run
        all_skipped(date(2026, 1, 13)),  # carried
        complete(date(2026, 1, 14)),  # run 8, 9, 12, 14 = 4
        # 15 January: active but no record, so nothing done — breaks
        complete(date(2026, 1, 16)),
        complete(date(2026, 1, 19)),  # run 16, 19 = 2 so far
    ]

    def test_an_unfinished_tonight_does_not_break_the_current_streak(self):
        tonight = NightRecord(night=date(2026, 1, 20), scheduled=4, done=2)
        assert streaks(
            active_nights=self.active,
            records=[*self.history, tonight],
            today_night=date(2026, 1, 20),
        ) == (2, 4)

    def test_a_complete_tonight_extends_it(self):
        tonight = complete(date(2026, 1, 20))
        assert streaks(
            active_nights=self.active,
            records=[*self.history, tonight],
            today_night=date(2026, 1, 20),
        ) == (3, 4)

    def test_yesterday_unfinished_does_break_it(self):
        yesterday = NightRecord(night=date(2026, 1, 20), scheduled=4, done=2)
        assert streaks(
            active_nights=self.active,
            records=[*self.history, yesterday],
            today_night=date(2026, 1, 21),
        ) == (0, 4)

    def test_on_an_inactive_night_the_streak_counts_back_from_the_last_active_one(self):
        # Saturday 17 January: the run ending on Friday the 16th is 1 long.
        assert streaks(
            active_nights=self.active, records=self.history, today_night=date(2026, 1, 17)
        ) == (1, 4)

    def test_an_all_skipped_tonight_carries(self):
        records = [*self.history, all_skipped(date(2026, 1, 20))]
        assert streaks(
            active_nights=self.active, records=records, today_night=date(2026, 1, 20)
        ) == (2, 4)

    def test_nights_after_today_are_not_counted(self):
        records = [*self.history, *(complete(n) for n in nights_from(date(2026, 1, 20), 4))]
        assert streaks(
            active_nights=self.active, records=records, today_night=date(2026, 1, 9)
        ) == (2, 2)

    def test_no_nights_no_streak(self):
        assert streaks(active_nights=[], records=[], today_night=D) == (0, 0)

    def test_two_records_for_one_night_are_rejected(self):
        with pytest.raises(ValueError):
            streaks(active_nights=[D], records=[complete(D), missed(D)], today_night=D)


class TestHabitScore:
    # Daily habit: m = 0.5 ** (1/13) ≈ 0.948078, so m¹³ = 0.5 exactly in theory.
    m = 0.5 ** (1 / 13)

    def test_the_multiplier_halves_in_thirteen_nights(self):
        assert habit_multiplier() == pytest.approx(self.m)
        assert habit_multiplier() ** 13 == pytest.approx(0.5)

    def test_one_complete_night_from_nothing(self):
        # 0 × m + 1 × (1 − m) = 1 − 0.948078 ≈ 0.051922
        nights = [D]
        assert habit_score(active_nights=nights, records=[complete(D)]) == pytest.approx(
            0.051922, abs=1e-6
        )

    def test_thirteen_complete_nights_reach_one_half(self):
        # After n complete nights from 0 the score is 1 − mⁿ; 1 − m¹³ = 1 − 0.5.
        nights = nights_from(D, 13)
        score = habit_score(active_nights=nights, records=[complete(n) for n in nights])
        assert score == pytest.approx(0.5)

    def test_twenty_six_complete_nights_reach_three_quarters(self):
        nights = nights_from(D, 26)
        score = habit_score(active_nights=nights, records=[complete(n) for n in nights])
        assert score == pytest.approx(0.75)  # 1 − m²⁶ = 1 − 0.25

    def test_thirteen_misses_halve_the_score(self):
        # 0.5 after 13 complete nights; each miss multiplies by m, so 13 of them give 0.5 × 0.5.
        nights = nights_from(D, 26)
        records = [complete(n) for n in nights[:13]] + [missed(n) for n in nights[13:]]
        assert habit_score(active_nights=nights, records=records) == pytest.approx(0.25)

    def test_active_nights_without_a_record_are_misses(self):
        nights = nights_from(D, 26)
        records = [complete(n) for n in nights[:13]]
        assert habit_score(active_nights=nights, records=records) == pytest.approx(0.25)

    def test_all_skipped_nights_carry_the_score(self):
        nights = nights_from(D, 18)
        records = [complete(n) for n in nights[:13]] + [all_skipped(n) for n in nights[13:]]
        scores = habit_scores(active_nights=nights, records=records)
        assert [night for night, _ in scores] == nights  # carried nights still get a point
        assert [score for _, score in scores[12:]] == pytest.approx([0.5] * 6)

    def test_inactive_nights_are_not_in_the_sequence(self):
        # Every other night is active; 13 complete active nights still give 0.5.
        nights = [D + timedelta(days=2 * i) for i in range(13)]
        records = [complete(n) for n in nights] + [missed(D + timedelta(days=1))]
        scores = habit_scores(active_nights=nights, records=records)
        assert [night for night, _ in scores] == nights
        assert scores[-1][1] == pytest.approx(0.5)

    def test_lower_frequency_moves_more_slowly(self):
        # frequency ¼: m = 0.5 ** (½ / 13) = 0.5 ** (1/26), so 26 nights to reach one half.
        nights = nights_from(D, 26)
        score = habit_score(
            active_nights=nights, records=[complete(n) for n in nights], frequency=0.25
        )
        assert score == pytest.approx(0.5)

    def test_no_nights_score_zero(self):
        assert habit_score(active_nights=[], records=[]) == 0.0
        assert habit_scores(active_nights=[], records=[]) == []

    @pytest.mark.parametrize("frequency", [0.0, -1.0, float("nan"), float("inf")])
    def test_frequency_must_be_positive(self, frequency):
        with pytest.raises(ValueError):
            habit_scores(active_nights=[D], records=[], frequency=frequency)


@st.composite
def routine_histories(draw):
    """Active nights with gaps, and a record (or none) for each, of any plausible shape."""
    start = draw(st.dates(min_value=date(2024, 1, 1), max_value=date(2026, 12, 31)))
    gaps = draw(st.lists(st.integers(min_value=1, max_value=3), max_size=60))
    active = [start]
    for gap in gaps:
        active.append(active[-1] + timedelta(days=gap))
    records = []
    for night in active:
        if draw(st.booleans()):
            scheduled = draw(st.integers(min_value=0, max_value=6))
            done = draw(st.integers(min_value=0, max_value=scheduled))
            skipped = draw(st.integers(min_value=0, max_value=scheduled - done))
            records.append(
                NightRecord(night=night, scheduled=scheduled, done=done, skipped=skipped)
            )
    today = draw(st.sampled_from(active)) + timedelta(days=draw(st.integers(0, 2)))
    return active, records, today


@given(history=routine_histories(), frequency=st.floats(min_value=1e-3, max_value=50))
def test_scores_stay_between_zero_and_one(history, frequency):
    active, records, _ = history
    scores = habit_scores(active_nights=active, records=records, frequency=frequency)
    assert len(scores) == len(active)
    assert all(0.0 <= score <= 1.0 for _, score in scores)


@given(history=routine_histories())
def test_current_streak_never_exceeds_best(history):
    active, records, today = history
    current, best = streaks(active_nights=active, records=records, today_night=today)
    complete_nights = sum(is_complete(r) for r in records if r.night <= today)
    assert 0 <= current <= best <= complete_nights


# --- history taken in parts, and the habit score's horizon -------------------------------------

outcomes = st.lists(st.sampled_from(["complete", "missed", "skipped", "none"]), max_size=120)
RECORD = {"complete": complete, "missed": missed, "skipped": all_skipped}


def history_of(kinds: list[str]) -> tuple[list[date], list[NightRecord]]:
    nights = nights_from(D, len(kinds))
    records = [
        RECORD[kind](night) for night, kind in zip(nights, kinds, strict=True) if kind in RECORD
    ]
    return nights, records


@given(outcomes, st.integers(min_value=0, max_value=120))
def test_streaks_taken_in_two_parts_equal_the_whole(kinds, cut):
    nights, records = history_of(kinds)
    today = D + timedelta(days=len(kinds))  # every night is over
    cut = min(cut, len(nights))
    first = streaks(active_nights=nights[:cut], records=records, today_night=today)
    assert streaks(
        active_nights=nights[cut:], records=records, today_night=today, start=first
    ) == streaks(active_nights=nights, records=records, today_night=today)


@given(outcomes, st.integers(min_value=0, max_value=120))
def test_the_habit_score_taken_in_two_parts_equals_the_whole(kinds, cut):
    nights, records = history_of(kinds)
    cut = min(cut, len(nights))
    first = habit_score(active_nights=nights[:cut], records=records)
    whole = habit_score(active_nights=nights, records=records)
    assert habit_score(active_nights=nights[cut:], records=records, start=first) == pytest.approx(
        whole, abs=1e-12
    )


@given(
    st.lists(st.sampled_from(["complete", "missed", "skipped"]), min_size=400, max_size=1100),
    st.floats(min_value=0, max_value=1),
)
def test_a_year_of_judged_nights_gives_the_full_score_within_1e_8(kinds, earlier):
    """Why a year of history is enough for the habit score: whatever came before the last
    SCORE_HORIZON judged nights (here summed up as any score ``earlier``) weighs below 1e-8."""
    nights, records = history_of(kinds)
    by_night = {record.night: record for record in records}
    judged = [night for night in nights if night_outcome(by_night[night]) is not Outcome.CARRIED]
    if len(judged) < SCORE_HORIZON:
        return
    window = [night for night in nights if night >= judged[-SCORE_HORIZON]]
    full = habit_score(active_nights=nights, records=records, start=earlier)
    windowed = habit_score(active_nights=window, records=records)
    assert abs(full - windowed) < 1e-8


def test_the_horizon_weighs_below_1e_8_and_twenty_nights_fewer_would_not():
    assert habit_multiplier() ** SCORE_HORIZON < 1e-8
    assert habit_multiplier() ** (SCORE_HORIZON - 20) > 1e-8
