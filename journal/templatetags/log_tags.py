"""The log form's fields, written here rather than as template partials.

The form has a dozen fields, a few intake rows and two rating scales of six segments, each drawn
with its label, widget, error slot and help; through template nodes that was most of the time
the page took to draw. These write the HTML the partials wrote (log.html's ``field``,
``field_error`` and ``scale``), character for character (tests/test_log_tags.py renders both);
the widgets themselves come from the form renderer (config/form_rendering.py) as before.
"""

from __future__ import annotations

from django import template
from django.forms import BoundField
from django.urls import reverse
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

register = template.Library()

# {{ value }} in a template: escaped unless already safe.
_text = conditional_escape


def _error_slot(context, field: BoundField) -> str:
    oob = ' hx-swap-oob="true"' if context.get("oob") else ""
    errors = field.errors
    html = [
        f'<div class="field-error" id="error-{_text(field.html_name)}" aria-live="polite"{oob}>'
    ]
    html.extend(f"{_text(error)} " for error in errors)
    existing = getattr(context.get("form"), "existing_night", None)
    if field.name == "date" and errors and existing:
        url = reverse("journal:edit", args=[existing.pk])
        html.append(f'<a href="{_text(url)}">{_text(gettext("Open that night to edit it"))}</a>.')
    html.append("</div>")
    return "".join(html)


@register.simple_tag(takes_context=True)
def log_field_error(context, field: BoundField) -> SafeString:
    """A field's error slot: its errors, filled in place by inline validation."""
    return mark_safe(_error_slot(context, field))


@register.simple_tag(takes_context=True)
def log_field(context, field: BoundField) -> SafeString:
    """A field with its label (a legend for a group of choices), error slot and help."""
    has_error = " has-error" if field.errors else ""
    if field.use_fieldset:
        return mark_safe(
            f'\n  \n    <fieldset class="field choices{has_error}">'
            f"\n      <legend>{_text(field.label)}</legend>"
            f"\n      {field}"
            f"\n      {_error_slot(context, field)}"
            f"\n    </fieldset>\n  \n"
        )
    checkbox = " checkbox" if field.widget_type == "checkbox" else ""
    help_text = f'<small class="help">{_text(field.help_text)}</small>' if field.help_text else ""
    return mark_safe(
        f'\n  \n    <div class="field{has_error}{checkbox}">'
        f"\n      {field.label_tag()}"
        f"\n      {field}"
        f"\n      {_error_slot(context, field)}"
        f"\n      {help_text}"
        f"\n    </div>\n  \n"
    )


@register.simple_tag(takes_context=True)
def log_scale(context, field: BoundField) -> SafeString:
    """A rating as five numbered segments with their words; "Not sure" leaves it blank."""
    has_error = " has-error" if field.errors else ""
    segments = []
    for radio in field:
        value = radio.data["value"]
        not_sure = "" if value else " not-sure"
        number = f'<span class="n" aria-hidden="true">{_text(value)}</span>' if value else ""
        segments.append(
            f'\n        <label class="segment{not_sure}" for="{_text(radio.id_for_label)}">'
            f'{radio.tag()}{number}<span class="word">{_text(radio.choice_label)}</span></label>'
            f"\n      "
        )
    return mark_safe(
        f'\n  <fieldset class="field scale{has_error}">'
        f"\n    <legend>{_text(field.label)}</legend>"
        f'\n    <div class="segments">'
        f"\n      {''.join(segments)}"
        f"\n    </div>"
        f"\n    {_error_slot(context, field)}"
        f"\n  </fieldset>\n"
    )
