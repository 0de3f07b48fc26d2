"""Create (once) the demo household: two adults, a child, and data from every app.

Its accounts have a published password, so it is made only with DEBUG on, and only on a
database without accounts unless asked for with --force. `make run` calls it every time.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from households.demo import (
    DEMO_PASSWORD,
    DemoAddressTaken,
    create_demo_household,
    demo_household_exists,
)
from households.models import User


class Command(BaseCommand):
    help = (
        "Create the demo household (two adults, one child) with a few weeks of data, on an "
        "empty development database. Refused when DEBUG is off."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Add it even if the database has accounts."
        )
        parser.add_argument("--reset", action="store_true", help="Delete and recreate it.")

    def handle(self, *args, force: bool = False, reset: bool = False, **options):
        if not settings.DEBUG:
            raise CommandError(
                "The demo accounts have a published password: they are only created with "
                "DEBUG on (a development database), never in production."
            )
        with transaction.atomic():
            if demo_household_exists() and not reset:
                self.stdout.write("The demo household is already there.")
            elif User.objects.exists() and not (force or reset):
                self.stdout.write(
                    "This database already has accounts, so no demo household was added "
                    "(its password is published). Run `manage.py demo --force` to add it anyway."
                )
                return
            else:
                try:
                    create_demo_household(reset=reset)
                except DemoAddressTaken as error:
                    raise CommandError(str(error)) from error
                self.stdout.write(self.style.SUCCESS("Created the demo household."))
        self.stdout.write(
            "Sign in as alex@example.com (or sam@example.com), password " + DEMO_PASSWORD
        )
