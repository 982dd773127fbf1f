"""/sante/metriques/: Prometheus' format, for the monitoring only."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from prometheus_client.parser import text_string_to_metric_families

from escalade.core.models import PeriodicRun
from escalade.notifications import delivery
from escalade.notifications.models import Notification, Status
from escalade.operations.models import WorkerHeartbeat
from tests.factories import open_lsu_ticket

pytestmark = pytest.mark.django_db
URL = "/sante/metriques/"


def samples(response) -> dict[tuple[str, tuple], float]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain; version=0.0.4")
    found = {}
    for family in text_string_to_metric_families(response.content.decode()):
        for sample in family.samples:
            found[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return found


def test_nobody_reads_the_metrics_by_default(client, admin_client):
    assert client.get(URL).status_code == 404
    assert admin_client.get(URL).status_code == 404  # not even Django's superuser


def test_token_protects_the_metrics(client, settings):
    settings.ESCALADE_METRICS_TOKEN = "s3cr3t-scrape-token"
    assert client.get(URL).status_code == 404
    assert client.get(URL, HTTP_AUTHORIZATION="Bearer wrong").status_code == 404
    assert client.get(URL, HTTP_AUTHORIZATION="Bearer s3cr3t-scrape-token").status_code == 200


def test_internal_networks_read_without_token(client, settings):
    settings.ESCALADE_METRICS_ALLOW = ["10.0.0.0/8"]
    assert client.get(URL, REMOTE_ADDR="10.2.3.4").status_code == 200
    assert client.get(URL, REMOTE_ADDR="192.0.2.10").status_code == 404


def test_request_latency_per_view(client, settings):
    settings.ESCALADE_METRICS_TOKEN = "t" * 20
    client.get("/sante/")
    client.get("/tickets/123456/")  # redirected to the sign-in page
    found = samples(client.get(URL, HTTP_AUTHORIZATION="Bearer " + "t" * 20))
    health = ("method", "GET"), ("status", "2xx"), ("view", "health")
    assert found[("escalade_http_request_duration_seconds_count", health)] >= 1
    assert found[("escalade_http_request_duration_seconds_bucket", (("le", "+Inf"), *health))] >= 1
    names = {labels for name, labels in found if name.endswith("_count")}
    assert all("123456" not in str(labels) for labels in names)  # no series per ticket id


def test_outbox_mails_and_lag(client, settings, demo, chef, smtp):
    settings.ESCALADE_METRICS_TOKEN = "t" * 20
    open_lsu_ticket(demo, chef)
    waiting = Notification.objects.filter(status=Status.WAITING).count()
    assert waiting == 3  # the receipt and the two referents
    Notification.objects.filter(pk=Notification.objects.order_by("pk")[0].pk).update(
        status=Status.FAILED
    )
    PeriodicRun.objects.update_or_create(
        name="escalade.notifications.tasks.deliver_due_notifications",
        defaults={"last_run": timezone.now() - timedelta(minutes=11)},
    )
    WorkerHeartbeat.objects.create(worker="bai-1:7", seen_at=timezone.now() - timedelta(seconds=30))

    auth = {"HTTP_AUTHORIZATION": "Bearer " + "t" * 20}
    found = samples(client.get(URL, **auth))
    assert found[("escalade_outbox_notifications", (("status", "waiting"),))] == 2
    assert found[("escalade_outbox_notifications", (("status", "failed"),))] == 1
    assert found[("escalade_mails_sent_total", ())] == 0
    assert found[("escalade_mails_failed_total", ())] == 1
    lag = found[("escalade_periodic_job_lag_seconds", (("job", "deliver_due_notifications"),))]
    assert 590 < lag < 620  # due every minute, last run 11 minutes ago
    assert found[("escalade_periodic_job_lag_seconds", (("job", "fire_due_levels"),))] == float(
        "inf"
    )  # never ran
    assert 29 < found[("escalade_worker_heartbeat_age_seconds", ())] < 60

    delivery.deliver_due()
    found = samples(client.get(URL, **auth))
    assert found[("escalade_mails_sent_total", ())] == 2
    assert found[("escalade_outbox_notifications", (("status", "waiting"),))] == 0
    assert len(smtp.received) == 2
