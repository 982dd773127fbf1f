"""The state machine: every transition, allowed and refused, and GLPI's automatic moves."""

import pytest

from escalade.tickets import workflow
from escalade.tickets.errors import Conflict, Forbidden, InvalidInput
from escalade.tickets.models import Role, Solution, SolutionStatus, TicketActor
from escalade.tickets.status import TRANSITIONS, Status, allowed_next
from tests.conftest import open_lsu_ticket

ALL = list(Status)


def put_in(ticket, status, by):
    """Bring a fresh ticket to ``status`` through the workflow."""
    if status == Status.NEW:
        actor = TicketActor.objects.get(ticket=ticket, role=Role.ASSIGNED)
        workflow.remove_actor(ticket, by=by, actor=actor)
    elif status == Status.SOLVED:
        workflow.add_solution(ticket, by=by, content="Solution")
    elif status != Status.ASSIGNED:
        workflow.change_status(ticket, by=by, status=status)
    ticket.refresh_from_db()
    assert ticket.status == status


@pytest.mark.parametrize("source", ALL, ids=lambda s: s.name)
@pytest.mark.parametrize("target", ALL, ids=lambda s: s.name)
def test_every_transition_is_allowed_or_refused_as_the_table_says(
    demo, chef, admin_who, source, target
):
    ticket = open_lsu_ticket(demo, chef)
    put_in(ticket, source, admin_who)
    events_before = ticket.events.count()
    if source == target:
        workflow.change_status(ticket, by=admin_who, status=target)
        ticket.refresh_from_db()
        assert ticket.status == source
        assert ticket.events.count() == events_before  # a no-op records nothing
    elif target == Status.SOLVED and target in TRANSITIONS[source]:
        # Résolu only with a solution: refused by hand, nothing recorded.
        with pytest.raises(InvalidInput, match="écrivez une solution"):
            workflow.change_status(ticket, by=admin_who, status=target)
        ticket.refresh_from_db()
        assert ticket.status == source
        assert ticket.events.count() == events_before
        workflow.edit_ticket(ticket, by=admin_who, changes={"status": target}, solution="Fait.")
        ticket.refresh_from_db()
        assert ticket.status in (Status.SOLVED, Status.CLOSED)  # CLOSED: entity auto-closes
        assert ticket.solutions.get().content == "<p>Fait.</p>"
    elif target in TRANSITIONS[source]:
        workflow.change_status(ticket, by=admin_who, status=target)
        ticket.refresh_from_db()
        assert ticket.status == target
        last = ticket.events.order_by("-pk").first()
        assert (last.kind, last.data) == ("status_changed", {"old": source, "new": target})
    else:
        with pytest.raises(Conflict):
            workflow.change_status(ticket, by=admin_who, status=target)
        ticket.refresh_from_db()
        assert ticket.status == source
        assert ticket.events.count() == events_before


def test_closed_is_final():
    assert allowed_next(Status.CLOSED) == frozenset()


def test_assigning_a_new_ticket_moves_it_to_processing(demo, admin_who, tech):
    ticket = workflow.create_ticket(by=admin_who, title="Sans catégorie", content="x")
    assert ticket.status == Status.NEW
    workflow.add_actor(ticket, by=admin_who, role=Role.ASSIGNED, user=tech.user)
    ticket.refresh_from_db()
    assert ticket.status == Status.ASSIGNED
    assert ticket.taken_at is not None


def test_removing_the_last_assignee_puts_the_ticket_back_to_new(lsu_ticket, admin_who):
    actor = TicketActor.objects.get(ticket=lsu_ticket, role=Role.ASSIGNED)
    workflow.remove_actor(lsu_ticket, by=admin_who, actor=actor)
    lsu_ticket.refresh_from_db()
    assert lsu_ticket.status == Status.NEW


def test_solution_solves_then_refusal_with_reason_reopens(lsu_ticket, chef, referent):
    workflow.add_solution(lsu_ticket, by=referent, content="Videz le cache.")
    lsu_ticket.refresh_from_db()
    assert lsu_ticket.status == Status.SOLVED
    followup = workflow.refuse_solution(lsu_ticket, by=chef, reason="Toujours bloqué.")
    lsu_ticket.refresh_from_db()
    assert lsu_ticket.status == Status.ASSIGNED
    assert lsu_ticket.solved_at is None
    assert "Toujours bloqué." in followup.content
    assert Solution.objects.get(ticket=lsu_ticket).status == SolutionStatus.REFUSED


def test_refusal_needs_a_reason(lsu_ticket, chef, referent):
    from escalade.tickets.errors import InvalidInput

    workflow.add_solution(lsu_ticket, by=referent, content="Videz le cache.")
    with pytest.raises(InvalidInput):
        workflow.refuse_solution(lsu_ticket, by=chef, reason="  ")
    lsu_ticket.refresh_from_db()
    assert lsu_ticket.status == Status.SOLVED


def test_requester_followup_on_solved_ticket_reopens_it(lsu_ticket, chef, referent):
    workflow.add_solution(lsu_ticket, by=referent, content="Videz le cache.")
    workflow.add_followup(lsu_ticket, by=chef, content="Ça ne marche pas.")
    lsu_ticket.refresh_from_db()
    assert lsu_ticket.status == Status.ASSIGNED
    assert Solution.objects.get(ticket=lsu_ticket).status == SolutionStatus.REFUSED


def test_requester_followup_on_pending_ticket_reopens_it(lsu_ticket, chef, referent):
    workflow.change_status(lsu_ticket, by=referent, status=Status.WAITING)
    workflow.add_followup(lsu_ticket, by=chef, content="Voici le message d'erreur.")
    lsu_ticket.refresh_from_db()
    assert lsu_ticket.status == Status.ASSIGNED
    assert lsu_ticket.waiting_since is None


def test_technician_followup_on_pending_ticket_keeps_it_pending(lsu_ticket, referent):
    workflow.change_status(lsu_ticket, by=referent, status=Status.WAITING)
    workflow.add_followup(lsu_ticket, by=referent, content="Relance.")
    lsu_ticket.refresh_from_db()
    assert lsu_ticket.status == Status.WAITING


def test_closed_ticket_refuses_every_change(lsu_ticket, chef, referent, admin_who, demo):
    workflow.add_solution(lsu_ticket, by=referent, content="OK")
    workflow.approve_solution(lsu_ticket, by=chef)
    lsu_ticket.refresh_from_db()
    assert lsu_ticket.status == Status.CLOSED
    count = lsu_ticket.events.count()
    attempts = [
        lambda: workflow.add_followup(lsu_ticket, by=admin_who, content="x"),
        lambda: workflow.add_task(lsu_ticket, by=admin_who, content="x"),
        lambda: workflow.update_ticket(lsu_ticket, by=admin_who, changes={"title": "y"}),
        lambda: workflow.add_actor(
            lsu_ticket, by=admin_who, role=Role.OBSERVER, group=demo.dsi_bai
        ),
        lambda: workflow.escalate(lsu_ticket, by=admin_who, group=demo.dsi_bai),
        lambda: workflow.change_status(lsu_ticket, by=admin_who, status=Status.ASSIGNED),
        lambda: workflow.add_solution(lsu_ticket, by=admin_who, content="x"),
    ]
    for attempt in attempts:
        with pytest.raises((Conflict, Forbidden)):
            attempt()
    assert lsu_ticket.events.count() == count


def test_pending_time_is_counted(lsu_ticket, referent):
    import datetime

    import time_machine

    with time_machine.travel(datetime.datetime(2026, 1, 5, 9, 0, tzinfo=datetime.UTC), tick=False):
        workflow.change_status(lsu_ticket, by=referent, status=Status.WAITING)
    with time_machine.travel(datetime.datetime(2026, 1, 5, 11, 0, tzinfo=datetime.UTC), tick=False):
        workflow.change_status(lsu_ticket, by=referent, status=Status.ASSIGNED)
    lsu_ticket.refresh_from_db()
    assert lsu_ticket.waiting_seconds == 7200
