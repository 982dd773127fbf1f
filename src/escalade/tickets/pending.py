"""Files sent with a refused form, kept for the next try.

A browser cannot refill a file field: when the create form is refused (no title…), the
files that passed the attachment checks are stored aside (``pending/<random>`` in the
attachments' storage) and the page offers them back, checked, with a signed token each.
The token names the file and the user it belongs to (``django.core.signing``, with an
expiry): nothing is stored in the database, another user's token or a forged one is
ignored, and any process can read it back. On success the files become the ticket's
attachments through the workflow, and the pending copies are removed; the periodic job
``purge_pending_uploads`` removes those of abandoned forms.
"""

from __future__ import annotations

import contextlib
import re
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import timedelta

from django.core import signing
from django.core.files.storage import Storage
from django.utils import timezone

from escalade.tickets.attachments import Upload, check
from escalade.tickets.errors import InvalidInput
from escalade.tickets.models import Attachment

SALT = "escalade.tickets.pending-upload"
MAX_AGE = timedelta(hours=6)
MAX_FILES = 20  # per form, kept and offered back
FOLDER = "pending"
NAME = re.compile(rf"^{FOLDER}/[0-9a-f]{{32}}$")


@dataclass(frozen=True)
class PendingUpload:
    token: str
    name: str  # in the storage
    filename: str  # as the user gave it (cleaned by attachments.check)
    size: int


def _storage() -> Storage:
    return Attachment._meta.get_field("file").storage


def keep(user_id: int, uploads: Sequence[Upload]) -> tuple[list[PendingUpload], list[str]]:
    """Store the acceptable ``uploads`` aside for ``user_id``; the refusal message of each
    other one (too big, wrong type…) is returned instead."""
    kept: list[PendingUpload] = []
    refused: list[str] = []
    storage = _storage()
    for upload in uploads[:MAX_FILES]:
        try:
            checked = check(upload)
        except InvalidInput as error:
            refused.append(error.message)
            continue
        name = storage.save(f"{FOLDER}/{uuid.uuid4().hex}", checked.content)
        payload = {"u": user_id, "n": name, "f": checked.filename, "s": checked.size}
        token = signing.dumps(payload, salt=SALT)
        kept.append(PendingUpload(token, name, checked.filename, checked.size))
    return kept, refused


def load(user_id: int, tokens: Iterable[str]) -> list[PendingUpload]:
    """The pending uploads of ``tokens`` that belong to ``user_id``, are recent and still
    exist; anything else (another user's, forged, expired, already used) is left out."""
    found: list[PendingUpload] = []
    storage = _storage()
    for token in list(dict.fromkeys(tokens))[:MAX_FILES]:
        try:
            data = signing.loads(token, salt=SALT, max_age=MAX_AGE)
        except signing.BadSignature:
            continue
        if not isinstance(data, dict) or data.get("u") != user_id:
            continue
        name = str(data.get("n", ""))
        if not NAME.match(name) or not storage.exists(name):
            continue
        found.append(PendingUpload(token, name, str(data.get("f", "")), int(data.get("s", 0))))
    return found


def uploads(pending: Sequence[PendingUpload]) -> list[Upload]:
    storage = _storage()
    out = []
    for item in pending:
        with storage.open(item.name, "rb") as handle:
            out.append(Upload(name=item.filename, content=handle.read()))
    return out


def discard(pending: Sequence[PendingUpload]) -> None:
    storage = _storage()
    for item in pending:
        with contextlib.suppress(FileNotFoundError):
            storage.delete(item.name)


def purge(older_than: timedelta = MAX_AGE) -> int:
    """Remove the pending files of forms abandoned longer than ``older_than`` ago."""
    storage = _storage()
    try:
        _dirs, files = storage.listdir(FOLDER)
    except FileNotFoundError:
        return 0
    limit = timezone.now() - older_than
    removed = 0
    for filename in files:
        name = f"{FOLDER}/{filename}"
        if not NAME.match(name):
            continue
        with contextlib.suppress(FileNotFoundError):
            if storage.get_modified_time(name) < limit:
                storage.delete(name)
                removed += 1
    return removed
