from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from households.forms import WeekdaysField
from households.models import WEEKDAYS, Profile

from .models import ALL_WEEKDAYS, Routine, Step
from .templates_catalog import CATALOG

TIME_INPUT = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class FollowersField(forms.ModelMultipleChoiceField):
    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.CheckboxSelectMultiple)
        kwargs.setdefault("label", _("Who follows it"))
        kwargs.setdefault(
            "help_text", _("Pick one person for a personal routine, or several to share it.")
        )
        super().__init__(**kwargs)


STALE_FORM = _("This form is out of date: reload the page and make your change again.")


class VersionedForm(forms.ModelForm):
    """An edit form that carries the version of the row it was opened on, as a hidden field.

    The service compares it with the saved version and refuses a save begun on an older one;
    ``differences`` then tells the person what the other save changed.
    """

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
        else:
            del self.fields["version"]

    def clean(self):
        cleaned = super().clean()
        if "version" in self.fields and cleaned.get("version") is None:
            self.add_error(None, STALE_FORM)
        return cleaned

    @property
    def seen_version(self) -> int | None:
        return self.cleaned_data.get("version")

    def resubmit_over(self, saved) -> "VersionedForm":
        """This form's values again, now on top of ``saved``: posting it keeps them."""
        data = self.data.copy()
        data[self.add_prefix("version")] = saved.version
        return type(self)(data, instance=saved, **self.resubmit_kwargs())

    def resubmit_kwargs(self) -> dict:
        return {}

    def saved_value(self, saved, name: str):
        return getattr(saved, name)

    def differences(self, saved) -> list[tuple[str, str, str]]:
        """(label, yours, saved) for each field where this form's values and ``saved`` differ."""
        rows = []
        for name, field in self.fields.items():
            if name == "version" or name not in self.cleaned_data:
                continue
            yours = _shown(field, self.cleaned_data[name])
            theirs = _shown(field, self.saved_value(saved, name))
            if yours != theirs:
                rows.append((str(field.label or name).capitalize(), yours, theirs))
        return rows


def _shown(field: forms.Field, value) -> str:
    """A value as the conflict table shows it."""
    if value is None or value == "" or value == []:
        return "–"
    if isinstance(field, WeekdaysField):
        return ", ".join(str(WEEKDAYS[day]) for day in sorted(value))
    if isinstance(field, forms.ModelMultipleChoiceField):
        return ", ".join(sorted(str(item) for item in value)) or "–"
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    if hasattr(value, "strftime"):
        return value.strftime("%H:%M")
    return str(value)


class RoutineForm(VersionedForm):
    active_weekdays = WeekdaysField(label=_("Evenings it runs"), required=True)
    alternate_weekdays = WeekdaysField(label=_("Evenings with the alternate bedtime"))
    followers = FollowersField(queryset=Profile.objects.none())

    class Meta:
        model = Routine
        fields = [
            "name",
            "bedtime",
            "alternate_bedtime",
            "alternate_weekdays",
            "active_weekdays",
            "is_active",
        ]
        widgets = {"bedtime": TIME_INPUT, "alternate_bedtime": TIME_INPUT}
        labels = {
            "name": _("Name"),
            "bedtime": _("Bedtime"),
            "alternate_bedtime": _("Alternate bedtime"),
        }

    def __init__(self, *args, loggable, **kwargs):
        super().__init__(*args, **kwargs)
        # Only people the user may log for can be added or removed; others stay as they are.
        self.fields["followers"].queryset = loggable
        if self.instance.pk:
            self.fields["followers"].initial = [
                profile.pk for profile in self.instance.followers.all() if profile in loggable
            ]
        else:
            self.fields["active_weekdays"].initial = ALL_WEEKDAYS

    def resubmit_kwargs(self) -> dict:
        return {"loggable": self.fields["followers"].queryset}

    def saved_value(self, saved, name: str):
        if name == "followers":  # only those this person may change
            return saved.followers.filter(pk__in=self.fields["followers"].queryset)
        return super().saved_value(saved, name)

    def chosen_followers(self) -> list[Profile]:
        chosen = list(self.cleaned_data["followers"])
        if self.instance.pk:
            kept = self.instance.followers.filter(household_id=self.instance.household_id).exclude(
                pk__in=self.fields["followers"].queryset
            )
            chosen += list(kept)
        return chosen


class StepForm(VersionedForm):
    class Meta:
        model = Step
        fields = ["title", "minutes_before", "duration_minutes", "note"]
        labels = {"title": _("Title"), "note": _("Note")}
        widgets = {
            "minutes_before": forms.NumberInput(attrs={"min": 0, "inputmode": "numeric"}),
            "duration_minutes": forms.NumberInput(attrs={"min": 1, "inputmode": "numeric"}),
        }


class CopyTemplateForm(forms.Form):
    template = forms.ChoiceField(
        choices=[(key, starter.name) for key, starter in CATALOG.items()],
        widget=forms.HiddenInput,
    )
    followers = FollowersField(queryset=Profile.objects.none())

    def __init__(self, *args, loggable, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["followers"].queryset = loggable
