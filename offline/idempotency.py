"""`Idempotency-Key`: a submission retried by the offline queue is applied exactly once.

A view wrapped in `idempotent` behaves as before for an ordinary request. When a POST carries an
`Idempotency-Key` header (only the offline queue sends one), the key is claimed in the same
transaction as the view's own writes:

- the first request runs the view; if it saved something, the answer is recorded with the key and
  returned (a redirect becomes `201 Created` with its `Location`, so that `fetch`, which would
  follow a redirect silently, can tell "saved" from "sent to the sign-in page");
- a request whose key is already recorded gets that first answer again, and the view does not run;
- two requests racing with one key meet at the unique constraint: PostgreSQL makes the second
  insert wait for the first transaction, and then either fails (the key is recorded: answer as
  above) or succeeds (the first was refused and rolled back: this one runs);
- an answer that saved nothing (a form shown again with its errors, answered `422`; or any error
  status) is rolled back with the key, so nothing is remembered and nothing was written.

Keys are looked up per user. Keys older than `KEEP_FOR` are deleted when the same user claims a
new one: one indexed delete of that user's few rows, no scheduled job needed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta
from functools import wraps

from django.core.exceptions import BadRequest
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import IdempotencyKey

HEADER = "Idempotency-Key"
KEY = re.compile(r"[A-Za-z0-9_-]{8,64}")
KEEP_FOR = timedelta(days=30)
REPLAYED = "Idempotent-Replayed"

Saved = Callable[[HttpResponse], bool]


def parse_key(raw: str) -> str:
    """The key as sent, or BadRequest (a 400) for anything that is not 8–64 safe characters."""
    if not KEY.fullmatch(raw):
        raise BadRequest(_("The Idempotency-Key header must be 8 to 64 letters, digits, - or _."))
    return raw


def answered(response: HttpResponse) -> bool:
    """The default: any answer below 400 means the submission was applied."""
    return response.status_code < 400


def redirected(response: HttpResponse) -> bool:
    """For a form view that redirects when it saves and shows the form again when it does not."""
    return 300 <= response.status_code < 400


def _outcome(record: IdempotencyKey) -> HttpResponse:
    response = HttpResponse(status=record.status)
    if record.location:
        response["Location"] = record.location
    return response


def idempotent(*, saved: Saved = answered):
    """Honour an `Idempotency-Key` header on POST (see the module's docstring)."""

    def decorator(view):
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            raw = request.headers.get(HEADER)
            if raw is None or request.method != "POST" or not request.user.is_authenticated:
                return view(request, *args, **kwargs)
            key = parse_key(raw)
            now = timezone.now()
            with transaction.atomic():
                try:
                    with transaction.atomic():
                        claim = IdempotencyKey.objects.create(
                            user=request.user,
                            key=key,
                            path=request.path[:2000],
                            status=0,
                            created_at=now,
                        )
                except IntegrityError:
                    return _replay(request, key)
                IdempotencyKey.objects.filter(
                    user=request.user, created_at__lt=now - KEEP_FOR
                ).delete()
                response = view(request, *args, **kwargs)
                if not saved(response):
                    transaction.set_rollback(True)
                    if response.status_code < 400:
                        response.status_code = 422  # shown again with its errors: not saved
                    return response
                if 300 <= response.status_code < 400:
                    claim.status, claim.location = 201, response["Location"]
                    response = _outcome(claim)
                else:
                    claim.status = response.status_code
                claim.save(update_fields=["status", "location"])
                return response

        return wrapper

    return decorator


def _replay(request: HttpRequest, key: str) -> HttpResponse:
    record = IdempotencyKey.objects.get(user=request.user, key=key)
    if record.path != request.path[:2000]:
        # The same key for a different submission: a bug on the device, never applied.
        raise BadRequest(_("This Idempotency-Key was already used for another address."))
    response = _outcome(record)
    response[REPLAYED] = "true"
    return response
