"""Each chart shape writes its SVG element in Python exactly as the chart templates used to write
it with one template variable per attribute, text escaped the same way."""

import pytest
from django.template import Context, Template

from insights.charts.parts import Dot, Label, Line, Rect, Table

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
