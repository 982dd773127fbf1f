"""``escalade worker``: runs background tasks and enqueues the periodic jobs."""

from __future__ import annotations

import logging
import threading
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections

from escalade.core.periodic import enqueue_due_jobs
from escalade.operations import heartbeat

logger = logging.getLogger("escalade.worker")


class Command(BaseCommand):
    help = "Exécute les tâches de fond (envoi des courriels, relève, clôtures automatiques)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--interval",
            type=float,
            default=1.0,
            help="Secondes entre deux recherches de tâche (défaut 1).",
        )
        parser.add_argument(
            "--tick",
            type=float,
            default=30.0,
            help="Secondes entre deux examens des tâches périodiques.",
        )
        parser.add_argument(
            "--batch",
            action="store_true",
            help="S'arrêter quand il n'y a plus de tâche (tests, cron).",
        )

    def handle(self, *args, interval: float, tick: float, batch: bool, **options) -> None:
        if batch:
            heartbeat.beat()
            enqueue_due_jobs()
        else:
            threading.Thread(
                target=_scheduler, args=(tick,), daemon=True, name="escalade-periodic"
            ).start()
        call_command(
            "db_worker", interval=interval, batch=batch, startup_delay=not batch, queue_name="*"
        )


def _scheduler(tick: float) -> None:
    while True:
        try:
            close_old_connections()
            heartbeat.beat()  # /sante/pret/ and the metrics read it
            for name in enqueue_due_jobs():
                logger.info("periodic job enqueued: %s", name)
        except Exception:  # keep the scheduler alive; the next tick retries
            logger.exception("periodic scheduling failed")
        finally:
            close_old_connections()
        time.sleep(tick)
