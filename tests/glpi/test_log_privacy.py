"""GLPI's `Ticket/:id/Log` follows the history's privacy rule, as « Historique » does:
private followups and tasks only for who may read them, and always for their author."""

from __future__ import annotations

from escalade.tickets import history, workflow
from escalade.tickets.models import Role, TicketEvent
from tests.conftest import as_, open_lsu_ticket


def _private_rows(log: list[dict]) -> list[dict]:
    return [row for row in log if row["escalade_kind"] == "followup_added"]


def test_my_own_private_followup_stays_in_my_log_after_a_profile_switch(demo, chef, glpi_as):
    ticket = open_lsu_ticket(demo, chef)
    referent = as_(demo, "referent.lsu", "Référent fonctionnel")
    workflow.add_actor(ticket, by=referent, role=Role.OBSERVER, user=referent.user)
    workflow.add_followup(ticket, by=referent, content="Note interne", is_private=True)

    # Back on his default profile (Self-Service), which does not read private followups.
    self_service = as_(demo, "referent.lsu")
    assert self_service.profile.pk == demo.self_service.pk
    lines = history.history(self_service, TicketEvent.objects.filter(ticket=ticket))
    web = [
        line
        for line in lines
        if line.event.kind == "followup_added" and line.event.data.get("is_private")
    ]
    glpi = _private_rows(glpi_as("referent.lsu").get(f"Ticket/{ticket.pk}/Log").json())

    assert len(web) == 1
    assert len([r for r in glpi if r["new_value"] == str(web[0].event.data["followup"])]) == 1
    assert glpi[0]["user_name"].startswith("referent.lsu")


def test_someone_elses_private_followup_is_not_in_the_requesters_log(demo, chef, glpi_as):
    ticket = open_lsu_ticket(demo, chef)
    referent = as_(demo, "referent.lsu", "Référent fonctionnel")
    workflow.add_followup(ticket, by=referent, content="Note interne", is_private=True)
    workflow.add_followup(ticket, by=referent, content="Réponse publique")

    chef_log = glpi_as("chef.etab").get(f"Ticket/{ticket.pk}/Log").json()
    referent_log = (
        glpi_as("referent.lsu", "Référent fonctionnel").get(f"Ticket/{ticket.pk}/Log").json()
    )

    assert len(_private_rows(chef_log)) == 1  # the public one only
    assert len(_private_rows(referent_log)) == 2
