"""Two workers at once against PostgreSQL: each mail is sent once."""

from __future__ import annotations

import threading
from collections import Counter

import pytest
from django.conf import settings
from django.db import connection

from escalade.demo.lsu import load_demo
from escalade.notifications import delivery
from escalade.notifications.models import Notification, Status
from escalade.tickets import workflow
from tests.conftest import as_, open_lsu_ticket
from tests.workers import run_two_workers

pytestmark = pytest.mark.skipif(
    "postgresql" not in settings.DATABASES["default"]["ENGINE"],
    reason="needs PostgreSQL (DATABASE_URL=postgres://…): SQLite serialises writers",
)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_workers_at_once_send_each_mail_once(smtp):
    demo = load_demo()
    chef, referent = as_(demo, "chef.etab"), as_(demo, "referent.lsu", "Référent fonctionnel")
    for n in range(6):
        ticket = open_lsu_ticket(demo, chef, title=f"Accès impossible à LSU ({n})")
        workflow.add_followup(ticket, by=referent, content="Pouvez-vous réessayer ?")
    rows = Notification.objects.all()
    assert rows.count() == 30  # per ticket: the receipt, 2 referents, then 2 for the followup
    smtp.inbox.delay = 0.03  # a slow server widens the window for a race

    start = threading.Barrier(2)
    sent: list[int] = []
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            start.wait()
            sent.append(delivery.deliver_due())
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)

    assert errors == []
    assert sum(sent) == 30
    assert all(n > 0 for n in sent), f"one worker did all the work: {sent}"
    assert set(rows.values_list("status", "attempts")) == {(Status.SENT, 1)}
    delivered = Counter((m.to, m.header("Message-ID")) for m in smtp.received)
    assert len(smtp.received) == 30
    assert set(delivered.values()) == {1}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_worker_processes_send_each_mail_once(smtp, tmp_path):
    """Two ``escalade worker --batch`` processes drain the same queue (tasks and safety net)."""
    demo = load_demo()
    chef, referent = as_(demo, "chef.etab"), as_(demo, "referent.lsu", "Référent fonctionnel")
    for n in range(4):
        ticket = open_lsu_ticket(demo, chef, title=f"Accès impossible à LSU ({n})")
        workflow.add_followup(ticket, by=referent, content="Pouvez-vous réessayer ?")
    total = Notification.objects.count()
    assert total == 20  # 4 tickets × (receipt, 2 referents, 2 followup mails)
    smtp.inbox.delay = 0.03

    run_two_workers(tmp_path, extra_env={"EMAIL_URL": f"smtp://127.0.0.1:{smtp.port}"}, timeout=120)

    rows = Notification.objects.all()
    assert set(rows.values_list("status", "attempts")) == {(Status.SENT, 1)}
    delivered = Counter((m.to, m.header("Message-ID")) for m in smtp.received)
    assert len(smtp.received) == total
    assert set(delivered.values()) == {1}
