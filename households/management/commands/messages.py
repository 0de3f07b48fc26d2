"""`manage.py messages`: extract the strings to translate into locale/<lang>/LC_MESSAGES.

The one place that says how Nightstand's messages are extracted (which files, which languages),
used by `make messages` and by tests/test_translations_complete.py, which runs it into a copy of
locale/ and fails on any message left untranslated or fuzzy.
"""

from contextlib import chdir

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

IGNORED = ["staticfiles/*", "static/vendor/*", "tests/*", "bench/*", "data/*", "docs/*"]
DOMAINS = {
    # The manifest's name and description are translated like a template.
    "django": ["html", "txt", "py", "webmanifest"],
    "djangojs": ["js"],
}


class Command(BaseCommand):
    help = "Extract the messages to translate for every shipped language but English."

    def handle(self, *args, **options):
        languages = [code for code, _name in settings.LANGUAGES if code != "en"]
        for domain, extensions in DOMAINS.items():
            # makemessages reads the folder it runs in: the project's.
            with chdir(settings.BASE_DIR):
                self._extract(languages, domain, extensions, options["verbosity"])

    def _extract(self, languages, domain, extensions, verbosity):
        call_command(
            "makemessages",
            locale=languages,
            domain=domain,
            extensions=extensions,
            ignore_patterns=IGNORED,
            # Without file:line comments, a change elsewhere in a file leaves the .po alone.
            no_location=True,
            verbosity=verbosity,
        )
