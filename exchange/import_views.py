"""Import: upload → preview (with the profile of each person in the file) → confirm.

The confirmation answers with a streamed page that shows progress as the import goes. Why a
stream rather than an htmx-polled progress bar: the import is all or nothing, so it runs in one
transaction, and progress written from inside that transaction is invisible to a poll from
another request until the very end (polling would need a second database connection just to
publish counts). A stream needs nothing more: the generator holds the transaction and says how
far it got between chunks. `ATOMIC_REQUESTS` wraps only the view, which returns before the
stream is read, so the generator opens its own transaction. A browser that goes away mid-import
closes the generator, which rolls the transaction back: nothing half-imported remains.
"""

from __future__ import annotations

import logging

from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect

from households import selectors as household_selectors

from .import_forms import MappingForm, UploadForm, too_large_message
from .importing import batches, registry
from .importing.archive_writer import ArchiveConflict
from .importing.incoming import NotThisFormat
from .importing.preview import summarise
from .importing.upload import MAX_BYTES
from .models import ImportBatch

logger = logging.getLogger(__name__)

TEMPLATE = "exchange/import.html"
PROGRESS_MARK = "<!-- import progress -->"


def _require_household(request) -> None:
    if request.user.household_id is None:
        raise Http404("No household to import into.")


def _batch(request, batch_id: int) -> ImportBatch:
    return get_object_or_404(ImportBatch.objects.for_user(request.user), pk=batch_id)


def _format_label(key: str) -> str:
    return next((c.label for c in registry.choices() if c.key == key), key)


# The multipart envelope around the file (boundaries, the other fields) is small.
ENVELOPE_BYTES = 64 * 1024


def _content_length(request) -> int:
    try:
        return max(int(request.META.get("CONTENT_LENGTH") or 0), 0)
    except ValueError:
        return 0


def _body_too_large(request) -> bool:
    return _content_length(request) > MAX_BYTES + ENVELOPE_BYTES


@login_required
def upload(request):
    _require_household(request)
    if request.method == "POST" and _body_too_large(request):
        # Refused before Django reads the body (and spools a huge upload to a temporary file).
        form = UploadForm({}, user=request.user)
        form.errors["file"] = form.error_class([too_large_message(_content_length(request))])
    else:
        form = UploadForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        batch = batches.start(
            user=request.user,
            filename=form.cleaned_data["file"].name or "",
            text=form.text,
            reading=form.reading,
            profiles=None,
        )
        url = reverse("imports:preview", args=[batch.pk])
        return HttpResponseClientRedirect(url) if request.htmx else redirect(url)
    context = {"stage": "upload", "form": form, "formats": registry.choices()}
    return render(request, f"{TEMPLATE}#upload" if request.htmx else TEMPLATE, context)


@login_required
def preview(request, batch_id: int):
    """The plan of a batch; a POST changes which profile each person's nights go to."""
    batch = _batch(request, batch_id)
    if batch.status == ImportBatch.Status.IMPORTED:
        return render(request, TEMPLATE, _result_context(request, batch))
    context = {"stage": "preview", "batch": batch, "format_label": _format_label(batch.format_key)}
    try:
        reading = batches.reading_of(batch)
    except NotThisFormat as problem:
        context["problem"] = _("This file can no longer be read: %(problem)s") % {
            "problem": problem
        }
        return render(request, TEMPLATE, context)
    initial = MappingForm.initial_for(reading.sources, batch.profile_ids)
    form = MappingForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        user=request.user,
        sources=reading.sources,
    )
    if request.method == "POST" and form.is_valid():
        batch.options = {**batch.options, "profiles": form.mapping()}
        batch.save(update_fields=["options"])
    plan = batches.plan_of(batch, user=request.user, reading=reading)
    context |= {"form": form, "summary": summarise(plan), "reading": reading}
    return render(request, f"{TEMPLATE}#preview" if request.htmx else TEMPLATE, context)


@login_required
@require_POST
def confirm(request, batch_id: int):
    batch = _batch(request, batch_id)
    if batch.status == ImportBatch.Status.IMPORTED:
        return redirect("imports:preview", batch.pk)
    chunks = _in_language(_importing(request, batch.pk), translation.get_language())
    response = StreamingHttpResponse(chunks, content_type="text/html; charset=utf-8")
    # A proxy that buffers the answer would hide the progress until the end.
    response["X-Accel-Buffering"] = "no"
    return response


def _in_language(chunks, language: str):
    """The chunks rendered in the request's language, however late the server reads them."""
    with translation.override(language):
        yield from chunks


def _importing(request, batch_id: int):
    """The page, with a progress line after each chunk, then the outcome."""
    page = render_to_string(
        TEMPLATE, {"stage": "importing", "progress_mark": mark_safe(PROGRESS_MARK)}, request
    )
    head, tail = page.split(PROGRESS_MARK, 1)
    yield head
    try:
        with transaction.atomic():
            batch = ImportBatch.objects.for_user(request.user).select_for_update().get(pk=batch_id)
            if batch.status == ImportBatch.Status.IMPORTED:
                outcome = _result_context(request, batch)
            else:
                plan = batches.plan_of(batch, user=request.user)
                created = 0
                for created, total in batches.applying(plan):
                    yield _part(request, "progress", {"done": created, "total": total})
                batches.finish(batch, plan, created=created)
                outcome = _result_context(request, batch)
    except ArchiveConflict as problem:
        outcome = _failed(request, batch_id, str(problem))
    except (NotThisFormat, Http404, ImportBatch.DoesNotExist) as problem:
        outcome = _failed(
            request, batch_id, _("Nothing was imported: %(problem)s") % {"problem": problem}
        )
    except Exception:
        logger.exception("Import of batch %s failed", batch_id)
        outcome = _failed(
            request,
            batch_id,
            _(
                "Something went wrong while importing, so nothing was imported: the journal is "
                "as it was. Try again; if it fails again, the file may hold something unexpected."
            ),
        )
    yield _part(request, "outcome", outcome)
    yield tail


def _failed(request, batch_id: int, message: str) -> dict:
    batches.fail(batch_id, message)
    return {"stage": "failed", "message": message, "batch_id": batch_id}


def _part(request, partial: str, context: dict) -> str:
    return render_to_string(f"{TEMPLATE}#{partial}", context, request)


def _result_context(request, batch: ImportBatch) -> dict:
    profiles = household_selectors.visible_profiles(request.user).filter(
        pk__in=[pk for pk in batch.profile_ids.values() if pk]
    )
    return {"stage": "result", "batch": batch, "profiles": profiles}
