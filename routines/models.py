"""Wind-down routines, their steps, and the checklists people tick off each night.

A checklist is a snapshot: on the first tick of a night it copies the routine's name, bedtime and
steps, so that editing or deleting the routine later never rewrites a past night.
"""

from datetime import date, datetime, time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from households.models import WEEKDAYS, Household, Profile
from journal.clock import night_of

from . import schedule

ALL_WEEKDAYS = [0, 1, 2, 3, 4, 5, 6]


def all_weekdays() -> list[int]:
    return list(ALL_WEEKDAYS)


def _validate_weekdays(value) -> None:
    if not isinstance(value, list) or any(day not in ALL_WEEKDAYS for day in value):
        raise ValidationError(_("Weekdays are numbers from 0 (Monday) to 6 (Sunday)."))


class RoutineQuerySet(models.QuerySet):
    """The one door to routines: a routine is seen through the profiles that follow it."""

    def _followed_by(self, profiles) -> "RoutineQuerySet":
        follows = Routine.followers.through.objects.filter(
            routine_id=OuterRef("pk"), profile__in=profiles
        )
        return self.filter(Exists(follows))

    def _of_users_household(self, user) -> "RoutineQuerySet":
        # Rights come from current membership, never from a follower link left behind.
        if not user.is_authenticated or user.household_id is None:
            return self.none()
        return self.filter(household_id=user.household_id)

    def visible_to(self, user) -> "RoutineQuerySet":
        """The household's routines with at least one follower the user may see."""
        return self._of_users_household(user)._followed_by(Profile.objects.visible_to(user))

    def editable_by(self, user) -> "RoutineQuerySet":
        """The household's routines with at least one follower the user may log for."""
        return self._of_users_household(user)._followed_by(Profile.objects.loggable_by(user))

    def editable_with_followers(self, user, loggable) -> "RoutineQuerySet":
        """`editable_by`, one row per routine and follower among ``loggable``, whose id each
        row carries as ``follower_id``.

        ``loggable`` are the profiles the user may log for, as the caller read them in this
        request (Profile.objects.loggable_by): the evening's pages have them already,
        and joining their ids costs PostgreSQL far less planning than `editable_by`'s subquery
        of profiles inside EXISTS, for the same routines.
        """
        ids = [profile.pk for profile in loggable]
        if not ids:
            return self.none()
        return (
            self._of_users_household(user)
            .filter(followers__in=ids)
            .annotate(follower_id=F("followers"))
        )


class Routine(models.Model):
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="routines")
    name = models.CharField(max_length=100)
    bedtime = models.TimeField(help_text=_("The target time to be in bed."))
    alternate_bedtime = models.TimeField(
        null=True, blank=True, help_text=_("Optional: a different bedtime on some evenings.")
    )
    alternate_weekdays = models.JSONField(
        default=list,
        blank=True,
        validators=[_validate_weekdays],
        help_text=_("Evenings (0 = Monday) that use the alternate bedtime."),
    )
    active_weekdays = models.JSONField(
        default=all_weekdays,
        validators=[_validate_weekdays],
        help_text=_("Evenings (0 = Monday) the routine runs."),
    )
    is_active = models.BooleanField(_("On"), default=True)
    followers = models.ManyToManyField(Profile, related_name="routines")
    # Not auto_now_add: adherence counts nights from here, and demo data starts in the past.
    created_at = models.DateTimeField(default=timezone.now)
    # Optimistic concurrency: each saved edit adds one; an edit form begun on an older version is
    # refused (see services.save_routine).
    version = models.PositiveIntegerField(default=1, editable=False)
    # Every change to what the routine plans (its fields, followers or any step, including adding,
    # deleting and moving steps, which leave `version` alone) adds one, and stamps `changed_at`:
    # calendar feeds publish them as SEQUENCE and LAST-MODIFIED, so a subscribed event is updated
    # rather than duplicated. Never read for concurrency; see services.touch.
    revision = models.PositiveIntegerField(default=1, editable=False)
    changed_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = RoutineQuerySet.as_manager()

    class Meta:
        ordering = ["bedtime", "name", "pk"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        super().save(*args, **kwargs)
        fields = kwargs.get("update_fields")
        if fields is None or {"active_weekdays", "is_active"} & set(fields):
            self.record_schedule()

    def clean(self) -> None:
        if self.alternate_weekdays and self.alternate_bedtime is None:
            raise ValidationError(
                {"alternate_bedtime": _("Set the alternate bedtime, or clear its weekdays.")}
            )

    def record_schedule(self, *, now: datetime | None = None) -> None:
        """Keep the schedule's history: a new entry whenever the weekdays or on/off change.

        The first entry takes effect from the routine's creation; a later one from ``now``, so
        the nights before a change keep the schedule they had.
        """
        latest = self.schedules.order_by("effective_from", "pk").last()
        weekdays = sorted(self.active_weekdays)
        if latest and (latest.active_weekdays, latest.is_active) == (weekdays, self.is_active):
            return
        RoutineSchedule.objects.create(
            routine=self,
            effective_from=(now or timezone.now()) if latest else self.created_at,
            active_weekdays=weekdays,
            is_active=self.is_active,
        )

    def backdate(self, started: datetime) -> None:
        """Make the routine as if it had been created at ``started`` just as it is now: steps and
        schedule included (demo data and benchmarks that come with a history)."""
        Routine.objects.filter(pk=self.pk).update(created_at=started)
        self.created_at = started
        self.steps.update(created_at=started)
        self.schedules.all().delete()
        self.record_schedule()

    def periods(self, tz) -> list[schedule.Period]:
        """The schedule's history for a follower in ``tz`` (schedules prefetched if many)."""
        entries = sorted(self.schedules.all(), key=lambda entry: (entry.effective_from, entry.pk))
        if not entries:  # a routine written around save(): its schedule as it is now
            return [schedule.Period(date.min, frozenset(self.active_weekdays), self.is_active)]
        return [
            schedule.Period(
                # The earliest entry holds from the start, however the creation was dated.
                date.min if index == 0 else night_of(entry.effective_from, tz),
                frozenset(entry.active_weekdays),
                entry.is_active,
            )
            for index, entry in enumerate(entries)
        ]

    def nights_on(self, *, tz, first: date, last: date) -> list[date]:
        """The nights from ``first`` to ``last`` it ran for a follower in ``tz``, as scheduled
        each night (never before its creation)."""
        start = max(first, night_of(self.created_at, tz))
        return schedule.nights_on(periods=self.periods(tz), first=start, last=last)

    def bedtime_on(self, night: date) -> time:
        return schedule.bedtime_on(
            night=night,
            default=self.bedtime,
            alternate=self.alternate_bedtime,
            alternate_weekdays=self.alternate_weekdays,
        )

    def runs_on(self, night: date) -> bool:
        return self.is_active and schedule.is_active(night=night, weekdays=self.active_weekdays)

    def weekday_names(self) -> str:
        if sorted(self.active_weekdays) == ALL_WEEKDAYS:
            return gettext("Every evening")
        days = ", ".join(str(WEEKDAYS[day]) for day in sorted(self.active_weekdays))
        return days or gettext("No evenings")

    def alternate_weekday_names(self) -> str:
        return ", ".join(str(WEEKDAYS[day]) for day in sorted(self.alternate_weekdays))


class RoutineSchedule(models.Model):
    """A routine's weekdays and on/off from a moment on (see Routine.record_schedule).

    Adherence judges each past night by the entry in force that night, so pausing a routine or
    changing its evenings never rewrites its past.
    """

    routine = models.ForeignKey(Routine, on_delete=models.CASCADE, related_name="schedules")
    effective_from = models.DateTimeField(default=timezone.now)
    active_weekdays = models.JSONField(validators=[_validate_weekdays])
    is_active = models.BooleanField()

    class Meta:
        ordering = ["effective_from", "pk"]

    def __str__(self) -> str:
        state = "on" if self.is_active else "off"
        return f"{self.routine} {state} on {self.active_weekdays} from {self.effective_from}"


class StepQuerySet(models.QuerySet):
    def visible_to(self, user) -> "StepQuerySet":
        return self.filter(routine__in=Routine.objects.visible_to(user))

    def editable_by(self, user) -> "StepQuerySet":
        return self.filter(routine__in=Routine.objects.editable_by(user))

    def editable_with_followers(self, user, loggable) -> "StepQuerySet":
        """`editable_by`, one row per step and follower of its routine among ``loggable`` (the
        profiles the user may log for, read in this request), whose id each row carries as
        ``follower_id``; see RoutineQuerySet.editable_with_followers."""
        ids = [profile.pk for profile in loggable]
        if not user.is_authenticated or user.household_id is None or not ids:
            return self.none()
        return self.filter(
            routine__household_id=user.household_id, routine__followers__in=ids
        ).annotate(follower_id=F("routine__followers"))


class Step(models.Model):
    routine = models.ForeignKey(Routine, on_delete=models.CASCADE, related_name="steps")
    title = models.CharField(max_length=100)
    minutes_before = models.PositiveSmallIntegerField(
        _("Minutes before bedtime"), help_text=_("0 means at bedtime.")
    )
    duration_minutes = models.PositiveSmallIntegerField(_("Takes (minutes)"), null=True, blank=True)
    note = models.CharField(max_length=200, blank=True)
    position = models.PositiveIntegerField(default=0)
    # Nights before a step existed do not count against it.
    created_at = models.DateTimeField(default=timezone.now)
    # Optimistic concurrency, as on Routine: each saved edit of the step's form adds one. Moving a
    # step changes only its position, which its edit form neither shows nor saves, so it does not.
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = StepQuerySet.as_manager()

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(minutes_before__gte=0), name="step_minutes_before_not_negative"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.minutes_before} min before)"


class ChecklistQuerySet(models.QuerySet):
    def visible_to(self, user) -> "ChecklistQuerySet":
        return self.filter(profile__in=Profile.objects.visible_to(user))


class Checklist(models.Model):
    """One profile's checklist of one routine for one night, as the routine was that night."""

    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="checklists")
    routine = models.ForeignKey(
        Routine, on_delete=models.SET_NULL, null=True, blank=True, related_name="checklists"
    )
    night = models.DateField(
        help_text=_("The evening the night began (a night runs noon to noon).")
    )
    routine_name = models.CharField(max_length=100)
    bedtime_at = models.DateTimeField()
    created_at = models.DateTimeField(default=timezone.now)

    objects = ChecklistQuerySet.as_manager()

    class Meta:
        ordering = ["-night", "routine_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "routine", "night"], name="one_checklist_per_routine_and_night"
            )
        ]

    def __str__(self) -> str:
        return f"{self.routine_name} for {self.profile} on the night of {self.night}"


class ChecklistItem(models.Model):
    """A step on a night's checklist: its title and timing as they were, and what became of it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Not done")
        DONE = "done", _("Done")
        SKIPPED = "skipped", _("Skipped")

    checklist = models.ForeignKey(Checklist, on_delete=models.CASCADE, related_name="items")
    step = models.ForeignKey(
        Step, on_delete=models.SET_NULL, null=True, blank=True, related_name="items"
    )
    title = models.CharField(max_length=100)
    minutes_before = models.PositiveSmallIntegerField()
    position = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    checked_at = models.DateTimeField(null=True, blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-minutes_before", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["checklist", "step"], name="one_item_per_step"),
        ]

    def __str__(self) -> str:
        return f"{self.title}: {self.get_status_display()}"

    @property
    def at(self) -> datetime:
        return schedule.step_time(
            bedtime_at=self.checklist.bedtime_at, minutes_before=self.minutes_before
        )


class Progress(models.Model):
    """What one follower's adherence to a routine had reached by a night that is over.

    A cache, so a routine's page reads only its recent nights however long its history: streaks
    and the habit score carry on from here. ``basis`` names what the figures were computed under
    (time zone, creation, schedule); a different basis, or a checklist written for a night up to
    ``through_night``, discards the row and the next view computes it again from all history.
    """

    routine = models.ForeignKey(Routine, on_delete=models.CASCADE, related_name="+")
    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="+")
    through_night = models.DateField()
    basis = models.CharField(max_length=200)
    run = models.PositiveIntegerField(help_text=_("Complete nights in a row up to through_night."))
    best = models.PositiveIntegerField()
    score = models.FloatField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["routine", "profile"], name="one_progress_per_follower")
        ]

    def __str__(self) -> str:
        return f"{self.profile} on {self.routine} through {self.through_night}"
