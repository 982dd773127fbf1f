"""/sante/ (alive) and /sante/pret/ (ready: database, storage, a live worker)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from escalade.operations.models import WorkerHeartbeat

pytestmark = pytest.mark.django_db


def test_liveness_answers_without_signing_in(client):
    response = client.get("/sante/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_not_ready_until_a_worker_has_beaten(client):
    response = client.get("/sante/pret/")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["checks"]["database"] == "ok"
    assert body["checks"]["storage"] == "ok"
    assert body["checks"]["worker"] == "aucun worker n'a donné signe de vie"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_ready_once_the_worker_runs(client):
    call_command("worker", batch=True)  # its first act: a heartbeat
    assert WorkerHeartbeat.objects.count() == 1
    response = client.get("/sante/pret/")
    assert response.status_code == 200, response.json()
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "storage": "ok", "worker": "ok"},
    }
    assert response["Cache-Control"].startswith("max-age=0")


def test_a_silent_worker_makes_the_node_not_ready(client, settings):
    settings.ESCALADE_WORKER_HEARTBEAT_MAX_AGE = 60
    WorkerHeartbeat.objects.create(worker="bai-1:42", seen_at=timezone.now() - timedelta(minutes=5))
    response = client.get("/sante/pret/")
    assert response.status_code == 503
    assert response.json()["checks"]["worker"].startswith(
        "dernier signe de vie d'un worker il y a 3"
    )


def test_unwritable_storage_makes_the_node_not_ready(client, settings, tmp_path):
    WorkerHeartbeat.objects.create(worker="bai-1:42")
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    settings.ATTACHMENTS_DIR = blocker
    response = client.get("/sante/pret/")
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["database"] == "ok" and checks["worker"] == "ok"
    assert checks["storage"] != "ok"
    assert list(tmp_path.iterdir()) == [blocker]  # and the probe left nothing behind


def test_maintenance_takes_the_node_out_of_the_pool(client, settings):
    WorkerHeartbeat.objects.create(worker="bai-1:42")
    settings.ESCALADE_MAINTENANCE = True
    assert client.get("/sante/").status_code == 200
    response = client.get("/sante/pret/")
    assert response.status_code == 503
    assert response.json()["checks"]["maintenance"] == "en maintenance"
