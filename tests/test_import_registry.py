"""Which format a file is, and the JSON archive's way through the same pages: its restore plans
the whole file itself (profiles by name), so the preview has no profile step."""

import json
from dataclasses import dataclass, field

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from exchange.importing import registry
from exchange.importing.incoming import NotThisFormat, Planned
from exchange.models import ImportBatch
from journal.models import Disturbance

from .fixtures.exchange import NIGHTSTAND_CSV

ARCHIVE = json.dumps({"format": "nightstand-export", "version": 1, "disturbances": ["Owls"]})


@dataclass
class RestorePlan:
    """Stands in for imp-json's restore: creates the archive's disturbances."""

    household: object
    names: list[str]
    to_create: list = field(default_factory=list)
    skipped: list = field(default_factory=list)
    rejected: list = field(default_factory=list)

    def apply(self, *, progress=None) -> int:
        for name in self.names:
            Disturbance.objects.create(household=self.household, name=name)
        return len(self.names)


def plan_archive(text: str, *, user) -> RestorePlan:
    data = json.loads(text)
    if data.get("format") != "nightstand-export":
        raise NotThisFormat("not a Nightstand export")
    names = [n for n in data["disturbances"] if not Disturbance.objects.filter(name=n).exists()]
    return RestorePlan(user.household, names, to_create=[Planned("disturbance", n) for n in names])


@pytest.fixture
def with_restore(monkeypatch):
    monkeypatch.setattr(registry, "ARCHIVE_MODULE", __name__)


def test_nightstand_csv_is_recognised():
    assert registry.detect(NIGHTSTAND_CSV) == "nightstand-csv"
    assert registry.detect("\n\nhello") is None
    assert "nightstand-csv" in registry.night_formats()


def test_without_the_restore_json_is_not_offered(monkeypatch):
    monkeypatch.setattr(registry, "ARCHIVE_MODULE", "")
    assert registry.detect(ARCHIVE) is None
    assert registry.ARCHIVE_KEY not in [choice.key for choice in registry.choices()]


def test_with_the_restore_json_is_recognised(with_restore):
    assert registry.detect(ARCHIVE) == registry.ARCHIVE_KEY
    assert registry.detect('{"format": "something-else"}') is None
    assert registry.ARCHIVE_KEY in [choice.key for choice in registry.choices()]


def test_an_archive_goes_from_upload_to_import_without_a_profile_step(
    client_for, alice, with_restore
):
    client = client_for(alice)
    upload = SimpleUploadedFile("backup.json", ARCHIVE.encode())
    client.post(reverse("imports:upload"), {"file": upload})
    batch = ImportBatch.objects.get()
    assert batch.format_key == registry.ARCHIVE_KEY
    page = client.get(reverse("imports:preview", args=[batch.pk])).content.decode()
    assert "profile_0" not in page and "New disturbance: Owls" in page
    response = client.post(reverse("imports:confirm", args=[batch.pk]))
    page = b"".join(response.streaming_content).decode()
    assert "1 record created" in page
    assert Disturbance.objects.filter(household=alice.household, name="Owls").exists()


def test_a_json_file_the_restore_refuses_is_a_form_error(client_for, alice, with_restore):
    text = json.dumps({"format": "nightstand-export", "version": 1})[:-1] + ', "x": [}'
    upload = SimpleUploadedFile("backup.json", text.encode())
    response = client_for(alice).post(
        reverse("imports:upload"), {"file": upload, "format": registry.ARCHIVE_KEY}
    )
    assert "This file cannot be read as Nightstand (complete JSON)" in response.content.decode()
    assert not ImportBatch.objects.exists()
