"""Reads on a streaming replica (``DATABASE_REPLICA_URL``), with read-your-writes.

Only the heavy reads go to the replica: the ticket list, its CSV export, GLPI's
``search/``, the statistics (page, export, API) and every ``GET`` of ``/api/v1/``. Everything
else, every write, every read inside a transaction and every read of sessions, tokens,
sign-in attempts, GLPI sessions, tasks and the cache stays on the primary.

Read-your-writes: a request that may write (POST, PUT, PATCH, DELETE) pins its author to the
primary for ``ESCALADE_READ_YOUR_WRITES_SECONDS``: a browser through a cookie, an API client
through its credentials (a hash of its ``Authorization`` or ``Session-Token`` header, kept in
the shared cache), so that whoever just wrote never reads an older copy than what they wrote.
"""

from __future__ import annotations

import contextvars
import hashlib
import time
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import connections

REPLICA = "replica"
COOKIE = "escalade_primaire"
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
REPLICA_VIEWS = frozenset(
    {
        "tickets:list",
        "tickets:export",
        "glpi:search",
        "stats:page",
        "stats:export",
        "stats_api:statistics",
    }
)
# Models whose reads may be served by the replica (the others always read the primary).
REPLICA_APPS = frozenset(
    {"tickets", "stats", "satisfaction", "validations", "slas", "accounts", "notifications"}
)
PRIMARY_MODELS = frozenset({("accounts", "apitoken")})

_on_replica: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "escalade_on_replica", default=False
)


class ReplicaRouter:
    def db_for_read(self, model: Any, **hints: Any) -> str | None:
        if not _on_replica.get():
            return None
        meta = model._meta
        if meta.app_label not in REPLICA_APPS or (meta.app_label, meta.model_name) in (
            PRIMARY_MODELS
        ):
            return None
        if connections["default"].in_atomic_block:  # reading what this request writes
            return None
        return REPLICA

    def db_for_write(self, model: Any, **hints: Any) -> str:
        return "default"

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        return True  # one database, two copies

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db == "default"


def _credential_key(request: Any) -> str | None:
    credential = request.headers.get("Authorization") or request.headers.get("Session-Token")
    if not credential:
        return None
    return "escalade:primaire:" + hashlib.sha256(credential.encode()).hexdigest()


def _pinned(request: Any) -> bool:
    try:
        if float(request.COOKIES.get(COOKIE, "0")) > time.time():
            return True
    except ValueError:
        pass
    key = _credential_key(request)
    return bool(key and cache.get(key))


class ReplicaMiddleware:
    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: Any) -> Any:
        try:
            response = self.get_response(request)
        finally:
            _on_replica.set(False)
        seconds = settings.ESCALADE_READ_YOUR_WRITES_SECONDS
        if request.method in UNSAFE and seconds:
            response.set_cookie(
                COOKIE,
                f"{time.time() + seconds:.3f}",
                max_age=seconds,
                httponly=True,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
            )
            if key := _credential_key(request):
                cache.set(key, 1, seconds)
        return response

    def process_view(self, request: Any, view: Any, args: Any, kwargs: Any) -> None:
        if request.method not in ("GET", "HEAD"):
            return
        match = request.resolver_match
        heavy = match is not None and (
            match.view_name in REPLICA_VIEWS or request.path.startswith("/api/v1/")
        )
        if heavy and not _pinned(request):
            _on_replica.set(True)


def on_replica() -> bool:
    """True while this request's reads may go to the replica (for the tests and the logs)."""
    return _on_replica.get()
