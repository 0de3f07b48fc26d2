"""The journal and insights in German and Spanish: the log form, history, a night, the calendar,
the insights page and the report say everything in the reader's language, with the sleep
diary's questions, local dates and plurals; English stays the default.

The language comes from the browser's Accept-Language (LocaleMiddleware).
"""

import re
from datetime import UTC, date, datetime, timedelta
from html import unescape

import pytest
from django.urls import reverse
from django.utils import translation

from insights import page as insights_page
from insights.trends import Headline, WeekFigures
from journal import metrics, plausibility
from journal.models import Disturbance, IntakeItem, Night

from .fixtures.journal import make_night, night_post

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)  # the morning after the night of 24 November


@pytest.fixture(autouse=True)
def frozen(freeze):
    freeze(NOW)


@pytest.fixture(autouse=True)
def _back_to_english():
    """LocaleMiddleware leaves the request's language active in the thread: later tests (and
    the checks here made outside a request) read English again."""
    yield
    translation.deactivate()


@pytest.fixture
def fortnight(alice):
    """Fourteen nights for Alice ending last night; noise on every third, caffeine on one."""
    noise = Disturbance.objects.get(household=None, name="Noise")
    caffeine = IntakeItem.objects.get(household=None, name="Caffeine")
    nights = []
    for offset in range(14):
        night = make_night(
            alice.profile,
            date(2026, 11, 24) - timedelta(days=offset),
            lights_out=f"23:{offset % 6 * 10:02d}",
            quality=offset % 5 + 1,
            rested=3,
        )
        if offset % 3 == 0:
            night.disturbances.add(noise)
        nights.append(night)
    nights[0].intakes.create(item=caffeine)
    return nights


def get(client, url, language, **params):
    response = client.get(url, params, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return text_of(response)


def text_of(response) -> str:
    """The page as a reader sees it: markup kept (labels live in attributes too), entities read."""
    return unescape(response.content.decode())


def visible_text(page: str) -> str:
    """The words between tags in the page's <main> (the shared header and navigation are
    i18n-core's), for checks that English is gone: URLs and classes are not words."""
    main = re.search(r"<main[^>]*>(.*)</main>", page, re.S)
    return re.sub(r"<[^>]*>", " ", main.group(1) if main else page)


def assert_none_in(page: str, english: list[str]) -> None:
    words = visible_text(page)
    left = [phrase for phrase in english if re.search(rf"\b{re.escape(phrase)}\b", words)]
    assert not left, f"still in English: {left}"


# --- The log form ----------------------------------------------------------------------------


LOG = reverse("journal:log")

LOG_FORM_ENGLISH = [
    "Log a night",
    "Lights out",
    "Minutes to fall asleep",
    "Times woken",
    "Final awakening",
    "Sleep quality",
    "How rested",
    "Not sure",
    "Very poor",
    "Evening",
    "Morning",
    "Anything taken",
    "Add a row",
    "Going to bed",
    "Pain",
    "Caffeine",
    "Cancel",
]


def test_the_log_form_in_german(client_for, alice):
    page = get(client_for(alice), LOG, "de")
    for phrase in [
        "Nacht erfassen",
        "Ins Bett gegangen",
        "Licht aus",
        "Minuten bis zum Einschlafen",
        "Wie oft zwischendurch aufgewacht",  # not counting the final awakening, as the CSD asks
        "Endgültig aufgewacht",
        "Schlafqualität",
        "Wie erholt",
        "Weiß nicht",
        "Sehr schlecht",
        "Gar nicht",
        "Abends",
        "Morgens",
        "Lass leer, woran du dich nicht erinnerst.",
        "Zeile hinzufügen",
        "Ich gehe ins Bett",
        "Schmerzen",  # a built-in disturbance, in the reader's language
        "Koffein",  # a built-in intake item
        "Speichern",
    ]:
        assert phrase in page, phrase
    assert_none_in(page, LOG_FORM_ENGLISH)


def test_the_log_form_in_spanish(client_for, alice):
    page = get(client_for(alice), LOG, "es")
    for phrase in [
        "Registrar una noche",
        "Hora de acostarte",
        "Luz apagada",
        "Minutos hasta dormirte",
        "Veces que te despertaste durante la noche",
        "Despertar final",
        "Calidad del sueño",
        "No sé",
        "Muy mala",
        "Deja en blanco lo que no recuerdes.",
        "Añadir una fila",
        "Me voy a la cama",
        "Dolor",
        "Cafeína",
        "Guardar",
    ]:
        assert phrase in page, phrase
    assert_none_in(page, LOG_FORM_ENGLISH)


def test_a_household_s_own_entry_is_shown_as_typed(client_for, alice):
    Disturbance.objects.create(household=alice.household, name="Pain")  # theirs, not built-in
    page = get(client_for(alice), LOG, "de")
    assert "Schmerzen" in page and re.search(r"\bPain\b", visible_text(page))


def test_form_errors_are_german_with_plurals(client_for, alice):
    post = night_post(alice.profile, sol_minutes="451", waso_minutes="0")
    response = client_for(alice).post(LOG, post, HTTP_ACCEPT_LANGUAGE="de")
    page = text_of(response)
    assert (
        "Du hast 451 Minuten zum Einschlafen gebraucht, aber zwischen „Licht aus“ und deinem "
        "endgültigen Aufwachen liegen nur 450 Minuten." in page
    )
    assert not Night.objects.exists()


def test_a_doubt_is_asked_in_spanish(client_for, alice):
    post = night_post(alice.profile, into_bed="23:00", lights_out="23:10", out_of_bed="22:00")
    post.update(final_wake="21:50")
    response = client_for(alice).post(LOG, post, HTTP_ACCEPT_LANGUAGE="es")
    page = text_of(response)
    assert "¿Querías poner otra hora?" in page
    assert "Sí, guardarla tal cual" in page
    assert "Did you mean" not in page


def test_saving_says_so_with_a_local_date(client_for, alice):
    post = night_post(alice.profile, night_date="2026-11-02")
    response = client_for(alice).post(LOG, post, HTTP_ACCEPT_LANGUAGE="de", follow=True)
    assert "Nacht vom 2. November (Alice) gespeichert." in text_of(response)
    post = night_post(alice.profile, night_date="2026-11-03")
    response = client_for(alice).post(LOG, post, HTTP_ACCEPT_LANGUAGE="es", follow=True)
    assert "Se guardó la noche de Alice del 3 de noviembre." in text_of(response)


def test_going_to_bed_says_good_night_in_german(client_for, alice, freeze):
    freeze(datetime(2026, 11, 24, 22, 30, tzinfo=UTC))
    url = reverse("journal:going_to_bed", args=[alice.profile.pk])
    response = client_for(alice).post(url, HTTP_ACCEPT_LANGUAGE="de", follow=True)
    page = text_of(response)
    assert "Gute Nacht, Alice: um 22:30 ins Bett." in page
    assert "Gerade eben: Alice um 22:30 ins Bett." in page and "Rückgängig" in page


# --- History, a night, the calendar -----------------------------------------------------------


def test_history_in_german_and_spanish(client_for, alice, fortnight):
    client = client_for(alice)
    page = get(client, reverse("journal:history"), "de")
    for phrase in ["Verlauf", "Monatskalender", "Geschlafen", "Effizienz", "Qualität"]:
        assert phrase in page, phrase
    assert "Lärm" in page and "Koffein" in page  # the built-in entries of the nights
    assert "Letzte 7 Nächte" in page  # the weekly line
    english = ["History", "Month calendar", "Asleep", "Efficiency", "Quality", "Noise"]
    assert_none_in(page, [*english, "Last 7 nights", "Lights out"])
    page = get(client, reverse("journal:history"), "es")
    for phrase in ["Historial", "Calendario del mes", "Sueño", "Eficiencia", "Ruido"]:
        assert phrase in page, phrase
    assert_none_in(page, english)


def test_a_night_in_german_and_spanish(client_for, alice, fortnight):
    night = fortnight[0]
    url = reverse("journal:night", args=[night.pk])
    client = client_for(alice)
    page = get(client, url, "de")
    for phrase in [
        "Tagebuch",
        "Ins Bett gegangen",
        "Minuten wach in der Nacht",
        "Stress vor dem Schlafengehen",
        "Uhrzeiten in Europe/London.",
        "Diese Nacht löschen",
        "Alle Nächte",
    ]:
        assert phrase in page, phrase
    assert "Sehr schlecht" in page  # the quality choice, translated
    with translation.override("en"):
        assert night.get_quality_display() == "Very poor"  # the same choice, in English
    english = ["Diary", "Into bed", "Minutes awake", "Delete this night", "All nights", "Notes"]
    assert_none_in(page, [*english, "Very poor", "None recorded"])
    page = get(client, url, "es")
    for phrase in ["Diario", "Hora de acostarte", "Muy mala", "Borrar esta noche", "Cafeína"]:
        assert phrase in page, phrase
    assert_none_in(page, [*english, "Very poor", "Caffeine"])


def test_the_calendar_in_german_and_spanish(client_for, alice, fortnight):
    url = reverse("journal:calendar")
    client = client_for(alice)
    page = get(client, url, "de")
    assert "Unter 75 %" in page and "90 % und mehr" in page and "Zu wenig erfasst" in page
    assert "Schlafeffizienz" in page and "Schlafqualität" in page  # colour by
    assert "November 2026" in page
    assert "Nacht vom 10. Nov erfassen" in page  # an empty day's link, a local date
    assert re.search(r">Mo</th>", page) and re.search(r">So</th>", page)
    english = ["Below 75", "and over", "Not enough recorded", "Sleep efficiency", "Log the night"]
    assert_none_in(page, [*english, "Mon", "Sun"])
    page = get(client, url, "es")
    assert "noviembre de 2026" in page
    assert "Menos del 75 %" in page and "Registrar la noche del 10 nov" in page
    assert re.search(r">lun</th>", page)
    assert_none_in(page, [*english, "November", "Mon"])
    page = get(client, url, "de", colour="quality")
    assert "Sehr schlecht / schlecht" in page and "Mittel<" in page and "Sehr gut" in page


# --- Insights ---------------------------------------------------------------------------------


INSIGHTS = reverse("insights:insights")

INSIGHTS_ENGLISH = [
    "This week",
    "Summary",
    "nights logged",
    "Sleep log",
    "Trends",
    "Total sleep",
    "Regularity",
    "Weekdays",
    "Routines and sleep",
    "Sleep-window worksheet",
    "night by night",
    "as a table",
    "You slept",
    "Sleep efficiency was",
    "not logged",
    "by weekday",
    "Mean",
    "Pick dates",
    "Noise",
]


def test_the_insights_page_in_german(client_for, alice, fortnight):
    page = get(client_for(alice), INSIGHTS, "de", range="14")
    for phrase in [
        "Auswertungen · Alice",
        "Diese Woche",
        "14 von 14 Nächten erfasst.",
        "Schlafprotokoll",
        "Gesamtschlaf, Nacht für Nacht",
        "Schlafeffizienz, Nacht für Nacht",
        "Mittlerer Gesamtschlaf nach Wochentag",
        "als Tabelle",
        "Schlaf-Regelmäßigkeitsindex",
        "Störungen, Einnahmen und Schlaf",
        "Arbeitsblatt Schlaffenster",
        "Lärm",
        "Störung",
        "5 Nächte mit, 9 ohne",
        "14 Nächte",  # the range picker's presets, pluralised
        "7 Nächte",
    ]:
        assert phrase in page, phrase
    assert "Du hast" in page or "Die Schlafeffizienz war" in page  # the headline's sentences
    assert_none_in(page, INSIGHTS_ENGLISH)


def test_the_insights_page_in_spanish(client_for, alice, fortnight):
    page = get(client_for(alice), INSIGHTS, "es", range="14")
    for phrase in [
        "Análisis · Alice",
        "Esta semana",
        "14 de 14 noches registradas.",
        "Registro de sueño",
        "Sueño total, noche a noche",
        "Índice de regularidad del sueño",
        "Ruido",
        "5 noches con, 9 sin",
    ]:
        assert phrase in page, phrase
    assert_none_in(page, INSIGHTS_ENGLISH)


def test_the_report_in_german(client_for, alice, fortnight):
    page = get(client_for(alice), reverse("insights:report"), "de", range="14")
    for phrase in [
        "Schlaftagebuch-Bericht: Alice",
        "14 von 14 Nächten erfasst",
        "Uhrzeiten in Europe/London",
        "Drucken oder als PDF speichern",
        "Nacht für Nacht",
        "Einschlafen",
        "Koffein",
    ]:
        assert phrase in page, phrase
    english = ["Sleep diary report", "Print or save", "Night by night", "Into bed", "Caffeine"]
    assert_none_in(page, english)


def test_the_headline_speaks_to_you_or_about_a_name():
    first, before = date(2026, 11, 18), date(2026, 11, 11)
    this_week = WeekFigures(first, first + timedelta(days=6), 6, 445.0, 88.0, 15.0, 4.0)
    week_before = WeekFigures(before, before + timedelta(days=6), 7, 420.0, 87.0, 20.0, 3.5)
    headline = Headline(this_week=this_week, week_before=week_before)
    with translation.override("de"):
        assert headline.sentences() == [
            "Du hast im Schnitt 25 min länger geschlafen als in der Woche davor "
            "(6 von 7 Nächten erfasst).",
            "Die Schlafeffizienz war 1 Prozentpunkt höher als in der Woche davor.",
            "Du bist im Schnitt 5 min schneller eingeschlafen als in der Woche davor.",
            "Du hast deine Schlafqualität im Schnitt um 0,5 höher bewertet als in der Woche "
            "davor (auf einer Skala von 1 bis 5).",
        ]
        assert headline.sentences("Sam")[0].startswith("Sam hat im Schnitt 25 min länger")
    with translation.override("es"):
        assert headline.sentences("Sam")[1] == (
            "La eficiencia del sueño fue 1 punto más alta que la semana anterior."
        )


# --- Pure modules speak the active language ----------------------------------------------------


def test_diary_rules_and_doubts_follow_the_active_language():
    from zoneinfo import ZoneInfo

    zone = ZoneInfo("Europe/Berlin")
    lights_out = datetime(2026, 11, 2, 22, 0, tzinfo=UTC)
    times = metrics.NightTimes(
        into_bed=lights_out,
        lights_out=lights_out,
        sol_minutes=1,
        waso_minutes=None,
        final_wake=lights_out + timedelta(minutes=1),
        out_of_bed=None,
    )
    assert metrics.check_night(times, zone=zone) == {}
    times = metrics.NightTimes(**{**times.__dict__, "sol_minutes": 2})
    with translation.override("de"):
        assert metrics.check_night(times, zone=zone)["sol_minutes"] == (
            "Du hast 2 Minuten zum Einschlafen gebraucht, aber zwischen „Licht aus“ und "
            "deinem endgültigen Aufwachen liegt nur 1 Minute."
        )
    with translation.override("es"):
        assert plausibility.date_problem(date(1969, 12, 31), today=date(2026, 1, 1)) == (
            "No se pueden registrar noches anteriores a 1970: revisa el año."
        )
    with translation.override("en"):
        assert (
            "there is only 1 minute between" in metrics.check_night(times, zone=zone)["sol_minutes"]
        )


def test_charts_are_built_in_the_active_language(alice, fortnight):
    from insights import selectors

    profile = alice.profile
    records = selectors.night_records(
        nights=list(
            selectors.nights_in_range(
                user=alice, profile=profile, start=date(2026, 11, 11), end=date(2026, 11, 24)
            )
        ),
        profile=profile,
        routine_shares={},
    )
    with translation.override("es"):
        charts = insights_page.charts(
            records,
            routine_shares={},
            start=date(2026, 11, 11),
            end=date(2026, 11, 24),
            zone_name=profile.time_zone,
        )
    assert charts.sleep_log.title == "Registro de sueño, 14 noches"
    assert charts.sleep_log.rows[-1].label.text == "mar 24"  # Tuesday 24 November
    assert charts.tst_trend.chart_id == "trend-total-sleep"  # ids stay the same in every language
    assert charts.se_trend.table.rows[-1][1] == "83,5 %"  # worked example 1, a decimal comma
    assert charts.weekdays.bars[0].day.text == "lun"
    assert charts.adherence.empty == "" and charts.adherence.weekday_labels[0].text == "lun"
    # Spanish writes short months in lower case (German capitalises them: "11. Nov").
    assert charts.adherence.cells[0].outline.title == "mié 11 nov: sin rutina"


def test_a_legend_too_long_for_one_line_wraps():
    from insights.charts import LogInput, adherence_heatmap, sleep_log
    from insights.charts.parts import LEGEND_RIGHT

    def ends(chart):
        return [item.label.x + 5.8 * len(item.label.text) for item in chart.legend]

    # The night the clocks went back (25 hours): its legend names the clock change.
    night = LogInput.from_times(label="So 25", night=date(2026, 10, 24), zone="Europe/Berlin")
    english = sleep_log([night])
    with translation.override("de"):
        german = sleep_log([night])
    assert max(ends(german)) <= LEGEND_RIGHT and max(ends(english)) <= LEGEND_RIGHT
    assert {item.label.y for item in english.legend} == {english.legend[0].label.y}
    assert german.legend[-1].label.text == "* Zeitumstellung"
    assert german.legend[-1].label.y == german.legend[0].label.y + 16
    assert german.height == english.height + 16
    days = [(date(2026, 11, 1) + timedelta(days=k), 0.5) for k in range(14)]
    with translation.override("de"):
        heatmap = adherence_heatmap(days)
    assert max(ends(heatmap)) <= LEGEND_RIGHT
    assert heatmap.height == adherence_heatmap(days).height + 16
