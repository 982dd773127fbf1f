"""GLPI API writes: actor keys, tasks, statuses, refusal of a solution, session expiry."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from escalade.glpi.models import ApiSession
from escalade.tickets import workflow
from escalade.tickets.models import Role, Task, Ticket, TicketActor
from escalade.tickets.status import Status
from tests.conftest import open_lsu_ticket


def test_create_with_glpi_actor_keys_and_root_entity(demo, glpi_as):
    api = glpi_as("referent.lsu", "Référent fonctionnel")
    chef_id = demo.users["chef.etab"].pk
    response = api.post(
        "Ticket",
        {
            "input": {
                "name": "Pour le collège",
                "content": "Signalé par téléphone",
                "entities_id": 0,
                "_users_id_requester": chef_id,
                "_groups_id_observer": [demo.dsi_bai.pk],
                "requesttypes_id": 3,
                "itilcategories_id": demo.lsu.pk,
            }
        },
    )
    assert response.status_code == 201, response.content
    ticket = Ticket.objects.get(pk=response.json()["id"])
    actors = {(a.role, a.user_id, a.group_id) for a in ticket.actors.all()}
    assert (Role.REQUESTER, chef_id, None) in actors
    assert (Role.OBSERVER, None, demo.dsi_bai.pk) in actors
    assert (Role.ASSIGNED, None, demo.referents.pk) in actors
    assert ticket.source == "phone"


def test_self_service_cannot_assign_at_creation(demo, glpi_as):
    response = glpi_as("chef.etab").post(
        "Ticket",
        {"input": {"name": "x", "content": "y", "_users_id_assign": demo.users["chef.etab"].pk}},
    )
    assert (response.status_code, response.json()[0]) == (403, "ERROR_RIGHT_MISSING")
    assert not Ticket.objects.exists()


def test_unknown_requester_is_an_add_error(demo, glpi_as):
    response = glpi_as("chef.etab").post(
        "Ticket", {"input": {"name": "x", "content": "y", "_users_id_requester": 999999}}
    )
    assert (response.status_code, response.json()[0]) == (400, "ERROR_GLPI_ADD")


def test_task_and_status_change_through_put(demo, chef, glpi_as):
    ticket = open_lsu_ticket(demo, chef)
    api = glpi_as("referent.lsu", "Référent fonctionnel")
    task = api.post(
        "TicketTask",
        {
            "input": {
                "tickets_id": ticket.pk,
                "content": "Appeler",
                "actiontime": 600,
                "state": 2,
                "is_private": 1,
            }
        },
    )
    assert task.status_code == 201, task.content
    stored = Task.objects.get(pk=task.json()["id"])
    assert (stored.duration_seconds, stored.state, stored.is_private) == (600, 2, True)
    assert api.put(f"Ticket/{ticket.pk}", {"input": {"status": 4}}).status_code == 200
    assert Ticket.objects.get(pk=ticket.pk).status == Status.WAITING
    hidden = glpi_as("chef.etab").get(f"Ticket/{ticket.pk}/TicketTask").json()
    assert hidden == []


def test_reopen_by_refusing_the_solution(demo, chef, referent, glpi_as):
    ticket = open_lsu_ticket(demo, chef)
    workflow.add_solution(ticket, by=referent, content="Essayez ceci")
    response = glpi_as("chef.etab").post(
        "ITILFollowup",
        {
            "input": {
                "itemtype": "Ticket",
                "items_id": ticket.pk,
                "content": "Toujours bloqué",
                "add_reopen": "1",
            }
        },
    )
    assert response.status_code == 201, response.content
    assert Ticket.objects.get(pk=ticket.pk).status == Status.ASSIGNED
    solutions = glpi_as("chef.etab").get(f"Ticket/{ticket.pk}/ITILSolution").json()
    assert [s["status"] for s in solutions] == [4]


def test_solution_on_a_closed_ticket_is_refused_and_nothing_changes(demo, chef, glpi_as):
    ticket = open_lsu_ticket(demo, chef)
    workflow.change_status(ticket, by=None, status=Status.CLOSED)
    response = glpi_as("admin").post(
        "ITILSolution",
        {"input": {"itemtype": "Ticket", "items_id": ticket.pk, "content": "Trop tard"}},
    )
    assert (response.status_code, response.json()[0]) == (400, "ERROR_GLPI_ADD")
    assert not ticket.solutions.exists()


def test_assigning_through_put_actor_keys(demo, chef, glpi_as):
    ticket = open_lsu_ticket(demo, chef)
    api = glpi_as("referent.lsu", "Référent fonctionnel")
    tech_id = demo.users["tech.bai"].pk
    assert (
        api.put(f"Ticket/{ticket.pk}", {"input": {"_users_id_assign": tech_id}}).status_code == 200
    )
    assert TicketActor.objects.filter(ticket=ticket, role=Role.ASSIGNED, user_id=tech_id).exists()


def test_expired_session_is_invalid(glpi_as):
    api = glpi_as("chef.etab")
    ApiSession.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    response = api.get("getFullSession")
    assert (response.status_code, response.json()[0]) == (401, "ERROR_SESSION_TOKEN_INVALID")


def test_followup_and_task_are_edited_through_put(demo, chef, referent, glpi_as):
    ticket = open_lsu_ticket(demo, chef)
    followup = workflow.add_followup(ticket, by=referent, content="Brouillon")
    task = workflow.add_task(ticket, by=referent, content="Appeler")
    api = glpi_as("referent.lsu", "Référent fonctionnel")
    assert (
        api.put(f"ITILFollowup/{followup.pk}", {"input": {"content": "Texte final"}}).status_code
        == 200
    )
    assert (
        api.put(
            f"Ticket/{ticket.pk}/TicketTask/{task.pk}", {"input": {"state": 2, "actiontime": 300}}
        ).status_code
        == 200
    )
    followup.refresh_from_db()
    task.refresh_from_db()
    assert "Texte final" in followup.content
    assert (task.state, task.duration_seconds) == (2, 300)
    refused = glpi_as("chef.etab").put(
        f"ITILFollowup/{followup.pk}", {"input": {"content": "Piraté"}}
    )
    assert refused.status_code == 403
    followup.refresh_from_db()
    assert "Piraté" not in followup.content


def test_create_with_actors_key_and_read_with_logs(demo, glpi_as):
    api = glpi_as("referent.lsu", "Référent fonctionnel")
    tech_id = demo.users["tech.bai"].pk
    response = api.post(
        "Ticket",
        {
            "input": {
                "name": "Avec _actors",
                "content": "Format GLPI 10",
                "_actors": {
                    "observer": [{"itemtype": "User", "items_id": tech_id}],
                    "assign": [{"itemtype": "Group", "items_id": demo.referents.pk}],
                },
            }
        },
    )
    assert response.status_code == 201, response.content
    ticket_id = response.json()["id"]
    assert TicketActor.objects.filter(ticket_id=ticket_id, role=Role.OBSERVER, user_id=tech_id)
    body = api.get(f"Ticket/{ticket_id}", {"with_logs": "true", "with_documents": 1}).json()
    assert body["_documents"] == []
    assert {row["linked_action"] for row in body["_logs"]} >= {20, 15}
