"""From parsed nights to what an import will write: `plan_nights` and its `NightsPlan`.

The plan is computed without writing anything, in a fixed number of queries whatever the size
of the file, and says for every night of the file whether it will be created, skipped (already
in the journal, or its person left out) or rejected (with its line and the reason). Rejected
rows are never written; the rest of the file still is.

Names are matched onto the household's catalogue regardless of case. A disturbance or intake
item the catalogue lacks is created for the household (the preview lists it); a tag from another
app (`#snore_2x`) is matched by name too ("snore 2x", then "snore"), and kept in the notes as
"#tag" when nothing matches.

`apply()` writes in bulk (nights, their disturbances, their intake) in chunks, so ten years of
nights take a handful of queries per chunk; the caller holds the transaction.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import F
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from households.models import Household, Profile
from journal.models import Disturbance, Intake, IntakeItem, Night

from . import checks
from .incoming import IncomingIntake, IncomingNight, Parsed, Planned, Rejected

CHUNK = 500
ALREADY_THERE = gettext_lazy("already there")
TRAILING_COUNT = re.compile(r"[ _]?\d+x$")
NIGHT_FIELDS = (
    "into_bed",
    "lights_out",
    "sol_minutes",
    "awakenings",
    "waso_minutes",
    "final_wake",
    "out_of_bed",
    "quality",
    "rested",
    "stress",
    "nap_minutes",
)


def _key(name: str) -> str:
    return name.strip().casefold()


def tag_keys(tag: str) -> list[str]:
    """The names a tag may stand for, most literal first: snore_2x, snore 2x, snore."""
    literal = _key(tag.lstrip("#"))
    spaced = literal.replace("_", " ")
    uncounted = TRAILING_COUNT.sub("", spaced).strip()
    return [key for key in dict.fromkeys((literal, spaced, uncounted)) if key]


def label(profile: Profile, incoming: IncomingNight) -> str:
    return _("%(name)s · night of %(night)s") % {
        "name": profile.name,
        "night": f"{incoming.date:%Y-%m-%d}",
    }


@dataclass
class _Catalogue:
    """The household's disturbances or intake items by name, and the ones the plan adds."""

    model: type
    household: Household
    known: dict[str, object]
    new: dict[str, str] = field(default_factory=dict)  # key -> the spelling first met

    @classmethod
    def load(cls, model, household: Household) -> _Catalogue:
        entries = model.objects.for_household(household).order_by(
            F("household").asc(nulls_first=True), "pk"
        )
        known: dict[str, object] = {}
        for entry in entries:  # built-ins first: a household's own spelling does not hide them
            known.setdefault(_key(entry.name), entry)
        return cls(model=model, household=household, known=known)

    def has(self, key: str) -> bool:
        return key in self.known or key in self.new

    def want(self, name: str) -> str:
        key = _key(name)
        if key not in self.known:
            self.new.setdefault(key, name.strip())
        return key

    def create(self) -> int:
        """Save the new entries (one query) and add them to `known`."""
        created = self.model.objects.bulk_create(
            self.model(household=self.household, name=name) for name in self.new.values()
        )
        self.known.update({_key(entry.name): entry for entry in created})
        return len(created)


@dataclass
class _Ready:
    profile: Profile
    incoming: IncomingNight
    disturbances: list[str]  # catalogue keys
    intake: list[tuple[str, IncomingIntake]]  # (catalogue key, the row)
    notes: str


@dataclass
class NightsPlan:
    """An `ImportPlan` of nights (see `incoming.ImportPlan`)."""

    user: object
    to_create: list[Planned] = field(default_factory=list)
    skipped: list[Planned] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    nights: list[_Ready] = field(default_factory=list)
    disturbances: _Catalogue | None = None
    items: _Catalogue | None = None

    def apply(self, *, progress: Callable[[int, int], None] | None = None) -> int:
        created = 0
        for created, total in self.steps():
            if progress is not None:
                progress(created, total)
        return created

    def steps(self) -> Iterator[tuple[int, int]]:
        """Write the plan a chunk at a time, saying (records written, records to write) after
        each: what the streamed progress page shows."""
        total = len(self.to_create)
        done = self.disturbances.create() + self.items.create()
        if done:
            yield done, total
        for start in range(0, len(self.nights), CHUNK):
            chunk = self.nights[start : start + CHUNK]
            self._write(chunk)
            done += len(chunk)
            yield done, total
        if not total:
            yield 0, 0

    def _write(self, chunk: list[_Ready]) -> None:
        # Ids rather than related objects: thousands of rows, and the descriptors' checks add up.
        nights = Night.objects.bulk_create(
            Night(
                profile_id=ready.profile.pk,
                date=ready.incoming.date,
                notes=ready.notes,
                created_by_id=self.user.pk,
                **{name: getattr(ready.incoming, name) for name in NIGHT_FIELDS},
            )
            for ready in chunk
        )
        Through = Night.disturbances.through
        Through.objects.bulk_create(
            Through(night_id=night.pk, disturbance_id=self.disturbances.known[key].pk)
            for night, ready in zip(nights, chunk, strict=True)
            for key in ready.disturbances
        )
        Intake.objects.bulk_create(
            Intake(
                night_id=night.pk,
                item_id=self.items.known[key].pk,
                amount=row.amount,
                unit=row.unit,
                taken_at=row.taken_at,
            )
            for night, ready in zip(nights, chunk, strict=True)
            for key, row in ready.intake
        )


def loggable_map(*, user, profile_map: dict[str, Profile]) -> dict[str, Profile]:
    """The mapping, once every profile in it is one the user may log for (else a 404: an id
    from another household, or a journal that is not the user's, is never written to)."""
    wanted = {profile.pk for profile in profile_map.values()}
    allowed = Profile.objects.loggable_by(user).filter(pk__in=wanted)
    by_id = {profile.pk: profile for profile in allowed}
    if set(by_id) != wanted:
        raise Http404("No such profile.")
    return {source: by_id[profile.pk] for source, profile in profile_map.items()}


def plan_nights(
    parsed: Parsed, *, user, profile_map: dict[str, Profile], now: datetime | None = None
) -> NightsPlan:
    """What importing `parsed` would do, each source's nights going to the profile the map
    gives it (a source left out of the map is not imported)."""
    now = now or timezone.now()
    profile_map = loggable_map(user=user, profile_map=profile_map)
    household = user.household
    plan = NightsPlan(
        user=user,
        rejected=list(parsed.rejected),
        disturbances=_Catalogue.load(Disturbance, household),
        items=_Catalogue.load(IntakeItem, household),
    )
    existing = _existing(parsed, profile_map)
    labels = {source.key: source.label for source in parsed.sources}
    first_line: dict[tuple[int, object], int] = {}
    for incoming in parsed.nights:
        profile = profile_map.get(incoming.source)
        if profile is None:
            who = labels.get(incoming.source) or incoming.source or _("this file")
            reason = _("no profile chosen for %(who)s") % {"who": who}
            what = _("%(name)s · night of %(night)s") % {
                "name": who,
                "night": f"{incoming.date:%Y-%m-%d}",
            }
            plan.skipped.append(Planned("night", what, incoming.line, reason))
            continue
        slot = (profile.pk, incoming.date)
        if slot in first_line:
            plan.rejected.append(
                Rejected(
                    incoming.line,
                    _("A second night of %(night)s for %(name)s (the first is on line %(line)s).")
                    % {
                        "night": f"{incoming.date:%Y-%m-%d}",
                        "name": profile.name,
                        "line": first_line[slot],
                    },
                    incoming.source,
                )
            )
            continue
        first_line[slot] = incoming.line
        if slot in existing:
            plan.skipped.append(
                Planned("night", label(profile, incoming), incoming.line, ALREADY_THERE)
            )
            continue
        problem = checks.night_problem(incoming, zone=profile.zone, now=now)
        if problem:
            plan.rejected.append(Rejected(incoming.line, problem, incoming.source))
            continue
        plan.nights.append(_ready(plan, profile, incoming))
        plan.to_create.append(Planned("night", label(profile, incoming), incoming.line))
    plan.to_create[:0] = [
        *(Planned("disturbance", name) for name in plan.disturbances.new.values()),
        *(Planned("intake item", name) for name in plan.items.new.values()),
    ]
    plan.rejected.sort(key=lambda rejected: rejected.line)
    return plan


def _existing(parsed: Parsed, profile_map: dict[str, Profile]) -> set[tuple[int, object]]:
    """(profile id, date) of the nights already in the journal among those of the file."""
    dates = [night.date for night in parsed.nights if night.source in profile_map]
    if not dates:
        return set()
    profiles = {profile.pk for profile in profile_map.values()}
    return set(
        Night.objects.filter(profile__in=profiles, date__gte=min(dates), date__lte=max(dates))
        .values_list("profile_id", "date")
        .iterator()
    )


def _ready(plan: NightsPlan, profile: Profile, incoming: IncomingNight) -> _Ready:
    disturbances = [plan.disturbances.want(name) for name in incoming.disturbances]
    intake = [(plan.items.want(row.item), row) for row in incoming.intake]
    unmatched = []
    for tag in incoming.tags:
        keys = tag_keys(tag)
        if found := next((key for key in keys if plan.disturbances.has(key)), None):
            disturbances.append(found)
        elif found := next((key for key in keys if plan.items.has(key)), None):
            intake.append((found, IncomingIntake(item=tag)))
        else:
            unmatched.append(f"#{tag.lstrip('#')}")
    notes = incoming.notes
    extra = [tag for tag in unmatched if tag not in notes.split()]
    if extra:
        notes = f"{notes}\n{' '.join(extra)}" if notes else " ".join(extra)
    return _Ready(
        profile=profile,
        incoming=incoming,
        disturbances=list(dict.fromkeys(disturbances)),
        intake=intake,
        notes=notes,
    )
