"""Nightstand's date formats per language, over Django's own (settings.FORMAT_MODULE_PATH).

Besides Django's format names, each language names how a night's date is written on every page
(`NIGHT_DATE_FORMAT`, and `NIGHT_DATE_YEAR_FORMAT` when it is not this year), read by the
`day` filter (journal/templatetags/journal_tags.py) through django.utils.formats.get_format.
"""
