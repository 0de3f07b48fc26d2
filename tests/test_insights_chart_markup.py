"""Each chart shape writes its SVG element in Python exactly as the chart templates used to write
it with one template variable per attribute, text escaped the same way."""

from datetime import date

import pytest
from django.template import Context, Template

from insights.charts import LogInput, adherence_heatmap, sleep_log, weekday_bars
from insights.charts.parts import Dot, Label, Line, Polyline, Rect, Table, legend_row, svg_of

TRICKY = "Tue 3 <b>\"Mar\" & 'co'"


def as_template(markup: str, **context) -> str:
    return Template("{% load l10n %}{% localize off %}" + markup + "{% endlocalize %}").render(
        Context(context)
    )


@pytest.mark.parametrize("title", ["", "7 h 5 min", TRICKY])
def test_rect(title):
    rect = Rect(x=1.5, y=20, width=300.1, height=0.3, css="bar asleep", title=title)
    assert rect.svg == as_template(
        '<rect class="{{ rect.css }}" x="{{ rect.x }}" y="{{ rect.y }}" width="{{ rect.width }}"'
        ' height="{{ rect.height }}" rx="2"><title>{{ rect.title }}</title></rect>',
        rect=rect,
    )


def test_line_dot_and_labels():
    line = Line(x1=0, y1=1.25, x2=320, y2=1.25, css="grid")
    assert line.svg == as_template(
        '<line class="{{ line.css }}" x1="{{ line.x1 }}" y1="{{ line.y1 }}" x2="{{ line.x2 }}"'
        ' y2="{{ line.y2 }}"/>',
        line=line,
    )
    dot = Dot(cx=12.3, cy=45, r=2.5, css="dot", title=TRICKY)
    assert dot.svg == as_template(
        '<circle class="{{ dot.css }}" cx="{{ dot.cx }}" cy="{{ dot.cy }}" r="{{ dot.r }}">'
        "<title>{{ dot.title }}</title></circle>",
        dot=dot,
    )
    label = Label(x=3, y=4.5, text=TRICKY, anchor="end", css="note")
    assert label.svg == as_template(
        '<text x="{{ label.x }}" y="{{ label.y }}" text-anchor="{{ label.anchor }}">'
        "{{ label.text }}</text>",
        label=label,
    )
    assert label.classed_svg == as_template(
        '<text class="{{ label.css }}" x="{{ label.x }}" y="{{ label.y }}"'
        ' text-anchor="{{ label.anchor }}">{{ label.text }}</text>',
        label=label,
    )


def test_table_rows():
    table = Table(caption="c", head=("Night", "Asleep"), rows=(("Mon", "7 h"), (TRICKY, "—")))
    assert table.body_rows == as_template(
        "{% for row in table.rows %}\n            <tr>{% for cell in row %}{% if forloop.first %}"
        '<th scope="row">{{ cell }}</th>{% else %}<td class="num">{{ cell }}</td>{% endif %}'
        "{% endfor %}</tr>\n          {% endfor %}",
        table=table,
    )


# The marks made of shapes, as the chart partials wrote them with a loop each (the whitespace
# between elements aside: SVG draws none of it).
LOG_ROW = (
    '<g class="log-row{% if row.clocks_changed %} clocks-changed{% endif %}">'
    "<title>{{ row.title }}</title>"
    '<text class="row-label" x="{{ row.label.x }}" y="{{ row.label.y }}"'
    ' text-anchor="{{ row.label.anchor }}">{{ row.label.text }}</text>'
    "{% if row.bed %}{{ row.bed.svg }}{% endif %}"
    "{% if row.asleep %}{{ row.asleep.svg }}{% endif %}"
    '{% if row.awakenings %}<g class="wakes"><title>{{ row.awakenings_title }}</title>'
    "{% for line in row.awakenings %}{{ line.svg }}{% endfor %}</g>{% endif %}"
    "{% if row.note %}{{ row.note.classed_svg }}{% endif %}"
    "{% if row.nap %}{{ row.nap.svg }}{% endif %}</g>"
)
LEGEND_ITEM = (
    '{% if item.swatch %}<rect class="swatch {{ item.swatch.css }}" x="{{ item.swatch.x }}"'
    ' y="{{ item.swatch.y }}" width="{{ item.swatch.width }}" height="{{ item.swatch.height }}"/>'
    '{% endif %}{% if item.fill %}<rect class="swatch {{ item.fill.css }}" x="{{ item.fill.x }}"'
    ' y="{{ item.fill.y }}" width="{{ item.fill.width }}" height="{{ item.fill.height }}"/>'
    '{% endif %}<text class="{{ item.label.css }}" x="{{ item.label.x }}" y="{{ item.label.y }}"'
    ' text-anchor="{{ item.label.anchor }}">{{ item.label.text }}</text>'
)
BAR = (
    '<g class="weekday{% if not bar.has_data %} without-data{% endif %}">{{ bar.rect.svg }}'
    '<text class="value {{ bar.value.css }}" x="{{ bar.value.x }}" y="{{ bar.value.y }}"'
    ' text-anchor="{{ bar.value.anchor }}">{{ bar.value.text }}</text>'
    "{{ bar.day.classed_svg }}{{ bar.nights.classed_svg }}</g>"
)
CELL = "{{ cell.outline.svg }}{% if cell.fill %}{{ cell.fill.svg }}{% endif %}"
POLYLINE = (
    '<polyline class="{{ line.css }}" points="{{ line.svg_points }}">'
    "<title>{{ line.title }}</title></polyline>"
)


def log_rows():
    """A row with every mark (on the night the clocks went forward), a plain one, a blank one."""
    return sleep_log(
        [
            LogInput(
                label=TRICKY,
                date=date(2026, 3, 28),
                window_minutes=1380,
                in_bed_start=600,
                in_bed_end=1140.5,
                asleep_start=640,
                asleep_end=1100,
                awakenings=3,
                nap_minutes=25,
                zone="Europe/Berlin",
            ),
            LogInput(
                label="Sun 29",
                date=date(2026, 3, 29),
                window_minutes=1440,
                in_bed_start=620,
                in_bed_end=1150,
            ),
            LogInput(label="Mon 30", date=date(2026, 3, 30), window_minutes=1440),
        ]
    ).rows


def test_sleep_log_rows():
    rows = log_rows()
    assert rows[0].clocks_changed and rows[0].awakenings and rows[0].nap and rows[2].note
    for row in rows:
        assert row.svg == as_template(LOG_ROW, row=row)


def test_legend_items_with_and_without_swatches_and_fills():
    items = legend_row(
        [("adh adh-low", TRICKY, 0.3), ("adh adh-zero", "none", 0), ("", "| woke")], y=7
    )
    assert items[0].fill and not items[1].fill and not items[2].swatch
    for item in items:
        assert item.svg == as_template(LEGEND_ITEM, item=item)


def test_weekday_bars_with_and_without_data():
    chart = weekday_bars([(TRICKY, 425.0, 3), ("Tue", None, 0), ("Wed", 88.5, 2)], unit="%")
    assert [bar.has_data for bar in chart.bars] == [True, False, True]
    for bar in chart.bars:
        assert bar.svg == as_template(BAR, bar=bar)


def test_heatmap_cells_empty_and_filled():
    chart = adherence_heatmap([(date(2026, 3, 2), 0.5), (date(2026, 3, 3), None)])
    assert chart.cells[0].fill and not chart.cells[1].fill
    for cell in chart.cells:
        assert cell.svg == as_template(CELL, cell=cell)


def test_polyline():
    line = Polyline(((38.0, 70.25), (120.5, 80.0)), "rolling", TRICKY)
    assert line.svg == as_template(POLYLINE, line=line)


def test_the_svg_filter_writes_the_marks_in_order():
    marks = [Line(0, 1, 2, 3, "grid"), Label(4, 5, TRICKY), Dot(6, 7, 2, "value", "x")]
    assert as_template("{% load insights_tags %}{{ marks|svg }}", marks=marks) == "".join(
        mark.svg for mark in marks
    )
    assert svg_of(()) == ""
