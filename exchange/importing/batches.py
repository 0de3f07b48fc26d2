"""The steps of an import, around its `ImportBatch`: start one from a file, say what it would do,
and apply it. The web pages and `manage.py import` both go through here.

Every step reads the stored text again and computes the plan again: the confirmation applies
what the file says at that moment against the journal as it is then, so a night logged between
the preview and the confirmation is skipped rather than doubled.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.translation import gettext as _

from exchange.models import ImportBatch
from households import selectors as household_selectors
from households.models import Profile

from . import registry
from .incoming import ImportPlan, NotThisFormat, Parsed, Source
from .plan import plan_nights


@dataclass
class Reading:
    """A file read in a format: the nights format's `Parsed`, or None for the JSON archive."""

    format_key: str
    zone: ZoneInfo | None
    parsed: Parsed | None
    sources: list[Source] = field(default_factory=list)


def read(text: str, *, format_key: str, zone: ZoneInfo | None) -> Reading:
    """Parse the text in the format (raises NotThisFormat)."""
    if format_key == registry.ARCHIVE_KEY:
        return Reading(format_key, zone, None)
    found = registry.night_formats().get(format_key)
    if found is None:
        raise NotThisFormat(
            _("Nightstand does not import “%(format)s” files.") % {"format": format_key}
        )
    parsed = found.parse(text, zone if found.needs_zone else None)
    return Reading(format_key, zone, parsed, list(parsed.sources))


def default_mapping(*, user, sources: list[Source]) -> dict[str, int | None]:
    """Each source onto the profile of the same name (any case) the user may log for; a file of
    one person that matches no name goes to the user's own profile; the rest are left out."""
    profiles = list(household_selectors.loggable_profiles(user))
    by_name = {profile.name.casefold(): profile.pk for profile in profiles}
    own = next((profile.pk for profile in profiles if profile.user_id == user.pk), None)
    mapping = {source.key: by_name.get(source.label.strip().casefold()) for source in sources}
    if len(sources) == 1 and mapping[sources[0].key] is None:
        mapping[sources[0].key] = own
    return mapping


def start(
    *, user, filename: str, text: str, reading: Reading, profiles: dict[str, int | None] | None
) -> ImportBatch:
    """Keep the file for the preview; old batches are purged on the way."""
    ImportBatch.objects.stale().delete()
    if profiles is None:
        profiles = default_mapping(user=user, sources=reading.sources)
    return ImportBatch.objects.create(
        household_id=user.household_id,
        uploaded_by=user,
        filename=filename[:255],
        format_key=reading.format_key,
        text=text,
        options={"zone": reading.zone.key if reading.zone else "", "profiles": profiles},
    )


def chosen_profiles(batch: ImportBatch, *, user) -> dict[str, Profile]:
    """The batch's mapping, each id looked up among the profiles the user may log for now:
    one that is not (any more) is left out, as if no profile were chosen."""
    ids = {source: pk for source, pk in batch.profile_ids.items() if pk is not None}
    profiles = household_selectors.loggable_profiles(user).in_bulk(set(ids.values()))
    return {source: profiles[pk] for source, pk in ids.items() if pk in profiles}


def reading_of(batch: ImportBatch) -> Reading:
    zone = ZoneInfo(batch.zone_name) if batch.zone_name else None
    return read(batch.text, format_key=batch.format_key, zone=zone)


def plan_of(batch: ImportBatch, *, user, reading: Reading | None = None) -> ImportPlan:
    """What confirming the batch would do now."""
    reading = reading or reading_of(batch)
    if reading.parsed is None:
        planner = registry.archive_planner()
        if planner is None:
            raise NotThisFormat(_("This Nightstand does not restore complete JSON exports."))
        return planner(batch.text, user=user)
    return plan_nights(reading.parsed, user=user, profile_map=chosen_profiles(batch, user=user))


def applying(plan: ImportPlan) -> Iterator[tuple[int, int]]:
    """Apply the plan, saying (written, to write) as it goes. A plan that writes in steps
    (`NightsPlan.steps`) reports each chunk; any other `ImportPlan` reports once, at the end,
    since its `apply` takes a callback and a generator cannot yield from inside one."""
    steps = getattr(plan, "steps", None)
    if callable(steps):
        yield from steps()
    else:
        created = plan.apply()
        yield created, created


def finish(batch: ImportBatch, plan: ImportPlan, *, created: int) -> None:
    """Record the outcome; the text is no longer needed."""
    batch.status = ImportBatch.Status.IMPORTED
    batch.created_count = created
    batch.skipped_count = len(plan.skipped)
    batch.rejected_count = len(plan.rejected)
    batch.finished_at = timezone.now()
    batch.text = ""
    batch.save()


def fail(batch_id: int, message: str) -> None:
    """Outside the rolled-back transaction: say why, keep the text for another try."""
    ImportBatch.objects.filter(pk=batch_id).update(
        status=ImportBatch.Status.FAILED, message=message, finished_at=timezone.now()
    )


def archive_check(text: str, *, user) -> None:
    """Raise NotThisFormat unless the JSON restore can read the text."""
    planner = registry.archive_planner()
    if planner is None:
        raise NotThisFormat(_("This Nightstand does not restore complete JSON exports."))
    planner(text, user=user)
