"""Two workers at once against PostgreSQL: each mail is sent once."""

from __future__ import annotations

import threading
from collections import Counter

import pytest
from django.conf import settings
from django.db import connection

from escalade.notifications import delivery
from escalade.notifications.models import Notification, Status
from escalade.tickets import workflow
from escalade.tickets.demo import load_demo
from tests.conftest import as_, open_lsu_ticket

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
    assert rows.count() == 24
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
    assert sum(sent) == 24
    assert all(n > 0 for n in sent), f"one worker did all the work: {sent}"
    assert set(rows.values_list("status", "attempts")) == {(Status.SENT, 1)}
    delivered = Counter((m.to, m.header("Message-ID")) for m in smtp.received)
    assert len(smtp.received) == 24
    assert set(delivered.values()) == {1}
