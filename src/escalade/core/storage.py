"""Where attachments live: a local (or shared) directory by default, an S3-compatible bucket
when ``ESCALADE_S3_BUCKET`` is set (escalade.operations.config reads the variables).

Files are never public: the bucket keeps its objects private and every download goes through
Escalade's access-checked views, streamed from the bucket in chunks, or, with
``ESCALADE_S3_SIGNED_URL_SECONDS=N``, answered by a redirect to a URL signed for N seconds
(made only after the access check, naming the file and its type as the views do).

:class:`AttachmentStorage` chooses the backend from the settings each time it is used (tests
switch storages per test; an operator switches with a restart).
"""

from __future__ import annotations

import os
from datetime import datetime
from functools import lru_cache
from typing import IO, Any

from django.conf import settings
from django.core.files import File
from django.core.files.storage import FileSystemStorage, Storage
from django.http import FileResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.utils.deconstruct import deconstructible


class StreamedFile(File):
    """An object read from the bucket as it is sent, never whole in memory or on disk."""

    def __init__(self, body: Any, name: str, size: int | None) -> None:
        super().__init__(body, name)
        self._streamed_size = size
        self.mode = "rb"

    @property
    def size(self) -> int | None:  # type: ignore[override]
        return self._streamed_size

    def chunks(self, chunk_size: int | None = None):
        yield from self.file.iter_chunks(chunk_size or self.DEFAULT_CHUNK_SIZE)  # type: ignore[union-attr]

    def open(self, mode: str | None = None, *args: Any, **kwargs: Any) -> StreamedFile:
        return self


def _s3_class() -> type:
    from storages.backends.s3 import S3Storage
    from storages.utils import clean_name

    class StreamingS3Storage(S3Storage):
        def _open(self, name: str, mode: str = "rb") -> File:
            if mode != "rb":
                return super()._open(name, mode)
            key = self._normalize_name(clean_name(name))
            answer = self.bucket.Object(key).get()
            return StreamedFile(answer["Body"], name, answer.get("ContentLength"))

    return StreamingS3Storage


@lru_cache(maxsize=8)
def _s3(config: tuple[tuple[str, Any], ...]) -> Storage:
    return _s3_class()(**dict(config))


def backend() -> Storage:
    config = settings.ESCALADE_S3
    if config:
        return _s3(tuple(sorted(config.items())))
    return FileSystemStorage(location=os.path.abspath(str(settings.ATTACHMENTS_DIR)))


def is_s3() -> bool:
    return bool(settings.ESCALADE_S3)


@deconstructible(path="escalade.core.storage.AttachmentStorage")
class AttachmentStorage(Storage):
    """Delegates every operation to :func:`backend`."""

    def open(self, name: str, mode: str = "rb") -> File:
        return backend().open(name, mode)

    def _open(self, name: str, mode: str = "rb") -> File:
        return backend().open(name, mode)

    def save(self, name: str | None, content: IO[Any], max_length: int | None = None) -> str:
        return backend().save(name, content, max_length=max_length)

    def _save(self, name: str, content: IO[Any]) -> str:
        return backend().save(name, content)

    def delete(self, name: str) -> None:
        backend().delete(name)

    def exists(self, name: str) -> bool:
        return backend().exists(name)

    def size(self, name: str) -> int:
        return backend().size(name)

    def url(self, name: str | None) -> str:
        return backend().url(name)

    def path(self, name: str) -> str:
        return backend().path(name)

    def listdir(self, path: str) -> tuple[list[str], list[str]]:
        return backend().listdir(path)

    def get_modified_time(self, name: str) -> datetime:
        return backend().get_modified_time(name)

    def get_created_time(self, name: str) -> datetime:
        return backend().get_created_time(name)

    def get_accessed_time(self, name: str) -> datetime:
        return backend().get_accessed_time(name)

    def get_valid_name(self, name: str) -> str:
        return backend().get_valid_name(name)

    def get_available_name(self, name: str, max_length: int | None = None) -> str:
        return backend().get_available_name(name, max_length=max_length)

    def generate_filename(self, filename: str | os.PathLike[str]) -> str:
        return backend().generate_filename(filename)


def signed_redirect(
    name: str, *, filename: str, content_type: str, inline: bool
) -> HttpResponseRedirect | None:
    """After the access check: a redirect to a short-lived signed URL, when configured."""
    seconds = settings.ESCALADE_S3_SIGNED_URL_SECONDS
    if not (is_s3() and seconds):
        return None
    from django.utils.http import content_disposition_header

    store = backend()
    url = store.url(  # type: ignore[call-arg]
        name,
        parameters={
            "ResponseContentType": content_type,
            "ResponseContentDisposition": content_disposition_header(not inline, filename),
        },
        expire=seconds,
    )
    response = HttpResponseRedirect(url)
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response


def file_response(
    field_file: Any, *, as_attachment: bool, filename: str, content_type: str
) -> HttpResponseBase:
    """An attachment's download, once the caller's access is checked: streamed from the
    storage, or a redirect to a short-lived signed URL (ESCALADE_S3_SIGNED_URL_SECONDS)."""
    redirect = signed_redirect(
        field_file.name, filename=filename, content_type=content_type, inline=not as_attachment
    )
    if redirect is not None:
        return redirect
    return FileResponse(
        field_file.open("rb"),
        as_attachment=as_attachment,
        filename=filename,
        content_type=content_type,
    )
