"""config.l10n.Writer: each language's dates, durations and numbers, looked up once, must write
exactly what Django's own formatting writes."""

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from django.test import override_settings
from django.utils import formats, translation

from config import l10n

LANGUAGES = ["en", "de", "es"]
FIRST = date(2024, 1, 1)
DATES = [date(1, 1, 1), date(999, 3, 4), *(FIRST + timedelta(days=n) for n in range(400))]
FORMATS = [
    "NIGHT_DATE_FORMAT",
    "NIGHT_DATE_YEAR_FORMAT",
    "DATE_FORMAT",
    "SHORT_DATE_FORMAT",
    "YEAR_MONTH_FORMAT",
    "MONTH_DAY_FORMAT",
    "j M",
    "D j",
    "l, j \\d\\e F Y",  # escaped letters are text
    "E N b y m n d {Y}",  # braces are text too
]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", FORMATS)
def test_dates_read_as_djangos_date_format(language, name):
    with translation.override(language):
        writer = l10n.writer()
        assert [writer.date(day, name) for day in DATES] == [
            formats.date_format(day, name) for day in DATES
        ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_format_it_does_not_write_itself_is_djangos(language):
    with translation.override(language):
        writer = l10n.writer()
        moment = datetime(2026, 1, 15, 21, 30)
        assert writer.date(date(2026, 1, 15), "jS F") == formats.date_format(
            date(2026, 1, 15), "jS F"
        )
        assert writer.date(moment, "j M, H:i") == formats.date_format(moment, "j M, H:i")
        with pytest.raises(TypeError):  # a time format on a date, as Django refuses it
            writer.date(date(2026, 1, 15), "H:i")


def test_each_language_has_its_own_writer():
    with translation.override("de"):
        german = l10n.writer().night_date(date(2026, 1, 15), today=date(2026, 3, 1))
    with translation.override("es"):
        spanish = l10n.writer().night_date(date(2025, 12, 31), today=date(2026, 3, 1))
    assert (german, spanish) == ("Do, 15. Jan", "mié 31 dic 2025")


@pytest.mark.parametrize("language", LANGUAGES)
def test_numbers_read_as_djangos_number_format(language):
    values = [83.5, 83.45, 0.0, 100.0, 99.99, 1e-7, 12345.678, -3.25, Decimal("0.005"), 7]
    with translation.override(language):
        for places in (0, 1, 2):
            assert [l10n.decimal(value, places) for value in values] == [
                formats.number_format(value, places) for value in values
            ]


@pytest.mark.parametrize(
    ("language", "shown"),
    [
        ("en", ["6 h 45 min", "45 min", "8 h", "−1 h 5 min", "0 min"]),
        ("de", ["6 Std. 45 Min.", "45 Min.", "8 Std.", "−1 Std. 5 Min.", "0 Min."]),
    ],
)
def test_durations(language, shown):
    with translation.override(language):
        assert [l10n.duration_words(m) for m in (405, 45, 480, -65, 0.4)] == shown


def test_a_change_of_settings_makes_new_writers():
    """Tests that change the formats' settings must not read a writer made before."""
    with translation.override("en"):
        before = l10n.writer()
        assert l10n.writer() is before
        with override_settings(FORMAT_MODULE_PATH=None):
            assert l10n.writer() is not before
