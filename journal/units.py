"""Amounts with their units as people say them: "1 glass", "2 glasses", "200 mg".

Units are typed freely; the everyday countable ones below are translated and put in the plural
form the amount asks for (ngettext: German "2 Gläser", Spanish "2 vasos"). Anything else (mg,
ml, a unit we don't know) is written as typed. The amount uses the language's decimal separator.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from django.utils import formats
from django.utils.translation import ngettext

# Each unit's words for an amount, as literal ngettext calls so makemessages finds them.
UNITS: dict[str, Callable[[int], str]] = {
    "bottle": lambda n: ngettext("bottle", "bottles", n),
    "can": lambda n: ngettext("can", "cans", n),
    "capsule": lambda n: ngettext("capsule", "capsules", n),
    "cup": lambda n: ngettext("cup", "cups", n),
    "drink": lambda n: ngettext("drink", "drinks", n),
    "glass": lambda n: ngettext("glass", "glasses", n),
    "mug": lambda n: ngettext("mug", "mugs", n),
    "piece": lambda n: ngettext("piece", "pieces", n),
    "pill": lambda n: ngettext("pill", "pills", n),
    "puff": lambda n: ngettext("puff", "puffs", n),
    "shot": lambda n: ngettext("shot", "shots", n),
    "slice": lambda n: ngettext("slice", "slices", n),
    "spoon": lambda n: ngettext("spoon", "spoons", n),
    "tablespoon": lambda n: ngettext("tablespoon", "tablespoons", n),
    "tablet": lambda n: ngettext("tablet", "tablets", n),
    "teaspoon": lambda n: ngettext("teaspoon", "teaspoons", n),
    "unit": lambda n: ngettext("unit", "units", n),
}


def plural_count(amount: Decimal) -> int:
    """The whole number a plural rule is asked about: the amount, or 2 for a fraction
    (0.5 cups, 1.5 glasses are plural wherever we ship)."""
    return int(amount) if amount == amount.to_integral_value() else 2


def amount_with_unit(amount: Decimal, unit: str) -> str:
    """ "2 glasses", "1 glass", "0.5 cups", "200 mg"; the amount without trailing zeros."""
    number = f"{amount.normalize():f}".replace(".", formats.get_format("DECIMAL_SEPARATOR"))
    word = unit.strip()
    words = UNITS.get(word.lower())
    if words is not None:
        said = words(plural_count(amount))
        word = said if word.islower() else said.capitalize() if word.istitle() else word
    return f"{number} {word}".rstrip()
