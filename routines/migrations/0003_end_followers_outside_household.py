"""Before leaving a household ended following, an ex-member stayed a follower of its routines
(and following grants editing). End those links; a routine followed only by people who have all
moved to one other household goes with them, as the departure service does now."""

from django.db import migrations


def end_followers_outside_household(apps, schema_editor):
    Routine = apps.get_model("routines", "Routine")
    Follow = Routine.followers.through
    for routine in Routine.objects.all():
        follows = list(Follow.objects.filter(routine=routine).select_related("profile"))
        outside = [f for f in follows if f.profile.household_id != routine.household_id]
        if not outside:
            continue
        households = {f.profile.household_id for f in outside}
        if len(outside) == len(follows) and len(households) == 1:
            routine.household_id = households.pop()
            routine.save(update_fields=["household"])
        else:
            Follow.objects.filter(pk__in=[f.pk for f in outside]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("routines", "0002_routine_and_step_version"),
        ("households", "0002_invite_rights_and_single_line_names"),
    ]

    operations = [
        migrations.RunPython(end_followers_outside_household, migrations.RunPython.noop),
    ]
