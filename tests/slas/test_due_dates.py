"""Due dates on tickets: set on creation, moved by pauses, recomputed from the log."""

from __future__ import annotations

import time_machine

from escalade.notifications.models import Notification
from escalade.slas import workflow as sla_workflow
from escalade.slas.models import LevelRun
from escalade.tickets import workflow
from escalade.tickets.models import Category, Role, TicketActor
from escalade.tickets.status import Status
from tests.conftest import open_lsu_ticket
from tests.slas.conftest import paris

FRIDAY_4PM = paris(2026, 3, 6, 16)


def _open(demo, chef, at=FRIDAY_4PM):
    with time_machine.travel(at, tick=False):
        return open_lsu_ticket(demo, chef)


def test_a_ticket_gets_its_due_dates_on_creation_across_the_weekend(demo, chef, slas):
    ticket = _open(demo, chef)
    ticket.refresh_from_db()
    assert ticket.sla_tto == slas.tto and ticket.sla_ttr == slas.ttr
    assert ticket.ola_ttr == slas.ola_ttr and ticket.ola_tto is None
    # 2 h: 16:00-17:00 on Friday, 8:30-9:30 on Monday.
    assert ticket.time_to_own == paris(2026, 3, 9, 9, 30)
    # 2 working days: Tuesday, same hour.
    assert ticket.time_to_resolve == paris(2026, 3, 10, 16)
    # 8 h: 1 h on Friday, 7 h on Monday.
    assert ticket.internal_time_to_resolve == paris(2026, 3, 9, 17)
    assert ticket.internal_time_to_own is None
    assert ticket.next_due_at == paris(2026, 3, 9, 9, 30)
    assert ticket.owned_at is None  # the group was assigned, no person took it


def test_a_person_taking_the_ticket_meets_the_time_to_own(demo, chef, referent, slas):
    ticket = _open(demo, chef)
    with time_machine.travel(paris(2026, 3, 9, 9), tick=False):
        workflow.take(ticket, by=referent)
    ticket.refresh_from_db()
    assert ticket.owned_at == paris(2026, 3, 9, 9)
    assert ticket.next_due_at == paris(2026, 3, 9, 17)  # the OLA is next
    shown = {s.slot.due_field: s for s in slas_explain(ticket, paris(2026, 3, 9, 10))}
    assert shown["time_to_own"].met_at == paris(2026, 3, 9, 9)
    assert not shown["time_to_own"].late
    assert shown["time_to_own"].seconds_left == 30 * 60


def slas_explain(ticket, now):
    return sla_workflow.explain(ticket, now=now)


def test_the_clock_stops_while_waiting_and_resumes_after(demo, chef, referent, slas):
    ticket = _open(demo, chef)
    with time_machine.travel(paris(2026, 3, 9, 9), tick=False):
        workflow.take(ticket, by=referent)
    with time_machine.travel(paris(2026, 3, 9, 10), tick=False):
        workflow.change_status(ticket, by=referent, status=Status.WAITING)
    ticket.refresh_from_db()
    assert ticket.next_due_at is None  # clock stopped: nothing is coming due
    # Still waiting days later: not late, time left frozen.
    shown = {s.slot.due_field: s for s in slas_explain(ticket, paris(2026, 3, 16, 10))}
    ola = shown["internal_time_to_resolve"]
    assert ola.paused and not ola.late
    assert ola.seconds_left == 5 * 3600 + 30 * 60  # 8 h - (1 h Fri + 1 h 30 Mon)
    with time_machine.travel(paris(2026, 3, 10, 10), tick=False):
        workflow.change_status(ticket, by=referent, status=Status.ASSIGNED)
    ticket.refresh_from_db()
    # 7 working hours paused: Tuesday 16:00 + 7 h -> Wednesday 16:00; OLA -> Tuesday 17:00.
    assert ticket.time_to_resolve == paris(2026, 3, 11, 16)
    assert ticket.internal_time_to_resolve == paris(2026, 3, 10, 17)
    assert ticket.next_due_at == paris(2026, 3, 10, 17)
    shown = {s.slot.due_field: s for s in slas_explain(ticket, paris(2026, 3, 10, 11))}
    assert shown["time_to_resolve"].paused_seconds == 7 * 3600
    assert shown["time_to_resolve"].due_without_pauses == paris(2026, 3, 10, 16)
    assert next(p for p, _ in shown["time_to_resolve"].pauses).start == paris(2026, 3, 9, 10)


def test_due_dates_are_recomputed_identically_from_the_event_log(demo, chef, referent, slas):
    ticket = _open(demo, chef)
    for at, status in (
        (paris(2026, 3, 9, 9), Status.WAITING),
        (paris(2026, 3, 9, 11), Status.ASSIGNED),
        (paris(2026, 3, 9, 14), Status.WAITING),
        (paris(2026, 3, 9, 15), Status.ASSIGNED),
    ):
        with time_machine.travel(at, tick=False):
            workflow.change_status(ticket, by=referent, status=status)
    ticket.refresh_from_db()
    stored = (ticket.time_to_own, ticket.time_to_resolve, ticket.internal_time_to_resolve)
    shown = {s.slot.due_field: s.due for s in sla_workflow.explain(ticket)}
    assert (
        shown["time_to_own"],
        shown["time_to_resolve"],
        shown["internal_time_to_resolve"],
    ) == stored
    # 3 working hours of pauses (9-11, 14-15) moved the resolution date.
    assert ticket.time_to_resolve == paris(2026, 3, 11, 10, 30)  # Tue 16:00 + 1 h + 2 h


def test_solving_meets_the_resolution_and_reopening_runs_it_again(demo, chef, referent, slas):
    ticket = _open(demo, chef)
    with time_machine.travel(paris(2026, 3, 9, 9), tick=False):
        workflow.add_solution(ticket, by=referent, content="Réinitialisez le mot de passe.")
    ticket.refresh_from_db()
    assert ticket.next_due_at is None
    assert not LevelRun.objects.filter(ticket=ticket, fired_at__isnull=True).exists()
    with time_machine.travel(paris(2026, 3, 9, 10), tick=False):
        workflow.refuse_solution(ticket, by=chef, reason="Toujours bloqué.")
    ticket.refresh_from_db()
    assert ticket.next_due_at == paris(2026, 3, 9, 17)
    assert LevelRun.objects.filter(ticket=ticket, fired_at__isnull=True).count() == 1


def test_a_new_category_without_service_level_clears_the_due_dates(demo, chef, referent, slas):
    ticket = _open(demo, chef)
    onde = Category.objects.get(name="ONDE")
    with time_machine.travel(paris(2026, 3, 9, 8), tick=False):
        workflow.update_ticket(ticket, by=referent, changes={"category": onde})
    ticket.refresh_from_db()
    assert ticket.sla_tto is None and ticket.time_to_own is None and ticket.next_due_at is None
    assert not LevelRun.objects.filter(ticket=ticket).exists()


def test_an_entity_service_level_applies_to_its_subtree(demo, chef, slas):
    slas.slm.categories.clear()
    slas.slm.entities.set([demo.academie])
    ticket = _open(demo, chef)  # filed in the collège, under the académie
    ticket.refresh_from_db()
    assert ticket.sla_tto == slas.tto
    slas.slm.is_recursive = False
    slas.slm.save()
    other = _open(demo, chef)
    other.refresh_from_db()
    assert other.sla_tto is None


def test_escalation_levels_fire_once_through_the_workflow(demo, chef, slas):
    ticket = _open(demo, chef)
    assert slas.not_taken.notify_supervisor
    with time_machine.travel(paris(2026, 3, 9, 9, 29), tick=False):
        assert slas_fire() == 0
    before = Notification.objects.count()
    with time_machine.travel(paris(2026, 3, 9, 9, 31), tick=False):
        assert slas_fire() == 1
        assert slas_fire() == 0  # once
    mails = Notification.objects.filter(pk__gt=0).order_by("pk")[before:]
    assert [(n.recipient.username, n.events) for n in mails] == [
        ("referent.lsu", ["level_reached"])
    ]
    event = ticket.events.order_by("-pk").first()
    assert event.kind == "level_reached" and event.actor is None
    assert event.data["name"] == "Pas pris en compte depuis 2 h ouvrées"
    # The resolution level: DSI-BAI observes, the priority rises to Haute.
    with time_machine.travel(paris(2026, 3, 10, 16, 1), tick=False):
        assert slas_fire() == 1
    ticket.refresh_from_db()
    assert ticket.priority == 4
    assert TicketActor.objects.filter(
        ticket=ticket, role=Role.OBSERVER, group=demo.dsi_bai
    ).exists()
    assert set(LevelRun.objects.filter(ticket=ticket).values_list("outcome", flat=True)) == {
        "fired"
    }


def slas_fire() -> int:
    return sla_workflow.fire_due_levels()


def test_a_level_before_the_due_date_fires_ahead(demo, chef, slas):
    slas.not_taken.execution_time = -5400  # 1 h 30 working before Monday 9:30: Fri 16:30
    slas.not_taken.save()
    _open(demo, chef)
    with time_machine.travel(paris(2026, 3, 6, 16, 29), tick=False):
        assert slas_fire() == 0
    with time_machine.travel(paris(2026, 3, 6, 16, 31), tick=False):
        assert slas_fire() == 1


def test_no_level_fires_while_waiting(demo, chef, referent, slas):
    ticket = _open(demo, chef)
    with time_machine.travel(paris(2026, 3, 6, 16, 30), tick=False):
        workflow.change_status(ticket, by=referent, status=Status.WAITING)
    with time_machine.travel(paris(2026, 3, 20, 10), tick=False):
        assert slas_fire() == 0
    assert not ticket.events.filter(kind="level_reached").exists()


def test_a_business_rule_picks_the_service_level_set(demo, chef, slas):
    from escalade.tickets.models import (
        Rule,
        RuleAction,
        RuleActionKind,
        RuleCriterion,
        RuleField,
        RuleOperator,
        TicketType,
    )

    slas.slm.categories.clear()
    onde = Category.objects.get(name="ONDE")
    rule = Rule.objects.create(name="ONDE : niveau LSU", entity=demo.academie, ranking=1)
    RuleCriterion.objects.create(
        rule=rule, field=RuleField.CATEGORY, operator=RuleOperator.IS, value=str(onde.pk)
    )
    RuleAction.objects.create(rule=rule, kind=RuleActionKind.SET_SLM, value=str(slas.slm.pk))
    with time_machine.travel(FRIDAY_4PM, tick=False):
        ticket = workflow.create_ticket(
            by=chef, type=TicketType.INCIDENT, category=onde, title="ONDE bloqué", content="x"
        )
        lsu = open_lsu_ticket(demo, chef)  # no rule, no category set: no service level
    ticket.refresh_from_db()
    lsu.refresh_from_db()
    assert ticket.sla_tto == slas.tto and ticket.time_to_own == paris(2026, 3, 9, 9, 30)
    assert lsu.sla_tto is None and lsu.next_due_at is None
