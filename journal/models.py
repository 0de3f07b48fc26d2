"""The sleep journal: one `Night` per profile and date, with its disturbances and intake.

Only what the person recorded is stored. Every metric is computed from it on the fly by
`journal.metrics`, so a number can never disagree with the times it came from.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from functools import cached_property

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, FloatField, Func, Prefetch, Q
from django.db.models.functions import NullIf
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from households.models import Household, Profile

from . import clock, metrics
from .units import amount_with_unit

MAX_MINUTES = 24 * 60
MAX_AWAKENINGS = 99

# The Consensus Sleep Diary's answer scales. The words are the diary's own; a context tells
# translators which question each answers (in German "Gut" is quality, "Gut erholt" restedness).
QUALITY_CHOICES = [
    (1, pgettext_lazy("sleep quality", "Very poor")),
    (2, pgettext_lazy("sleep quality", "Poor")),
    (3, pgettext_lazy("sleep quality", "Fair")),
    (4, pgettext_lazy("sleep quality", "Good")),
    (5, pgettext_lazy("sleep quality", "Very good")),
]
RESTED_CHOICES = [
    (1, pgettext_lazy("how rested", "Not at all")),
    (2, pgettext_lazy("how rested", "Slightly")),
    (3, pgettext_lazy("how rested", "Somewhat")),
    (4, pgettext_lazy("how rested", "Well")),
    (5, pgettext_lazy("how rested", "Very")),
]
STRESS_CHOICES = [
    (1, pgettext_lazy("stress before bed", "1 calm")),
    (2, "2"),
    (3, "3"),
    (4, "4"),
    (5, pgettext_lazy("stress before bed", "5 very stressed")),
]

# The built-in list entries (seeded by migration 0002), so that they are shown in the reader's
# language; a household's own entries are shown as typed.
BUILTIN_ENTRY_NAMES = (
    gettext_noop("Pain"),
    gettext_noop("Restless legs"),
    gettext_noop("Noise"),
    gettext_noop("Too hot"),
    gettext_noop("Too cold"),
    gettext_noop("Bathroom"),
    gettext_noop("Nightmares"),
    gettext_noop("Woken by child"),
    gettext_noop("Woken by partner"),
    gettext_noop("Snoring or breathing"),
    gettext_noop("Racing thoughts"),
    gettext_noop("Caffeine"),
    gettext_noop("Alcohol"),
    gettext_noop("Nicotine"),
    gettext_noop("Melatonin"),
    gettext_noop("Medication"),
    gettext_noop("Other"),
)

TIME_FIELDS = ("into_bed", "lights_out", "final_wake", "out_of_bed")


def entry_label(name: str, household_id: int | None) -> str:
    """A list entry's name as shown: a built-in one (no household) in the reader's language."""
    return gettext(name) if household_id is None and name else name


def intake_text(label: str, amount: Decimal | None, unit: str) -> str:
    """An intake as a night's line shows it: "Caffeine 2 cups", or its item alone."""
    return f"{label} {amount_with_unit(amount, unit)}" if amount is not None else label


def extras_line(disturbances: Sequence[str], intakes: Sequence[str]) -> str:
    """A night's disturbances, then its intake, as one line of text ("" when none)."""
    return " · ".join(", ".join(entries) for entries in (disturbances, intakes) if entries)


class CatalogueQuerySet(models.QuerySet):
    def for_household(self, household: Household | int | None) -> CatalogueQuerySet:
        """The built-in entries (household is null) plus the household's own (by object or id)."""
        if household is None:
            return self.filter(household__isnull=True)
        return self.filter(Q(household__isnull=True) | Q(household=household))


class CatalogueEntry(models.Model):
    """A name people pick from a list; null household = a built-in default for everyone."""

    household = models.ForeignKey(
        Household,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("household"),
    )
    name = models.CharField(_("name"), max_length=60)
    position = models.PositiveSmallIntegerField(_("position"), default=100)

    objects = CatalogueQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """The name as shown: a built-in entry in the reader's language."""
        return entry_label(self.name, self.household_id)

    @property
    def is_builtin(self) -> bool:
        return self.household_id is None


class Disturbance(CatalogueEntry):
    """Something that disturbed a night: pain, noise, a child waking…"""

    class Meta(CatalogueEntry.Meta):
        verbose_name = _("disturbance")
        verbose_name_plural = _("disturbances")
        constraints = [
            models.UniqueConstraint(
                fields=["household", "name"], name="disturbance_name_unique_in_household"
            ),
            models.UniqueConstraint(
                fields=["name"],
                condition=Q(household__isnull=True),
                name="disturbance_builtin_name_unique",
            ),
        ]


class IntakeItem(CatalogueEntry):
    """Something a person may record having taken: caffeine, alcohol, medication…"""

    class Meta(CatalogueEntry.Meta):
        verbose_name = _("intake item")
        verbose_name_plural = _("intake items")
        constraints = [
            models.UniqueConstraint(
                fields=["household", "name"], name="intake_item_name_unique_in_household"
            ),
            models.UniqueConstraint(
                fields=["name"],
                condition=Q(household__isnull=True),
                name="intake_item_builtin_name_unique",
            ),
        ]


class NightQuerySet(models.QuerySet):
    """The one door to nights: reads go through `visible_to`, writes through `loggable_by`."""

    def visible_to(self, user) -> NightQuerySet:
        return self.filter(profile__in=Profile.objects.visible_to(user))

    def loggable_by(self, user) -> NightQuerySet:
        return self.filter(profile__in=Profile.objects.loggable_by(user))

    def with_sortable_metrics(self) -> NightQuerySet:
        """TIB, TST and SE computed by the database, for sorting (the admin's columns).

        The same definitions as `journal.metrics`, in float minutes; pages show the Python
        figures, which are exact, and use these only to order rows. Blank inputs give null.
        """
        tib = MinutesBetween("out_of_bed", "into_bed")
        tst = MinutesBetween("final_wake", "lights_out") - F("sol_minutes") - F("waso_minutes")
        return self.annotate(sort_tib=tib, sort_tst=tst).annotate(
            sort_se=F("sort_tst") * 100.0 / NullIf(F("sort_tib"), 0.0)
        )

    def with_details(self) -> NightQuerySet:
        """Everything a list of nights shows, in a fixed number of queries."""
        return self.select_related("profile").prefetch_related(
            "disturbances",
            Prefetch("intakes", queryset=Intake.objects.select_related("item")),
        )


class MinutesBetween(Func):
    """Minutes from the second datetime to the first, as a float, on PostgreSQL and SQLite."""

    output_field = FloatField()
    arity = 2

    def as_sql(self, compiler, connection, **extra):
        template = "(EXTRACT(EPOCH FROM (%(expressions)s)) / 60.0)"
        return super().as_sql(compiler, connection, template=template, arg_joiner=" - ", **extra)

    def as_sqlite(self, compiler, connection, **extra):
        template = "((julianday(%(expressions)s)) * 1440.0)"
        return super().as_sql(
            compiler, connection, template=template, arg_joiner=") - julianday(", **extra
        )


def _null_or_between(field: str, low: int, high: int) -> Q:
    return Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__gte": low, f"{field}__lte": high})


def _in_order(earlier: str, later: str, *, strictly: bool = False) -> Q:
    lookup = "lt" if strictly else "lte"
    return (
        Q(**{f"{earlier}__isnull": True})
        | Q(**{f"{later}__isnull": True})
        | Q(**{f"{earlier}__{lookup}": F(later)})
    )


class Night(models.Model):
    """One night of the Consensus Sleep Diary. Blank fields mean "don't remember" (null)."""

    profile = models.ForeignKey(
        Profile, on_delete=models.CASCADE, related_name="nights", verbose_name=_("profile")
    )
    date = models.DateField(
        _("night of"), help_text=_("The date the night began (nights run noon to noon).")
    )
    into_bed = models.DateTimeField(_("into bed"), null=True, blank=True)
    lights_out = models.DateTimeField(_("lights out"), null=True, blank=True)
    sol_minutes = models.PositiveSmallIntegerField(
        _("minutes to fall asleep"), null=True, blank=True
    )
    awakenings = models.PositiveSmallIntegerField(_("times woken"), null=True, blank=True)
    waso_minutes = models.PositiveSmallIntegerField(
        _("minutes awake during the night"), null=True, blank=True
    )
    final_wake = models.DateTimeField(_("final awakening"), null=True, blank=True)
    out_of_bed = models.DateTimeField(_("out of bed"), null=True, blank=True)
    quality = models.PositiveSmallIntegerField(
        _("sleep quality"), choices=QUALITY_CHOICES, null=True, blank=True
    )
    rested = models.PositiveSmallIntegerField(
        _("how rested"), choices=RESTED_CHOICES, null=True, blank=True
    )
    nap_minutes = models.PositiveSmallIntegerField(_("naps (minutes)"), null=True, blank=True)
    stress = models.PositiveSmallIntegerField(
        _("pre-sleep stress"), choices=STRESS_CHOICES, null=True, blank=True
    )
    disturbances = models.ManyToManyField(
        Disturbance, blank=True, related_name="nights", verbose_name=_("disturbances")
    )
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # Optimistic concurrency: every save adds one. An edit form carries the version it was
    # opened at, and `services.update_night` refuses to save over a newer one.
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = NightQuerySet.as_manager()

    class Meta:
        verbose_name = _("night")
        verbose_name_plural = _("nights")
        ordering = ["-date"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "date"], name="one_night_per_profile_date"),
            models.CheckConstraint(
                condition=_null_or_between("quality", 1, 5), name="night_quality_1_to_5"
            ),
            models.CheckConstraint(
                condition=_null_or_between("rested", 1, 5), name="night_rested_1_to_5"
            ),
            models.CheckConstraint(
                condition=_null_or_between("stress", 1, 5), name="night_stress_1_to_5"
            ),
            models.CheckConstraint(
                condition=_null_or_between("sol_minutes", 0, MAX_MINUTES),
                name="night_sol_within_a_day",
            ),
            models.CheckConstraint(
                condition=_null_or_between("waso_minutes", 0, MAX_MINUTES),
                name="night_waso_within_a_day",
            ),
            models.CheckConstraint(
                condition=_null_or_between("nap_minutes", 0, MAX_MINUTES),
                name="night_naps_within_a_day",
            ),
            models.CheckConstraint(
                condition=_null_or_between("awakenings", 0, MAX_AWAKENINGS),
                name="night_awakenings_plausible",
            ),
            models.CheckConstraint(
                condition=_in_order("into_bed", "lights_out"), name="night_bed_before_lights_out"
            ),
            models.CheckConstraint(
                condition=_in_order("lights_out", "final_wake", strictly=True),
                name="night_lights_out_before_final_wake",
            ),
            models.CheckConstraint(
                condition=_in_order("final_wake", "out_of_bed"),
                name="night_final_wake_before_out_of_bed",
            ),
        ]

    def __str__(self) -> str:
        return gettext("%(profile)s · night of %(date)s") % {
            "profile": self.profile,
            "date": f"{self.date:%Y-%m-%d}",
        }

    def times(self) -> metrics.NightTimes:
        return metrics.NightTimes(
            into_bed=self.into_bed,
            lights_out=self.lights_out,
            sol_minutes=self.sol_minutes,
            waso_minutes=self.waso_minutes,
            final_wake=self.final_wake,
            out_of_bed=self.out_of_bed,
        )

    @cached_property
    def metrics(self) -> metrics.NightMetrics:
        return metrics.compute(self.times())

    @property
    def is_complete(self) -> bool:
        """Has the night ended (a final awakening or getting up is recorded)?"""
        return self.final_wake is not None or self.out_of_bed is not None

    def local(self, moment: datetime | None) -> datetime | None:
        return None if moment is None else clock.to_local(moment, self.profile.zone)

    def clean(self) -> None:
        zone = self.profile.zone if self.profile_id else None
        errors = dict(metrics.check_night(self.times(), zone=zone))
        if self.date and self.profile_id and not night_has_begun(self.profile, self.date):
            errors.setdefault("date", gettext("That night hasn't begun yet."))
        if errors:
            raise ValidationError(errors)


def night_has_begun(profile: Profile, date, now: datetime | None = None) -> bool:
    """A night may be logged once it has begun: from noon of its date, in the profile's zone."""
    now = now or timezone.now()
    if date > clock.to_local(now, profile.zone).date():
        return False  # (and no arithmetic on dates near the end of the calendar)
    start, _ = clock.night_window(date, profile.zone)
    return start <= now


class Intake(models.Model):
    """Something taken around a night, recorded neutrally: what, how much, when."""

    night = models.ForeignKey(
        Night, on_delete=models.CASCADE, related_name="intakes", verbose_name=_("night")
    )
    # RESTRICT, not PROTECT: an item in use cannot be deleted on its own, but a household that
    # goes with all its nights can go with its items too.
    item = models.ForeignKey(
        IntakeItem, on_delete=models.RESTRICT, related_name="intakes", verbose_name=_("what")
    )
    amount = models.DecimalField(_("amount"), max_digits=7, decimal_places=2, null=True, blank=True)
    unit = models.CharField(_("unit"), max_length=20, blank=True)
    taken_at = models.DateTimeField(_("taken at"), null=True, blank=True)

    class Meta:
        verbose_name = _("intake")
        verbose_name_plural = _("intake")
        ordering = [F("taken_at").asc(nulls_last=True), "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gte=0),
                name="intake_amount_not_negative",
            )
        ]

    def __str__(self) -> str:
        return intake_text(str(self.item), self.amount, self.unit)
