# English as Nightstand always wrote it: day before month, 24-hour times (the account's clock
# setting may ask for 12-hour), weeks from Monday. Django's "en" is American; a reader who wants
# "9:30 pm" chooses it with the clock setting.
DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "j M, H:i"
FIRST_DAY_OF_WEEK = 1  # Monday
NIGHT_DATE_FORMAT = "D j M"  # Thu 15 Jan
NIGHT_DATE_YEAR_FORMAT = "D j M Y"  # Thu 15 Jan 2025
