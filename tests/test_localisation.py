"""Pages and emails in German and Spanish: translated words, local dates and numbers, the week's
first day, plural units.

English keeps Nightstand's own conventions (config/formats/en): day before month and weeks from
Monday, for every English reader; German and Spanish follow Django's locale formats (Monday
first too). A language whose week starts on Sunday (Brazilian Portuguese, say) would get
Sunday-first weeks from the same code.
"""

import re
from datetime import UTC, date, datetime, time
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import translation

from config import l10n
from households.clock_format import TWELVE_HOUR, format_time
from journal.models import Intake, IntakeItem
from journal.templatetags.journal_tags import count, day_filter, duration, percent
from journal.units import amount_with_unit

from .conftest import make_account
from .fixtures.journal import make_night

# --- The shared filters and functions ---------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "this_year", "last_year"),
    [
        ("en", "Thu 15 Jan", "Wed 31 Dec 2025"),
        ("de", "Do, 15. Jan", "Mi, 31. Dez 2025"),
        ("es", "jue 15 ene", "mié 31 dic 2025"),
    ],
)
def test_a_nights_date_in_each_language(freeze, language, this_year, last_year):
    freeze(datetime(2026, 3, 1, 12, 0, tzinfo=UTC))
    with translation.override(language):
        assert day_filter(date(2026, 1, 15)) == this_year
        assert day_filter(date(2025, 12, 31)) == last_year


@pytest.mark.parametrize(
    ("language", "shown"),
    [
        ("en", ["6 h 45 min", "45 min", "8 h", "83.5 %", "1204"]),
        ("de", ["6 Std. 45 Min.", "45 Min.", "8 Std.", "83,5 %", "1204"]),
        ("es", ["6 h 45 min", "45 min", "8 h", "83,5 %", "1204"]),
    ],
)
def test_durations_and_numbers_in_each_language(language, shown):
    with translation.override(language):
        assert [duration(405), duration(45), duration(480), percent(83.5), count(1204)] == shown


@pytest.mark.parametrize(
    ("language", "amounts"),
    [
        ("en", ["1 glass", "2 glasses", "0.5 cups", "3 Tablets", "200 mg"]),
        ("de", ["1 Glas", "2 Gläser", "0,5 Tassen", "3 Tabletten", "200 mg"]),
        ("es", ["1 vaso", "2 vasos", "0,5 tazas", "3 Comprimidos", "200 mg"]),
    ],
)
def test_units_in_the_plural_each_language_asks_for(language, amounts):
    with translation.override(language):
        assert [
            amount_with_unit(Decimal("1"), "glass"),
            amount_with_unit(Decimal("2"), "glass"),
            amount_with_unit(Decimal("0.5"), "cup"),
            amount_with_unit(Decimal("3"), "Tablet"),
            amount_with_unit(Decimal("200"), "mg"),
        ] == amounts


def test_twelve_hour_clock_in_each_language():
    with translation.override("en"):
        assert format_time(time(21, 30), TWELVE_HOUR) == "9:30 pm"
    with translation.override("de"):
        assert format_time(time(21, 30), TWELVE_HOUR) == "9:30 nachm."
        assert format_time(time(21, 30)) == "21:30"
    with translation.override("es"):
        assert format_time(time(9, 5), TWELVE_HOUR) == "9:05 a. m."


@pytest.mark.parametrize(
    ("language", "first", "names"),
    [
        ("en", 0, ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]),
        ("de", 0, ["Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"]),
        ("es", 0, ["lun", "mar", "mié", "jue", "vie", "sáb", "dom"]),
        # Not shipped, but Django knows its week starts on Sunday: so would the calendar.
        ("pt-br", 6, ["Dom", "Seg", "Ter", "Qua", "Qui", "Sex", "Sab"]),
    ],
)
def test_the_weeks_first_day_comes_from_the_language(language, first, names):
    with translation.override(language):
        assert l10n.first_weekday() == first
        assert [l10n.weekday_name(day, short=True) for day in l10n.week_order()] == names


# --- Pages ------------------------------------------------------------------------------------


@pytest.fixture
def reader(db, freeze):
    freeze(datetime(2026, 11, 20, 18, 0, tzinfo=UTC))
    user = make_account("lea@example.com", "Lea", time_zone="Europe/Madrid")
    make_night(user.profile, date(2026, 11, 19))
    return user


def _as(client_for, user, language):
    user.language = language
    user.save(update_fields=["language"])
    return client_for(user)


CALENDAR_HEAD = re.compile(r"<thead>.*?</thead>", re.DOTALL)


@pytest.mark.parametrize(
    ("language", "weekdays", "month"),
    [
        ("en", ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"], "November 2026"),
        ("de", ["Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"], "November 2026"),
        ("es", ["lun", "mar", "mié", "jue", "vie", "sáb", "dom"], "noviembre"),
    ],
)
def test_the_calendar_week_starts_on_monday(client_for, reader, language, weekdays, month):
    page = _as(client_for, reader, language).get("/journal/history/calendar/").text
    head = CALENDAR_HEAD.search(page).group(0)
    assert re.findall(r'<th scope="col">([^<]+)</th>', head) == weekdays
    # November 2026 starts on a Sunday: Monday-first weeks begin on 26 October.
    first_cell = re.search(r'<tbody>.*?class="day-number">(\d+)<', page, re.DOTALL)
    assert first_cell.group(1) == "26"


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("de", ["Mitglieder", "Jemanden einladen", "Dein Konto", "Sprache ändern"]),
        ("es", ["Miembros", "Invitar a alguien", "Tu cuenta", "Cambiar idioma"]),
    ],
)
def test_the_household_page_in_each_language(client_for, reader, language, words):
    page = _as(client_for, reader, language).get("/household/").text
    assert f'<html lang="{language}" dir="ltr"' in page
    for word in words:
        assert word in page


@pytest.mark.parametrize(
    ("language", "expires"),
    [
        ("en", "expires 27 Nov, 18:00"),
        ("de", "läuft ab am 27. Nov, 18:00"),
        ("es", "caduca el 27 nov, 18:00"),
    ],
)
def test_an_open_invite_shows_its_expiry_in_local_format(client_for, reader, language, expires):
    client = _as(client_for, reader, language)
    client.post("/household/invites/new/", {"role": "member", "looks_after_children": "on"})
    page = client.get("/household/").text
    assert expires in page


# --- Emails -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "subject", "body"),
    [
        (
            "de",
            "Lea lädt dich zu Haushalt von Lea auf Nightstand ein",
            "Öffne diesen Link, um beizutreten (7 Tage gültig, nur einmal): http",
        ),
        (
            "es",
            "Lea te invita a Hogar de Lea en Nightstand",
            "Abre este enlace para unirte (vale 7 días, una sola vez): http",
        ),
    ],
)
def test_the_invite_email_in_the_inviters_language(client_for, db, language, subject, body):
    with translation.override(language):
        lea = make_account("lea@example.com", "Lea")
    client = _as(client_for, lea, language)
    client.post(
        "/household/invites/new/",
        {"email": "sam@example.com", "role": "member", "looks_after_children": "on"},
    )
    [message] = mail.outbox
    assert message.subject == subject
    assert body in message.body


@pytest.mark.parametrize(
    ("language", "subject", "line"),
    [
        ("de", "Setz dein Nightstand-Passwort zurück", "Wähle hier ein neues Passwort"),
        ("es", "Restablece tu contraseña de Nightstand", "Elige aquí una contraseña nueva"),
    ],
)
def test_the_password_reset_email_in_the_accounts_language(client, reader, language, subject, line):
    reader.language = language
    reader.save(update_fields=["language"])
    # Asked from an English page: the email still speaks the account's language.
    client.post("/accounts/password/reset/", {"email": "lea@example.com"})
    [message] = mail.outbox
    assert message.subject == subject
    assert line in message.body
    assert "/accounts/password/reset/" in message.body


def test_the_password_reset_email_follows_the_page_without_a_choice(client, reader):
    client.post(
        "/accounts/password/reset/", {"email": "lea@example.com"}, headers={"accept-language": "es"}
    )
    [message] = mail.outbox
    assert message.subject == "Restablece tu contraseña de Nightstand"


# --- The journal's pages: their dates, durations, clock times and units through the filters ---


@pytest.fixture
def logged_night(reader):
    night = reader.profile.nights.get()
    water = IntakeItem.objects.create(household=reader.household, name="Wasser")
    Intake.objects.create(night=night, item=water, amount=Decimal("2"), unit="glass")
    Intake.objects.create(night=night, item=water, amount=Decimal("0.5"), unit="cup")
    return night


@pytest.mark.parametrize(
    ("language", "shown"),
    [
        ("en", ["Thu 19 Nov", "6 h 45 min", "23:00", "Wasser 2 glasses", "Wasser 0.5 cups"]),
        ("de", ["Do, 19. Nov", "6 Std. 45 Min.", "23:00", "Wasser 2 Gläser", "Wasser 0,5 Tassen"]),
        ("es", ["jue 19 nov", "6 h 45 min", "23:00", "Wasser 2 vasos", "Wasser 0,5 tazas"]),
    ],
)
def test_a_night_in_each_language(client_for, logged_night, language, shown):
    page = _as(client_for, logged_night.profile.user, language).get(
        f"/journal/nights/{logged_night.pk}/"
    )
    assert page.status_code == 200
    for text in shown:
        assert text in page.text


@pytest.mark.parametrize(
    ("language", "clock", "shown"),
    [
        ("de", "12h", ["Do, 19. Nov", "11:00 nachm.", "6 Std. 45 Min."]),
        ("es", "24h", ["jue 19 nov", "23:00", "6 h 45 min"]),
    ],
)
def test_the_history_in_each_language_with_the_accounts_clock(
    client_for, logged_night, language, clock, shown
):
    user = logged_night.profile.user
    user.clock = clock
    user.save(update_fields=["clock"])
    page = _as(client_for, user, language).get("/journal/history/").text
    for text in shown:
        assert text in page
