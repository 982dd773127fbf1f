"""Maintenance mode: every page answers 503 with the maintenance page.

On while ``ESCALADE_MAINTENANCE`` is true, or while a file named ``maintenance`` exists in
the data directory (``touch var/maintenance``: every web process sees it at once, no
restart). The health check and static files keep answering.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

from escalade.core import errors

ALWAYS_SERVED = ("/sante/", "/static/")


def is_on() -> bool:
    if settings.ESCALADE_MAINTENANCE:
        return True
    return (Path(settings.DATA_DIR) / "maintenance").exists()


class MaintenanceMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if is_on() and not request.path.startswith(ALWAYS_SERVED):
            return errors.maintenance(request)
        return self.get_response(request)
