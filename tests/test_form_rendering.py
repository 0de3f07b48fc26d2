"""The Python widget renderer writes exactly what Django's widget templates write."""

from datetime import date, time

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe

from config.form_rendering import PythonWidgetRenderer
from households.models import Profile
from journal.forms import IntakeForm, NightForm
from routines.forms import RoutineForm, StepForm

TEMPLATES = DjangoTemplates()
PYTHON = PythonWidgetRenderer()


class Everything(forms.Form):
    text = forms.CharField(initial='a "quoted" <b>', max_length=9)
    number = forms.IntegerField(initial=3, min_value=0, widget=forms.NumberInput(attrs={"step": 1}))
    day = forms.DateField(initial=date(2026, 1, 15), widget=forms.DateInput(attrs={"type": "date"}))
    clock = forms.TimeField(initial=time(22, 30), widget=forms.TimeInput(format="%H:%M"))
    hidden = forms.CharField(widget=forms.HiddenInput, initial=mark_safe("<i>safe</i>"))
    agree = forms.BooleanField(required=False, initial=True)
    email = forms.EmailField(required=False, disabled=True)
    notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), initial="x < y & z")
    empty_notes = forms.CharField(widget=forms.Textarea, required=False)
    rating = forms.ChoiceField(
        choices=[(1, "Very poor"), (2, "Fair & fine")], widget=forms.RadioSelect, initial=2
    )
    many = forms.MultipleChoiceField(
        choices=[("a", "A <1>"), ("b", "B")],
        widget=forms.CheckboxSelectMultiple(attrs={"class": "grid"}),
        initial=["b"],
        required=False,
    )
    grouped = forms.ChoiceField(
        choices=[("", "—"), ("Drinks", [("tea", "Tea"), ("cola", "Cola")]), ("x", "Other")],
        initial="cola",
    )
    grouped_radio = forms.ChoiceField(
        choices=[("Drinks", [("tea", "Tea")]), ("x", "Other")], widget=forms.RadioSelect
    )
    picks = forms.MultipleChoiceField(choices=[(1, "One"), (2, "Two")], initial=[1, 2])


def rendered(form: forms.Form, renderer) -> list[str]:
    form.renderer = renderer
    fields = [str(field) + field.label_tag() for field in form]
    # Each option on its own, as a template that lays out the radio buttons draws them.
    options = [option.tag() + option.tag(wrap_label=True) for field in form for option in field]
    return [*fields, *options, str(form)]


@pytest.mark.parametrize("data", [None, {"text": "<x>", "rating": "9", "many": ["a"]}])
def test_every_stock_widget_comes_out_the_same(data):
    assert rendered(Everything(data), PYTHON) == rendered(Everything(data), TEMPLATES)


def test_the_forms_of_the_app_come_out_the_same(alice):
    profile = alice.profile
    items = []
    made = [
        lambda: NightForm(profile=profile),
        lambda: NightForm({"date": "2026-01-14", "quality": "3"}, profile=profile),
        lambda: IntakeForm(items=items),
        lambda: RoutineForm(loggable=Profile.objects.filter(pk=profile.pk)),
        lambda: StepForm(),
    ]
    for make in made:
        assert rendered(make(), PYTHON) == rendered(make(), TEMPLATES)


def test_it_is_the_projects_renderer(settings):
    assert settings.FORM_RENDERER == "config.form_rendering.PythonWidgetRenderer"


def test_stock_widgets_and_their_options_never_go_through_a_template(alice, monkeypatch):
    """The log form draws its rating scales' radio buttons one by one (BoundWidget.tag)."""
    through_templates = []

    def template_render(self, template_name, context, request=None):
        through_templates.append(template_name)
        return ""

    monkeypatch.setattr(DjangoTemplates, "render", template_render)
    rendered(NightForm(profile=alice.profile), PYTHON)
    rendered(Everything(), PYTHON)
    assert not [name for name in through_templates if name.startswith("django/forms/widgets/")]
