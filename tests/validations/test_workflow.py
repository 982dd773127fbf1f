"""Validations: asked of users or groups, answered once, the threshold decides."""

from __future__ import annotations

import pytest

from escalade.tickets.errors import Conflict, Forbidden, InvalidInput
from escalade.tickets.models import Ticket
from escalade.validations import workflow
from escalade.validations.models import TicketValidation, ValidationStatus, global_status
from tests.conftest import as_

A, R, W = ValidationStatus.ACCEPTED, ValidationStatus.REFUSED, ValidationStatus.WAITING


@pytest.mark.parametrize(
    "statuses,threshold,expected",
    [
        ([], 0, ValidationStatus.NONE),
        ([W, W], 0, W),
        ([A, W], 0, A),
        ([R, W], 0, R),
        ([A, W], 50, A),
        ([R, W], 50, W),  # 50 % refused: 50 % accepted is still reachable
        ([R, R, W], 50, R),
        ([A, W], 100, W),
        ([A, R], 100, R),
        ([A, A], 100, A),
    ],
)
def test_the_threshold_decides_the_global_state_as_glpi(statuses, threshold, expected):
    assert global_status(statuses, threshold) == expected


def test_a_group_request_asks_every_member_and_all_must_accept(demo, lsu_ticket, referent):
    rows = workflow.request_validation(
        lsu_ticket, by=referent, groups=[demo.referents], comment="Accord ?", threshold=100
    )
    assert sorted(r.validator.username for r in rows) == ["referent.lsu", "referent2.lsu"]
    ticket = Ticket.objects.get(pk=lsu_ticket.pk)
    assert (ticket.global_validation, ticket.validation_percent) == (W, 100)
    first = next(r for r in rows if r.validator.username == "referent.lsu")
    workflow.answer_validation(first, by=referent, accept=True, comment="Oui")
    assert Ticket.objects.get(pk=lsu_ticket.pk).global_validation == W
    second = next(r for r in rows if r.validator.username == "referent2.lsu")
    workflow.answer_validation(second, by=as_(demo, "referent2.lsu"), accept=True)
    assert Ticket.objects.get(pk=lsu_ticket.pk).global_validation == A
    kinds = list(lsu_ticket.events.values_list("kind", flat=True))
    assert kinds.count("validation_answered") == 2 and "validation_requested" in kinds


def test_only_the_validator_answers_once_and_a_refusal_needs_a_comment(
    demo, lsu_ticket, referent, tech
):
    (row,) = workflow.request_validation(lsu_ticket, by=referent, users=[tech.user])
    with pytest.raises(Forbidden):
        workflow.answer_validation(row, by=referent, accept=True)
    with pytest.raises(InvalidInput):
        workflow.answer_validation(row, by=tech, accept=False, comment="  ")
    assert TicketValidation.objects.get(pk=row.pk).status == W  # unchanged
    workflow.answer_validation(row, by=tech, accept=False, comment="Budget épuisé")
    stored = TicketValidation.objects.get(pk=row.pk)
    assert stored.status == R and "Budget épuisé" in stored.comment_validation
    assert Ticket.objects.get(pk=lsu_ticket.pk).global_validation == R
    with pytest.raises(Conflict):
        workflow.answer_validation(row, by=tech, accept=True)


def test_a_requester_cannot_ask_for_a_validation(demo, lsu_ticket, chef, tech):
    with pytest.raises(Forbidden):
        workflow.request_validation(lsu_ticket, by=chef, users=[tech.user])
    assert not TicketValidation.objects.exists()


def test_bad_threshold_and_no_validator_are_refused(demo, lsu_ticket, referent, tech):
    with pytest.raises(InvalidInput):
        workflow.request_validation(lsu_ticket, by=referent, users=[tech.user], threshold=30)
    with pytest.raises(InvalidInput):
        workflow.request_validation(lsu_ticket, by=referent)
    assert not TicketValidation.objects.exists()
