"""Routines, import and export, calendar links and access tokens in German and in Spanish.

The browser's Accept-Language picks the language (LocaleMiddleware); English stays the default.
Each page is checked for words of its translation and for the absence of its English wording.
"""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from exchange.models import ImportBatch
from reminders import services as feed_services

from .fixtures.exchange import NIGHTSTAND_CSV, upload_batch
from .fixtures.routines import make_routine


def _compiled_catalogues_are_stale() -> bool:
    for folder in settings.LOCALE_PATHS:
        for source in Path(folder).glob("*/LC_MESSAGES/django.po"):
            compiled = source.with_suffix(".mo")
            if not compiled.exists() or compiled.stat().st_mtime < source.stat().st_mtime:
                return True
    return False


@pytest.fixture(autouse=True)
def catalogues(settings):
    """The message files compiled (as `make install` does), and Django's cache of them reset."""
    if _compiled_catalogues_are_stale():
        call_command("compilemessages", verbosity=0, ignore_patterns=[".venv"])
    settings.LOCALE_PATHS = list(settings.LOCALE_PATHS)  # resets the loaded translations


GERMAN = {"HTTP_ACCEPT_LANGUAGE": "de"}
SPANISH = {"HTTP_ACCEPT_LANGUAGE": "es"}
LANGUAGES = pytest.mark.parametrize("language", ["de", "es"])


def get(client, url: str, language: str):
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def assert_translated(page: str, *, present: list[str], absent: list[str]) -> None:
    for text in present:
        assert text in page, f"missing: {text!r}"
    for text in absent:
        assert text not in page, f"still in English: {text!r}"


# --- routines ---------------------------------------------------------------------------------

LIST_WORDS = {
    "de": ["Neue Routine", "Aus einer Vorlage", "Ins Bett um 22:30", "3 Schritte"],
    "es": ["Nueva rutina", "Desde una plantilla", "A la cama a las 22:30", "3 pasos"],
}
LIST_ENGLISH = ["New routine", "From a template", "Bed at", "3 steps", "Every evening"]


@LANGUAGES
def test_the_routines_list(client_for, alice, language):
    make_routine([alice.profile])
    page = get(client_for(alice), reverse("routines:list"), language)
    assert_translated(page, present=LIST_WORDS[language], absent=LIST_ENGLISH)


@pytest.mark.parametrize(
    ("language", "one", "many"), [("de", "1 Schritt", "2 Schritte"), ("es", "1 paso", "2 pasos")]
)
def test_the_number_of_steps_takes_its_plural(client_for, alice, language, one, many):
    make_routine([alice.profile], name="Short", steps=(("Read", 30),))
    make_routine([alice.profile], name="Longer", steps=(("Read", 30), ("Breathe", 5)))
    page = get(client_for(alice), reverse("routines:list"), language)
    assert f"· {one}</p>" in page and f"· {many}</p>" in page


DETAIL_WORDS = {
    "de": [
        "Schritte",
        "45 Min. vor dem Schlafengehen",
        "Routine bearbeiten",
        "Einen Schritt hinzufügen",
        "Schritt hinzufügen",
        "Minuten vor der Schlafenszeit",  # the step form's labels
        "Titel",
        "Wie es läuft",
        "Jeden Abend",
    ],
    "es": [
        "Pasos",
        "45 min antes de dormir",
        "Editar la rutina",
        "Añadir un paso",
        "Añadir paso",
        "Minutos antes de la hora de dormir",
        "Título",
        "Cómo va",
        "Todas las noches",
    ],
}
DETAIL_ENGLISH = [
    "min before bed",
    "Edit routine",
    "Delete the routine",
    "Add a step",
    "Minutes before bedtime",
    "0 means at bedtime.",
    "How it&#x27;s going",
    "Every evening",
]


@LANGUAGES
def test_a_routines_page_with_its_step_form(client_for, alice, language):
    routine = make_routine([alice.profile])
    url = reverse("routines:detail", kwargs={"routine_id": routine.pk})
    page = get(client_for(alice), url, language)
    assert_translated(page, present=DETAIL_WORDS[language], absent=DETAIL_ENGLISH)


STEP_FORM_WORDS = {
    "de": ["„Screens off“ bearbeiten", "Schritt speichern", "Abbrechen", "Dauer (Minuten)"],
    "es": ["Editar «Screens off»", "Guardar el paso", "Cancelar", "Duración (minutos)"],
}
STEP_FORM_ENGLISH = ["Edit “Screens off”", "Save step", ">Cancel<", "Takes (minutes)"]


@LANGUAGES
def test_the_step_form(client_for, alice, language):
    routine = make_routine([alice.profile])
    step = routine.steps.get(title="Screens off")
    url = reverse("routines:step_edit", kwargs={"step_id": step.pk})
    page = get(client_for(alice), url, language)
    assert_translated(page, present=STEP_FORM_WORDS[language], absent=STEP_FORM_ENGLISH)


@pytest.mark.parametrize(
    ("language", "required"),
    [("de", "Dieses Feld ist zwingend erforderlich."), ("es", "Este campo es obligatorio.")],
)
def test_a_refused_step_says_why_in_the_same_language(client_for, alice, language, required):
    routine = make_routine([alice.profile])
    url = reverse("routines:step_add", kwargs={"routine_id": routine.pk})
    response = client_for(alice).post(
        url, {"title": "", "minutes_before": "10"}, HTTP_ACCEPT_LANGUAGE=language
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert required in page and "This field is required." not in page
    assert routine.steps.count() == 3


def test_english_stays_the_default(client_for, alice):
    routine = make_routine([alice.profile])
    page = client_for(alice).get(reverse("routines:detail", kwargs={"routine_id": routine.pk}))
    assert "Add a step" in page.content.decode()


# --- import and export ------------------------------------------------------------------------

IMPORT_WORDS = {
    "de": ["Nächte importieren", "Vorschau des Imports", "Erkenne es für mich", "Datei"],
    "es": ["Importar noches", "Previsualizar la importación", "Reconócelo por mí", "Archivo"],
}
IMPORT_ENGLISH = [
    "Import nights",
    "Preview the import",
    "Recognise it for me",
    "Files Nightstand reads",
    "Time zone of the file",
    "Nightstand (CSV of nights)",
]


@LANGUAGES
def test_the_import_page(client_for, alice, language):
    page = get(client_for(alice), reverse("imports:upload"), language)
    assert_translated(page, present=IMPORT_WORDS[language], absent=IMPORT_ENGLISH)


PREVIEW_WORDS = {
    "de": [
        "Wird angelegt",
        "Alice · Nacht vom 2026-11-02",
        "Wird abgelehnt",
        "1 Zeile wird nicht importiert; der Rest der Datei schon.",
        "Zeile 3: Schlafqualität 9 liegt nicht zwischen 1 und 5.",
        "1 Nacht",
    ],
    "es": [
        "Se creará",
        "Alice · noche del 2026-11-02",
        "Se rechazará",
        "1 fila no se importará; el resto del archivo sí.",
        "Línea 3: Calidad del sueño 9 no está entre 1 y 5.",
        "1 noche",
    ],
}
PREVIEW_ENGLISH = [
    "Will be created",
    "night of 2026-11-02",
    "will not be imported",
    "is not between 1 and 5",
    "Import 1 night",
]


@LANGUAGES
def test_the_import_preview_and_its_reasons(client_for, alice, language):
    bad_row = (
        NIGHTSTAND_CSV.splitlines()[1]
        .replace("2026-11-02,", "2026-11-03,", 1)
        .replace(",4,3,2,15,", ",9,3,2,15,")
    )
    batch = upload_batch(alice, NIGHTSTAND_CSV + bad_row + "\n")
    page = get(client_for(alice), reverse("imports:preview", args=[batch.pk]), language)
    assert_translated(page, present=PREVIEW_WORDS[language], absent=PREVIEW_ENGLISH)


NOT_TEXT = {
    "de": "Das ist keine Textdatei (sie enthält NUL-Bytes)",
    "es": "Esto no es un archivo de texto (contiene bytes NUL)",
}


@LANGUAGES
def test_a_refused_upload_says_why_in_the_same_language(client_for, alice, language):
    photo = SimpleUploadedFile("photo.csv", b"\x89PNG\x00\x00\x00", content_type="text/csv")
    response = client_for(alice).post(
        reverse("imports:upload"), {"file": photo, "format": ""}, HTTP_ACCEPT_LANGUAGE=language
    )
    page = response.content.decode()
    assert NOT_TEXT[language] in page and "This is not a text file" not in page
    assert not ImportBatch.objects.exists()


EXPORT_WORDS = {
    "de": ["Deine Daten exportieren", "Der ganze Haushalt", "Eine Person", "Zurück zum Haushalt"],
    "es": ["Exporta tus datos", "Todo el hogar", "Una persona", "Volver al hogar"],
}
EXPORT_ENGLISH = [
    "Export your data",
    "The whole household",
    "One person",
    "Back to the household",
    "CSV of nights for",
    "Import nights from a file",
]


@LANGUAGES
def test_the_export_page(client_for, alice, language):
    page = get(client_for(alice), reverse("exchange:export"), language)
    assert_translated(page, present=EXPORT_WORDS[language], absent=EXPORT_ENGLISH)


def test_the_export_files_keep_their_documented_column_names(client_for, alice):
    response = client_for(alice).get(reverse("exchange:household_csv"), **GERMAN)
    header = b"".join(response.streaming_content).decode().splitlines()[0]
    assert header.startswith("profile,time_zone,date,into_bed,lights_out,")


# --- access tokens and calendar links ---------------------------------------------------------

TOKEN_WORDS = {
    "de": [
        "Zugangs-Tokens",
        "Neuer Token",
        "Token erstellen",
        "Deine Tokens",
        "Noch keine Tokens.",
    ],
    "es": ["Tokens de acceso", "Nuevo token", "Crear un token", "Tus tokens", "Aún no hay tokens."],
}
TOKEN_ENGLISH = ["Access tokens", "Make a token", "Your tokens", "No tokens yet.", "What uses it"]


@LANGUAGES
def test_the_access_tokens_page(client_for, alice, language):
    page = get(client_for(alice), reverse("tokens:list"), language)
    assert_translated(page, present=TOKEN_WORDS[language], absent=TOKEN_ENGLISH)


def test_a_new_token_and_its_list_in_german(client_for, alice):
    client = client_for(alice)
    response = client.post(reverse("tokens:create"), {"name": "Kurzbefehl"}, follow=True, **GERMAN)
    page = response.content.decode()
    assert "Dein neuer Token „Kurzbefehl“" in page
    assert "Kopiere ihn jetzt: Er wird nur dieses eine Mal angezeigt." in page
    assert "nie benutzt" in page and "never used" not in page


def test_the_api_answers_its_errors_in_the_callers_language(client_for, alice):
    url = f"/api/profiles/{alice.profile.pk}/nights"
    response = client_for(alice).get(url, {"start": "2026-02-01", "end": "2026-01-01"}, **SPANISH)
    assert response.status_code == 422
    assert response.json() == {"detail": "end es anterior a start."}


@LANGUAGES
def test_the_calendar_card_on_the_profile_page(client_for, alice, language):
    page = get(
        client_for(alice),
        reverse("households:profile_edit", args=[alice.profile.pk]),
        language,
    )
    words = {
        "de": ["Kalender-Erinnerungen", "Kalender-Link erstellen"],
        "es": ["Recordatorios en el calendario", "Crear un enlace de calendario"],
    }
    assert_translated(
        page, present=words[language], absent=["Calendar reminders", "Make a calendar link"]
    )


def test_the_calendar_feed_speaks_its_owners_language_whoever_fetches_it(client, alice):
    """A calendar app's Accept-Language says nothing about the person; the feed's bytes (and so
    its ETag) depend on the owner's setting only."""
    make_routine([alice.profile])
    _feed, secret = feed_services.issue_secret(owner=alice, profile=alice.profile)
    url = reverse("reminders:feed", args=[secret])
    english = client.get(url, **GERMAN).content
    assert b"Wind down: Wind down" in english and b"Zur Ruhe kommen" not in english
    assert client.get(url).content == english

    alice.language = "de"
    alice.save(update_fields=["language"])
    german = client.get(url).content
    assert b"Zur Ruhe kommen" in german and b"Wind down: Wind down" not in german
    assert client.get(url, HTTP_ACCEPT_LANGUAGE="es").content == german


# --- the other routines pages -----------------------------------------------------------------


@pytest.fixture
def pages(alice):
    """The URL of each remaining routines page, with a ticked checklist for its history."""
    from datetime import UTC, date, datetime

    from routines.models import Checklist, ChecklistItem

    routine = make_routine([alice.profile])
    step = routine.steps.get(title="Read")
    checklist = Checklist.objects.create(
        profile=alice.profile,
        routine=routine,
        night=date(2026, 1, 5),
        routine_name=routine.name,
        bedtime_at=datetime(2026, 1, 5, 22, 30, tzinfo=UTC),
    )
    for other in routine.steps.all():
        ChecklistItem.objects.create(
            checklist=checklist,
            step=other,
            title=other.title,
            minutes_before=other.minutes_before,
            status="done" if other == step else "pending",
        )
    return {
        "starters": reverse("routines:starters"),
        "new": reverse("routines:create"),
        "edit": reverse("routines:edit", kwargs={"routine_id": routine.pk}),
        "delete": reverse("routines:delete", kwargs={"routine_id": routine.pk}),
        "step_delete": reverse("routines:step_delete", kwargs={"step_id": step.pk}),
        "checklist": reverse("routines:checklist", kwargs={"checklist_id": checklist.pk}),
    }


PAGE_WORDS = {
    ("starters", "de"): [
        "Mit einer Vorlage beginnen",
        "Grundlagen der Schlafhygiene",
        "Wer ihr folgt",
    ],
    ("starters", "es"): ["Empieza con una plantilla", "Higiene del sueño básica", "Quién la sigue"],
    ("new", "de"): ["Neue Routine", "Schlafenszeit", "Abende, an denen sie läuft", "Speichern"],
    ("new", "es"): ["Nueva rutina", "Hora de dormir", "Noches en que se hace", "Guardar"],
    ("edit", "de"): ["Wind down bearbeiten", "Andere Schlafenszeit", "Aktiv"],
    ("edit", "es"): ["Editar Wind down", "Otra hora de dormir", "Activa"],
    ("delete", "de"): ["Wind down löschen?", "Behalten"],
    ("delete", "es"): ["¿Eliminar Wind down?", "Conservar"],
    ("step_delete", "de"): [
        "„Read“ löschen?",
        "Der Schritt verlässt Wind down.",
        "Schritt löschen",
    ],
    ("step_delete", "es"): ["¿Eliminar «Read»?", "El paso sale de Wind down.", "Eliminar el paso"],
    ("checklist", "de"): ["1 von 3 erledigt", "Zurück zur Routine", "Erledigt", "Nicht erledigt"],
    ("checklist", "es"): ["1 de 3 hechos", "Volver a la rutina", "Hecho", "Sin hacer"],
}
PAGE_ENGLISH = {
    "starters": ["Copy one, then change", "Sleep-hygiene basics", "Who follows it", "min before:"],
    "new": ["New routine", "Evenings it runs", "The target time to be in bed."],
    "edit": ["Edit Wind down", "Alternate bedtime", "Evenings with the alternate bedtime"],
    "delete": ["Delete Wind down?", "The routine and its steps go.", ">Keep<"],
    "step_delete": ["Delete “Read”?", "The step leaves", "Delete the step"],
    "checklist": ["of 3 done", "Back to the routine", "night of", "Not done"],
}


@pytest.mark.parametrize("page", list(PAGE_ENGLISH))
@LANGUAGES
def test_the_other_routines_pages(client_for, alice, pages, page, language):
    html = get(client_for(alice), pages[page], language)
    assert_translated(html, present=PAGE_WORDS[page, language], absent=PAGE_ENGLISH[page])


IMPORTED = {
    "de": [
        "Importiert",
        "1 Eintrag angelegt, 0 übersprungen, 0 abgelehnt (nicht importiert).",
        "1 von 1 gespeichert.",
    ],
    "es": [
        "Importado",
        "1 registro creado, 0 omitidos, 0 rechazados (no importados).",
        "Guardados 1 de 1.",
    ],
}


@LANGUAGES
def test_the_streamed_import_reports_in_the_requests_language(client_for, alice, language):
    from django.utils import translation

    batch = upload_batch(alice)
    response = client_for(alice).post(
        reverse("imports:confirm", args=[batch.pk]), HTTP_ACCEPT_LANGUAGE=language
    )
    translation.activate("en")  # whatever the thread speaks when the server reads the stream
    page = b"".join(response.streaming_content).decode()
    assert_translated(
        page,
        present=IMPORTED[language],
        absent=["record created", "Saved 1 of 1.", "Import another file"],
    )
