import json

from django.core.management.base import BaseCommand, CommandError

from exchange import archive, nights_csv, selectors
from households.models import Household, Profile


class Command(BaseCommand):
    help = (
        "Export a household's or one profile's journal as CSV (nights) or JSON (everything), "
        "for backups and scripts. An admin command: it reads the whole household directly, "
        "with no user and so no privacy scoping (unshared journals included)."
    )

    def add_arguments(self, parser):
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--household", type=int, help="household id: every profile in it")
        which.add_argument("--profile", type=int, help="profile id: that profile alone")
        parser.add_argument("--format", choices=["csv", "json"], default="json")
        parser.add_argument("--output", help="file to write (default: standard output)")

    def handle(self, *args, household=None, profile=None, format="json", output=None, **options):
        if profile is not None:
            found = Profile.objects.select_related("household", "user").filter(pk=profile).first()
            if found is None:
                raise CommandError(f"No profile with id {profile}.")
            home, profiles, scope = found.household, [found], "profile"
        else:
            home = Household.objects.filter(pk=household).first()
            if home is None:
                raise CommandError(f"No household with id {household}.")
            profiles, scope = selectors.admin_profiles(household=home), "household"
        if format == "csv":
            chunks = nights_csv.lines(selectors.night_rows(profiles))
        else:
            data = archive.build(
                household=home,
                profiles=profiles,
                routines=selectors.admin_routines(profiles=profiles),
                scope=scope,
            )
            chunks = [json.dumps(data, indent=1, ensure_ascii=False), "\n"]
        if output:
            with open(output, "w", encoding="utf-8", newline="") as file:
                file.writelines(chunks)
        else:
            for chunk in chunks:
                self.stdout.write(chunk, ending="")
