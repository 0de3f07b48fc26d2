# Month abbreviations in lower case, as Spanish writes them ("b": "ene", not "Ene").
SHORT_DATETIME_FORMAT = "j b, H:i"
NIGHT_DATE_FORMAT = "D j b"  # jue 15 ene
NIGHT_DATE_YEAR_FORMAT = "D j b Y"  # jue 15 ene 2025
