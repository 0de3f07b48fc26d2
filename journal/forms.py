"""The night form: clock times typed in the profile's zone, checked with the diary's rules.

Times become aware UTC datetimes through `journal.clock`; the rules are `journal.metrics.
check_night`, each message put on the field it is about. The intake rows are a formset that
the night form owns, so a view validates and re-renders both as one.
"""

from __future__ import annotations

import contextlib
from datetime import date, time
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext, pgettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from households.models import Profile

from . import clock, metrics, plausibility, selectors, wording
from .models import (
    MAX_AWAKENINGS,
    MAX_MINUTES,
    QUALITY_CHOICES,
    RESTED_CHOICES,
    STRESS_CHOICES,
    TIME_FIELDS,
    Night,
    night_has_begun,
)

INTAKE_PREFIX = "intake"
# Fields that steer the form and are not part of the night.
FORM_ONLY_FIELDS = ("version", "save_as_entered")


def _time_input() -> forms.TimeInput:
    return forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def _minutes_field(label: str, *, maximum: int = MAX_MINUTES) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=0,
        max_value=maximum,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


def _rating_field(label: str, choices) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=[("", pgettext_lazy("rating left blank", "Not sure")), *choices],
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )


class ReadOnceChoices(forms.models.ModelChoiceIterator):
    """The choices of a catalogue, read with one plain query and kept for the request.

    Django's own iterator reads through ``queryset.iterator()``, a server-side cursor on
    PostgreSQL: a round trip to declare it, one to fetch and one to close, every render.
    """

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for entry in self.queryset:  # evaluated once, then from the queryset's cache
            yield self.choice(entry)


class CatalogueChoiceField(forms.ModelMultipleChoiceField):
    iterator = ReadOnceChoices


class NightForm(forms.Form):
    # The labels are the Consensus Sleep Diary's questions, short enough for a phone.
    date = forms.DateField(
        label=_("Night of"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("The date the evening began."),
    )
    into_bed = forms.TimeField(label=_("Into bed"), required=False, widget=_time_input())
    lights_out = forms.TimeField(label=_("Lights out"), required=False, widget=_time_input())
    sol_minutes = _minutes_field(_("Minutes to fall asleep"))
    awakenings = _minutes_field(_("Times woken"), maximum=MAX_AWAKENINGS)
    waso_minutes = _minutes_field(_("Minutes awake in the night"))
    final_wake = forms.TimeField(label=_("Final awakening"), required=False, widget=_time_input())
    out_of_bed = forms.TimeField(label=_("Out of bed"), required=False, widget=_time_input())
    quality = _rating_field(_("Sleep quality"), QUALITY_CHOICES)
    rested = _rating_field(_("How rested"), RESTED_CHOICES)
    stress = _rating_field(_("Stress before bed"), STRESS_CHOICES)
    nap_minutes = _minutes_field(_("Naps (minutes)"))
    disturbances = CatalogueChoiceField(
        label=_("Disturbances"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    # The version of the night the edit form was opened at (see `services.update_night`).
    version = forms.IntegerField(
        required=False, min_value=1, max_value=2**31 - 1, widget=forms.HiddenInput
    )
    # Sent by the "Yes, save it as entered" button shown with a doubt (`plausibility.doubts`).
    save_as_entered = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(
        self, data=None, *, profile: Profile, night: Night | None = None, extra_intake_rows=0, **kw
    ):
        kw.setdefault("label_suffix", "")  # "Into bed", not "Into bed:"
        super().__init__(data, **kw)
        self.profile = profile
        self.night = night
        self.existing_night: Night | None = None
        self.resolved: dict[str, Any] = {}
        # What looks unlikely about the night ({field: question}); not saved without a "yes".
        self.doubts: dict[str, str] = {}
        household = profile.household_id  # the id is enough: no query for the household
        self.fields["disturbances"].queryset = selectors.disturbances_for(household)
        if night is not None:
            self.fields["version"].required = True
            self.fields["version"].error_messages["required"] = gettext(
                "This form is missing the night's version: open the night again to edit it."
            )
        self.intakes = IntakeFormSet(
            _with_extra_rows(data, extra_intake_rows),
            prefix=INTAKE_PREFIX,
            initial=intake_initial(night) if night else None,
            form_kwargs={"items": list(selectors.intake_items_for(household))},
        )

    def is_valid(self) -> bool:
        night_valid = super().is_valid()
        return self.intakes.is_valid() and night_valid

    def clean_date(self) -> date:
        night_date = self.cleaned_data["date"]
        today = clock.to_local(timezone.now(), self.profile.zone).date()
        problem = plausibility.date_problem(night_date, today=today)
        if problem is None and not night_has_begun(self.profile, night_date):
            problem = gettext("That night hasn't begun yet: nights start at noon.")
        if problem:
            raise forms.ValidationError(problem)
        return night_date

    def clean(self):
        cleaned = super().clean()
        night_date = cleaned.get("date")
        if night_date is None:
            return cleaned
        zone = self.profile.zone
        clocks = [cleaned.get(name) for name in TIME_FIELDS]
        resolved = clock.resolve_night_times(night_date, zone, clocks)
        self.resolved = dict(zip(TIME_FIELDS, resolved, strict=True))
        times = self.night_times()
        for field, message in metrics.check_night(times, zone=zone).items():
            if field not in self.errors:
                self.add_error(field, message)
        if not any(name in self.errors for name in TIME_FIELDS):
            self.doubts = plausibility.doubts(times, zone)
            if not cleaned.get("save_as_entered"):
                for field, question in self.doubts.items():
                    self.add_error(field, question)
        others = Night.objects.filter(profile=self.profile, date=night_date)
        if self.night is not None:
            others = others.exclude(pk=self.night.pk)
        self.existing_night = others.first()
        if self.existing_night is not None and "date" not in self.errors:
            self.add_error(
                "date",
                gettext("%(name)s's night of %(date)s is logged.")
                % {"name": self.profile.name, "date": wording.day_month(night_date)},
            )
        return cleaned

    def night_times(self) -> metrics.NightTimes:
        cleaned = getattr(self, "cleaned_data", {})
        return metrics.NightTimes(
            sol_minutes=cleaned.get("sol_minutes"),
            waso_minutes=cleaned.get("waso_minutes"),
            **{name: self.resolved.get(name) for name in TIME_FIELDS},
        )

    def preview(self) -> metrics.NightMetrics | None:
        """Metrics of what is typed so far, for the live summary; None until it is valid."""
        if not self.is_bound or self.errors or not self.resolved:
            return None
        return metrics.compute(self.night_times())

    def summary(self) -> metrics.NightMetrics | None:
        """What the summary box shows: the live preview, or the saved night's metrics."""
        if self.is_bound:
            return self.preview()
        return self.night.metrics if self.night else None

    def take_version(self, version: int) -> None:
        """Carry `version` from now on: saving this form again saves over that version."""
        self.data = self.data.copy()
        self.data["version"] = str(version)

    def changes_from(self, saved: Night) -> list[tuple[str, str, str]]:
        """(label, saved value, this form's value) for every field where they differ."""
        before = initial_for_night(saved)
        cleaned = self.cleaned_data
        changes = []
        for name, field in self.fields.items():
            if name in FORM_ONLY_FIELDS:
                continue
            theirs, yours = _shown(field, before.get(name)), _shown(field, cleaned.get(name))
            if theirs != yours:
                changes.append((str(field.label or name.capitalize()), theirs, yours))
        theirs = _shown_intakes(
            (intake.item.label, intake.amount, intake.unit, saved.local(intake.taken_at))
            for intake in saved.intakes.all()
        )
        yours = _shown_intakes(
            (
                form.cleaned_data["item"].label,
                *(form.cleaned_data.get(k) for k in ("amount", "unit", "taken_at")),
            )
            for form in self.intakes.forms
            if getattr(form, "cleaned_data", {}).get("item") and not form.cleaned_data.get("DELETE")
        )
        if theirs != yours:
            changes.append((gettext("Intake"), theirs, yours))
        return changes

    def night_data(self) -> dict[str, Any]:
        """What `services.log_night` needs, once the form is valid."""
        cleaned = self.cleaned_data
        data = {
            name: value
            for name, value in cleaned.items()
            if name not in TIME_FIELDS and name not in FORM_ONLY_FIELDS
        }
        data.update(self.resolved)
        data["intakes"] = self.intakes.rows(night=cleaned["date"], profile=self.profile)
        return data


def _shown(field: forms.Field, value: Any) -> str:
    """A value as the conflict table shows it."""
    if value in (None, "", []):
        return "—"
    if isinstance(field, forms.ModelMultipleChoiceField):
        return ", ".join(sorted(str(entry) for entry in value)) or "—"
    if isinstance(field, forms.TypedChoiceField):
        return str(dict(field.choices).get(value, value))
    if isinstance(value, time):
        return f"{value:%H:%M}"
    if isinstance(value, date):
        return wording.day_month_year(value)
    return str(value)


def _shown_intakes(rows) -> str:
    shown = []
    for name, amount, unit, taken in rows:
        amount = f" {amount.normalize():f}" if amount is not None else ""
        shown_item = f"{name}{amount} {unit}".rstrip()
        if taken:
            shown_item = pgettext("intake taken at a clock time", "%(intake)s at %(time)s") % {
                "intake": shown_item,
                "time": f"{taken:%H:%M}",
            }
        shown.append(shown_item)
    return "; ".join(sorted(shown)) or "—"


def _with_extra_rows(data, extra: int):
    """The submitted data with `extra` more intake rows (the no-JavaScript "add a row")."""
    if data is None or not extra:
        return data
    data = data.copy()
    key = f"{INTAKE_PREFIX}-TOTAL_FORMS"
    with contextlib.suppress(ValueError):
        data[key] = str(min(int(data.get(key, 0)) + extra, MAX_INTAKE_ROWS))
    return data


def initial_for_new_night(*, profile: Profile, night_date: date, previous: Night | None) -> dict:
    """Prefill a new night from the previous one logged, or from the profile's usual times."""
    usual = {
        "into_bed": profile.usual_bedtime,
        "lights_out": profile.usual_bedtime,
        "final_wake": profile.usual_wake_time,
        "out_of_bed": profile.usual_wake_time,
    }
    initial: dict[str, Any] = {"date": night_date}
    for name in TIME_FIELDS:
        moment = previous.local(getattr(previous, name)) if previous else None
        initial[name] = moment.time() if moment else usual[name]
    if previous is not None:
        for name in ("sol_minutes", "awakenings", "waso_minutes"):
            initial[name] = getattr(previous, name)
    return initial


def initial_for_night(night: Night) -> dict:
    initial = {
        "date": night.date,
        "version": night.version,
        "disturbances": list(night.disturbances.all()),
        **{
            name: getattr(night, name)
            for name in ("sol_minutes", "awakenings", "waso_minutes", "nap_minutes")
        },
        **{name: getattr(night, name) for name in ("quality", "rested", "stress", "notes")},
    }
    for name in TIME_FIELDS:
        moment = night.local(getattr(night, name))
        initial[name] = moment.time() if moment else None
    return initial


# --- Intake rows ----------------------------------------------------------------------------


class IntakeForm(forms.Form):
    # A plain choice field over items fetched once for the whole formset (a ModelChoiceField
    # would query the catalogue again for every row).
    item = forms.ChoiceField(required=False, label=_("What"))
    amount = forms.DecimalField(
        label=_("Amount"),
        required=False,
        min_value=0,
        max_digits=7,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "any"}),
    )
    unit = forms.CharField(label=_("Unit"), required=False, max_length=20)
    taken_at = forms.TimeField(
        label=pgettext_lazy("intake taken at", "At"), required=False, widget=_time_input()
    )

    def __init__(self, *args, items, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.items = {str(item.pk): item for item in items}
        self.fields["item"].choices = [("", "—")] + [
            (pk, item.label) for pk, item in self.items.items()
        ]

    def clean_item(self):
        return self.items.get(self.cleaned_data["item"])

    def clean(self):
        cleaned = super().clean()
        details = any(
            cleaned.get(name) not in (None, "") for name in ("amount", "unit", "taken_at")
        )
        if details and not cleaned.get("item") and "item" not in self.errors:
            self.add_error("item", gettext("Choose what was taken, or clear the row."))
        return cleaned


class BaseIntakeFormSet(forms.BaseFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Remove")

    def rows(self, *, night: date, profile: Profile) -> list[dict[str, Any]]:
        rows = []
        for form in self.forms:
            cleaned = getattr(form, "cleaned_data", {})
            if not cleaned.get("item") or cleaned.get("DELETE"):
                continue
            taken: time | None = cleaned.get("taken_at")
            rows.append(
                {
                    "item": cleaned["item"],
                    "amount": cleaned.get("amount"),
                    "unit": cleaned.get("unit", ""),
                    "taken_at": clock.intake_moment(night, taken, profile.zone) if taken else None,
                }
            )
        return rows


# The most intake rows a night has. `absolute_max` caps what a posted TOTAL_FORMS can make the
# formset build (Django's default would render a thousand rows); `validate_max` says so.
MAX_INTAKE_ROWS = 20

IntakeFormSet = forms.formset_factory(
    IntakeForm,
    formset=BaseIntakeFormSet,
    extra=1,
    can_delete=True,
    max_num=MAX_INTAKE_ROWS,
    absolute_max=MAX_INTAKE_ROWS,
    validate_max=True,
)


def intake_initial(night: Night) -> list[dict[str, Any]]:
    return [
        {
            "item": intake.item_id,
            "amount": intake.amount,
            "unit": intake.unit,
            "taken_at": night.local(intake.taken_at).time() if intake.taken_at else None,
        }
        for intake in night.intakes.all()
    ]


class CatalogueEntryForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=60)
