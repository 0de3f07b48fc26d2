"""The routines page's adherence summary written in Python (routines_tags.adherence_summary) is
the HTML its template partial wrote."""

from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace

import pytest
from django.template import Context, Template
from django.utils import translation

from routines.summaries import RecentNight, Summary
from routines.templatetags.routines_tags import adherence_summary

# The partial the tag replaces, as routines/list.html had it.
PARTIAL = """{% load i18n journal_tags routines_tags %}
<div class="summary" aria-label="{% with name=summary.profile.name %}{% blocktranslate trimmed %}{{ name }}'s adherence{% endblocktranslate %}{% endwith %}">
  <div class="spread">
    <strong>{{ summary.profile.name }}</strong>
    <span class="stats">
      <span title="{% translate "Consecutive complete nights" %}">{% with streak=summary.current_streak %}{% blocktranslate trimmed %}Streak {{ streak }}{% endblocktranslate %}{% endwith %}</span> ·
      <span>{% with best=summary.best_streak %}{% blocktranslate trimmed %}best {{ best }}{% endblocktranslate %}{% endwith %}</span> ·
      <span title="{% translate "Habit strength: rises with consistent nights, fades slowly when missed" %}">{% with percent=summary.score_percent %}{% blocktranslate trimmed %}habit {{ percent }}%{% endblocktranslate %}{% endwith %}</span>
    </span>
  </div>
  {% if summary.recent %}
  <p class="strip-dates small muted">{{ summary.recent.0.night|day }} – {% with last=summary.recent|last %}{{ last.night|day }}{% endwith %}</p>
  <ol class="nights" aria-label="{% translate "Last nights, oldest first" %}">
    {% night_strip summary.recent %}
  </ol>
  {% endif %}
</div>
"""  # noqa: E501


def summary(name: str, recent: list[RecentNight]) -> Summary:
    return Summary(
        routine=None,
        profile=SimpleNamespace(name=name),
        current_streak=3,
        best_streak=12,
        score=0.764,
        recent=recent,
        steps=[],
    )


FIRST = date(2025, 12, 25)
RECENT = [
    RecentNight(night=FIRST + timedelta(days=n), share=share, opened=opened, checklist_id=cid)
    for n, (share, opened, cid) in enumerate(
        [(1.0, True, 7), (0.5, True, 8), (0.0, False, None), (None, True, 9)]
    )
]


@pytest.mark.parametrize("language", ["en", "de", "es"])
@pytest.mark.parametrize(
    "shown", [summary("Robin", RECENT), summary('<Jo & "Kim">', []), summary("Al", RECENT[:1])]
)
def test_the_summary_is_the_partials(freeze, language, shown):
    freeze(datetime(2026, 1, 10, 12, 0, tzinfo=UTC))  # the strip crosses into another year
    for night in shown.recent:
        night.url = f"/routines/checklists/{night.checklist_id}/" if night.checklist_id else ""
    with translation.override(language):
        expected = Template(PARTIAL).render(Context({"summary": shown}))
        assert adherence_summary(shown) == expected
    assert ("&lt;Jo &amp; &quot;Kim&quot;&gt;" in expected) is (not shown.recent)
