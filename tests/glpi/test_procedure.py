"""The LSU procedure through GLPI's legacy API, as a GLPI script would drive it."""

from __future__ import annotations

from escalade.tickets.models import Followup, Role, Solution, Ticket, TicketActor
from escalade.tickets.status import Status


def test_whole_procedure_through_glpi_api(demo, glpi_as):
    chef = glpi_as("chef.etab")
    created = chef.post(
        "Ticket",
        {
            "input": {
                "name": "LSU : impossible de valider le livret",
                "content": "Erreur 403. Tél. 02 31",
                "type": 1,
                "itilcategories_id": demo.lsu.pk,
                "urgency": 3,
            }
        },
    )
    assert created.status_code == 201, created.content
    ticket_id = created.json()["id"]
    assert created.json()["message"] == ""
    assert created["Location"].endswith(f"/apirest.php/Ticket/{ticket_id}")

    # The author is the requester; routing assigned Référents-LSU.
    users = chef.get(f"Ticket/{ticket_id}/Ticket_User").json()
    assert [(u["users_id"], u["type"]) for u in users] == [(demo.users["chef.etab"].pk, 1)]
    groups = chef.get(f"Ticket/{ticket_id}/Group_Ticket").json()
    assert [(g["groups_id"], g["type"]) for g in groups] == [(demo.referents.pk, 2)]

    referent = glpi_as("referent.lsu", "Référent fonctionnel")
    found = referent.get(
        "search/Ticket",
        {
            "criteria[0][field]": "12",
            "criteria[0][searchtype]": "equals",
            "criteria[0][value]": "notold",
            "criteria[1][link]": "AND",
            "criteria[1][field]": "8",
            "criteria[1][searchtype]": "EQUALS",
            "criteria[1][value]": str(demo.referents.pk),
        },
    ).json()
    assert [row["2"] for row in found["data"]] == [ticket_id]
    assert found["data"][0]["8"] == "Référents-LSU"

    # Take the ticket: add myself as assigned technician.
    me = referent.get("getFullSession").json()["session"]["glpiID"]
    took = referent.post(
        "Ticket_User", {"input": {"tickets_id": ticket_id, "users_id": me, "type": 2}}
    )
    assert took.status_code == 201, took.content
    assert referent.get(f"Ticket/{ticket_id}").json()["status"] == Status.ASSIGNED

    followup = referent.post(
        "ITILFollowup",
        {
            "input": {
                "itemtype": "Ticket",
                "items_id": ticket_id,
                "content": "Je regarde.",
                "is_private": 0,
            }
        },
    )
    assert followup.status_code == 201, followup.content

    # Escalate by hand: remove myself and my group, add DSI-BAI, keep Référents-LSU observing.
    actors = {a.role: a for a in TicketActor.objects.filter(ticket_id=ticket_id)}
    mine = TicketActor.objects.get(ticket_id=ticket_id, role=Role.ASSIGNED, user_id=me)
    group = TicketActor.objects.get(ticket_id=ticket_id, role=Role.ASSIGNED, group=demo.referents)
    assert actors
    assert (
        referent.post(
            "Group_Ticket",
            {
                "input": [
                    {"tickets_id": ticket_id, "groups_id": demo.dsi_bai.pk, "type": 2},
                    {"tickets_id": ticket_id, "groups_id": demo.referents.pk, "type": 3},
                ]
            },
        ).status_code
        == 201
    )
    deleted = referent.delete(f"Ticket_User/{mine.pk}")
    assert deleted.status_code == 200, deleted.content
    assert deleted.json() == [{str(mine.pk): True, "message": ""}]
    assert referent.delete(f"Group_Ticket/{group.pk}").status_code == 200

    tech = glpi_as("tech.bai")
    solved = tech.post(
        "ITILSolution",
        {
            "input": {
                "itemtype": "Ticket",
                "items_id": ticket_id,
                "content": "Droits corrigés dans LSU.",
            }
        },
    )
    assert solved.status_code == 201, solved.content
    assert Ticket.objects.get(pk=ticket_id).status == Status.SOLVED

    approved = chef.post(
        "ITILFollowup",
        {
            "input": {
                "itemtype": "Ticket",
                "items_id": ticket_id,
                "content": "Merci, ça marche.",
                "add_close": 1,
            }
        },
    )
    assert approved.status_code == 201, approved.content
    ticket = Ticket.objects.get(pk=ticket_id)
    assert ticket.status == Status.CLOSED
    assert Solution.objects.get(ticket=ticket).status == 3
    assert Followup.objects.filter(ticket=ticket, content__contains="Merci").exists()
    final = chef.get(f"Ticket/{ticket_id}").json()
    assert final["status"] == 6 and final["closedate"]
    assert sorted(
        (g["groups_id"], g["type"]) for g in chef.get(f"Ticket/{ticket_id}/Group_Ticket").json()
    ) == sorted([(demo.dsi_bai.pk, 2), (demo.referents.pk, 3)])
