"""Checking uploaded files before the workflow stores them as attachments, and serving
them (the one download response of the page, /api/v1 and GLPI's API)."""

from __future__ import annotations

import hashlib
import mimetypes
import re
import unicodedata
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING

from django.conf import settings
from django.core.files.base import ContentFile
from django.http.response import HttpResponseBase
from django.utils.translation import gettext as _

from escalade.core import storage
from escalade.tickets.errors import InvalidInput

if TYPE_CHECKING:
    from escalade.tickets.models import Attachment

# Extensions people send to a helpdesk. Anything else is refused with a message.
ALLOWED_EXTENSIONS = {
    "pdf",
    "png",
    "jpg",
    "jpeg",
    "gif",
    "webp",
    "bmp",
    "txt",
    "log",
    "csv",
    "json",
    "xml",
    "doc",
    "docx",
    "xls",
    "xlsx",
    "ppt",
    "pptx",
    "odt",
    "ods",
    "odp",
    "rtf",
    "zip",
    "eml",
    "msg",
}
# Signatures checked for the types that browsers render.
SIGNATURES = {
    "pdf": [b"%PDF-"],
    "png": [b"\x89PNG\r\n\x1a\n"],
    "jpg": [b"\xff\xd8\xff"],
    "jpeg": [b"\xff\xd8\xff"],
    "gif": [b"GIF87a", b"GIF89a"],
    "webp": [b"RIFF"],
    "bmp": [b"BM"],
}
# Types shown inline in the browser; everything else is downloaded.
INLINE_TYPES = {"image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf"}


@dataclass(frozen=True)
class Upload:
    """A file to attach: its name as the user gave it, and its bytes."""

    name: str
    content: bytes

    @classmethod
    def from_file(cls, handle: IO[bytes], name: str | None = None) -> Upload:
        limit = settings.ATTACHMENT_MAX_BYTES
        data = handle.read(limit + 1)
        return cls(name=name or getattr(handle, "name", "") or "fichier", content=data)


@dataclass(frozen=True)
class CheckedUpload:
    filename: str
    content_type: str
    sha256: str
    size: int
    content: ContentFile


# Invisible characters that change how a name reads: controls, format characters (bidi
# overrides and isolates such as U+202E, zero-width spaces and joiners, U+FEFF …), line and
# paragraph separators, lone surrogates. "facture\u202efdp.exe" reads "facture" + "exe.pdf".
INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs"})


def clean_name(name: str) -> str:
    """``name`` without invisible characters (for names stored before this rule, too)."""
    return "".join(c for c in name or "" if unicodedata.category(c) not in INVISIBLE_CATEGORIES)


def safe_filename(name: str) -> str:
    """The name an attachment is stored and shown under, whatever way it came in."""
    name = unicodedata.normalize("NFC", name or "").replace("\\", "/").split("/")[-1]
    name = re.sub(r"[\"<>|:*?]", "", clean_name(name)).strip(" .")
    return name[:200] or "fichier"


def check(upload: Upload) -> CheckedUpload:
    """Refuse empty, oversized, unknown or disguised files with a clear message."""
    filename = safe_filename(upload.name)
    size = len(upload.content)
    if size == 0:
        raise InvalidInput(_("Le fichier « %s » est vide.") % filename, field="attachments")
    limit = settings.ATTACHMENT_MAX_BYTES
    if size > limit:
        raise InvalidInput(
            _("Le fichier « %(name)s » dépasse la taille maximale de %(max)s Mo.")
            % {"name": filename, "max": round(limit / 1024 / 1024, 1)},
            field="attachments",
        )
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if extension not in ALLOWED_EXTENSIONS:
        raise InvalidInput(
            _("Le type du fichier « %(name)s » n'est pas accepté. Types acceptés : %(types)s.")
            % {"name": filename, "types": ", ".join(sorted(ALLOWED_EXTENSIONS))},
            field="attachments",
        )
    signatures = SIGNATURES.get(extension)
    if signatures and not any(upload.content.startswith(sig) for sig in signatures):
        raise InvalidInput(
            _("Le contenu du fichier « %s » ne correspond pas à son extension.") % filename,
            field="attachments",
        )
    content_type = mimetypes.guess_type(filename)[0] or "application/octet-stream"
    return CheckedUpload(
        filename=filename,
        content_type=content_type,
        sha256=hashlib.sha256(upload.content).hexdigest(),
        size=size,
        content=ContentFile(upload.content, name=filename),
    )


def download(attachment: Attachment, *, inline: bool = False) -> HttpResponseBase:
    """The file of an attachment the caller may read (the access module said so).

    Streamed from the storage; ``inline`` (the page) shows images and PDF in the browser,
    sandboxed; anything else, and everything for the APIs, is a download of bytes that the
    browser never interprets.
    """
    shown = inline and attachment.content_type in INLINE_TYPES
    # Streamed from the directory or the bucket, or a redirect to a short-lived signed URL
    # (ESCALADE_S3_SIGNED_URL_SECONDS; escalade.core.storage).
    response = storage.file_response(
        attachment.file,
        as_attachment=not shown,
        filename=clean_name(attachment.filename),
        content_type=attachment.content_type if shown else "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
