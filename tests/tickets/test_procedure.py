"""The whole LSU procedure at the workflow level, step by step."""

from escalade.tickets import access, workflow
from escalade.tickets.models import Role, SolutionStatus, TicketActor
from escalade.tickets.status import Status
from tests.conftest import open_lsu_ticket


def actors(ticket, role):
    return {
        (a.user.username if a.user else a.group.name)
        for a in TicketActor.objects.filter(ticket=ticket, role=role).select_related(
            "user", "group"
        )
    }


def test_lsu_procedure_from_creation_to_closure(demo, chef, referent, tech):
    # 3.1 chef.etab opens an LSU incident: it is routed to Référents-LSU.
    ticket = open_lsu_ticket(demo, chef)
    assert actors(ticket, Role.REQUESTER) == {"chef.etab"}
    assert actors(ticket, Role.ASSIGNED) == {"Référents-LSU"}
    assert ticket.status == Status.ASSIGNED

    # 3.2 the referent, with the "Référent fonctionnel" profile, sees it and takes it.
    assert access.visible_tickets(referent).filter(pk=ticket.pk).exists()
    ticket = access.get_ticket_for(referent, ticket.pk)
    workflow.take(ticket, by=referent)
    assert actors(ticket, Role.ASSIGNED) == {"Référents-LSU", "referent.lsu"}

    # 3.2.2 followup.
    followup = workflow.add_followup(ticket, by=referent, content="Pouvez-vous réessayer ?")
    assert followup.ticket_id == ticket.pk

    # 3.3 escalation to DSI-BAI, Référents-LSU stays as observer.
    workflow.escalate(ticket, by=referent, group=demo.dsi_bai)
    assert actors(ticket, Role.ASSIGNED) == {"DSI-BAI"}
    assert actors(ticket, Role.OBSERVER) == {"Référents-LSU"}
    assert access.visible_tickets(referent).filter(pk=ticket.pk).exists()

    # tech.bai solves it through a followup with status Résolu.
    ticket = access.get_ticket_for(tech, ticket.pk)
    solution = workflow.add_followup(
        ticket, by=tech, content="Droits corrigés dans LSU.", status=Status.SOLVED
    )
    ticket.refresh_from_db()
    assert ticket.status == Status.SOLVED
    assert ticket.solved_at is not None

    # chef.etab approves: closed.
    ticket = access.get_ticket_for(chef, ticket.pk)
    workflow.approve_solution(ticket, by=chef)
    ticket.refresh_from_db()
    solution.refresh_from_db()
    assert ticket.status == Status.CLOSED
    assert ticket.closed_at is not None
    assert solution.status == SolutionStatus.ACCEPTED
    kinds = list(ticket.events.values_list("kind", flat=True))
    assert kinds[0] == "created"
    assert "escalated" in kinds and kinds.count("status_changed") >= 3
