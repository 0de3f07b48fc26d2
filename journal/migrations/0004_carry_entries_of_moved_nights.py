"""Before leaving a household carried catalogue entries along, a person's nights could keep
pointing at the old household's own disturbances and intake items. Match each by name in the
person's household (or the built-ins), or copy it there, as the departure service does now."""

from django.db import migrations
from django.db.models import F, Q


def _target(model, household_id, entry):
    found = (
        model.objects.filter(Q(household__isnull=True) | Q(household_id=household_id))
        .filter(name=entry.name)
        .first()
    )
    if found is None:
        found = model.objects.create(
            household_id=household_id, name=entry.name, position=entry.position
        )
    return found


def carry_entries(apps, schema_editor):
    Disturbance = apps.get_model("journal", "Disturbance")
    IntakeItem = apps.get_model("journal", "IntakeItem")
    Intake = apps.get_model("journal", "Intake")
    Night = apps.get_model("journal", "Night")
    Through = Night.disturbances.through

    stray = Through.objects.filter(disturbance__household__isnull=False).exclude(
        disturbance__household_id=F("night__profile__household_id")
    )
    for row in stray.select_related("disturbance", "night__profile"):
        target = _target(Disturbance, row.night.profile.household_id, row.disturbance)
        if Through.objects.filter(night_id=row.night_id, disturbance=target).exists():
            row.delete()
        else:
            row.disturbance = target
            row.save()

    stray = Intake.objects.filter(item__household__isnull=False).exclude(
        item__household_id=F("night__profile__household_id")
    )
    for intake in stray.select_related("item", "night__profile"):
        intake.item = _target(IntakeItem, intake.night.profile.household_id, intake.item)
        intake.save(update_fields=["item"])


class Migration(migrations.Migration):
    dependencies = [
        ("journal", "0003_night_version"),
        ("households", "0002_invite_rights_and_single_line_names"),
    ]

    operations = [
        migrations.RunPython(carry_entries, migrations.RunPython.noop),
    ]
