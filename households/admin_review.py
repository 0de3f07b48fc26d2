"""What the admin's data-review lists share: local times, the profile filter, CSV downloads.

The journal's and the routines' admins both show whose data a row is and when it happened in
that person's zone; the pieces live here, beside the profiles they read, so neither feature app
owns them. `csv_lines` is pure (rows in, lines out) and carries the formula-injection guard.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from django.contrib import admin
from django.http import StreamingHttpResponse

from . import spreadsheet
from .models import Profile
from .spreadsheet import defused


def csv_cell(value: object) -> str:
    """One cell's text: blank for None, numbers as written, text guarded against formulas."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return str(value)
    return defused(str(value))


def csv_lines(rows: Iterable[Sequence[object]]) -> Iterator[str]:
    """Each row as one CSV line (quoted as needed, ending in CRLF), one at a time, for streaming."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow([csv_cell(value) for value in row])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


def csv_download(filename: str, rows: Iterable[Sequence[object]]) -> StreamingHttpResponse:
    """A streamed CSV attachment: rows are read (and written) as the response is sent."""
    return streamed_csv(filename, csv_lines(rows))


def streamed_csv(filename: str, lines: Iterable[str]) -> StreamingHttpResponse:
    """CSV lines already written (and guarded), sent as an attachment as they come."""
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def local_iso(moment: datetime | None, zone: ZoneInfo) -> str | None:
    """An instant as the profile's wall clock with its UTC offset: 2026-11-02T22:45-05:00."""
    return spreadsheet.local_iso(moment, zone, timespec="minutes") or None


def local_clock(moment: datetime | None, zone: ZoneInfo) -> str | None:
    """An instant as the profile's clock time and zone abbreviation: "22:45 EST"."""
    return None if moment is None else f"{moment.astimezone(zone):%H:%M %Z}"


def profile_label(profile: Profile) -> str:
    """A profile named with its household, so two households' "Alex" can be told apart."""
    return f"{profile.name} ({profile.household.name})"


def profile_filter(path: str = "profile") -> type[admin.SimpleListFilter]:
    """A list filter on the profile at `path`, its choices reading "Alice (Smith household)".

    The parameter is `<path>__id`: a lookup the admin allows through related models because
    this filter declares it (`…__id__exact` is refused past the first relation). A link made
    for Django's plain filter on a local field (`profile__id__exact`) still filters the same.
    """

    class ProfileFilter(admin.SimpleListFilter):
        title = "profile"
        parameter_name = f"{path}__id"

        def lookups(self, request, model_admin):
            profiles = Profile.objects.select_related("household").order_by(
                "household__name", "name", "pk"
            )
            return [(str(profile.pk), profile_label(profile)) for profile in profiles]

        def queryset(self, request, queryset):
            value = self.value()
            if value is None:
                return queryset
            if not value.isdigit():
                return queryset.none()
            return queryset.filter(**{f"{path}__id": int(value)})

    return ProfileFilter
