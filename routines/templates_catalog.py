"""Starter routines to copy from: plain data, so adding one is a pull request with no code.

Names, descriptions and steps are marked for translation: a copy is made in the language of
whoever copies it, and is theirs to change from then on.
"""

from dataclasses import dataclass
from datetime import time

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class StarterStep:
    title: str
    minutes_before: int
    duration_minutes: int | None = None
    note: str = ""


@dataclass(frozen=True)
class StarterRoutine:
    key: str
    name: str
    description: str
    bedtime: time
    steps: tuple[StarterStep, ...]
    active_weekdays: tuple[int, ...] = (0, 1, 2, 3, 4, 5, 6)
    alternate_bedtime: time | None = None
    alternate_weekdays: tuple[int, ...] = ()


CATALOG: dict[str, StarterRoutine] = {
    routine.key: routine
    for routine in (
        StarterRoutine(
            key="sleep-hygiene",
            name=_("Sleep-hygiene basics"),
            description=_("The classic advice in five steps, later on Friday and Saturday."),
            bedtime=time(22, 30),
            alternate_bedtime=time(23, 30),
            alternate_weekdays=(4, 5),
            steps=(
                StarterStep(
                    _("Evening drink or medicine"), 60, 5, _("Caffeine-free; water is fine.")
                ),
                StarterStep(_("Screens off"), 45),
                StarterStep(_("Read a paper book"), 30, 15),
                StarterStep(_("Stretch"), 15, 5),
                StarterStep(_("Breathe slowly"), 5, 5, _("In for 4, out for 6.")),
            ),
        ),
        StarterRoutine(
            key="screen-free-hour",
            name=_("Screen-free hour"),
            description=_("An hour without phone or TV before bed."),
            bedtime=time(23, 0),
            steps=(
                StarterStep(_("Phone on the charger, outside the bedroom"), 60),
                StarterStep(_("Dim the lights"), 55),
                StarterStep(_("Tidy up for tomorrow"), 45, 10),
                StarterStep(_("Shower"), 30, 10),
                StarterStep(_("Journal: three things from today"), 15, 10),
            ),
        ),
        StarterRoutine(
            key="childrens-bedtime",
            name=_("Children's bedtime"),
            description=_("Bath, teeth, story, lights out: for one child or several."),
            bedtime=time(19, 30),
            alternate_bedtime=time(20, 0),
            alternate_weekdays=(4, 5),
            steps=(
                StarterStep(_("Bath"), 45, 15),
                StarterStep(_("Pyjamas"), 30, 5),
                StarterStep(_("Brush teeth"), 25, 3),
                StarterStep(_("Story"), 20, 15),
                StarterStep(_("Cuddle and lights out"), 0),
            ),
        ),
    )
}
