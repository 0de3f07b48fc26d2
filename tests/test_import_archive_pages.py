"""The complete JSON export through the import pages with the real restore: downloaded from the
export page, uploaded, previewed without a profile step, confirmed; and a household that changes
between the preview and the confirmation gets nothing written and a message that says why."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from exchange.importing import archive_writer, registry
from exchange.models import ImportBatch
from households.models import Profile
from journal.models import Night


@pytest.fixture
def exported(client_for, alice, child):
    Night.objects.create(profile=alice.profile, date=date(2026, 11, 2), quality=4, notes="calm")
    Night.objects.create(profile=child, date=date(2026, 11, 2), quality=2, nap_minutes=30)
    client = client_for(alice)
    text = client.get(reverse("exchange:household_json")).content.decode()
    return client, text


def _upload(client, text: str) -> ImportBatch:
    upload = SimpleUploadedFile("backup.json", text.encode())
    client.post(reverse("imports:upload"), {"file": upload})
    return ImportBatch.objects.latest("pk")


def _confirm(client, batch: ImportBatch) -> str:
    response = client.post(reverse("imports:confirm", args=[batch.pk]))
    return b"".join(response.streaming_content).decode()


def test_a_deleted_child_comes_back_through_the_pages(exported, alice, child):
    client, text = exported
    child_name = child.name
    child.delete()
    Night.objects.filter(profile=alice.profile).delete()

    batch = _upload(client, text)
    assert batch.format_key == registry.ARCHIVE_KEY
    preview = client.get(reverse("imports:preview", args=[batch.pk])).content.decode()
    assert "profile_0" not in preview  # the archive maps its own profiles
    page = _confirm(client, batch)

    assert "records created" in page
    restored = Profile.objects.get(household=alice.household, name=child_name)
    assert restored.user is None
    night = Night.objects.get(profile=restored)
    assert (night.date, night.quality, night.nap_minutes) == (date(2026, 11, 2), 2, 30)
    assert Night.objects.get(profile=alice.profile).notes == "calm"


def test_importing_the_same_file_again_creates_nothing(exported, alice):
    client, text = exported
    before = Night.objects.count()
    batch = _upload(client, text)
    preview = client.get(reverse("imports:preview", args=[batch.pk])).content.decode()
    assert "already there" in preview
    _confirm(client, batch)
    assert Night.objects.count() == before


def test_a_clash_between_preview_and_confirmation_writes_nothing_and_says_so(
    exported, alice, monkeypatch
):
    client, text = exported
    Night.objects.filter(profile=alice.profile).delete()
    batch = _upload(client, text)
    client.get(reverse("imports:preview", args=[batch.pk]))

    def clash(rows):
        # Someone logs the same night at the last moment: the bulk insert meets the constraint.
        Night.objects.create(profile=alice.profile, date=date(2026, 11, 2), lights_out=None)
        return original(rows)

    original = archive_writer._nights
    monkeypatch.setattr(archive_writer, "_nights", clash)
    page = _confirm(client, batch)

    assert "The household changed while the import was being prepared" in page
    assert not Night.objects.filter(profile=alice.profile, notes="calm").exists()
    assert ImportBatch.objects.get(pk=batch.pk).status != ImportBatch.Status.IMPORTED
