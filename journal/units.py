"""Amounts with their units as people say them: "1 glass", "2 glasses", "200 mg".

Units are typed freely; the everyday countable ones below are put in the plural when the amount
is not one. Anything else (mg, ml, a unit we don't know) is written as typed.
"""

from __future__ import annotations

from decimal import Decimal

PLURALS = {
    "bottle": "bottles",
    "can": "cans",
    "capsule": "capsules",
    "cup": "cups",
    "drink": "drinks",
    "glass": "glasses",
    "mug": "mugs",
    "piece": "pieces",
    "pill": "pills",
    "puff": "puffs",
    "shot": "shots",
    "slice": "slices",
    "spoon": "spoons",
    "tablespoon": "tablespoons",
    "tablet": "tablets",
    "teaspoon": "teaspoons",
    "unit": "units",
}


def amount_with_unit(amount: Decimal, unit: str) -> str:
    """ "2 glasses", "1 glass", "0.5 cups", "200 mg"; the amount without trailing zeros."""
    number = f"{amount.normalize():f}"
    word = unit.strip()
    if amount != 1 and word.lower() in PLURALS:
        plural = PLURALS[word.lower()]
        word = plural if word.islower() else plural.capitalize() if word.istitle() else word
    return f"{number} {word}".rstrip()
