"""Concurrent changes to one ticket lose nothing (the workflow locks the row)."""

import threading

from django.db import connection

from escalade.demo.lsu import load_demo
from escalade.tickets import workflow
from escalade.tickets.models import Ticket
from tests.conftest import as_, open_lsu_ticket


def run_together(*jobs):
    barrier = threading.Barrier(len(jobs))
    errors = []

    def runner(job):
        try:
            barrier.wait(timeout=10)
            job()
        except Exception as exc:  # reported below
            errors.append(exc)
        finally:
            connection.close()  # this thread's own connection

    threads = [threading.Thread(target=runner, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []


def test_two_people_changing_one_ticket_at_once_lose_nothing(transactional_db):
    demo = load_demo()
    chef = as_(demo, "chef.etab")
    referent = as_(demo, "referent.lsu", "Référent fonctionnel")
    referent2 = as_(demo, "referent2.lsu", "Référent fonctionnel")
    ticket = open_lsu_ticket(demo, chef)
    stale_a = Ticket.objects.get(pk=ticket.pk)
    stale_b = Ticket.objects.get(pk=ticket.pk)
    if connection.vendor == "sqlite" and "memory" in connection.settings_dict["NAME"]:
        # Threads share the in-memory database only through one connection: run in turn.
        workflow.update_ticket(stale_a, by=referent, changes={"urgency": 5})
        workflow.update_ticket(stale_b, by=referent2, changes={"title": "Nouveau titre"})
    else:
        run_together(
            lambda: workflow.update_ticket(stale_a, by=referent, changes={"urgency": 5}),
            lambda: workflow.update_ticket(
                stale_b, by=referent2, changes={"title": "Nouveau titre"}
            ),
        )
    ticket.refresh_from_db()
    assert (ticket.urgency, ticket.title) == (5, "Nouveau titre")
    assert ticket.events.filter(kind="field_changed").count() == 3  # urgency, priority, title


def test_concurrent_followups_are_all_kept(transactional_db):
    demo = load_demo()
    chef = as_(demo, "chef.etab")
    referent = as_(demo, "referent.lsu", "Référent fonctionnel")
    ticket = open_lsu_ticket(demo, chef)
    jobs = [
        (lambda n=n: workflow.add_followup(ticket, by=referent, content=f"Suivi {n}"))
        for n in range(4)
    ]
    if connection.vendor == "sqlite" and "memory" in connection.settings_dict["NAME"]:
        for job in jobs:
            job()
    else:
        run_together(*jobs)
    assert ticket.followups.count() == 4
    assert ticket.events.filter(kind="followup_added").count() == 4
