"""Prometheus metrics: request latency (per process) and the state of the queues (read from
the database, so every node answers the same).

- ``escalade_http_request_duration_seconds`` (histogram; method, view, status class);
- ``escalade_outbox_notifications{status}``: the outbox's rows waiting, being sent, failed;
- ``escalade_mails_sent_total``, ``escalade_mails_failed_total``: mails sent, given up;
- ``escalade_task_queue_depth``, ``escalade_task_queue_lag_seconds``: background tasks ready
  to run, and how long the oldest one has been waiting;
- ``escalade_periodic_job_lag_seconds{job}``: how late each periodic job is (0 on time);
- ``escalade_worker_heartbeat_age_seconds``: since the liveliest worker's last beat.

Under gunicorn's several processes, ``escalade run`` sets ``PROMETHEUS_MULTIPROC_DIR`` so
that the histogram adds up every process of the node.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator

from django.db.models import Count
from django.utils import timezone
from prometheus_client import (
    CollectorRegistry,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import REGISTRY, CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

REQUEST_SECONDS = Histogram(
    "escalade_http_request_duration_seconds",
    "Time to answer a request, per view.",
    ["method", "view", "status"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)


class MetricsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        start = time.perf_counter()
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        # The route's name, never the raw path: ids would make one series per ticket.
        view = (match.view_name or match.route) if match else "unknown"
        method = request.method if request.method in _METHODS else "other"
        REQUEST_SECONDS.labels(method, view, f"{response.status_code // 100}xx").observe(
            time.perf_counter() - start
        )
        return response


_METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}


class DatabaseCollector(Collector):
    """The queues, read at each scrape."""

    def collect(self) -> Iterator[Metric]:
        from django_tasks_db.models import DBTaskResult

        from escalade.core.models import PeriodicRun
        from escalade.core.periodic import JOBS
        from escalade.notifications.models import Notification, Status
        from escalade.operations import heartbeat

        now = timezone.now()
        counts = dict(Notification.objects.values_list("status").annotate(n=Count("pk")).order_by())
        outbox = GaugeMetricFamily(
            "escalade_outbox_notifications", "Notification outbox rows.", labels=["status"]
        )
        for status in (Status.WAITING, Status.SENDING, Status.FAILED):
            outbox.add_metric([str(status)], counts.get(status, 0))
        yield outbox
        yield CounterMetricFamily(
            "escalade_mails_sent", "Mails accepted by the SMTP server.", counts.get(Status.SENT, 0)
        )
        yield CounterMetricFamily(
            "escalade_mails_failed",
            "Mails given up after their last attempt.",
            counts.get(Status.FAILED, 0),
        )

        ready = DBTaskResult.objects.ready()
        yield GaugeMetricFamily(
            "escalade_task_queue_depth", "Background tasks ready to run.", ready.count()
        )
        oldest = ready.order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
        yield GaugeMetricFamily(
            "escalade_task_queue_lag_seconds",
            "Age of the oldest background task waiting to run.",
            (now - oldest).total_seconds() if oldest else 0.0,
        )

        runs = dict(PeriodicRun.objects.values_list("name", "last_run"))
        lag = GaugeMetricFamily(
            "escalade_periodic_job_lag_seconds",
            "Seconds a periodic job is overdue (0: on time).",
            labels=["job"],
        )
        for job in JOBS:
            last = runs.get(job.task)
            late = (now - last - job.every).total_seconds() if last else float("inf")
            lag.add_metric([job.task.rsplit(".", 1)[-1]], max(0.0, late))
        yield lag

        age = heartbeat.youngest_age()
        yield GaugeMetricFamily(
            "escalade_worker_heartbeat_age_seconds",
            "Seconds since the liveliest worker's last heartbeat.",
            age if age is not None else float("inf"),
        )


def exposition() -> bytes:
    """The text format: this node's processes, then the database's figures."""
    database = CollectorRegistry(auto_describe=False)
    database.register(DatabaseCollector())
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        processes = CollectorRegistry()
        multiprocess.MultiProcessCollector(processes)
    else:
        processes = REGISTRY
    return generate_latest(processes) + generate_latest(database)
