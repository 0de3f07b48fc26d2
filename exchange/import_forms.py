"""The import's forms: the upload (file, format, zone) and the preview's profile mapping."""

from __future__ import annotations

import logging
from zoneinfo import ZoneInfo

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from households import selectors as household_selectors
from households.forms import TimeZoneField

from .importing import batches, registry
from .importing.incoming import NotThisFormat, Source
from .importing.upload import MAX_BYTES, MAX_LABEL, UnreadableFile, decode

logger = logging.getLogger(__name__)

RECOGNISE = ""


def _megabytes(size: int) -> str:
    return f"{size / 2**20:.1f} MB"


def too_large_message(size: int) -> str:
    return gettext(
        "This file is %(size)s; Nightstand imports files up to %(most)s. "
        "Export a shorter period, or one person at a time."
    ) % {"size": _megabytes(size), "most": MAX_LABEL}


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=format_lazy(
            _("An export from Nightstand or another sleep app, up to {most}."), most=MAX_LABEL
        ),
    )
    format = forms.ChoiceField(required=False, label=_("Format"))
    zone = TimeZoneField(
        label=_("Time zone of the file's times"),
        required=False,
        help_text=_("Only for files whose times carry no zone (Baby Buddy)."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        offered = registry.choices()
        self.fields["format"].choices = [(RECOGNISE, gettext("Recognise it for me"))] + [
            (choice.key, choice.label) for choice in offered
        ]
        if any(choice.needs_zone for choice in offered):
            profile = getattr(user, "profile", None)
            self.fields["zone"].initial = profile.time_zone if profile else "UTC"
        else:
            del self.fields["zone"]
        self.text = ""
        self.reading: batches.Reading | None = None

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(too_large_message(upload.size))
        try:
            self.text = decode(upload.read())
        except UnreadableFile as problem:
            raise forms.ValidationError(str(problem)) from None
        return upload

    def clean(self):
        cleaned = super().clean()
        if "file" in self.errors or not self.text:
            return cleaned
        chosen = cleaned.get("format") or RECOGNISE
        key = chosen or registry.detect(self.text)
        if key is None:
            names = ", ".join(choice.label for choice in registry.choices())
            self.add_error(
                "file",
                gettext(
                    "Nightstand does not recognise this file. It imports: %(names)s. If it is one "
                    "of these, choose its format."
                )
                % {"names": names},
            )
            return cleaned
        zone_name = cleaned.get("zone") or ""
        if registry.needs_zone(key) and not zone_name:
            self.add_error(
                "zone", gettext("Choose the time zone the file's times were written in.")
            )
            return cleaned
        zone = ZoneInfo(zone_name) if zone_name else None
        try:
            self.reading = batches.read(self.text, format_key=key, zone=zone)
            if self.reading.parsed is None:
                batches.archive_check(self.text, user=self.user)
        except NotThisFormat as problem:
            field = "format" if chosen else "file"
            self.add_error(
                field,
                gettext("This file cannot be read as %(format)s: %(problem)s")
                % {"format": _label(key), "problem": problem},
            )
        except Exception:
            # A file no parser foresaw must still get an answer on the form, not a server error.
            logger.exception("Import: %s could not read an uploaded file", key)
            self.add_error(
                "file", gettext("This file cannot be read as %(format)s.") % {"format": _label(key)}
            )
        return cleaned


def _label(key: str) -> str:
    return next((choice.label for choice in registry.choices() if choice.key == key), key)


class MappingForm(forms.Form):
    """One choice per person in the file: which profile their nights go to, or none."""

    def __init__(self, *args, user, sources: list[Source], **kwargs):
        super().__init__(*args, **kwargs)
        self.sources = sources
        profiles = household_selectors.loggable_profiles(user)
        for index, source in enumerate(sources):
            self.fields[self.field_name(index)] = forms.ModelChoiceField(
                queryset=profiles,
                required=False,
                empty_label=gettext("Don't import"),
                label=gettext("Nights of %(name)s") % {"name": source.label}
                if source.label
                else gettext("Nights in this file"),
            )

    @staticmethod
    def field_name(index: int) -> str:
        return f"profile_{index}"

    @classmethod
    def initial_for(cls, sources: list[Source], mapping: dict[str, int | None]) -> dict:
        return {cls.field_name(i): mapping.get(source.key) for i, source in enumerate(sources)}

    def mapping(self) -> dict[str, int | None]:
        chosen = (self.cleaned_data.get(self.field_name(i)) for i in range(len(self.sources)))
        return {
            source.key: profile.pk if profile else None
            for source, profile in zip(self.sources, chosen, strict=True)
        }
