"""``rules.dry_run``: what the rules would do to a new ticket, rule by rule and criterion by
criterion, with the same engine as ``workflow.create_ticket``, and nothing written."""

import pytest

from escalade.tickets import rules
from escalade.tickets.models import (
    Role,
    RuleActionKind,
    RuleField,
    RuleOperator,
    Ticket,
    TicketActor,
    TicketEvent,
)
from tests.conftest import open_lsu_ticket
from tests.tickets.test_routing_rules import groups, rule

pytestmark = pytest.mark.django_db


def test_dry_run_agrees_with_create_ticket_and_writes_nothing(demo, chef):
    stopper = rule(
        demo,
        "Bulletins : DSI-BAI, puis stop",
        [(RuleField.TITLE, RuleOperator.CONTAINS, "bulletin")],
        [(RuleActionKind.ASSIGN_GROUP, demo.dsi_bai.pk), (RuleActionKind.STOP, "")],
        ranking=1,
    )
    before = (Ticket.objects.count(), TicketActor.objects.count(), TicketEvent.objects.count())
    result = rules.dry_run(
        entity=demo.college, category=demo.lsu, urgency=5, title="Bulletins introuvables"
    )
    assert (Ticket.objects.count(), TicketActor.objects.count(), TicketEvent.objects.count()) == (
        before
    )
    [trace] = result.traces  # the demo's rule (rank 10) comes after the stop
    assert trace.rule == stopper and trace.matched and trace.stopped
    assert [ok for _c, ok in trace.criteria] == [True]
    assert result.draft.assign_group_ids == [demo.dsi_bai.pk]
    assert result.category_group_id is None  # a rule assigned: the category does not
    ticket = open_lsu_ticket(demo, chef, title="Bulletins introuvables", urgency=5)
    assert groups(ticket, Role.ASSIGNED) == {"DSI-BAI"}
    assert groups(ticket, Role.OBSERVER) == set()


def test_dry_run_reports_each_criterion_and_the_category_group(demo):
    result = rules.dry_run(entity=demo.college, category=demo.lsu, urgency=3, title="x")
    [trace] = result.traces
    assert trace.rule.name == "LSU très urgent : informer DSI-BAI"
    assert not trace.matched
    assert {c.field: ok for c, ok in trace.criteria} == {"category": True, "urgency": False}
    assert result.category_group_id == demo.referents.pk
