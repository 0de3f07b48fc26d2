"""Amounts with their units as people say them: "1 glass", "2 glasses", "200 mg".

Units are typed freely; the everyday countable ones below are translated and put in the plural
form the amount asks for (ngettext: German "2 Gläser", Spanish "2 vasos"). Anything else (mg,
ml, a unit we don't know) is written as typed. The amount uses the language's decimal separator.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from django.utils import formats
from django.utils.translation import npgettext

# Each unit's words for an amount, as literal npgettext calls so makemessages finds them (in
# their own context: "can", "shot" or "unit" mean other things elsewhere on the pages).
UNITS: dict[str, Callable[[int], str]] = {
    "bottle": lambda n: npgettext("amount unit", "bottle", "bottles", n),
    "can": lambda n: npgettext("amount unit", "can", "cans", n),
    "capsule": lambda n: npgettext("amount unit", "capsule", "capsules", n),
    "cup": lambda n: npgettext("amount unit", "cup", "cups", n),
    "drink": lambda n: npgettext("amount unit", "drink", "drinks", n),
    "glass": lambda n: npgettext("amount unit", "glass", "glasses", n),
    "mug": lambda n: npgettext("amount unit", "mug", "mugs", n),
    "piece": lambda n: npgettext("amount unit", "piece", "pieces", n),
    "pill": lambda n: npgettext("amount unit", "pill", "pills", n),
    "puff": lambda n: npgettext("amount unit", "puff", "puffs", n),
    "shot": lambda n: npgettext("amount unit", "shot", "shots", n),
    "slice": lambda n: npgettext("amount unit", "slice", "slices", n),
    "spoon": lambda n: npgettext("amount unit", "spoon", "spoons", n),
    "tablespoon": lambda n: npgettext("amount unit", "tablespoon", "tablespoons", n),
    "tablet": lambda n: npgettext("amount unit", "tablet", "tablets", n),
    "teaspoon": lambda n: npgettext("amount unit", "teaspoon", "teaspoons", n),
    "unit": lambda n: npgettext("amount unit", "unit", "units", n),
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
