"""The built-in disturbances and intake items every household starts with (household = null).

Households add their own on top; these stay the same for everyone so that nights can be compared.
Intake items are neutral names only: no amounts, units or times are suggested.
"""

from django.db import migrations

DISTURBANCES = [
    "Pain",
    "Restless legs",
    "Noise",
    "Too hot",
    "Too cold",
    "Bathroom",
    "Nightmares",
    "Woken by child",
    "Woken by partner",
    "Snoring or breathing",
    "Racing thoughts",
]

INTAKE_ITEMS = ["Caffeine", "Alcohol", "Nicotine", "Melatonin", "Medication", "Other"]


def seed(apps, schema_editor):
    Disturbance = apps.get_model("journal", "Disturbance")
    IntakeItem = apps.get_model("journal", "IntakeItem")
    for position, name in enumerate(DISTURBANCES):
        Disturbance.objects.get_or_create(
            household=None, name=name, defaults={"position": position}
        )
    for position, name in enumerate(INTAKE_ITEMS):
        # "Other" stays at the end of the list, after any items a household adds.
        position = 999 if name == "Other" else position
        IntakeItem.objects.get_or_create(household=None, name=name, defaults={"position": position})


def unseed(apps, schema_editor):
    # Built-in rows that nights still use stay; PROTECT on intake keeps history intact.
    apps.get_model("journal", "Disturbance").objects.filter(
        household=None, name__in=DISTURBANCES
    ).delete()
    apps.get_model("journal", "IntakeItem").objects.filter(
        household=None, name__in=INTAKE_ITEMS, intakes__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("journal", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
