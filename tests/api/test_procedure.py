"""The LSU procedure through /api/v1/, step by step, as an integration would drive it."""

from __future__ import annotations

from escalade.tickets.models import Role, Solution, Ticket
from escalade.tickets.status import Status


def _actors(body):
    return sorted(
        (a["role"], a["user"]["username"] if a["user"] else a["group"]["name"])
        for a in body["actors"]
    )


def test_whole_procedure_through_api_v1(demo, api_as):
    chef = api_as("chef.etab")
    created = chef.post(
        "/api/v1/tickets/",
        {
            "type": 1,
            "category": demo.lsu.pk,
            "urgency": 3,
            "title": "LSU : impossible de valider le livret",
            "content": "Message d'erreur : 403. Tél. 02 31 00 00 00",
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    ticket_id = created.json()["id"]
    assert _actors(created.json()) == [
        (Role.REQUESTER, "chef.etab"),
        (Role.ASSIGNED, "Référents-LSU"),
    ]

    referent = api_as("referent.lsu", "Référent fonctionnel")
    listed = referent.get("/api/v1/tickets/", {"assigned_group": demo.referents.pk})
    assert [t["id"] for t in listed.json()["results"]] == [ticket_id]

    taken = referent.post(f"/api/v1/tickets/{ticket_id}/take/")
    assert taken.status_code == 200, taken.content
    assert taken.json()["status"] == Status.ASSIGNED
    assert (Role.ASSIGNED, "referent.lsu") in _actors(taken.json())

    followup = referent.post(
        f"/api/v1/tickets/{ticket_id}/followups/",
        {"content": "Je regarde avec la DSI.", "is_private": True},
        format="json",
    )
    assert followup.status_code == 201, followup.content

    escalated = referent.post(
        f"/api/v1/tickets/{ticket_id}/escalate/", {"group": demo.dsi_bai.pk}, format="json"
    )
    assert escalated.status_code == 200, escalated.content
    assert _actors(escalated.json()) == [
        (Role.REQUESTER, "chef.etab"),
        (Role.ASSIGNED, "DSI-BAI"),
        (Role.OBSERVER, "Référents-LSU"),
    ]

    tech = api_as("tech.bai")
    solved = tech.post(
        f"/api/v1/tickets/{ticket_id}/solution/",
        {"content": "Droits corrigés dans LSU."},
        format="json",
    )
    assert solved.status_code == 201, solved.content
    assert Ticket.objects.get(pk=ticket_id).status == Status.SOLVED

    # The requester sees the solution but not the referent's private followup.
    seen = chef.get(f"/api/v1/tickets/{ticket_id}/").json()
    assert [item["kind"] for item in seen["timeline"]] == ["solution"]
    assert seen["allowed_statuses"]

    approved = chef.post(
        f"/api/v1/tickets/{ticket_id}/solution/approve/", {"comment": "Merci !"}, format="json"
    )
    assert approved.status_code == 200, approved.content
    assert approved.json()["status"] == Status.CLOSED
    assert Solution.objects.get(ticket_id=ticket_id).status == 3
    assert chef.get("/api/v1/tickets/", {"status": "old"}).json()["count"] == 1
