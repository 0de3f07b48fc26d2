"""Starter routines to copy from: plain data, so adding one is a pull request with no code."""

from dataclasses import dataclass
from datetime import time


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
            name="Sleep-hygiene basics",
            description="The classic advice in five steps, later on Friday and Saturday.",
            bedtime=time(22, 30),
            alternate_bedtime=time(23, 30),
            alternate_weekdays=(4, 5),
            steps=(
                StarterStep("Evening drink or medicine", 60, 5, "Caffeine-free; water is fine."),
                StarterStep("Screens off", 45),
                StarterStep("Read a paper book", 30, 15),
                StarterStep("Stretch", 15, 5),
                StarterStep("Breathe slowly", 5, 5, "In for 4, out for 6."),
            ),
        ),
        StarterRoutine(
            key="screen-free-hour",
            name="Screen-free hour",
            description="An hour without phone or TV before bed.",
            bedtime=time(23, 0),
            steps=(
                StarterStep("Phone on the charger, outside the bedroom", 60),
                StarterStep("Dim the lights", 55),
                StarterStep("Tidy up for tomorrow", 45, 10),
                StarterStep("Shower", 30, 10),
                StarterStep("Journal: three things from today", 15, 10),
            ),
        ),
        StarterRoutine(
            key="childrens-bedtime",
            name="Children's bedtime",
            description="Bath, teeth, story, lights out: for one child or several.",
            bedtime=time(19, 30),
            alternate_bedtime=time(20, 0),
            alternate_weekdays=(4, 5),
            steps=(
                StarterStep("Bath", 45, 15),
                StarterStep("Pyjamas", 30, 5),
                StarterStep("Brush teeth", 25, 3),
                StarterStep("Story", 20, 15),
                StarterStep("Cuddle and lights out", 0),
            ),
        ),
    )
}
