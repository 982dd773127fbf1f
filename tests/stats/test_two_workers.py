"""Two workers at once against PostgreSQL: the working times are computed once per change."""

from __future__ import annotations

import threading

import pytest
import time_machine
from django.conf import settings
from django.db import connection

from escalade.demo.lsu import load_demo
from escalade.demo.slas import load_sla_demo
from escalade.stats import timings
from escalade.stats.models import TicketTiming
from escalade.tickets import workflow
from tests.conftest import as_, open_lsu_ticket
from tests.slas.conftest import paris
from tests.workers import run_two_workers

pytestmark = pytest.mark.skipif(
    "postgresql" not in settings.DATABASES["default"]["ENGINE"],
    reason="needs PostgreSQL (DATABASE_URL=postgres://…): SQLite serialises writers",
)

TICKETS = 30


def _taken_tickets() -> list[int]:
    """Tickets opened on Friday at 16:00 and taken on Monday at 9:00: 90 working minutes."""
    demo = load_demo()
    load_sla_demo(demo)
    chef = as_(demo, "chef.etab")
    referent = as_(demo, "referent.lsu", "Référent fonctionnel")
    ids = []
    for n in range(TICKETS):
        with time_machine.travel(paris(2026, 3, 6, 16), tick=False):
            ticket = open_lsu_ticket(demo, chef, title=f"Accès impossible ({n})")
        with time_machine.travel(paris(2026, 3, 9, 9), tick=False):
            workflow.take(ticket, by=referent)
        ids.append(ticket.pk)
    return ids


def _assert_all_computed(ids: list[int]) -> None:
    rows = TicketTiming.objects.filter(ticket_id__in=ids)
    assert sorted(rows.values_list("ticket_id", flat=True)) == sorted(ids)
    assert set(rows.values_list("own_seconds", flat=True)) == {90 * 60}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_workers_at_once_compute_each_ticket_once():
    ids = _taken_tickets()
    start = threading.Barrier(2)
    done: list[int] = []
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            start.wait()
            done.append(timings.refresh_timings(now=paris(2026, 3, 10, 12), batch=7))
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
    assert sum(done) == TICKETS, done  # each ticket once, by one worker or the other
    _assert_all_computed(ids)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_worker_processes_compute_each_ticket_once(tmp_path):
    """Two ``escalade worker --batch`` processes with the job queued twice."""
    from django_tasks_db.models import DBTaskResult

    from escalade.stats.tasks import refresh_timings

    ids = _taken_tickets()
    refresh_timings.enqueue()
    refresh_timings.enqueue()
    run_two_workers(tmp_path, timeout=180)
    _assert_all_computed(ids)
    results = DBTaskResult.objects.filter(task_path="escalade.stats.tasks.refresh_timings")
    assert sum(r.return_value or 0 for r in results) == TICKETS
