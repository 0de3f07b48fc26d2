"""The sleep-window worksheet: arithmetic to discuss with a clinician, never advice."""

from datetime import date, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from insights.records import NightRecord
from insights.worksheet import SleepWindow, WeekRow, sleep_window, sleep_window_history
from tests.insights_nights import nights, scored

JAN_1 = date(2026, 1, 1)
WAKE = time(6, 30)


def on(i: int) -> date:
    return JAN_1 + timedelta(days=i)


def test_worked_example_sleep_window() -> None:
    tsts = [300, 320, 310, 290, 330, 305, 315]
    range_ = [scored(on(i), tst=float(tst), se=85.0 + i) for i, tst in enumerate(tsts)]
    assert sleep_window(range_, WAKE) == SleepWindow(
        n=7, mean_tst=310, mean_se=88, window_minutes=310, start=time(1, 20), end=time(6, 30)
    )


def test_the_last_seven_logged_nights_count() -> None:
    # Twelve nights: the oldest five (TST 600) are beyond the last seven; a night without a TST
    # does not count, and a gap in the dates does not matter.
    range_ = [scored(on(i), tst=600.0) for i in range(5)]
    range_ += [scored(on(i), tst=360.0) for i in (5, 6, 7, 8, 9, 20)]
    range_ += [scored(on(21), tst=None, se=90.0), scored(on(22), tst=360.0)]
    window = sleep_window(range_[::-1], WAKE)
    assert window is not None
    assert (window.n, window.mean_tst) == (7, 360)
    assert window.mean_se is None  # none of those seven has an SE
    assert window.start == time(0, 30)


def test_the_window_is_never_shorter_than_five_hours() -> None:
    window = sleep_window([scored(on(i), tst=240.0) for i in range(7)], WAKE)
    assert window is not None
    assert window.mean_tst == 240 and window.window_minutes == 300 and window.at_floor
    assert window.start == time(1, 30)


def test_the_window_wraps_past_midnight() -> None:
    window = sleep_window([scored(on(0), tst=420.0)], time(0, 30))
    assert window is not None
    assert (window.start, window.end, window.n) == (time(17, 30), time(0, 30), 1)
    assert not window.at_floor


def test_the_start_is_rounded_to_the_minute_but_the_window_is_not() -> None:
    window = sleep_window(
        [scored(on(i), tst=float(t)) for i, t in enumerate((400, 401, 401))], WAKE
    )
    assert window is not None
    assert window.window_minutes == pytest.approx(400 + 2 / 3)
    assert window.start == time(23, 49)  # 06:30 − 6 h 40.67 min = 23:49.33


def test_no_window_without_a_tst() -> None:
    assert sleep_window([], WAKE) is None
    assert sleep_window([scored(on(0), se=80.0)], WAKE) is None


# --- History ------------------------------------------------------------------------------------


def test_history_week_by_week_newest_first() -> None:
    # 15 nights, 1–15 January: blocks 9–15, 2–8 and 1 (the newest block ends at the newest night).
    range_ = [scored(on(i), tst=300.0 + 10 * (i // 7), se=80.0) for i in range(15)]
    rows = sleep_window_history(range_, WAKE)
    assert [(row.week_start, row.week_end, row.n) for row in rows] == [
        (date(2026, 1, 9), date(2026, 1, 15), 7),
        (date(2026, 1, 2), date(2026, 1, 8), 7),
        (date(2025, 12, 26), date(2026, 1, 1), 1),
    ]
    newest = rows[0]
    assert newest == WeekRow(
        week_start=date(2026, 1, 9),
        week_end=date(2026, 1, 15),
        n=7,
        mean_tst=pytest.approx(300 + 10 * (6 * 1 + 1 * 2) / 7),
        mean_se=80,
        window=newest.window,
    )
    assert newest.window.end == WAKE and newest.window.n == 7


def test_history_skips_weeks_without_a_tst() -> None:
    range_ = [scored(on(0), tst=420.0), scored(on(7), se=80.0), scored(on(14), tst=360.0)]
    rows = sleep_window_history(range_, WAKE)
    assert [(row.week_end, row.mean_tst) for row in rows] == [(on(14), 360), (on(0), 420)]


def test_no_history_without_a_tst() -> None:
    assert sleep_window_history([], WAKE) == []
    assert sleep_window_history([scored(on(0), quality=3)], WAKE) == []


def test_three_years_of_history() -> None:
    range_ = [scored(on(i), tst=420.0) for i in range(1100)]
    rows = sleep_window_history(range_, WAKE)
    assert len(rows) == 158  # 1100 nights = 157 weeks and 1 night
    assert sum(row.n for row in rows) == 1100


@settings(max_examples=150, deadline=None)
@given(range_=nights(), wake=st.builds(time, st.integers(0, 23), st.integers(0, 59)))
def test_worksheet_of_any_range(range_: list[NightRecord], wake: time) -> None:
    window = sleep_window(range_, wake)
    with_tst = [record for record in range_ if record.tst is not None]
    assert (window is None) == (not with_tst)
    rows = sleep_window_history(range_, wake)
    assert sum(row.n for row in rows) == len(with_tst)
    for found in [window] + [row.window for row in rows]:
        if found is None:
            continue
        assert 1 <= found.n <= 7
        assert found.window_minutes >= 300
        assert found.end == wake
        start = found.start.hour * 60 + found.start.minute
        elapsed = (wake.hour * 60 + wake.minute - start) % 1440
        assert abs(elapsed - found.window_minutes % 1440) <= 0.5 or found.window_minutes >= 1440
