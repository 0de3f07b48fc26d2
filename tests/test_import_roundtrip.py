"""Nightstand's CSV of nights read back: export a profile of the demo household, delete its
nights, import the file, and every diary field is as it was."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from exchange import nights_csv, selectors
from exchange.models import ImportBatch
from households.demo import create_demo_household
from households.models import Profile, User
from journal.models import Night

DIARY_FIELDS = (
    "date",
    "into_bed",
    "lights_out",
    "sol_minutes",
    "awakenings",
    "waso_minutes",
    "final_wake",
    "out_of_bed",
    "quality",
    "rested",
    "stress",
    "nap_minutes",
    "notes",
)


def diary(profile) -> list[tuple]:
    nights = Night.objects.filter(profile=profile).with_details().order_by("date")
    return [
        (
            *(getattr(night, name) for name in DIARY_FIELDS),
            sorted(d.name for d in night.disturbances.all()),
            [(i.item.name, i.amount, i.unit, i.taken_at) for i in night.intakes.all()],
        )
        for night in nights
    ]


@pytest.mark.parametrize("name", ["Alex", "Robin"])
def test_export_delete_import_restores_every_diary_field(client, db, name):
    household = create_demo_household(today=date(2026, 3, 30))  # across the spring DST change
    alex = User.objects.get(email="alex@example.com")
    profile = Profile.objects.get(household=household, name=name)
    before = diary(profile)
    assert len(before) > 30 and any(row[-1] for row in before) == (name == "Alex")
    text = nights_csv.to_text(selectors.night_rows([profile]))
    Night.objects.filter(profile=profile).delete()

    client.force_login(alex, backend="django.contrib.auth.backends.ModelBackend")
    upload = SimpleUploadedFile("export.csv", text.encode())
    client.post(reverse("imports:upload"), {"file": upload})
    batch = ImportBatch.objects.get()
    assert batch.profile_ids == {name: profile.pk}  # matched by name
    response = client.post(reverse("imports:confirm", args=[batch.pk]))
    page = b"".join(response.streaming_content).decode()
    assert f"{len(before)} records created, 0 skipped, 0 rejected" in page
    assert diary(profile) == before
