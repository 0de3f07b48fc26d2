"""A row of tonight's checklist, written in Python (routines/row_html.py): the very markup the
card's template wrote for it, in every state, escaped as the template escapes."""

from datetime import UTC, datetime

import pytest
from django.template import engines
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from routines.models import Step
from routines.row_html import Labels, row_html
from routines.selectors import Row

# The row as routines/tonight.html wrote it before row_html took over (labels as t_*).
TEMPLATE = engines["django"].from_string(
    "{% load i18n %}"
    '<li class="check-row {{ row.status }}{% if row.is_due %} due{% endif %}" id="{{ '
    'row.dom_id }}"><button class="row-tap" name="action" value="{% if row.is_done %}undo{% '
    'else %}done{% endif %}" formaction="{{ row.url }}" aria-label="{{ row.tap_label }}">'
    '<time class="at" datetime="{{ row.iso }}">{{ row.clock }}</time><span class="what">'
    '<span class="title">{{ row.step.title }}</span>{% if row.is_due %} <span class="badge '
    'now">{% translate "Due now" %}</span>{% endif %}{% if row.is_done %} <span class="badge '
    'ok">{{ t_done }}</span>{% elif row.is_skipped %} <span class="badge">{{ t_skipped }}'
    '</span>{% endif %}{% if row.detail %}<small class="muted">{{ row.detail }}</small>{% '
    'endif %}</span></button>{% if row.is_pending %}<button class="quiet" name="action" '
    'value="skip" formaction="{{ row.url }}" aria-label="{{ row.skip_label }}">{{ t_skip }}'
    '</button>{% if row.all_url %}<button class="quiet for-all" formaction="{{ row.all_url '
    '}}" title="{{ card.shared_names }}" aria-label="{{ row.all_label }}">{{ t_all }}'
    '</button>{% endif %}{% elif row.is_skipped %}<button class="quiet" name="action" '
    'value="undo" formaction="{{ row.url }}" aria-label="{{ row.undo_label }}">{{ t_undo }}'
    "</button>{% endif %}</li>"
)


def template_row(row: Row, *, shared_names: str, labels: Labels) -> str:
    return TEMPLATE.render(
        {
            "row": row,
            "card": {"shared_names": shared_names},
            "t_done": labels.done,
            "t_skipped": labels.skipped,
            "t_skip": labels.skip,
            "t_undo": labels.undo,
            "t_all": labels.done_for_all,
        }
    )


def make_row(*, title="Bath", status="pending", is_due=False, detail="", shared=False) -> Row:
    return Row(
        step=Step(pk=7, title=title, minutes_before=30),
        at=datetime(2026, 1, 15, 21, 30, tzinfo=UTC),
        status=status,
        is_due=is_due,
        url="/tonight/steps/7/for/3/",
        all_url="/tonight/steps/7/for-all/" if shared else "",
        dom_id="row-3-7",
        clock="21:30",
        iso="2026-01-15T21:30:00+00:00",
        tap_label=f"Done: {title}",
        skip_label=f"Skip: {title}",
        undo_label=f"Undo: {title}",
        all_label=f"Done for Kit, Robin: {title}" if shared else "",
        detail=detail,
    )


@pytest.mark.parametrize("status", ["pending", "done", "skipped"])
@pytest.mark.parametrize("is_due", [False, True])
@pytest.mark.parametrize("detail", ["", "15 min · lights low"])
@pytest.mark.parametrize("shared", [False, True])
def test_every_state_as_the_template_wrote_it(status, is_due, detail, shared):
    row = make_row(status=status, is_due=is_due, detail=detail, shared=shared)
    labels = Labels.active()
    html = row_html(row, labels=labels, shared_names="Kit, Robin")
    assert html == template_row(row, shared_names="Kit, Robin", labels=labels)


def test_a_pending_row_due_now_for_two():
    row = make_row(is_due=True, detail="15 min", shared=True)
    assert row_html(row, labels=Labels.active(), shared_names="Kit, Robin") == (
        '<li class="check-row pending due" id="row-3-7"><button class="row-tap" name="action"'
        ' value="done" formaction="/tonight/steps/7/for/3/" aria-label="Done: Bath">'
        '<time class="at" datetime="2026-01-15T21:30:00+00:00">21:30</time><span class="what">'
        '<span class="title">Bath</span> <span class="badge now">Due now</span>'
        '<small class="muted">15 min</small></span></button><button class="quiet" name="action"'
        ' value="skip" formaction="/tonight/steps/7/for/3/" aria-label="Skip: Bath">Skip</button>'
        '<button class="quiet for-all" formaction="/tonight/steps/7/for-all/" title="Kit, Robin"'
        ' aria-label="Done for Kit, Robin: Bath">Done for all</button></li>'
    )


@given(
    title=st.text(max_size=20),
    detail=st.text(max_size=20),
    names=st.text(max_size=20),
    status=st.sampled_from(["pending", "done", "skipped"]),
)
def test_anything_a_person_types_is_escaped_as_the_template_escapes_it(
    title, detail, names, status
):
    row = make_row(title=title, detail=detail, status=status, shared=True)
    labels = Labels.active()
    assert row_html(row, labels=labels, shared_names=names) == template_row(
        row, shared_names=names, labels=labels
    )


def test_the_labels_are_in_the_readers_language():
    with translation.override("de"):
        german = Labels.active()
        row = make_row(status="skipped")
        html = row_html(row, labels=german, shared_names="")
        assert html == template_row(row, shared_names="", labels=german)
    assert german != Labels.active()
    assert f">{german.undo}</button>" in html
