"""The history's rows and the calendar's days written in Python (history_tags) are the HTML the
template loops wrote."""

import calendar
from datetime import date

import pytest
from django.template import Context, Template
from django.utils import translation

from journal.rows import NightRow
from journal.templatetags.history_tags import calendar_weeks, night_list_items, night_table_rows

from .fixtures.journal import make_night

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


CALENDAR_LOOP = """{% load i18n journal_tags %}{% for week in weeks %}
      <tr>
        {% for cell in week %}
          {% with night=cell.night %}
          <td class="day{% if not cell.in_month %} outside{% endif %}{% if night and cell.in_month %} {% if colour == 'quality' %}{{ night.quality|quality_scale }}{% else %}{{ night.metrics.sleep_efficiency|efficiency_scale }}{% endif %}{% endif %}">
            {% if night %}
              <a href="{{ night.link }}" title="{{ night.date|date:_("j M") }}: {% if colour == 'quality' %}{{ night.get_quality_display|default:'—' }}{% else %}{{ night.metrics.sleep_efficiency|percent }}{% endif %}">
                <span class="day-number">{{ cell.date.day }}</span>
                <span class="day-value">{% if colour == 'quality' %}{{ night.quality|count }}{% else %}{{ night.metrics.sleep_efficiency|floatformat:0|default:"—" }}{% endif %}</span>
              </a>
            {% elif cell.loggable %}
              <a class="empty-day" href="{% url 'journal:log' %}?profile={{ profile.pk }}&amp;date={{ cell.date|date:'Y-m-d' }}" title="{% blocktranslate with date=cell.date|date:_("j M") %}Log the night of {{ date }}{% endblocktranslate %}"><span class="day-number">{{ cell.date.day }}</span></a>
            {% else %}
              <span class="day-number">{{ cell.date.day }}</span>
            {% endif %}
          </td>
          {% endwith %}
        {% endfor %}
      </tr>
    {% endfor %}"""  # noqa: E501


@pytest.mark.parametrize("language", ["en", "de"])
@pytest.mark.parametrize("colour", ["efficiency", "quality"])
def test_the_calendar_weeks_are_the_loops(alice, language, colour):
    nights = {
        day: make_night(alice.profile, day, **fields)
        for day, fields in [
            (date(2026, 9, 30), {"quality": 5}),  # outside the month
            (date(2026, 10, 5), {"quality": 1, "sol_minutes": 5, "waso_minutes": 0}),
            (date(2026, 10, 6), {"quality": 3, "sol_minutes": 90, "waso_minutes": 60}),
            (date(2026, 10, 7), {"quality": None, "sol_minutes": None}),
        ]
    }
    for night in nights.values():
        night.link = f"/journal/nights/{night.pk}/"
    weeks = calendar.Calendar().monthdatescalendar(2026, 10)
    cells = [
        [
            {
                "date": day,
                "in_month": day.month == 10,
                "night": nights.get(day),
                "loggable": day.day % 3 == 0,
            }
            for day in week
        ]
        for week in weeks
    ]
    context = {"weeks": cells, "colour": colour, "profile": alice.profile}
    with translation.override(language):
        expected = Template(CALENDAR_LOOP).render(Context(context))
        assert calendar_weeks(cells, colour, alice.profile) == expected
    assert expected.count("day-value") == 4 and expected.count("empty-day") > 5
