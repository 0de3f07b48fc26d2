"""The history's rows written in Python (history_tags) are the HTML the template loops wrote."""

import pytest
from django.template import Context, Template
from django.utils import translation

from journal.rows import NightRow
from journal.templatetags.history_tags import night_list_items, night_table_rows

# The loops the tags replace, as the history template had them.
LIST_LOOP = """{% load i18n %}{% for row in rows %}
        <li>
          <a class="night-row" href="{{ row.link }}">
            <span class="night-date">{{ row.day }}</span>
            <span class="muted">{{ row.lights_out }} – {{ row.final_wake }}</span>
            <dl class="metrics compact">
              <div><dt>{% translate "Asleep" context "history column" %}</dt><dd>{{ row.asleep }}</dd></div>
              <div><dt>{% translate "Efficiency" context "history column" %}</dt><dd>{{ row.efficiency }}</dd></div>
              <div><dt>{% translate "Quality" context "history column" %}</dt><dd>{{ row.quality }}</dd></div>
            </dl>
            {% if row.extras %}
              <span class="muted small">{{ row.extras }}</span>
            {% endif %}
          </a>
        </li>
      {% endfor %}"""  # noqa: E501
TABLE_LOOP = """{% for row in rows %}
      <tr>
        <th scope="row"><a href="{{ row.link }}">{{ row.day }}</a></th>
        <td class="num">{{ row.asleep }}</td>
        <td class="num">{{ row.efficiency }}</td>
        <td class="num">{{ row.quality }}</td>
        <td>{{ row.lights_out }} – {{ row.final_wake }}</td>
        <td class="small">{{ row.extras }}</td>
      </tr>
      {% endfor %}"""


def row(**changes) -> NightRow:
    fields = {
        "night": None,
        "link": "/journal/nights/7/",
        "day": "Mon 2 Nov",
        "lights_out": "23:00",
        "final_wake": "06:30",
        "asleep": "6 h 45 min",
        "efficiency": "83.5 %",
        "quality": "Good",
        "extras": "",
    }
    return NightRow(**{**fields, **changes})


ROWS = [
    row(),
    row(extras="Noise · Caffeine 1 cup", day="Sun 1 Nov 2025"),
    row(extras='<b>"Tom & Jerry"</b>', lights_out="—", asleep="—", quality="—"),
]


@pytest.mark.parametrize("language", ["en", "de"])
def test_the_list_items_are_the_loops(language):
    with translation.override(language):
        assert night_list_items(ROWS) == Template(LIST_LOOP).render(Context({"rows": ROWS}))


def test_the_table_rows_are_the_loops():
    assert night_table_rows(ROWS) == Template(TABLE_LOOP).render(Context({"rows": ROWS}))


def test_text_is_escaped():
    html = night_list_items(ROWS) + night_table_rows(ROWS)
    assert "<b>" not in html and "&lt;b&gt;&quot;Tom &amp; Jerry&quot;&lt;/b&gt;" in html


def test_no_rows_no_html():
    assert night_list_items([]) == night_table_rows([]) == ""
