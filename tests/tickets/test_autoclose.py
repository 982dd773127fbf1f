import datetime

import time_machine
from django.core.management import call_command

from escalade.tickets import workflow
from escalade.tickets.models import Solution, SolutionStatus
from escalade.tickets.status import Status
from tests.conftest import open_lsu_ticket

T0 = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)


def test_solved_tickets_close_after_the_entity_delay(demo, chef, referent):
    demo.academie.autoclose_days = 7
    demo.academie.save()
    with time_machine.travel(T0, tick=False):
        ticket = open_lsu_ticket(demo, chef)
        workflow.add_solution(ticket, by=referent, content="Fait")
    with time_machine.travel(T0 + datetime.timedelta(days=6), tick=False):
        assert workflow.close_expired_solutions() == 0
    with time_machine.travel(T0 + datetime.timedelta(days=8), tick=False):
        assert workflow.close_expired_solutions() == 1
    ticket.refresh_from_db()
    assert ticket.status == Status.CLOSED
    assert Solution.objects.get(ticket=ticket).status == SolutionStatus.ACCEPTED
    closing = ticket.events.order_by("-pk").first()
    assert closing.actor is None and closing.data == {"old": 5, "new": 6}


def test_no_delay_means_never(demo, chef, referent):
    ticket = open_lsu_ticket(demo, chef)
    workflow.add_solution(ticket, by=referent, content="Fait")
    with time_machine.travel(datetime.datetime(2030, 1, 1, tzinfo=datetime.UTC)):
        assert workflow.close_expired_solutions() == 0


def test_zero_delay_closes_at_once(demo, chef, referent):
    demo.college.autoclose_days = 0
    demo.college.save()
    ticket = open_lsu_ticket(demo, chef)
    workflow.add_solution(ticket, by=referent, content="Fait")
    ticket.refresh_from_db()
    assert ticket.status == Status.CLOSED


def test_the_worker_runs_the_periodic_job(transactional_db, settings):
    from escalade.demo.lsu import load_demo
    from tests.conftest import as_

    demo = load_demo()
    demo.academie.autoclose_days = 1
    demo.academie.save()
    with time_machine.travel(T0, tick=False):
        ticket = open_lsu_ticket(demo, as_(demo, "chef.etab"))
        workflow.add_solution(
            ticket, by=as_(demo, "referent.lsu", "Référent fonctionnel"), content="Fait"
        )
    call_command("worker", batch=True)
    ticket.refresh_from_db()
    assert ticket.status == Status.CLOSED
