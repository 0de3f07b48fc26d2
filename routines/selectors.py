"""Reads of routines and checklists. Views get everything through these, scoped to the user, so
another household's ids answer 404 and the tonight page costs a fixed number of queries."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Count, Prefetch, prefetch_related_objects
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from households.clock_format import format_time
from households.models import Profile
from journal.clock import is_morning, night_of, to_local
from journal.models import Night

from . import schedule
from .models import Checklist, ChecklistItem, Routine, Step
from .row_html import Labels, row_html

Status = ChecklistItem.Status


# --- one door -------------------------------------------------------------------------------


def visible_routines(user):
    return Routine.objects.visible_to(user)


def get_visible_routine(user, routine_id: int) -> Routine:
    return get_object_or_404(visible_routines(user), pk=routine_id)


def get_editable_routine(user, routine_id: int) -> Routine:
    return get_object_or_404(Routine.objects.editable_by(user), pk=routine_id)


def get_editable_step(user, step_id: int) -> Step:
    return get_object_or_404(Step.objects.editable_by(user).select_related("routine"), pk=step_id)


def get_step_to_tick(
    user, step_id: int, loggable: Sequence[Profile]
) -> tuple[Step, dict[int, set[int]]]:
    """A step the user may tick (404 otherwise), its routine with the routine's steps, and
    ``{routine pk: ids of its followers among loggable}``: two queries.

    ``loggable`` are the profiles the user may log for, read in this request.
    """
    rows = list(
        Step.objects.editable_with_followers(user, loggable)
        .select_related("routine")
        .filter(pk=step_id)
    )
    if not rows:
        raise Http404("No such step.")
    step = rows[0]
    prefetch_related_objects([step.routine], "steps")
    return step, {step.routine_id: {row.follower_id for row in rows}}


def get_visible_checklist(user, checklist_id: int) -> Checklist:
    checklists = Checklist.objects.visible_to(user).select_related("profile", "routine")
    return get_object_or_404(
        checklists.prefetch_related(
            Prefetch("items", ChecklistItem.objects.select_related("checked_by"))
        ),
        pk=checklist_id,
    )


def evening_profiles(user) -> list[Profile]:
    """The profiles the user may log for, as Tonight and its ticks read them: without their
    accounts (households.selectors.loggable_profiles joins them), which these pages never show
    and which would cost a join and a User per profile on every visit and every tap."""
    return list(Profile.objects.loggable_by(user))


def get_loggable(profiles: Iterable[Profile], profile_id: int) -> Profile:
    for profile in profiles:
        if profile.pk == profile_id:
            return profile
    raise Http404("No such profile.")


# --- tonight --------------------------------------------------------------------------------


@dataclass
class Row:
    """One step on tonight's checklist of one profile.

    Besides the facts (step, time, status), a row carries what its line on the page shows and
    posts to, worked out once here rather than by template tags for every row of every card: the
    tick's and "Done for all"'s addresses, the clock time in the reader's format, its ISO form.
    """

    step: Step
    at: datetime  # local time in the profile's zone
    status: str = Status.PENDING
    is_due: bool = False
    url: str = ""  # where a tap, a skip or an undo of this row posts
    all_url: str = ""  # "Done for all", when the card offers it
    dom_id: str = ""
    clock: str = ""  # `at` as the reader's clock shows it: "21:30" or "9:30 pm"
    iso: str = ""  # `at` for <time datetime>

    @property
    def is_done(self) -> bool:
        return self.status == Status.DONE

    @property
    def is_skipped(self) -> bool:
        return self.status == Status.SKIPPED

    @property
    def is_pending(self) -> bool:
        return self.status == Status.PENDING

    @property
    def title(self) -> str:
        return self.step.title

    # The buttons' labels, for screen readers: "Done: Bath", "Skip: Bath", "Undo: Bath", and
    # "Done for Robin, Sasha: Bath" when the card offers it.
    tap_label: str = ""
    skip_label: str = ""
    undo_label: str = ""
    all_label: str = ""
    detail: str = ""  # the step's small print: "15 min · lights low"
    html: str = ""  # its <li> on the page (row_html), once the row is complete


class _Words:
    """The row's words in the active language, looked up once per page rather than per row."""

    def __init__(self):
        self.done = _("Done: %(step)s")
        self.skip = _("Skip: %(step)s")
        self.undo = _("Undo: %(step)s")
        self.all = _("Done for %(names)s: %(step)s")
        self.minutes = _("%(minutes)s min")
        self.labels = Labels.active()

    def detail(self, step: Step) -> str:
        parts = [self.minutes % {"minutes": step.duration_minutes}] if step.duration_minutes else []
        return " · ".join([*parts, step.note] if step.note else parts)


@dataclass
class Card:
    """One routine on one profile's checklist tonight."""

    profile: Profile
    routine: Routine
    night: date
    bedtime_at: datetime  # local
    rows: list[Row]
    # Followers the user may log for, when there are two or more: "Done for all" ticks these and
    # no one else (another adult who follows the routine, shared or not, is never among them).
    shared_with: list[Profile] = field(default_factory=list)
    # In the morning the night's checklist is history: shown as it was left, nothing due.
    finished: bool = False
    # Counted once (the page shows each of them a few times).
    done: int = field(init=False)
    skipped: int = field(init=False)
    dom_id: str = field(init=False)
    shared_names: str = field(init=False)  # "Robin, Sasha": whom "Done for all" ticks

    def __post_init__(self):
        self.done = sum(row.status == Status.DONE for row in self.rows)
        self.skipped = sum(row.status == Status.SKIPPED for row in self.rows)
        self.dom_id = f"card-{self.profile.pk}-{self.routine.pk}"
        self.shared_names = ", ".join(str(profile) for profile in self.shared_with)

    @property
    def handled(self) -> int:
        return self.done + self.skipped

    @property
    def total(self) -> int:
        return len(self.rows)


@dataclass
class ProfileTonight:
    profile: Profile
    night: date
    cards: list[Card]
    # Before noon the page asks "How did you sleep?" first: `night` is then last night, and
    # `logged` the diary entry for it if there is one.
    morning: bool = False
    logged: Night | None = None


def followers_visible_to(user) -> Prefetch:
    """A routine's followers as far as `user` may see them: an unshared adult who follows a
    household routine stays hidden, with their checklists and adherence."""
    return Prefetch("followers", queryset=Profile.objects.visible_to(user))


def with_steps_and_followers(routines, *, user):
    return routines.prefetch_related("steps", followers_visible_to(user))


def routines_page(user):
    """The routines the user sees, each with its number of steps (``step_count``: the page
    shows no step itself), its followers and its schedule (the adherence summaries judge nights
    by it)."""
    return (
        visible_routines(user)
        .annotate(step_count=Count("steps"))
        .order_by(*Routine._meta.ordering)  # (a count drops the default order)
        .prefetch_related(followers_visible_to(user), "schedules")
    )


def tonight(*, user, now: datetime) -> list[ProfileTonight]:
    """For each profile the user may log for: tonight's routines, steps, times and ticks, and in
    the morning last night's diary entry.

    Four queries whatever the number of profiles, routines, steps or past nights (five in the
    morning).
    """
    profiles = evening_profiles(user)
    routines, followers = _routines_with_followers(user=user, loggable=profiles)
    prefetch_related_objects(routines, "steps")
    cards = build_cards(
        profiles=profiles, loggable=profiles, routines=routines, followers=followers, now=now
    )
    by_profile = defaultdict(list)
    for card in cards:
        by_profile[card.profile.pk].append(card)
    people = [
        ProfileTonight(
            profile=p,
            night=night_of(now, p.zone),
            cards=by_profile[p.pk],
            morning=is_morning(now, p.zone),
        )
        for p in profiles
    ]
    _attach_last_nights([person for person in people if person.morning], user=user)
    return people


def _routines_with_followers(
    *, user, loggable: Sequence[Profile]
) -> tuple[list[Routine], dict[int, set[int]]]:
    """The active routines the user may tick, and which of ``loggable`` follow each: one query.

    One row per routine and follower among ``loggable`` (an editable routine has at least one),
    in the routines' order. Only those followers matter tonight: a card is only ever shown for,
    and "Done for all" only ever ticks, a profile the user may log for.
    """
    rows = Routine.objects.editable_with_followers(user, loggable).filter(is_active=True)
    routines: dict[int, Routine] = {}
    followers: dict[int, set[int]] = defaultdict(set)
    for row in rows:
        routines.setdefault(row.pk, row)
        followers[row.pk].add(row.follower_id)
    return list(routines.values()), followers


def _attach_last_nights(people: Sequence[ProfileTonight], *, user) -> None:
    """Last night's diary entry of each person it is morning for, in one query."""
    if not people:
        return
    nights = Night.objects.loggable_by(user).filter(
        profile__in=[person.profile for person in people],
        date__in={person.night for person in people},
    )
    by_key = {(night.profile_id, night.date): night for night in nights}
    for person in people:
        person.logged = by_key.get((person.profile.pk, person.night))


def build_cards(
    *,
    profiles: Sequence[Profile],
    loggable: Sequence[Profile],
    routines: Sequence[Routine],
    followers: Mapping[int, Collection[int]],
    now: datetime,
) -> list[Card]:
    """Cards of ``routines`` (with steps prefetched) for ``profiles`` tonight.

    ``followers`` maps each routine's pk to the ids of its followers among ``loggable`` (the
    profiles the user may log for, in their order), who are all a card needs of them.

    Tonight's ticks come from the night's snapshot if there is one, in one query; a night with
    no snapshot yet shows every step as not done (a GET never writes).
    """
    nights = {profile.pk: night_of(now, profile.zone) for profile in profiles}
    statuses = _tonights_statuses(nights=nights, routines=routines)
    paths, words = _Paths(), _Words()
    cards = []
    for profile in profiles:
        night = nights[profile.pk]
        for routine in routines:
            ids = followers.get(routine.pk, ())
            if profile.pk not in ids or not routine.runs_on(night):
                continue
            ours = [f for f in loggable if f.pk in ids]
            cards.append(
                _card(
                    profile=profile,
                    routine=routine,
                    night=night,
                    now=now,
                    statuses=statuses,
                    # "All" of one person is just "Done": offered only for two or more.
                    shared_with=ours if len(ours) > 1 else [],
                    paths=paths,
                    words=words,
                )
            )
    return cards


class _Paths:
    """The tick addresses of every row, from one `reverse` per view instead of one per row:
    each view's path is reversed once with stand-in ids, which are then filled in per row."""

    STEP, PROFILE = 1_000_000_001, 1_000_000_002

    def __init__(self):
        self._mark = reverse(
            "routines:mark", kwargs={"step_id": self.STEP, "profile_id": self.PROFILE}
        )
        self._all = reverse("routines:mark_all", kwargs={"step_id": self.STEP})

    def mark(self, step_id: int, profile_id: int) -> str:
        return self._mark.replace(str(self.STEP), str(step_id)).replace(
            str(self.PROFILE), str(profile_id)
        )

    def mark_all(self, step_id: int) -> str:
        return self._all.replace(str(self.STEP), str(step_id))


def _tonights_statuses(*, nights: dict[int, date], routines: Sequence[Routine]) -> dict:
    if not nights or not routines:
        return {}
    items = ChecklistItem.objects.filter(
        checklist__profile_id__in=nights,
        checklist__night__in=set(nights.values()),
        checklist__routine__in=[routine.pk for routine in routines],
        step__isnull=False,
    )
    # A lookup table: the items' default ordering would only cost a sort.
    items = items.order_by().values_list(
        "checklist__profile_id", "checklist__night", "step_id", "status"
    )
    return {
        (profile_id, step_id): status
        for profile_id, night, step_id, status in items
        if nights[profile_id] == night
    }


def _card(
    *, profile, routine, night, now, statuses, shared_with, paths: _Paths, words: _Words
) -> Card:
    tz = profile.zone
    steps = {step.pk: step for step in routine.steps.all()}
    planned = schedule.schedule(
        night=night,
        tz=tz,
        bedtime=routine.bedtime_on(night),
        steps=[(step.pk, step.title, step.minutes_before) for step in steps.values()],
    )
    names = ", ".join(str(profile) for profile in shared_with)
    rows = []
    for planned_step in planned:
        step_id = planned_step.key
        step = steps[step_id]
        at = to_local(planned_step.at, tz)
        status = statuses.get((profile.pk, step_id), Status.PENDING)
        title = {"step": step.title}
        undo_label = words.undo % title
        rows.append(
            Row(
                step=step,
                at=at,
                status=status,
                url=paths.mark(step_id, profile.pk),
                all_url=paths.mark_all(step_id) if shared_with else "",
                dom_id=f"row-{profile.pk}-{step_id}",
                clock=format_time(at.time()),
                iso=at.isoformat(),
                tap_label=undo_label if status == Status.DONE else words.done % title,
                skip_label=words.skip % title,
                undo_label=undo_label,
                all_label=words.all % {"names": names, **title} if shared_with else "",
                detail=words.detail(step),
            )
        )
    bedtime_at = schedule.bedtime_for(night=night, tz=tz, bedtime=routine.bedtime_on(night))
    finished = is_morning(now, tz)
    due = schedule.due_step_index(
        now=now,
        step_times=[planned_step.at for planned_step in planned],
        # A skipped step is dealt with: it is not due any more.
        done=[row.status != Status.PENDING for row in rows],
        until=schedule.due_until(bedtime_at),
    )
    if due is not None and not finished:
        rows[due].is_due = True
    if not finished:  # a finished card lists its rows as history, in the template
        for row in rows:
            row.html = row_html(row, labels=words.labels, shared_names=names)
    return Card(
        profile=profile,
        routine=routine,
        night=night,
        bedtime_at=to_local(bedtime_at, tz),
        rows=rows,
        shared_with=shared_with,
        finished=finished,
    )
