"""Patterns over the calendar: the weekday pattern and this week against the week before.

The headline's sentences describe what changed, in plain words; they never advise.

No ORM and no request: the only Django here is gettext and the decimal separator, for the
headline's sentences.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.formats import get_format
from django.utils.translation import gettext, ngettext

from insights.records import NightRecord
from insights.stats import mean
from journal.clock import hours_and_minutes

WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class WeekdayRow:
    """The nights whose date D falls on one weekday, and their mean outcomes."""

    weekday: int  # 0 = Monday, as date.weekday()
    name: str  # "Monday"
    n: int  # nights logged
    mean_tst: float | None
    mean_se: float | None
    mean_sol: float | None
    mean_quality: float | None


def weekday_pattern(nights: Iterable[NightRecord]) -> list[WeekdayRow]:
    """Monday … Sunday by the night's date D (Friday is the night of Friday → Saturday).

    Always seven rows; a weekday with no nights has n = 0 and no means.
    """
    by_weekday: list[list[NightRecord]] = [[] for _ in WEEKDAY_NAMES]
    for night in nights:
        by_weekday[night.date.weekday()].append(night)
    return [
        WeekdayRow(
            weekday=weekday,
            name=WEEKDAY_NAMES[weekday],
            n=len(group),
            mean_tst=mean(night.tst for night in group),
            mean_se=mean(night.se for night in group),
            mean_sol=mean(night.sol for night in group),
            mean_quality=mean(night.quality for night in group),
        )
        for weekday, group in enumerate(by_weekday)
    ]


# --- This week against the week before ----------------------------------------------------------


@dataclass(frozen=True)
class WeekFigures:
    """Seven nights, first to last (inclusive), and the means over those logged."""

    first: date
    last: date
    n: int  # nights logged of the 7
    mean_tst: float | None
    mean_se: float | None
    mean_sol: float | None
    mean_quality: float | None


def _week(nights: Iterable[NightRecord], first: date) -> WeekFigures:
    last = first + timedelta(days=6)
    # One record per night: a date logged twice would count twice in "6 of 7".
    week = list({night.date: night for night in nights if first <= night.date <= last}.values())
    return WeekFigures(
        first=first,
        last=last,
        n=len(week),
        mean_tst=mean(night.tst for night in week),
        mean_se=mean(night.se for night in week),
        mean_sol=mean(night.sol for night in week),
        mean_quality=mean(night.quality for night in week),
    )


@dataclass(frozen=True)
class Headline:
    """This week (the 7 nights ending tonight's) against the 7 nights before."""

    this_week: WeekFigures
    week_before: WeekFigures

    @staticmethod
    def _change(now: float | None, before: float | None) -> float | None:
        return None if now is None or before is None else now - before

    @property
    def tst_change(self) -> float | None:
        return self._change(self.this_week.mean_tst, self.week_before.mean_tst)

    @property
    def se_change(self) -> float | None:
        return self._change(self.this_week.mean_se, self.week_before.mean_se)

    @property
    def sol_change(self) -> float | None:
        return self._change(self.this_week.mean_sol, self.week_before.mean_sol)

    @property
    def quality_change(self) -> float | None:
        return self._change(self.this_week.mean_quality, self.week_before.mean_quality)

    def sentences(self, subject: str = "You") -> list[str]:
        """What changed, in plain words; a figure blank in either week is left out. ``subject``
        is "You" on one's own page, or the person's name (a child's, a sharing adult's).

        Every sentence is whole in the catalogue, once said to "you" and once about a name, so
        that each language can conjugate the verb and place the words its own way."""
        own = subject == "You"
        name = {"name": subject}
        n = self.this_week.n
        sentences = []
        if (tst := self.tst_change) is not None:
            minutes = round(abs(tst))
            values = {**name, "n": n, "duration": hours_and_minutes(minutes)}
            if minutes == 0:
                sentence = (
                    gettext(
                        "You slept about as long on average as the week before, "
                        "on %(n)d of 7 nights logged."
                    )
                    if own
                    else gettext(
                        "%(name)s slept about as long on average as the week before, "
                        "on %(n)d of 7 nights logged."
                    )
                )
            elif tst > 0:
                sentence = (
                    gettext(
                        "You slept %(duration)s longer on average than the week before, "
                        "on %(n)d of 7 nights logged."
                    )
                    if own
                    else gettext(
                        "%(name)s slept %(duration)s longer on average than the week before, "
                        "on %(n)d of 7 nights logged."
                    )
                )
            else:
                sentence = (
                    gettext(
                        "You slept %(duration)s less on average than the week before, "
                        "on %(n)d of 7 nights logged."
                    )
                    if own
                    else gettext(
                        "%(name)s slept %(duration)s less on average than the week before, "
                        "on %(n)d of 7 nights logged."
                    )
                )
            sentences.append(sentence % values)
        else:
            sentences.append(gettext("This week has %(n)d of 7 nights logged.") % {"n": n})
        if (se := self.se_change) is not None:
            points = round(abs(se))
            if points == 0:
                sentences.append(gettext("Sleep efficiency was about the same as the week before."))
            elif se > 0:
                sentences.append(
                    ngettext(
                        "Sleep efficiency was %(points)d point higher than the week before.",
                        "Sleep efficiency was %(points)d points higher than the week before.",
                        points,
                    )
                    % {"points": points}
                )
            else:
                sentences.append(
                    ngettext(
                        "Sleep efficiency was %(points)d point lower than the week before.",
                        "Sleep efficiency was %(points)d points lower than the week before.",
                        points,
                    )
                    % {"points": points}
                )
        if (sol := self.sol_change) is not None:
            minutes = round(abs(sol))
            values = {**name, "duration": hours_and_minutes(minutes)}
            if minutes == 0:
                sentence = (
                    gettext("You took about as long to fall asleep on average as the week before.")
                    if own
                    else gettext(
                        "%(name)s took about as long to fall asleep on average as the week before."
                    )
                )
            elif sol < 0:
                sentence = (
                    gettext("You fell asleep %(duration)s faster on average than the week before.")
                    if own
                    else gettext(
                        "%(name)s fell asleep %(duration)s faster on average than the week before."
                    )
                )
            else:
                sentence = (
                    gettext("You fell asleep %(duration)s slower on average than the week before.")
                    if own
                    else gettext(
                        "%(name)s fell asleep %(duration)s slower on average than the week before."
                    )
                )
            sentences.append(sentence % values)
        if (quality := self.quality_change) is not None:
            steps = round(abs(quality), 1)
            values = {**name, "steps": _decimal(steps)}
            if steps == 0:
                sentence = (
                    gettext("You rated your sleep quality about the same as the week before.")
                    if own
                    else gettext(
                        "%(name)s's sleep quality was rated about the same as the week before."
                    )
                )
            elif quality > 0:
                sentence = (
                    gettext(
                        "You rated your sleep quality %(steps)s higher on average "
                        "than the week before (on a scale of 1 to 5)."
                    )
                    if own
                    else gettext(
                        "%(name)s's sleep quality was rated %(steps)s higher on average "
                        "than the week before (on a scale of 1 to 5)."
                    )
                )
            else:
                sentence = (
                    gettext(
                        "You rated your sleep quality %(steps)s lower on average "
                        "than the week before (on a scale of 1 to 5)."
                    )
                    if own
                    else gettext(
                        "%(name)s's sleep quality was rated %(steps)s lower on average "
                        "than the week before (on a scale of 1 to 5)."
                    )
                )
            sentences.append(sentence % values)
        return sentences


def _decimal(value: float) -> str:
    """0.3 as "0.3", "0,3" in German and Spanish; 1.0 as "1"."""
    return f"{value:g}".replace(".", get_format("DECIMAL_SEPARATOR"))


def week_over_week(nights: Iterable[NightRecord], today_night: date) -> Headline | None:
    """The 7 nights ending at `today_night` against the 7 before; None when a week has no nights."""
    nights = list(nights)
    this_week = _week(nights, today_night - timedelta(days=6))
    week_before = _week(nights, today_night - timedelta(days=13))
    if this_week.n == 0 or week_before.n == 0:
        return None
    return Headline(this_week=this_week, week_before=week_before)
