"""Which nights an insights page covers (insights/ranges.py)."""

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from insights.ranges import DEFAULT_PRESET, EARLIEST, LONGEST, pick_range

LAST = date(2026, 11, 24)


def test_presets_end_last_night():
    r = pick_range(last_night=LAST, preset="7", start=None, end=None)
    assert (r.start, r.end, r.preset, r.nights, r.problem) == (date(2026, 11, 18), LAST, 7, 7, "")


def test_the_default_is_thirty_nights():
    r = pick_range(last_night=LAST, preset=None, start=None, end=None)
    assert r.preset == DEFAULT_PRESET == 30 and r.nights == 30


def test_custom_dates_are_clipped_at_last_night():
    r = pick_range(last_night=LAST, preset=None, start="2026-11-01", end="2026-12-31")
    assert (r.start, r.end, r.preset, r.problem) == (date(2026, 11, 1), LAST, None, "")


def test_unusable_input_falls_back_with_a_reason():
    cases = {
        ("2026-11-10", "2026-11-01"): "The range ends before it starts.",
        ("1969-12-31", "2026-11-01"): "Pick a start from 1970 on.",
        ("2027-01-01", "2027-02-01"): "That range has not begun yet.",
        ("nonsense", "2026-11-01"): "Pick both dates as YYYY-MM-DD.",
        ("2026-11-01", ""): "Pick both dates as YYYY-MM-DD.",
        ("1970-01-01", "2026-11-01"): "Pick at most ten years.",
    }
    for (start, end), problem in cases.items():
        r = pick_range(last_night=LAST, preset=None, start=start, end=end)
        assert r.problem == problem, (start, end)
        assert r.preset == DEFAULT_PRESET and r.end == LAST


def test_an_unknown_preset_is_refused():
    assert pick_range(last_night=LAST, preset="1000000", start=None, end=None).problem
    assert pick_range(last_night=LAST, preset="x", start=None, end=None).nights == 30


@given(
    preset=st.one_of(st.none(), st.text(max_size=12)),
    start=st.one_of(st.none(), st.text(max_size=12), st.dates().map(date.isoformat)),
    end=st.one_of(st.none(), st.text(max_size=12), st.dates().map(date.isoformat)),
)
def test_any_input_gives_a_sane_range(preset, start, end):
    r = pick_range(last_night=LAST, preset=preset, start=start, end=end)
    assert EARLIEST <= r.start <= r.end <= LAST
    assert 1 <= r.nights <= LONGEST
