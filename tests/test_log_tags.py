"""The log form's fields written in Python (log_tags) are the HTML its template partials wrote."""

from datetime import UTC, date, datetime

import pytest
from django import forms
from django.template import Context, Template
from django.utils import translation

from journal.forms import NightForm
from journal.templatetags.log_tags import log_field, log_field_error, log_scale

from .fixtures.journal import make_night, night_post

# The partials the tags replace, as log.html had them.
PARTIALS = """{% load i18n partials %}
{% partialdef field_error %}<div class="field-error" id="error-{{ field.html_name }}" aria-live="polite"{% if oob %} hx-swap-oob="true"{% endif %}>{% for error in field.errors %}{{ error }} {% endfor %}{% if field.name == "date" and field.errors and form.existing_night %}<a href="{% url 'journal:edit' form.existing_night.pk %}">{% translate "Open that night to edit it" %}</a>.{% endif %}</div>{% endpartialdef %}

{% partialdef field %}
  {% if field.use_fieldset %}
    <fieldset class="field choices{% if field.errors %} has-error{% endif %}">
      <legend>{{ field.label }}</legend>
      {{ field }}
      {% partial field_error %}
    </fieldset>
  {% else %}
    <div class="field{% if field.errors %} has-error{% endif %}{% if field.widget_type == 'checkbox' %} checkbox{% endif %}">
      {{ field.label_tag }}
      {{ field }}
      {% partial field_error %}
      {% if field.help_text %}<small class="help">{{ field.help_text }}</small>{% endif %}
    </div>
  {% endif %}
{% endpartialdef %}

{% partialdef scale %}
  <fieldset class="field scale{% if field.errors %} has-error{% endif %}">
    <legend>{{ field.label }}</legend>
    <div class="segments">
      {% for radio in field %}
        <label class="segment{% if not radio.data.value %} not-sure{% endif %}" for="{{ radio.id_for_label }}">{{ radio.tag }}{% if radio.data.value %}<span class="n" aria-hidden="true">{{ radio.data.value }}</span>{% endif %}<span class="word">{{ radio.choice_label }}</span></label>
      {% endfor %}
    </div>
    {% partial field_error %}
  </fieldset>
{% endpartialdef %}"""  # noqa: E501
TEMPLATE = Template(PARTIALS)


def _render_partial(name: str, context: dict) -> str:
    template = TEMPLATE.extra_data["partials"][name]
    return template.render(Context(context))


class Other(forms.Form):
    agree = forms.BooleanField(label="I <agree>", help_text="Tick & go", required=False)
    pick = forms.MultipleChoiceField(
        choices=[(1, "One")], widget=forms.CheckboxSelectMultiple, required=True
    )


def assert_same(form, field_names, *, oob=False):
    context = {"form": form, "oob": oob}
    for name in field_names:
        field = form[name]
        with_field = {**context, "field": field}
        assert log_field(Context(with_field), field) == _render_partial("field", with_field), name
        assert log_field_error(Context(with_field), field) == _render_partial(
            "field_error", with_field
        ), name
        if name in ("quality", "rested"):
            assert log_scale(Context(with_field), field) == _render_partial("scale", with_field)


@pytest.mark.parametrize("language", ["en", "de"])
@pytest.mark.parametrize("oob", [False, True])
def test_an_empty_form(alice, language, oob):
    with translation.override(language):
        form = NightForm(profile=alice.profile)
        assert_same(form, [field.name for field in form.visible_fields()], oob=oob)
        for row in form.intakes:
            assert_same(row, [field.name for field in row.visible_fields()])


def test_a_form_with_errors_and_a_night_already_logged(alice, freeze):
    freeze(datetime(2026, 11, 10, 12, 0, tzinfo=UTC))
    make_night(alice.profile, date(2026, 11, 2))
    data = night_post(alice.profile, sol_minutes="-3", quality="9", lights_out="<b>")
    form = NightForm(data, profile=alice.profile)
    assert not form.is_valid() and form.existing_night is not None
    page = log_field_error(Context({"form": form}), form["date"])
    assert "Open that night to edit it" in page
    assert_same(form, [field.name for field in form.visible_fields()])


def test_a_checkbox_help_and_a_group_of_choices():
    form = Other({"agree": "on"})
    assert_same(form, ["agree", "pick"])
    assert "Tick &amp; go" in log_field(Context({"form": form}), form["agree"])
