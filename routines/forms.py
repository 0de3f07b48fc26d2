from django import forms

from households.forms import WeekdaysField
from households.models import Profile

from .models import ALL_WEEKDAYS, Routine, Step
from .templates_catalog import CATALOG

TIME_INPUT = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class FollowersField(forms.ModelMultipleChoiceField):
    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.CheckboxSelectMultiple)
        kwargs.setdefault("label", "Who follows it")
        kwargs.setdefault(
            "help_text", "Pick one person for a personal routine, or several to share it."
        )
        super().__init__(**kwargs)


class RoutineForm(forms.ModelForm):
    active_weekdays = WeekdaysField(label="Evenings it runs", required=True)
    alternate_weekdays = WeekdaysField(label="Evenings with the alternate bedtime")
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

    def chosen_followers(self) -> list[Profile]:
        chosen = list(self.cleaned_data["followers"])
        if self.instance.pk:
            kept = self.instance.followers.filter(household_id=self.instance.household_id).exclude(
                pk__in=self.fields["followers"].queryset
            )
            chosen += list(kept)
        return chosen


class StepForm(forms.ModelForm):
    class Meta:
        model = Step
        fields = ["title", "minutes_before", "duration_minutes", "note"]
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
