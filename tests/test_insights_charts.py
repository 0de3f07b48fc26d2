"""The Insights charts: pure SVG geometry (insights.charts) and the partials that draw it.

A chart is numbers in a viewBox: bars placed by elapsed minutes (so a night the clocks changed has
its real length), missing values left as gaps and never drawn as zero, and a sentence instead of
axes when there is nothing to draw. The partials draw it with classes only (the CSP forbids style
attributes) and follow every chart with a table of the same numbers.
"""

import dataclasses
import math
import re
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.template.loader import get_template
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from insights.charts import (
    NO_NIGHTS,
    WIDTH,
    DayWords,
    LogInput,
    adherence_heatmap,
    adherence_level,
    nice_ticks,
    parts,
    sleep_log,
    trend,
    weekday_bars,
    window_minutes,
)
from insights.charts.night_log import LOG_LEFT, LOG_RIGHT
from insights.charts.parts import date_text, night_text

BERLIN = "Europe/Berlin"
D = date(2026, 3, 2)  # a Monday


def night(day: date, bed: tuple[int, int], up: tuple[int, int], **fields) -> LogInput:
    """A Berlin night from clock times: into bed on `day`, up the next morning."""
    tz = ZoneInfo(BERLIN)
    return LogInput.from_times(
        label=f"{day:%a} {day.day}",
        night=day,
        zone=BERLIN,
        in_bed=datetime.combine(day, time(*bed), tz),
        out_of_bed=datetime.combine(day + timedelta(days=1), time(*up), tz),
        **fields,
    )


def week(start: date = D, count: int = 7) -> list[date]:
    return [start + timedelta(days=i) for i in range(count)]


def coordinates(chart) -> list[tuple[str, float]]:
    """Every number that places a mark, found by walking the chart's dataclasses."""
    found = []

    def walk(value, name=""):
        if dataclasses.is_dataclass(value):
            for field in dataclasses.fields(value):
                walk(getattr(value, field.name), field.name)
        elif isinstance(value, tuple | list):
            for item in value:
                walk(item, name)
        elif isinstance(value, float | int) and not isinstance(value, bool):
            found.append((name, value))

    walk(chart)
    return found


def assert_inside_viewbox(chart) -> None:
    assert chart.width == WIDTH and chart.height > 0
    for item in _marks(chart):
        for name, value in coordinates(item):
            assert math.isfinite(value), (name, item)
        match item:
            case _ if hasattr(item, "width") and hasattr(item, "x"):  # Rect
                assert item.width >= 0 and item.height >= 0, item
                assert item.x >= 0 and item.x + item.width <= chart.width + 0.05, item
                assert item.y >= 0 and item.y + item.height <= chart.height + 0.05, item
            case _ if hasattr(item, "x1"):  # Line
                for x, y in ((item.x1, item.y1), (item.x2, item.y2)):
                    assert 0 <= x <= chart.width and 0 <= y <= chart.height, item
            case _ if hasattr(item, "cx"):  # Dot
                assert 0 <= item.cx <= chart.width and 0 <= item.cy <= chart.height, item
            case _ if hasattr(item, "points"):  # Polyline
                for x, y in item.points:
                    assert 0 <= x <= chart.width and 0 <= y <= chart.height, item
            case _ if hasattr(item, "text"):  # Label
                assert 0 <= item.x <= chart.width and 0 <= item.y <= chart.height, item


def _marks(value):
    """The shapes and labels inside a chart (Rect, Line, Dot, Polyline, Label)."""
    if dataclasses.is_dataclass(value):
        names = {f.name for f in dataclasses.fields(value)}
        if names & {"x", "x1", "cx", "points"}:
            yield value
            return
        for field in dataclasses.fields(value):
            if field.name != "table":
                yield from _marks(getattr(value, field.name))
    elif isinstance(value, tuple | list):
        for item in value:
            yield from _marks(item)


class TestNiceTicks:
    def test_round_steps_covering_the_range(self):
        assert nice_ticks(0, 8) == (0, 2, 4, 6, 8)
        assert nice_ticks(62, 98) == (60, 70, 80, 90, 100)
        assert nice_ticks(5.5, 7.4) == (5.5, 6, 6.5, 7, 7.5)

    def test_one_value_gets_a_range_around_it(self):
        ticks = nice_ticks(80, 80)
        assert ticks[0] < 80 < ticks[-1]


class TestSleepLog:
    def test_a_row_per_night_with_bed_and_asleep_bars_and_titles(self):
        onset = datetime(2026, 3, 2, 23, 20, tzinfo=ZoneInfo(BERLIN))
        chart = sleep_log(
            [
                night(
                    D,
                    (22, 45),
                    (6, 50),
                    sleep_onset=onset,
                    final_wake=onset + timedelta(minutes=430),
                    awakenings=2,
                    nap_minutes=40,
                )
            ]
        )
        (row,) = chart.rows
        assert row.bed.css == "bed" and row.asleep.css == "asleep"
        assert row.bed.title == "Mon 2: in bed 22:45–06:50, 8 h 5 min"
        assert row.asleep.title == "Mon 2: asleep 23:20–06:30, 7 h 10 min"
        assert (
            row.bed.x < row.asleep.x < row.asleep.x + row.asleep.width < row.bed.x + row.bed.width
        )
        assert len(row.awakenings) == 2
        assert "woke 2 times (times not logged)" in row.awakenings_title
        assert row.nap.title == "Mon 2: nap 40 min"
        assert chart.table.rows[0] == (
            "Mon 2",
            "22:45–06:50, 8 h 5 min",
            "23:20–06:30, 7 h 10 min",
            "2",
            "40 min",
        )

    def test_hour_gridlines_from_noon_to_noon(self):
        chart = sleep_log([night(D, (23, 0), (7, 0))])
        assert [label.text for label in chart.hour_labels] == ["noon", "18", "00", "06", "noon"]
        assert chart.gridlines[0].x1 == LOG_LEFT and chart.gridlines[-1].x1 == LOG_RIGHT

    def test_the_window_of_a_night_has_its_real_length(self):
        assert window_minutes(date(2026, 3, 21), BERLIN) == 1440
        assert window_minutes(date(2026, 3, 28), BERLIN) == 1380  # clocks go forward
        assert window_minutes(date(2026, 10, 24), BERLIN) == 1500  # clocks go back

    def test_a_dst_night_bar_is_an_hour_shorter_or_longer_than_the_same_clock_times(self):
        normal, spring, autumn = (
            night(day, (23, 0), (7, 0))
            for day in (date(2026, 3, 21), date(2026, 3, 28), date(2026, 10, 24))
        )
        assert (normal.in_bed_end - normal.in_bed_start) == 480
        assert (spring.in_bed_end - spring.in_bed_start) == 420
        chart = sleep_log([normal, spring, autumn])
        hour = (LOG_RIGHT - LOG_LEFT) / 1500 * 60  # the longest window sets the scale
        widths = [row.bed.width for row in chart.rows]
        assert widths[1] == pytest.approx(widths[0] - hour, abs=0.15)
        assert widths[2] == pytest.approx(widths[0] + hour, abs=0.15)

    def test_a_dst_night_says_the_clocks_changed(self):
        chart = sleep_log([night(date(2026, 3, 28), (23, 0), (7, 0))])
        (row,) = chart.rows
        assert row.clocks_changed and row.label.text == "Sat 28*"
        assert "clocks changed: a 23-hour night" in row.bed.title
        assert "clocks changed" in chart.table.rows[0][0]
        assert any(item.label.text == "* clocks changed" for item in chart.legend)
        assert "1 with a clock change" in chart.desc

    def test_hover_times_are_the_clock_times_that_night(self):
        chart = sleep_log([night(date(2026, 3, 28), (23, 0), (7, 0))])
        assert chart.rows[0].bed.title.endswith("in bed 23:00–07:00, 7 h")

    def test_an_unlogged_night_is_a_gap_not_a_zero_bar(self):
        chart = sleep_log([LogInput(label="Tue 3", date=D, window_minutes=1440)])
        (row,) = chart.rows
        assert row.bed is None and row.asleep is None and row.awakenings == ()
        assert row.note.text == "not logged"
        assert chart.table.rows[0] == ("Tue 3", "not logged", "not logged", "—", "—")

    def test_times_outside_the_window_are_kept_inside_it(self):
        chart = sleep_log(
            [LogInput(label="x", date=D, window_minutes=1440, in_bed_start=-30, in_bed_end=2000)]
        )
        bed = chart.rows[0].bed
        assert bed.x == LOG_LEFT and bed.x + bed.width == pytest.approx(LOG_RIGHT)

    def test_no_nights_says_so(self):
        chart = sleep_log([])
        assert chart.empty == NO_NIGHTS and chart.rows == ()


def tst_points(values):
    return [(day, value) for day, value in zip(week(count=len(values)), values, strict=True)]


class TestTrend:
    def test_a_dot_per_value_and_none_are_gaps_not_zeros(self):
        chart = trend(
            tst_points([400, None, 420]), [None, None, None], y_label="Total sleep time", unit="min"
        )
        assert len(chart.dots) == 2
        assert [dot.title for dot in chart.dots] == ["Mon 2 Mar: 6 h 40 min", "Wed 4 Mar: 7 h"]
        bottom = max(line.y1 for line in chart.gridlines)
        assert all(dot.cy < bottom for dot in chart.dots)  # neither dot drawn at zero
        assert chart.table.rows[1] == ("Tue 3 Mar", "—", "—")

    def test_the_rolling_line_breaks_at_gaps(self):
        rolling = [400, 410, None, 420, 415, None, 405]
        chart = trend(
            tst_points([400, 420, None, 430, 400, None, 390]),
            rolling,
            y_label="Total sleep time",
            unit="min",
        )
        assert [len(line.points) for line in chart.rolling] == [2, 2]
        assert len(chart.rolling_points) == 1  # the lone 405 at the end
        xs = [x for line in chart.rolling for x, _ in line.points]
        assert xs == sorted(xs)

    def test_minutes_are_shown_in_hours_on_round_ticks(self):
        chart = trend(tst_points([330, 450]), [None, None], y_label="Total sleep time", unit="min")
        assert [label.text for label in chart.y_labels] == ["5.5 h", "6 h", "6.5 h", "7 h", "7.5 h"]

    def test_percent_with_a_fixed_top(self):
        chart = trend(
            tst_points([72.5, 91.0]), [None, 81.75], y_label="Sleep efficiency", unit="%", y_max=100
        )
        assert chart.y_labels[-1].text == "100 %"
        assert chart.dots[0].title == "Mon 2 Mar: 72.5 %"
        assert chart.chart_id == "trend-sleep-efficiency"
        assert "latest 7-night mean 81.8 %" in chart.desc

    def test_a_few_dates_label_the_x_axis(self):
        points = [(date(2026, 10, 1) + timedelta(days=i), 400.0) for i in range(30)]
        chart = trend(points, [None] * 30, y_label="TST", unit="min")
        texts = [label.text for label in chart.x_labels]
        assert texts[0] == "1 Oct" and texts[-1] == "30 Oct" and 2 <= len(texts) <= 4

    def test_no_nights_and_nights_without_values(self):
        assert trend([], [], y_label="TST", unit="min").empty == NO_NIGHTS
        blank = trend(tst_points([None, None]), [None, None], y_label="TST", unit="min")
        assert blank.empty == "No tst logged in these nights." and blank.dots == ()

    def test_rolling_means_must_match_the_nights(self):
        with pytest.raises(ValueError):
            trend(tst_points([400, 410]), [None], y_label="TST", unit="min")


WEEKDAY_ROWS = [
    ("Mon", 402.0, 4),
    ("Tue", 415.0, 5),
    ("Wed", None, 0),
    ("Thu", 380.5, 3),
    ("Fri", 440.0, 4),
    ("Sat", 480.0, 4),
    ("Sun", 455.0, 2),
]


class TestWeekdayBars:
    def test_seven_bars_with_the_nights_under_each(self):
        chart = weekday_bars(WEEKDAY_ROWS, unit="min", y_label="Total sleep time")
        assert [bar.day.text for bar in chart.bars] == [
            "Mon",
            "Tue",
            "Wed",
            "Thu",
            "Fri",
            "Sat",
            "Sun",
        ]
        assert [bar.nights.text for bar in chart.bars][:2] == ["n=4", "n=5"]
        assert chart.bars[0].value.text == "6:42"
        assert chart.bars[0].rect.title == "Mon: 6 h 42 min (4 nights)"

    def test_bars_start_at_zero_and_grow_with_the_value(self):
        chart = weekday_bars(WEEKDAY_ROWS, unit="min")
        bottoms = {round(bar.rect.y + bar.rect.height, 1) for bar in chart.bars}
        assert len(bottoms) == 1
        sat, thu = chart.bars[5].rect, chart.bars[3].rect
        assert sat.height / thu.height == pytest.approx(480 / 380.5, rel=0.01)

    def test_a_weekday_without_data_is_an_outline_saying_so(self):
        wed = weekday_bars(WEEKDAY_ROWS, unit="min").bars[2]
        assert not wed.has_data and wed.rect.css == "no-data" and wed.value.text == "no data"
        assert weekday_bars(WEEKDAY_ROWS, unit="min").table.rows[2] == ("Wed", "—", "0")

    def test_percent_values(self):
        chart = weekday_bars([("Mon", 84.4, 3)], unit="%")
        assert chart.bars[0].value.text == "84 %"

    def test_no_rows_says_no_nights_yet(self):
        assert weekday_bars([], unit="min").empty == NO_NIGHTS


class TestAdherenceHeatmap:
    @pytest.mark.parametrize(
        ("share", "level"),
        [(None, "none"), (0, "zero"), (0.25, "low"), (0.5, "high"), (0.99, "high"), (1, "full")],
    )
    def test_levels(self, share, level):
        assert adherence_level(share) == level

    def test_cells_classed_titled_and_filled_by_share(self):
        shares = [1, 0.75, 0.25, 0, None, 1, 1]
        chart = adherence_heatmap(list(zip(week(), shares, strict=True)))
        assert [cell.level for cell in chart.cells] == [
            "full", "high", "low", "zero", "none", "full", "full",
        ]  # fmt: skip
        assert chart.cells[1].outline.css == "adh adh-high"
        assert chart.cells[1].outline.title == "Tue 3 Mar: 75 % of the routine done"
        assert chart.cells[4].outline.title == "Fri 6 Mar: no routine"
        assert chart.cells[3].fill is None and chart.cells[4].fill is None
        full = chart.cells[0].fill.height
        assert chart.cells[1].fill.height == pytest.approx(full * 0.75, abs=0.1)

    def test_weeks_are_columns_and_weekdays_rows(self):
        days = [(D + timedelta(days=i), 1.0) for i in range(90)]
        chart = adherence_heatmap(days)
        xs = sorted({cell.outline.x for cell in chart.cells})
        ys = sorted({cell.outline.y for cell in chart.cells})
        assert len(xs) == 13 and len(ys) == 7
        assert [label.text for label in chart.weekday_labels] == [
            "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun",
        ]  # fmt: skip
        assert [label.text for label in chart.month_labels] == ["Mar", "Apr", "May"]
        assert chart.cells[0].outline.width >= 16  # big enough to tap and see on a phone

    def test_a_year_wraps_into_bands_of_fourteen_weeks_that_fit_a_phone(self):
        days = [(date(2025, 11, 20) + timedelta(days=i), 1.0) for i in range(365)]
        chart = adherence_heatmap(days)
        xs = {cell.outline.x for cell in chart.cells}
        assert len(xs) == 14 and max(xs) + chart.cells[0].outline.width <= chart.width
        assert len(chart.weekday_labels) == 4 * 7  # 53 weeks make 4 bands, each labelled
        assert chart.cells[0].outline.width >= 16
        assert [label.text for label in chart.month_labels][:3] == ["Nov", "Dec", "Jan"]

    def test_the_legend_does_not_rely_on_colour(self):
        chart = adherence_heatmap([(D, 0.5)])
        words = [item.label.text for item in chart.legend]
        assert words == ["none done", "under half", "half or more", "all done", "no routine"]
        fills = [item.fill.height if item.fill else 0 for item in chart.legend]
        assert fills[0] == 0 < fills[1] < fills[2] < fills[3]  # filled by share, like the cells

    def test_no_nights_says_so(self):
        assert adherence_heatmap([]).empty == NO_NIGHTS


# --- Any input draws inside the viewBox ----------------------------------------------------

minutes = st.one_of(st.none(), st.floats(-200, 1800, allow_nan=False))
days = st.dates(date(2020, 1, 1), date(2030, 12, 31))
log_inputs = st.builds(
    LogInput,
    label=st.text(max_size=8),
    date=days,
    window_minutes=st.sampled_from([1380, 1440, 1500]),
    in_bed_start=minutes,
    in_bed_end=minutes,
    asleep_start=minutes,
    asleep_end=minutes,
    awakenings=st.one_of(st.none(), st.integers(-1, 40)),
    nap_minutes=st.one_of(st.none(), st.integers(-10, 300)),
)
maybe = st.one_of(st.none(), st.floats(0, 1440, allow_nan=False))


class TestAnyInput:
    @given(st.lists(log_inputs, max_size=20))
    def test_sleep_log(self, rows):
        chart = sleep_log(rows)
        assert_inside_viewbox(chart)
        assert len(chart.table.rows) == len(rows)

    @given(
        st.lists(st.tuples(days, maybe, maybe), max_size=40),
        st.one_of(st.none(), st.floats(0, 2000)),
        st.one_of(st.none(), st.floats(0, 2000)),
        st.sampled_from(["min", "%"]),
    )
    @settings(deadline=None)
    def test_trend(self, nights, y_min, y_max, unit):
        points = [(day, value) for day, value, _ in nights]
        rolling = [mean for _, _, mean in nights]
        chart = trend(points, rolling, y_label="TST", unit=unit, y_min=y_min, y_max=y_max)
        assert_inside_viewbox(chart)
        assert len(chart.dots) == sum(value is not None for _, value in points)

    @given(
        st.lists(
            st.tuples(st.text(max_size=3), maybe, st.integers(-1, 400)), min_size=0, max_size=7
        ),
        st.sampled_from(["min", "%"]),
    )
    def test_weekday_bars(self, rows, unit):
        chart = weekday_bars(rows, unit=unit)
        assert_inside_viewbox(chart)
        assert len(chart.bars) == len(rows)

    @given(
        st.lists(
            st.tuples(days, st.one_of(st.none(), st.floats(-0.5, 1.5, allow_nan=False))),
            max_size=400,
        )
    )
    @settings(deadline=None)
    def test_adherence_heatmap(self, nights):
        chart = adherence_heatmap(nights)
        assert_inside_viewbox(chart)
        assert len(chart.cells) == len(nights)

    @given(st.lists(log_inputs, min_size=1, max_size=1))
    def test_a_single_night_draws(self, rows):
        assert sleep_log(rows).empty == ""


# --- The partials -------------------------------------------------------------------------


def sample_charts():
    days = week(count=14)
    return {
        "sleep_log": sleep_log([night(day, (23, 0), (7, 0), awakenings=1) for day in days]),
        "trend": trend(
            [(day, 400.0 + i) for i, day in enumerate(days)],
            [None] * 6 + [405.0] * 8,
            y_label="Total sleep time",
            unit="min",
        ),
        "weekday_bars": weekday_bars(WEEKDAY_ROWS, unit="min"),
        "adherence_heatmap": adherence_heatmap([(day, 0.5) for day in days]),
    }


def render(name: str, chart) -> str:
    return get_template(f"insights/charts.html#{name}").render({"chart": chart})


@pytest.mark.parametrize("name", ["sleep_log", "trend", "weekday_bars", "adherence_heatmap"])
class TestPartials:
    def test_an_accessible_svg_with_a_table_of_its_numbers(self, name):
        chart = sample_charts()[name]
        html = render(name, chart)
        assert "<svg" in html and 'role="img"' in html
        assert f'aria-labelledby="{chart.chart_id}-title {chart.chart_id}-desc"' in html
        assert f'<title id="{chart.chart_id}-title">' in html
        assert f'<desc id="{chart.chart_id}-desc">' in html
        assert f'viewBox="{chart.viewbox}"' in html
        assert "<table>" in html and f"<caption>{chart.table.caption}</caption>" in html
        assert '<th scope="col"' in html and '<th scope="row">' in html
        assert chart.table.rows[0][0] in html

    def test_no_style_attributes_for_the_csp(self, name):
        html = render(name, sample_charts()[name])
        assert " style=" not in html and "<style" not in html and "<script" not in html

    def test_numbers_are_not_localised_into_the_markup(self, name):
        with translation.override("de"):  # a decimal comma would break every coordinate
            html = render(name, sample_charts()[name])
        assert not re.search(r'(x|y|width|height|cx|cy|r)="[^"]*,', html)

    def test_no_nights_yet(self, name):
        empty = {
            "sleep_log": lambda: sleep_log([]),
            "trend": lambda: trend([], [], y_label="TST", unit="min"),
            "weekday_bars": lambda: weekday_bars([], unit="min"),
            "adherence_heatmap": lambda: adherence_heatmap([]),
        }[name]()
        html = render(name, empty)
        assert NO_NIGHTS in html and "<svg" not in html and "<table" not in html


def test_the_sleep_log_partial_marks_awakenings_naps_and_clock_changes():
    chart = sleep_log(
        [
            night(date(2026, 3, 27), (23, 0), (7, 0), awakenings=2, nap_minutes=30),
            night(date(2026, 3, 28), (23, 0), (7, 0)),
        ]
    )
    html = render("sleep_log", chart)
    assert html.count('class="wake"') == 2
    assert "<title>Fri 27: nap 30 min</title>" in html
    assert "Sat 28*" in html and "clocks changed: a 23-hour night" in html


def test_the_page_of_partials_renders_nothing_by_itself():
    assert get_template("insights/charts.html").render({}).strip() == ""


class TestDayWords:
    @pytest.mark.parametrize(
        ("language", "night", "short"),
        [
            ("en", "Mon 2 Mar", "2 Mar"),
            ("de", "Mo, 2. Mär", "2. Mär"),
            ("es", "lun 2 mar", "2 mar"),
        ],
    )
    def test_the_same_words_as_the_charts_date_texts(self, language, night, short):
        with translation.override(language):
            words = DayWords()
            assert words.night(D) == night_text(D) == night
            assert words.date(D) == date_text(D) == short
            assert words.night(D + timedelta(days=1)) == night_text(D + timedelta(days=1))

    def test_each_day_is_formatted_once(self, monkeypatch):
        calls = []

        def counted(day):
            calls.append(day)
            return f"night {day}"

        monkeypatch.setattr(parts, "night_text", counted)
        words = DayWords()
        days = week()
        assert [words.night(day) for day in days + days] == [f"night {day}" for day in days * 2]
        assert calls == days

    def test_a_pages_charts_share_them(self, monkeypatch):
        calls = []
        monkeypatch.setattr(parts, "night_text", lambda day: calls.append(day) or f"{day}")
        words = DayWords()
        days = week()
        trend(
            [(day, 400.0) for day in days], [None] * 7, y_label="TST", unit="min", day_words=words
        )
        adherence_heatmap([(day, 1.0) for day in days], day_words=words)
        assert calls == days
