"""Periodic jobs, enqueued by every ``escalade worker``; only one worker wins each turn.

Each app registers its jobs here (explicitly, in ``JOBS``): the dotted path of
a django-tasks task and its interval. The task itself must be idempotent.
"""

from __future__ import annotations

import contextlib
import logging
from dataclasses import dataclass
from datetime import timedelta

from django.db import IntegrityError
from django.db.models import Q
from django.utils import timezone
from django.utils.module_loading import import_string

from escalade.core.models import PeriodicRun

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    task: str  # dotted path to a @task
    every: timedelta


JOBS: list[Job] = [
    Job("escalade.tickets.tasks.close_expired_solutions", timedelta(minutes=15)),
    Job("escalade.tickets.tasks.purge_pending_uploads", timedelta(hours=1)),
    Job("escalade.notifications.tasks.deliver_due_notifications", timedelta(minutes=1)),
    Job("escalade.mailgate.tasks.collect_mail", timedelta(minutes=2)),
    Job("escalade.satisfaction.tasks.open_due_surveys", timedelta(minutes=15)),
    Job("escalade.stats.tasks.send_monthly_reports", timedelta(hours=6)),
    Job("escalade.slas.tasks.fire_due_levels", timedelta(minutes=1)),
    Job("escalade.stats.tasks.refresh_timings", timedelta(minutes=1)),
]


def claim(name: str, every: timedelta) -> bool:
    """True for exactly one caller per interval, across processes and machines."""
    now = timezone.now()
    with contextlib.suppress(IntegrityError):  # another worker created it first
        PeriodicRun.objects.get_or_create(name=name)
    won = PeriodicRun.objects.filter(
        Q(last_run__isnull=True) | Q(last_run__lte=now - every), name=name
    ).update(last_run=now)
    return won == 1


def enqueue_due_jobs() -> list[str]:
    enqueued = []
    for job in JOBS:
        if claim(job.task, job.every):
            import_string(job.task).enqueue()
            enqueued.append(job.task)
    return enqueued
