"""Uploaded workbooks waiting for their preview to be confirmed.

A workbook read without problems is stored until the user applies or cancels its preview;
the user's session holds a token for it. A preview left open is abandoned: after
PREVIEW_MAX_AGE its token is refused, and its file is removed whenever another workbook is
stored and by ``manage.py clean_uploads``. Nothing else reads these files.
"""

import datetime
import uuid

from django.core.files.storage import default_storage
from django.utils import timezone

FOLDER = "uploads/fill-in"
SESSION_KEY = "fill_in_uploads"
# Long enough to read a preview of a whole report, short enough that files do not pile up.
PREVIEW_MAX_AGE = datetime.timedelta(hours=2)


def _expired(entry: dict, now: datetime.datetime) -> bool:
    stored_at = datetime.datetime.fromisoformat(entry.get("stored_at", "1970-01-01T00:00+00:00"))
    return now - stored_at > PREVIEW_MAX_AGE


def hold(session, upload, *, report_id: int) -> str:
    """Store a previewed workbook and return the token that applies or cancels it.

    A workbook the session held for the same report is replaced, and abandoned ones of
    every session are removed first.
    """
    now = timezone.now()
    clean_abandoned(now=now)
    held = session.setdefault(SESSION_KEY, {})
    for token, entry in list(held.items()):
        if entry["report"] == report_id or _expired(entry, now):
            default_storage.delete(entry["name"])
            del held[token]
    upload.seek(0)
    name = default_storage.save(f"{FOLDER}/{uuid.uuid4().hex}.xlsx", upload)
    token = uuid.uuid4().hex
    held[token] = {"report": report_id, "name": name, "stored_at": now.isoformat()}
    session.modified = True
    return token


def take(session, token: str, *, report_id: int) -> str | None:
    """The stored name of the workbook ``token`` holds for this report, or None when the
    token is unknown, another report's or expired. The token is used up either way; the
    caller removes the file with ``discard`` once it has read it."""
    entry = session.get(SESSION_KEY, {}).pop(token, None)
    session.modified = True
    if entry is None:
        return None
    if entry["report"] != report_id or _expired(entry, timezone.now()):
        default_storage.delete(entry["name"])
        return None
    return entry["name"]


def discard(name: str) -> None:
    default_storage.delete(name)


def clean_abandoned(*, now: datetime.datetime | None = None) -> int:
    """Remove the stored workbooks older than PREVIEW_MAX_AGE; returns how many."""
    try:
        _folders, files = default_storage.listdir(FOLDER)
    except FileNotFoundError:
        return 0
    cutoff = (now or timezone.now()) - PREVIEW_MAX_AGE
    removed = 0
    for filename in files:
        name = f"{FOLDER}/{filename}"
        if default_storage.get_modified_time(name) < cutoff:
            default_storage.delete(name)
            removed += 1
    return removed
