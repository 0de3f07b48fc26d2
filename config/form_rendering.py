"""Form widgets rendered in Python: the same HTML as Django's templates, several times faster.

Django renders every widget, and every radio button and checkbox of a choice widget, through a
template of its own, and on a form like the log form (three rating scales, the disturbances, the
intake rows) that was most of the page's time. This renderer writes the HTML of Django's stock
widget and label templates directly, character for character (tests/test_form_rendering.py
compares the two on every widget of the app's forms), and hands anything else — a template a
project widget names, a form or field layout — to the templates as before.
"""

from __future__ import annotations

from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData

WIDGETS = "django/forms/widgets/"


def _text(value) -> str:
    """{{ value }}: as text, escaped unless already safe."""
    return conditional_escape(value if isinstance(value, SafeData) else str(value))


def _formatted(value) -> str:
    """{{ value|stringformat:'s' }}"""
    return value if isinstance(value, SafeData) else conditional_escape(str(value))


def _attrs(attrs: dict) -> str:
    return "".join(
        f" {_text(name)}" if value is True else f' {_text(name)}="{_formatted(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def _input(widget: dict) -> str:
    value = "" if widget["value"] is None else f' value="{_formatted(widget["value"])}"'
    return (
        f'<input type="{_text(widget["type"])}" name="{_text(widget["name"])}"{value}'
        f"{_attrs(widget['attrs'])}>\n"
    )


def _input_option(widget: dict) -> str:
    if not widget.get("wrap_label"):
        return _input(widget) + "\n"
    element_id = widget["attrs"].get("id")
    label_for = f' for="{_text(element_id)}"' if element_id else ""
    return f"<label{label_for}>{_input(widget)} {_text(widget['label'])}</label>\n"


OPTIONS = {
    WIDGETS + "radio_option.html": lambda option: _input_option(option) + "\n",
    WIDGETS + "checkbox_option.html": lambda option: _input_option(option) + "\n",
}


def _multiple_input(widget: dict) -> str | None:
    element_id, css_class = widget["attrs"].get("id"), widget["attrs"].get("class")
    html = ["<div"]
    if element_id:
        html.append(f' id="{_text(element_id)}"')
    if css_class:
        html.append(f' class="{_text(css_class)}"')
    html.append(">")
    for group, options, _ in widget["optgroups"]:
        if group:
            html.append(f"\n  <div><label>{_text(group)}</label>")
        for option in options:
            render_option = OPTIONS.get(option["template_name"])
            if render_option is None:
                return None
            html.append(f"<div>\n    {render_option(option)}</div>")
        if group:
            html.append("\n  </div>")
    html.append("\n</div>\n")
    return "".join(html)


def _select_option(option: dict) -> str:
    return (
        f'<option value="{_formatted(option["value"])}"{_attrs(option["attrs"])}>'
        f"{_text(option['label'])}</option>\n"
    )


def _select(widget: dict) -> str | None:
    html = [f'<select name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group, options, _ in widget["optgroups"]:
        if group:
            html.append(f'\n  <optgroup label="{_text(group)}">')
        for option in options:
            if option["template_name"] != WIDGETS + "select_option.html":
                return None
            html.append(f"\n  {_select_option(option)}")
        if group:
            html.append("\n  </optgroup>")
    html.append("\n</select>\n")
    return "".join(html)


def _textarea(widget: dict) -> str:
    value = _text(widget["value"]) if widget["value"] else ""
    return (
        f'<textarea name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>\n{value}</textarea>\n'
    )


INPUTS = ["text", "number", "email", "url", "password", "date", "time", "datetime", "hidden"]
WIDGET_TEMPLATES = {
    **{f"{WIDGETS}{name}.html": _input for name in [*INPUTS, "checkbox", "input"]},
    WIDGETS + "radio.html": _multiple_input,
    WIDGETS + "checkbox_select.html": _multiple_input,
    WIDGETS + "multiple_input.html": _multiple_input,
    WIDGETS + "select.html": _select,
    WIDGETS + "textarea.html": _textarea,
    # One option on its own: a template that lays out a choice field's options itself (the
    # log form's rating scales) draws each with BoundWidget.tag().
    WIDGETS + "radio_option.html": _input_option,
    WIDGETS + "checkbox_option.html": _input_option,
    WIDGETS + "select_option.html": _select_option,
}


def _label(context: dict) -> str:
    if not context["use_tag"]:
        return _text(context["label"]) + "\n"
    tag = _text(context["tag"])
    attrs = _attrs(context["attrs"] or {})
    return f"<{tag}{attrs}>{_text(context['label'])}</{tag}>\n"


class PythonWidgetRenderer(DjangoTemplates):
    """Django's default form renderer, with its stock widgets and labels written in Python."""

    def render(self, template_name, context, request=None):
        if template_name == "django/forms/label.html":
            return _label(context).strip()
        render_widget = WIDGET_TEMPLATES.get(template_name)
        html = render_widget(context["widget"]) if render_widget else None
        if html is None:
            return super().render(template_name, context, request=request)
        return html.strip()
