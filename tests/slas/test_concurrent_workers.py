"""Two workers at once against PostgreSQL: each escalation level fires once per ticket."""

from __future__ import annotations

import threading
from collections import Counter

import pytest
import time_machine
from django.conf import settings
from django.db import connection

from escalade.demo.lsu import load_demo
from escalade.demo.slas import load_sla_demo
from escalade.notifications.models import Notification
from escalade.slas import workflow as sla_workflow
from escalade.slas.models import LevelRun
from escalade.tickets.models import TicketEvent
from tests.conftest import as_, open_lsu_ticket
from tests.slas.conftest import paris
from tests.workers import run_two_workers

pytestmark = pytest.mark.skipif(
    "postgresql" not in settings.DATABASES["default"]["ENGINE"],
    reason="needs PostgreSQL (DATABASE_URL=postgres://…): SQLite serialises writers",
)

TICKETS = 8


def _late_tickets() -> list[int]:
    demo = load_demo()
    load_sla_demo(demo)
    chef = as_(demo, "chef.etab")
    ids = []
    with time_machine.travel(paris(2026, 3, 6, 16), tick=False):
        for n in range(TICKETS):
            ids.append(open_lsu_ticket(demo, chef, title=f"Accès impossible à LSU ({n})").pk)
    return ids


def _assert_each_level_fired_once(ids: list[int]) -> None:
    fired = Counter(
        (e.ticket_id, e.data["level"])
        for e in TicketEvent.objects.filter(ticket_id__in=ids, kind="level_reached")
    )
    # Two levels per ticket are due by now: not taken (Mon 9:30), late (Tue 16:00).
    assert len(fired) == 2 * TICKETS
    assert set(fired.values()) == {1}
    assert set(LevelRun.objects.filter(ticket_id__in=ids).values_list("outcome", flat=True)) == {
        "fired"
    }
    # One mail to the group's supervisor per "not taken" level, none twice.
    mails = Counter(
        (n.ticket_id, n.recipient.username)
        for n in Notification.objects.filter(ticket_id__in=ids, events__contains=["level_reached"])
    )
    assert mails == Counter({(pk, "referent.lsu"): 1 for pk in ids})


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_workers_at_once_fire_each_level_once():
    ids = _late_tickets()
    start = threading.Barrier(2)
    fired: list[int] = []
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            start.wait()
            fired.append(sla_workflow.fire_due_levels(now=paris(2026, 3, 11, 12)))
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert errors == []
    assert sum(fired) == 2 * TICKETS, fired
    _assert_each_level_fired_once(ids)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_worker_processes_fire_each_level_once(tmp_path):
    """Two ``escalade worker --batch`` processes, with the job queued twice (a slow run
    overlapping the next turn): the levels still fire once."""
    from escalade.slas.tasks import fire_due_levels

    ids = _late_tickets()
    fire_due_levels.enqueue()
    fire_due_levels.enqueue()
    run_two_workers(tmp_path, timeout=180)
    _assert_each_level_fired_once(ids)
