"""Create (once) the demo household: two adults, a child, and data from every app."""

from django.core.management.base import BaseCommand
from django.db import transaction

from households.demo import DEMO_PASSWORD, create_demo_household, demo_household_exists


class Command(BaseCommand):
    help = "Create the demo household (two adults, one child) with a few weeks of data."

    def add_arguments(self, parser):
        parser.add_argument("--reset", action="store_true", help="Delete and recreate it.")

    def handle(self, *args, reset: bool = False, **options):
        with transaction.atomic():
            if demo_household_exists() and not reset:
                self.stdout.write("The demo household is already there.")
            else:
                create_demo_household(reset=reset)
                self.stdout.write(self.style.SUCCESS("Created the demo household."))
        self.stdout.write(
            f"Sign in at http://127.0.0.1:8000/ as alex@example.com (or sam@example.com), "
            f"password {DEMO_PASSWORD}"
        )
