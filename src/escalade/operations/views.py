"""Health and metrics for load balancers and monitoring (outside the maintenance page)."""

from __future__ import annotations

import hmac
import ipaddress
import logging
import uuid

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import connections
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from escalade.core import maintenance
from escalade.operations import heartbeat
from escalade.operations.metrics import exposition

logger = logging.getLogger(__name__)


def _database() -> str:
    for alias in connections:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
    return "ok"


def _storage() -> str:
    """Writes, reads back and deletes a small file where attachments go."""
    from escalade.tickets.models import attachment_storage

    storage = attachment_storage()
    name = storage.save(f"sante/{uuid.uuid4().hex}", ContentFile(b"ok"))
    try:
        with storage.open(name, "rb") as handle:
            if handle.read() != b"ok":
                return "le fichier relu diffère"
    finally:
        storage.delete(name)
    return "ok"


def _worker() -> str:
    age = heartbeat.youngest_age()
    if age is None:
        return "aucun worker n'a donné signe de vie"
    limit = settings.ESCALADE_WORKER_HEARTBEAT_MAX_AGE
    if age > limit:
        return f"dernier signe de vie d'un worker il y a {int(age)} s (plus de {limit} s)"
    return "ok"


@never_cache
@require_GET
def ready(request: HttpRequest) -> JsonResponse:
    """Readiness: 200 when this node can serve (database, storage, a live worker), else 503
    with the failing checks, so that a load balancer sends requests elsewhere."""
    checks: dict[str, str] = {}
    for name, check in (("database", _database), ("storage", _storage), ("worker", _worker)):
        try:
            checks[name] = check()
        except Exception as exc:  # what failed is the answer, not an error page
            logger.warning("readiness check %s failed: %s", name, exc)
            checks[name] = f"{type(exc).__name__}: {exc}"[:300]
    if maintenance.is_on():
        checks["maintenance"] = "en maintenance"
    ok = all(value == "ok" for value in checks.values())
    return JsonResponse(
        {"status": "ok" if ok else "error", "checks": checks}, status=200 if ok else 503
    )


def _allowed(request: HttpRequest) -> bool:
    token = settings.ESCALADE_METRICS_TOKEN
    if token:
        sent = request.headers.get("Authorization", "")
        return hmac.compare_digest(sent.encode(), f"Bearer {token}".encode())
    try:
        client = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
    except ValueError:
        return False
    return any(
        client in ipaddress.ip_network(net, strict=False) for net in settings.ESCALADE_METRICS_ALLOW
    )


@never_cache
@require_GET
def metrics(request: HttpRequest) -> HttpResponse:
    """Prometheus' text format, for a bearer of ESCALADE_METRICS_TOKEN or a client address in
    ESCALADE_METRICS_ALLOW; anyone else gets the same 404 as an address that does not exist."""
    if not _allowed(request):
        raise Http404
    return HttpResponse(exposition(), content_type="text/plain; version=0.0.4; charset=utf-8")
