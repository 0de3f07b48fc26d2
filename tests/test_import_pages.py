"""The import pages: upload → preview (profile of each person, what will be created, skipped and
rejected) → confirm (streamed progress, all or nothing) → result. With htmx and without."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from exchange import import_forms
from exchange.importing import plan as plan_module
from exchange.models import ImportBatch
from journal.models import Intake, Night

from .conftest import add_dependant
from .fixtures.exchange import NIGHTSTAND_CSV, upload_batch
from .fixtures.journal import make_night

UPLOAD = reverse("imports:upload")
HTMX = {"HX-Request": "true"}


def csv_file(text: str = NIGHTSTAND_CSV, name: str = "nights.csv", encoding: str = "utf-8"):
    return SimpleUploadedFile(name, text.encode(encoding), content_type="text/csv")


def streamed(response) -> str:
    assert response.streaming
    return b"".join(response.streaming_content).decode()


def preview_url(batch) -> str:
    return reverse("imports:preview", args=[batch.pk])


def confirm_url(batch) -> str:
    return reverse("imports:confirm", args=[batch.pk])


def test_the_upload_page_offers_the_formats(client_for, alice):
    response = client_for(alice).get(UPLOAD)
    assert response.status_code == 200
    assert b"<html" in response.content
    assert "Nightstand (CSV of nights)" in response.content.decode()
    assert b'enctype="multipart/form-data"' in response.content


def test_the_household_and_export_pages_link_to_the_import(client_for, alice):
    client = client_for(alice)
    for page in (reverse("households:detail"), reverse("exchange:export")):
        assert UPLOAD in client.get(page).content.decode()


def test_uploading_keeps_the_file_and_shows_the_preview(client_for, alice):
    client = client_for(alice)
    response = client.post(UPLOAD, {"file": csv_file(), "format": ""})
    batch = ImportBatch.objects.get()
    assert response.status_code == 302 and response["Location"] == preview_url(batch)
    assert (batch.uploaded_by, batch.household, batch.format_key) == (
        alice,
        alice.household,
        "nightstand-csv",
    )
    assert batch.text == NIGHTSTAND_CSV and batch.profile_ids == {"Alice": alice.profile.pk}
    page = client.get(preview_url(batch)).content.decode()
    assert "Will be created" in page and "Alice · night of 2026-11-02" in page
    assert "Import 1 night" in page
    assert not Night.objects.exists()  # nothing is written before the confirmation


def test_uploading_with_htmx_redirects_the_whole_page(client_for, alice):
    response = client_for(alice).post(UPLOAD, {"file": csv_file()}, headers=HTMX)
    assert response.status_code == 200
    assert response["HX-Redirect"] == preview_url(ImportBatch.objects.get())


def test_upload_errors_come_back_as_the_form_with_htmx(client_for, alice):
    response = client_for(alice).post(
        UPLOAD, {"file": csv_file("hello,world\n1,2\n")}, headers=HTMX
    )
    page = response.content.decode()
    assert response.status_code == 200 and "<html" not in page
    assert 'id="import-upload"' in page and "does not recognise this file" in page


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "The submitted file is empty."),
        (b"hello,world\n1,2\n", "Nightstand does not recognise this file."),
        (b"profile,time_zone,date\nA\x00,UTC,2026-01-01\n", "it contains NUL bytes"),
        (b"\x89PNG\r\n\x1a\n\x7f\x01\x02\x03", "This file is not text Nightstand can read"),
        (b"PK\x03\x04\x14\x00\x06\x00", "it contains NUL bytes"),
    ],
    ids=["empty", "unknown", "nul", "binary", "xlsx"],
)
def test_files_that_cannot_be_imported_get_a_message_on_the_file(
    client_for, alice, content, message
):
    upload = SimpleUploadedFile("x.csv", content)
    response = client_for(alice).post(UPLOAD, {"file": upload})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_a_file_too_large_is_refused(client_for, alice, monkeypatch):
    monkeypatch.setattr(import_forms, "MAX_BYTES", 100)
    response = client_for(alice).post(UPLOAD, {"file": csv_file()})
    assert "Nightstand imports files up to" in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_a_chosen_format_that_does_not_fit_says_so_on_the_format(client_for, alice):
    response = client_for(alice).post(
        UPLOAD, {"file": csv_file("sid,start,stop\n"), "format": "nightstand-csv"}
    )
    page = response.content.decode()
    assert "This file cannot be read as Nightstand (CSV of nights)" in page
    assert not ImportBatch.objects.exists()


def test_a_windows_1252_file_is_read(client_for, alice):
    text = NIGHTSTAND_CSV.replace("Slept fine", "Café au lait – too late")
    client = client_for(alice)
    client.post(UPLOAD, {"file": csv_file(text, encoding="cp1252")})
    streamed(client.post(confirm_url(ImportBatch.objects.get())))
    assert Night.objects.get().notes == "Café au lait – too late"


def test_confirming_streams_progress_then_the_result(client_for, alice):
    batch = upload_batch(alice)
    response = client_for(alice).post(confirm_url(batch))
    page = streamed(response)
    assert response["Content-Type"].startswith("text/html")
    assert page.index("Saved 1 of 1.") < page.index("Imported")
    assert "1 record created, 0 skipped, 0 rejected" in page
    history = f"{reverse('journal:history')}?profile={alice.profile.pk}"
    assert history in page
    night = Night.objects.get(profile=alice.profile)
    assert night.created_by == alice and night.intakes.count() == 1
    batch.refresh_from_db()
    assert batch.status == "imported" and batch.created_count == 1 and batch.text == ""


def test_an_imported_batch_shows_its_result_and_is_not_imported_twice(client_for, alice):
    batch = upload_batch(alice)
    client = client_for(alice)
    streamed(client.post(confirm_url(batch)))
    again = client.post(confirm_url(batch))
    assert again.status_code == 302 and again["Location"] == preview_url(batch)
    assert "1 record created" in client.get(preview_url(batch)).content.decode()
    assert Night.objects.count() == 1


def test_reimporting_the_same_file_previews_everything_as_skipped(client_for, alice):
    client = client_for(alice)
    streamed(client.post(confirm_url(upload_batch(alice))))
    second = upload_batch(alice)
    page = client.get(preview_url(second)).content.decode()
    assert "1 night</p>" in page  # skipped
    assert "already there" in page and "Nothing to import" in page
    assert confirm_url(second) not in page
    assert "0 records created" in streamed(client.post(confirm_url(second)))
    assert Night.objects.count() == 1


def test_the_preview_lists_rejected_rows_with_line_and_reason(client_for, alice):
    text = (
        NIGHTSTAND_CSV
        + NIGHTSTAND_CSV.splitlines()[1]
        .replace("2026-11-02,", "2026-11-03,", 1)
        .replace(",4,3,2,15,", ",9,3,2,15,")
        + "\n"
    )
    batch = upload_batch(alice, text)
    page = client_for(alice).get(preview_url(batch)).content.decode()
    assert "1 row will not be imported; the rest of the file will." in page
    assert "Line 3: Quality 9 is not between 1 and 5." in page


def test_long_lists_are_cut_short_with_a_count(client_for, alice):
    row = NIGHTSTAND_CSV.splitlines()[1]
    rows = [row.replace("2026-11-02,", f"2020-01-{day:02d},", 1) for day in range(1, 32)]
    rows += [row.replace("2026-11-02,", f"2020-02-{day:02d},", 1) for day in range(1, 29)]
    batch = upload_batch(alice, NIGHTSTAND_CSV.splitlines()[0] + "\n" + "\n".join(rows))
    page = client_for(alice).get(preview_url(batch)).content.decode()
    # The times stay on 2 November: every one of these nights is rejected, 50 listed.
    assert "59 rows will not be imported" in page
    assert "… and 9 more" in page


def test_choosing_another_profile_changes_the_preview(client_for, alice, child):
    batch = upload_batch(alice)
    client = client_for(alice)
    response = client.post(preview_url(batch), {"profile_0": child.pk}, headers=HTMX)
    page = response.content.decode()
    assert "<html" not in page and 'id="import-preview"' in page
    assert "Robin · night of 2026-11-02" in page
    batch.refresh_from_db()
    assert batch.profile_ids == {"Alice": child.pk}
    streamed(client.post(confirm_url(batch)))
    assert Night.objects.get().profile == child


def test_leaving_the_person_out_imports_nothing(client_for, alice):
    batch = upload_batch(alice)
    client = client_for(alice)
    page = client.post(preview_url(batch), {"profile_0": ""}).content.decode()
    assert "no profile chosen for Alice" in page and "Nothing to import" in page


def test_a_forged_profile_from_another_household_is_refused(client_for, alice, mallory):
    batch = upload_batch(alice)
    client = client_for(alice)
    response = client.post(preview_url(batch), {"profile_0": mallory.profile.pk})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    batch.refresh_from_db()
    assert batch.profile_ids == {"Alice": alice.profile.pk}
    # Even written straight into the batch, a profile outside what Alice may log for is not used.
    batch.options["profiles"] = {"Alice": mallory.profile.pk}
    batch.save()
    assert "0 records created" in streamed(client.post(confirm_url(batch)))
    assert not Night.objects.exists()


def test_another_persons_batch_is_a_404(client_for, alice, bob, mallory):
    batch = upload_batch(alice)
    for intruder in (bob, mallory):
        client = client_for(intruder)
        assert client.get(preview_url(batch)).status_code == 404
        assert client.post(preview_url(batch), {"profile_0": ""}).status_code == 404
        assert client.post(confirm_url(batch)).status_code == 404
    assert not Night.objects.exists()


def test_a_profile_that_is_no_longer_loggable_is_left_out_at_confirmation(client_for, alice, bob):
    kid = add_dependant(alice, "Kit")
    batch = upload_batch(bob, NIGHTSTAND_CSV.replace("\nAlice,", "\nKit,"))
    assert batch.profile_ids == {"Kit": kid.pk}
    bob.looks_after_children = False
    bob.save()
    page = streamed(client_for(bob).post(confirm_url(batch)))
    assert "0 records created" in page
    assert not Night.objects.exists()


def test_a_failure_midway_rolls_everything_back_and_says_so(client_for, alice, monkeypatch):
    row = NIGHTSTAND_CSV.splitlines()[1]
    rows = [
        row.replace("2026-11-02", f"2025-{month:02d}-{day:02d}").replace(
            "2026-11-03", f"2025-{month:02d}-{day + 1:02d}"
        )
        for month in range(1, 13)
        for day in range(1, 28)
    ]
    text = NIGHTSTAND_CSV.splitlines()[0] + "\n" + "\n".join(rows) + "\n"
    batch = upload_batch(alice, text)
    real = Intake.objects.bulk_create
    calls = []

    def fail_second_time(objs, *args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("the disk is full")
        return real(objs, *args, **kwargs)

    monkeypatch.setattr(Intake.objects, "bulk_create", fail_second_time)
    monkeypatch.setattr(plan_module, "CHUNK", 100)
    page = streamed(client_for(alice).post(confirm_url(batch)))
    assert f"Saved {plan_module.CHUNK} of" in page  # the first chunk had been written…
    assert "Nothing was imported" in page  # …and is gone again
    assert "the journal is as it was" in page
    assert not Night.objects.exists()
    batch.refresh_from_db()
    assert batch.status == "failed" and batch.text == text
    # The preview says so, and the import can be tried again.
    monkeypatch.undo()
    client = client_for(alice)
    assert (
        "The last try failed: Something went wrong"
        in client.get(preview_url(batch)).content.decode()
    )
    assert f"{len(rows)} records created" in streamed(client.post(confirm_url(batch)))


def test_old_batches_are_purged_at_the_next_upload(client_for, alice):
    old = upload_batch(alice)
    ImportBatch.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=2))
    client_for(alice).post(UPLOAD, {"file": csv_file()})
    assert list(ImportBatch.objects.values_list("pk", flat=True)) != [old.pk]
    assert not ImportBatch.objects.filter(pk=old.pk).exists()


def test_the_preview_and_the_confirmation_keep_a_query_budget(
    client_for, alice, django_assert_max_num_queries
):
    row = NIGHTSTAND_CSV.splitlines()[1]
    # (SQLite splits a bulk insert every 999 parameters: the budget holds on PostgreSQL.)
    for count in (3, 300) if connection.vendor == "postgresql" else (3,):
        Night.objects.all().delete()
        rows = []
        for offset in range(count):
            day = timezone.datetime(2020, 1, 1).date() + timedelta(days=offset)
            after = day + timedelta(days=1)
            rows.append(
                row.replace("2026-11-02", day.isoformat()).replace("2026-11-03", after.isoformat())
            )
        batch = upload_batch(alice, NIGHTSTAND_CSV.splitlines()[0] + "\n" + "\n".join(rows))
        client = client_for(alice)
        make_night(alice.profile, timezone.datetime(2020, 1, 1).date())
        with django_assert_max_num_queries(14):
            client.get(preview_url(batch))
        with django_assert_max_num_queries(22):
            streamed(client.post(confirm_url(batch)))
        assert Night.objects.count() == count


def test_a_body_too_large_is_refused_before_it_is_read(client_for, alice, monkeypatch):
    from exchange import import_views

    monkeypatch.setattr(import_views, "MAX_BYTES", 10)
    monkeypatch.setattr(import_views, "ENVELOPE_BYTES", 10)
    response = client_for(alice).post(UPLOAD, {"file": csv_file()}, headers=HTMX)
    page = response.content.decode()
    assert response.status_code == 200 and 'id="import-upload"' in page
    assert "Nightstand imports files up to 20 MB" in page
    assert not ImportBatch.objects.exists()


def test_the_admin_lists_imports_without_the_files_text(admin_client, alice):
    batch = upload_batch(alice)
    listing = admin_client.get(reverse("admin:exchange_importbatch_changelist"), {"q": "alice"})
    assert listing.status_code == 200 and "nightstand-csv" in listing.content.decode()
    page = admin_client.get(reverse("admin:exchange_importbatch_change", args=[batch.pk]))
    assert page.status_code == 200 and "Slept fine" not in page.content.decode()
