"""The Undo of a quick action: what it did is kept in the session for `services.UNDO_SECONDS`,
one record per profile, so the Undo box can be shown on whatever page the tap went back to."""

from __future__ import annotations

from django.utils import timezone

from . import services

SESSION_KEY = "journal_quick_undo"


def remember(request, action: services.QuickAction, said: str) -> None:
    """Keep what a quick action did (and how to say it) for the Undo button."""
    now = timezone.now()
    kept = {
        key: record
        for key, record in request.session.get(SESSION_KEY, {}).items()
        if record.get("at", 0) > now.timestamp() - services.UNDO_SECONDS
    }
    kept[str(action.night.profile_id)] = {**action.undo_record(at=now), "said": said}
    request.session[SESSION_KEY] = kept


def pending(request, profile_id: int) -> dict | None:
    """The quick action on `profile_id` that may still be undone, with its seconds left."""
    record = request.session.get(SESSION_KEY, {}).get(str(profile_id))
    if not record:
        return None
    left = record.get("at", 0) + services.UNDO_SECONDS - timezone.now().timestamp()
    return {**record, "seconds_left": int(left)} if left > 0 else None


def forget(request, profile_id: int) -> None:
    kept = request.session.get(SESSION_KEY, {})
    kept.pop(str(profile_id), None)
    request.session[SESSION_KEY] = kept
