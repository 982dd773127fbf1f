"""GLPI's TicketValidation and the Ticket's global_validation / validation_percent."""

from __future__ import annotations

from escalade.validations import workflow


def test_glpi_reads_validations_with_glpi_names_and_codes(
    glpi_as, demo, lsu_ticket, referent, tech
):
    (row,) = workflow.request_validation(
        lsu_ticket, by=referent, users=[tech.user], comment="Accord ?", threshold=50
    )
    api = glpi_as("referent.lsu", "Référent fonctionnel")
    body = api.get(f"TicketValidation/{row.pk}").json()
    assert body["tickets_id"] == lsu_ticket.pk
    assert (body["users_id"], body["users_id_validate"], body["status"]) == (
        referent.user.pk,
        tech.user.pk,
        2,
    )
    assert "Accord ?" in body["comment_submission"] and body["validation_date"] is None
    ticket = api.get(f"Ticket/{lsu_ticket.pk}").json()
    assert (ticket["global_validation"], ticket["validation_percent"]) == (2, 50)
    sub = api.get(f"Ticket/{lsu_ticket.pk}/TicketValidation").json()
    assert [v["id"] for v in sub] == [row.pk]
    workflow.answer_validation(row, by=tech, accept=True)
    assert api.get(f"Ticket/{lsu_ticket.pk}").json()["global_validation"] == 3


def test_outsider_gets_not_found_for_a_validation(
    glpi_as, demo, lsu_ticket, referent, tech, outsider
):
    from django.test import Client

    from tests.glpi.conftest import login

    (row,) = workflow.request_validation(lsu_ticket, by=referent, users=[tech.user])
    outsider.user.set_password("x")
    outsider.user.save()
    from escalade.accounts.tokens import create_token

    create_token(outsider.user, "test", key="tech.bzh-token")
    api = login(Client(), "tech.bzh")
    hidden = api.get(f"TicketValidation/{row.pk}")
    missing = api.get("TicketValidation/999999")
    assert hidden.status_code == missing.status_code == 404
    assert hidden.json() == missing.json()
