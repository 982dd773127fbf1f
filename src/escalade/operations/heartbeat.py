"""Workers tell they are alive: one row per worker, updated at every scheduler tick.

The readiness check (``/sante/pret/``) and the metrics read the youngest row: a node whose
workers all stopped is not ready, whatever its web processes answer.
"""

from __future__ import annotations

import os
import socket
from datetime import timedelta

from django.utils import timezone

from escalade.operations.models import WorkerHeartbeat


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"[:200]


def beat() -> None:
    WorkerHeartbeat.objects.update_or_create(
        worker=worker_name(), defaults={"seen_at": timezone.now()}
    )
    # Rows of workers gone for a day are forgotten (a restarted worker has a new pid).
    WorkerHeartbeat.objects.filter(seen_at__lt=timezone.now() - timedelta(days=1)).delete()


def youngest_age() -> float | None:
    """Seconds since the liveliest worker's last beat; None when no worker ever beat."""
    seen = WorkerHeartbeat.objects.order_by("-seen_at").values_list("seen_at", flat=True).first()
    if seen is None:
        return None
    return max(0.0, (timezone.now() - seen).total_seconds())
