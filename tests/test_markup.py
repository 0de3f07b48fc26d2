"""config.markup.text writes what a template's {{ value }} writes."""

from django.template import Context, Template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy
from hypothesis import given
from hypothesis import strategies as st

from config.markup import text

TEMPLATE = Template("{{ value }}")


@given(st.text())
def test_any_text_is_escaped_as_a_template_escapes_it(value):
    assert text(value) == TEMPLATE.render(Context({"value": value}))
    assert text(value) == conditional_escape(value)


def test_markup_already_safe_is_kept_and_other_values_are_escaped():
    assert text(mark_safe("<b>A &amp; B</b>")) == "<b>A &amp; B</b>"
    assert text("<b>A &amp; B</b>") == "&lt;b&gt;A &amp;amp; B&lt;/b&gt;"
    assert text("\"quoted\" 'single'") == "&quot;quoted&quot; &#x27;single&#x27;"
    assert text(7.5) == "7.5"
    assert text(gettext_lazy("Done")) == "Done"
