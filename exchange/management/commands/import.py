from pathlib import Path
from zoneinfo import ZoneInfo

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.http import Http404

from exchange.importing import batches, plan, registry
from exchange.importing.archive_writer import ArchiveConflict
from exchange.importing.incoming import NotThisFormat
from exchange.importing.preview import summarise, text_lines
from exchange.importing.upload import MAX_BYTES, UnreadableFile, decode
from households import selectors as household_selectors
from households.models import User
from households.timezones import is_valid_time_zone


class Command(BaseCommand):
    help = (
        "Import a file of nights (or Nightstand's complete JSON) as a person of a household: "
        "prints what will be created, skipped and rejected, then applies it in one transaction "
        "(all or nothing). Only profiles that person may log for are written to."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the file to import")
        parser.add_argument("--user", required=True, help="email of the importing account")
        keys = [choice.key for choice in registry.choices()]
        parser.add_argument("--format", choices=keys, help="default: recognised from the file")
        parser.add_argument(
            "--profile",
            action="append",
            default=[],
            metavar="[PERSON=]NAME",
            help="the profile a person in the file goes to: PERSON=NAME, or NAME alone for the "
            "next person in the file's order (repeat for several). Default: the profile of the "
            "same name, or the user's own for a file of one person.",
        )
        parser.add_argument("--zone", help="time zone of files whose times carry none")
        parser.add_argument("--dry-run", action="store_true", help="show the preview only")

    def handle(self, *args, file, user, format=None, profile=(), zone=None, dry_run=False, **kw):
        importer = User.objects.filter(email__iexact=user).first()
        if importer is None or importer.household_id is None:
            raise CommandError(f"No account {user} in a household.")
        text = self._text(Path(file))
        key = format or registry.detect(text)
        if key is None:
            raise CommandError("This file is not in a format Nightstand imports (try --format).")
        reading = self._read(text, key, zone, importer)
        if reading.parsed is None:
            result = registry.archive_planner()(text, user=importer)
        else:
            mapping = self._mapping(importer, reading, list(profile))
            try:
                result = plan.plan_nights(reading.parsed, user=importer, profile_map=mapping)
            except Http404:
                raise CommandError(f"{user} may not log for one of those profiles.") from None
            for source in reading.sources:
                chosen = mapping.get(source.key)
                self.stdout.write(f"{source.label or 'The file'} → {chosen or 'not imported'}")
        for line in text_lines(summarise(result)):
            self.stdout.write(line)
        if dry_run:
            self.stdout.write("Dry run: nothing was written.")
            return
        try:
            with transaction.atomic():
                created = result.apply()
        except ArchiveConflict as problem:
            raise CommandError(str(problem)) from None
        self.stdout.write(self.style.SUCCESS(f"Imported: {created} records created."))

    def _text(self, path: Path) -> str:
        try:
            if path.stat().st_size > MAX_BYTES:
                raise CommandError(f"{path} is larger than {MAX_BYTES // 2**20} MB.")
            return decode(path.read_bytes())
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}") from None
        except UnreadableFile as problem:
            raise CommandError(str(problem)) from None

    def _read(self, text: str, key: str, zone: str | None, importer) -> batches.Reading:
        if zone is not None and not is_valid_time_zone(zone):
            raise CommandError(f"Unknown time zone {zone}.")
        if registry.needs_zone(key) and zone is None:
            zone = importer.profile.time_zone if hasattr(importer, "profile") else "UTC"
        try:
            reading = batches.read(text, format_key=key, zone=ZoneInfo(zone) if zone else None)
            if reading.parsed is None:
                batches.archive_check(text, user=importer)
        except NotThisFormat as problem:
            raise CommandError(f"Cannot read the file as {key}: {problem}") from None
        return reading

    def _mapping(self, importer, reading: batches.Reading, wanted: list[str]) -> dict:
        profiles = {p.name.casefold(): p for p in household_selectors.loggable_profiles(importer)}
        by_id = {p.pk: p for p in profiles.values()}
        mapping = {
            source: by_id.get(pk)
            for source, pk in batches.default_mapping(
                user=importer, sources=reading.sources
            ).items()
        }
        order = iter(reading.sources)
        for choice in wanted:
            person, _, name = choice.rpartition("=")
            target = profiles.get(name.strip().casefold())
            if target is None:
                raise CommandError(f"{importer.email} may not log for a profile named {name}.")
            source = next(
                (s for s in reading.sources if person and person in (s.key, s.label)), None
            )
            if source is None and person:
                raise CommandError(f"Nobody called {person} in this file.")
            if source is None:
                source = next(order, None)
                if source is None:
                    raise CommandError("More --profile than people in the file.")
            mapping[source.key] = target
        return {source: profile for source, profile in mapping.items() if profile is not None}
