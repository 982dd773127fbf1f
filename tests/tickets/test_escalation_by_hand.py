"""Steps 3.3.1 then 3.3.2 of the procedure, by hand and in that order, on every way in.

The referent has taken the ticket; he removes himself and Référents-LSU from « Attribué à »
(he is then no actor at all), adds DSI-BAI there, then adds Référents-LSU as observer. As a
GLPI Technician (READALL) he keeps sight of the ticket throughout.
"""

from __future__ import annotations

from django.test import Client
from rest_framework.test import APIClient

from escalade.accounts.models import User
from escalade.accounts.who import SESSION_PROFILE
from escalade.tickets import workflow
from escalade.tickets.models import Role, TicketActor
from tests.conftest import as_, open_lsu_ticket
from tests.glpi.conftest import login


def taken_ticket(demo, chef):
    ticket = open_lsu_ticket(demo, chef)
    workflow.take(ticket, by=as_(demo, "referent.lsu", "Référent fonctionnel"))
    return ticket


def actors(ticket) -> set[tuple[int, str]]:
    return {
        (a.role, a.group.name if a.group else a.user.username)
        for a in TicketActor.objects.filter(ticket=ticket).select_related("user", "group")
    }


def mine(ticket, demo) -> tuple[TicketActor, TicketActor]:
    group = TicketActor.objects.get(ticket=ticket, role=Role.ASSIGNED, group=demo.referents)
    me = TicketActor.objects.get(ticket=ticket, role=Role.ASSIGNED, user=demo.users["referent.lsu"])
    return group, me


FINAL = {
    (Role.REQUESTER, "chef.etab"),
    (Role.ASSIGNED, "DSI-BAI"),
    (Role.OBSERVER, "Référents-LSU"),
}


def test_by_hand_through_the_web(demo, chef):
    ticket = taken_ticket(demo, chef)
    web = Client()
    web.force_login(User.objects.get(username="referent.lsu"))
    session = web.session
    session[SESSION_PROFILE] = demo.referent_profile.pk
    session.save()
    group, me = mine(ticket, demo)
    for actor in (group, me):
        removed = web.post(f"/tickets/{ticket.pk}/acteurs/{actor.pk}/retirer/")
        assert removed.status_code == 302
        assert web.get(f"/tickets/{ticket.pk}/").status_code == 200
    assert actors(ticket) == {(Role.REQUESTER, "chef.etab")}
    page = web.get("/tickets/", {"onglet": "tous"}).content.decode()
    assert f"/tickets/{ticket.pk}/" in page
    for role, group_id in ((Role.ASSIGNED, demo.dsi_bai.pk), (Role.OBSERVER, demo.referents.pk)):
        added = web.post(
            f"/tickets/{ticket.pk}/acteurs/ajouter/", {"role": role, "party": f"g{group_id}"}
        )
        assert added.status_code == 302
    assert actors(ticket) == FINAL
    assert web.get(f"/tickets/{ticket.pk}/").status_code == 200


def test_by_hand_through_api_v1(demo, chef):
    ticket = taken_ticket(demo, chef)
    api = APIClient()
    api.credentials(
        HTTP_AUTHORIZATION="Token referent.lsu-token",
        HTTP_X_ESCALADE_PROFILE=str(demo.referent_profile.pk),
    )
    group, me = mine(ticket, demo)
    for actor in (group, me):
        assert api.delete(f"/api/v1/tickets/{ticket.pk}/actors/{actor.pk}/").status_code == 204
        assert api.get(f"/api/v1/tickets/{ticket.pk}/").status_code == 200
    listed = api.get("/api/v1/tickets/").json()
    rows = listed["results"] if isinstance(listed, dict) else listed
    assert ticket.pk in [row["id"] for row in rows]
    for role, group_id in ((Role.ASSIGNED, demo.dsi_bai.pk), (Role.OBSERVER, demo.referents.pk)):
        added = api.post(
            f"/api/v1/tickets/{ticket.pk}/actors/", {"role": role, "group": group_id}, format="json"
        )
        assert added.status_code == 201, added.content
    assert actors(ticket) == FINAL


def test_by_hand_through_glpi(demo, chef):
    ticket = taken_ticket(demo, chef)
    glpi = login(Client(), "referent.lsu")
    profiles = glpi.get("getMyProfiles").json()["myprofiles"]
    referent = next(p["id"] for p in profiles if p["name"] == "Référent fonctionnel")
    assert glpi.post("changeActiveProfile", {"profiles_id": referent}).json() is True
    group, me = mine(ticket, demo)
    assert glpi.delete(f"Group_Ticket/{group.pk}").status_code == 200
    assert glpi.delete(f"Ticket_User/{me.pk}").status_code == 200
    assert glpi.get(f"Ticket/{ticket.pk}").status_code == 200
    assert actors(ticket) == {(Role.REQUESTER, "chef.etab")}
    dsi = glpi.post(
        f"Ticket/{ticket.pk}/Group_Ticket", {"input": {"groups_id": demo.dsi_bai.pk, "type": 2}}
    )
    assert dsi.status_code == 201, dsi.content
    observe = glpi.post(
        "Group_Ticket",
        {"input": {"tickets_id": ticket.pk, "groups_id": demo.referents.pk, "type": 3}},
    )
    assert observe.status_code == 201, observe.content
    assert actors(ticket) == FINAL
    assert ticket.pk in [t["id"] for t in glpi.get("Ticket").json()]


def test_the_referent_sees_every_lsu_ticket_in_tous(demo, chef):
    """« Tous »: the LSU tickets whoever handles them, including ones his group left."""
    handled_elsewhere = open_lsu_ticket(demo, chef, title="Chez la DSI")
    admin = as_(demo, "admin")
    workflow.add_actor(handled_elsewhere, by=admin, role=Role.ASSIGNED, group=demo.dsi_bai)
    referents = TicketActor.objects.get(ticket=handled_elsewhere, group=demo.referents)
    workflow.remove_actor(handled_elsewhere, by=admin, actor=referents)
    routed = open_lsu_ticket(demo, chef, title="Chez les référents")
    web = Client()
    web.force_login(User.objects.get(username="referent.lsu"))
    session = web.session
    session[SESSION_PROFILE] = demo.referent_profile.pk
    session.save()
    page = web.get("/tickets/", {"onglet": "tous"}).content.decode()
    assert "Chez la DSI" in page and "Chez les référents" in page
    assert f"/tickets/{handled_elsewhere.pk}/" in page and f"/tickets/{routed.pk}/" in page
