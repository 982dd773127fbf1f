"""Known incidents (« Je suis aussi concerné », « diffusé »), and the links through
/api/v1 and GLPI's Ticket_Ticket, with refusals per persona."""

from __future__ import annotations

from escalade.accounts.tokens import create_token
from escalade.links import workflow as links
from escalade.links.models import KnownIncident, LinkKind, TicketLink
from escalade.notifications.models import Notification
from escalade.tickets import workflow
from escalade.tickets.models import Role, TicketActor
from escalade.tickets.status import Status
from tests.factories import as_, open_lsu_ticket


def _followup_mails(ticket, user):
    return [
        n
        for n in Notification.objects.filter(ticket_number=ticket.pk, recipient=user)
        if "followup" in n.events
    ]


def chef_entity(demo, chef):
    from escalade.accounts.models import Entity

    return Entity.objects.get(pk=chef.user.grants.get().entity_id)


def test_known_incident_banner_join_and_broadcast(client_as, demo, chef, referent):
    julie = as_(demo, "referent2.lsu")
    incident = open_lsu_ticket(
        demo, julie, title="LSU indisponible dans l'académie", entity=chef_entity(demo, chef)
    )
    referent_client = client_as("referent.lsu", "Référent fonctionnel")
    marked = referent_client.post(
        f"/tickets/{incident.pk}/incident-en-cours/",
        {"message": "Panne nationale, rétablissement prévu à 14 h", "is_recursive": "1"},
    )
    assert marked.status_code == 302
    row = KnownIncident.objects.get(ticket=incident)
    assert row.category == demo.lsu and list(row.entities.all()) == [incident.entity]

    chef_client = client_as("chef.etab")
    form = chef_client.get("/tickets/nouveau/").content.decode()
    assert "Incident en cours — Scolarité &gt; LSU" in form
    assert "Panne nationale, rétablissement prévu à 14 h" in form
    assert "Je suis aussi concerné" in form
    # Before joining, the school does not see the incident's ticket.
    assert chef_client.get(f"/tickets/{incident.pk}/").status_code == 404
    joined = chef_client.post(f"/incidents-en-cours/{row.pk}/concerne/")
    assert joined.status_code == 302 and joined["Location"] == f"/tickets/{incident.pk}/"
    assert TicketActor.objects.filter(ticket=incident, role=Role.REQUESTER, user=chef.user).exists()
    assert chef_client.get(f"/tickets/{incident.pk}/").status_code == 200

    Notification.objects.all().delete()
    workflow.add_followup(incident, by=referent, content="On regarde.")
    assert _followup_mails(incident, chef.user) == []  # not « diffusé »: not mailed
    referent_client.post(f"/tickets/{incident.pk}/diffuser/", {"content": "Rétabli à 13 h 40."})
    assert len(_followup_mails(incident, chef.user)) == 1
    # Julie, requester and member of the assigned Référents-LSU, hears of both.
    assert len(_followup_mails(incident, julie.user)) == 2
    # A requester may neither declare nor broadcast.
    assert (
        chef_client.post(f"/tickets/{incident.pk}/diffuser/", {"content": "x"}).status_code == 403
    )
    assert chef_client.post(f"/tickets/{incident.pk}/incident-en-cours/retirer/").status_code == 403


def test_an_incident_out_of_the_school_s_reach_is_not_offered(client_as, demo, chef, referent):
    julie = as_(demo, "referent2.lsu")
    incident = open_lsu_ticket(demo, julie)  # in the académie: schools do not see it
    row = links.mark_known_incident(incident, by=referent)
    chef_client = client_as("chef.etab")
    assert "Je suis aussi concerné" not in chef_client.get("/tickets/nouveau/").content.decode()
    assert chef_client.post(f"/incidents-en-cours/{row.pk}/concerne/").status_code == 404


def test_someone_else_cannot_join_a_known_incident(demo, chef, referent, outsider, client_as):
    incident = open_lsu_ticket(demo, chef)
    row = links.mark_known_incident(incident, by=referent)
    from django.test import Client

    stranger = Client()
    stranger.force_login(outsider.user)
    hidden = stranger.post(f"/incidents-en-cours/{row.pk}/concerne/")
    missing = stranger.post("/incidents-en-cours/999999/concerne/")
    assert hidden.status_code == missing.status_code == 404
    assert "Je suis aussi concerné" not in stranger.get("/tickets/nouveau/").content.decode()
    assert not TicketActor.objects.filter(ticket=incident, user=outsider.user).exists()


def test_links_merge_and_known_incidents_through_api_v1(api_as, demo, chef, outsider):
    a = open_lsu_ticket(demo, chef, title="A")
    b = open_lsu_ticket(demo, chef, title="B")
    c = open_lsu_ticket(demo, chef, title="C")
    referent = api_as("referent.lsu", "Référent fonctionnel")
    added = referent.post(
        f"/api/v1/tickets/{a.pk}/links/", {"ticket": c.pk, "link": 4}, format="json"
    )
    assert added.status_code == 201, added.content
    assert added.json() | {"id": 0} == {
        "id": 0,
        "ticket": c.pk,
        "link": 4,
        "inverted": False,
        "status": Status.ASSIGNED,
        "title": "C",
    }
    assert [x["link"] for x in referent.get(f"/api/v1/tickets/{c.pk}/links/").json()] == [3]
    chef_api = api_as("chef.etab")
    refused = chef_api.post(
        f"/api/v1/tickets/{a.pk}/links/", {"ticket": b.pk, "link": 1}, format="json"
    )
    assert refused.status_code == 403
    create_token(outsider.user, "test", key="tech.bzh-token")
    stranger = api_as("tech.bzh")
    body = {"ticket": b.pk, "link": 1, "target": b.pk}
    for path in ("/api/v1/tickets/{}/links/", "/api/v1/tickets/{}/merge/"):
        hidden = stranger.post(path.format(a.pk), body, format="json")
        missing = stranger.post(path.format(999999), body, format="json")
        assert hidden.status_code == missing.status_code == 404 and hidden.json() == missing.json()
    link_id = added.json()["id"]
    assert stranger.delete(f"/api/v1/tickets/{a.pk}/links/{link_id}/").status_code == 404
    assert referent.delete(f"/api/v1/tickets/{a.pk}/links/{link_id}/").status_code == 204
    merged = referent.post(f"/api/v1/tickets/{b.pk}/merge/", {"target": a.pk}, format="json")
    assert merged.status_code == 200 and merged.json()["link"] == LinkKind.DUPLICATE_WITH
    b.refresh_from_db()
    assert b.status == Status.CLOSED
    known = referent.post(
        f"/api/v1/tickets/{a.pk}/known-incident/", {"message": "Panne"}, format="json"
    )
    assert known.status_code == 200 and known.json()["category"] == demo.lsu.pk
    school = api_as("chef.etab")
    listed = school.get("/api/v1/known-incidents/").json()
    assert [x["ticket"] for x in listed] == [a.pk]
    assert (
        school.post(f"/api/v1/known-incidents/{known.json()['id']}/concerned/").status_code == 200
    )
    assert (
        stranger.post(f"/api/v1/known-incidents/{known.json()['id']}/concerned/").status_code == 404
    )
    broadcast = referent.post(
        f"/api/v1/tickets/{a.pk}/broadcast/", {"content": "Rétabli"}, format="json"
    )
    assert broadcast.status_code == 201
    assert (
        school.post(
            f"/api/v1/tickets/{a.pk}/broadcast/", {"content": "x"}, format="json"
        ).status_code
        == 403
    )


def test_schema_documents_the_link_operations(client):
    paths = client.get("/api/schema/", {"format": "json"}).json()["paths"]
    assert {"get", "post"} <= set(paths["/api/v1/tickets/{id}/links/"])
    (one,) = [p for p in paths if p.startswith("/api/v1/tickets/{id}/links/{")]
    assert "delete" in paths[one]
    assert "post" in paths["/api/v1/tickets/{id}/merge/"]
    assert {"post", "delete"} <= set(paths["/api/v1/tickets/{id}/known-incident/"])
    assert "post" in paths["/api/v1/known-incidents/{id}/concerned/"]


def test_ticket_ticket_through_glpi_api(glpi_as, demo, chef, outsider):
    a = open_lsu_ticket(demo, chef, title="A")
    b = open_lsu_ticket(demo, chef, title="B")
    referent = glpi_as("referent.lsu", "Référent fonctionnel")
    created = referent.post(
        "Ticket_Ticket", {"input": {"tickets_id_1": b.pk, "tickets_id_2": a.pk, "link": 2}}
    )
    assert created.status_code == 201, created.content
    link_id = created.json()["id"]
    assert referent.get(f"Ticket_Ticket/{link_id}").json() | {"links": []} == {
        "id": link_id,
        "tickets_id_1": b.pk,
        "tickets_id_2": a.pk,
        "link": 2,
        "links": [],
    }
    under = referent.get(f"Ticket/{a.pk}/Ticket_Ticket").json()
    assert [x["id"] for x in under] == [link_id]
    # PARENT_OF is stored as SON_OF with the tickets swapped.
    c = open_lsu_ticket(demo, chef, title="C")
    parent = referent.post(
        f"Ticket/{a.pk}/Ticket_Ticket", {"input": {"tickets_id_2": c.pk, "link": 4}}
    )
    assert parent.status_code == 201, parent.content
    row = TicketLink.objects.get(pk=parent.json()["id"])
    assert (row.ticket_1_id, row.ticket_2_id, row.link) == (c.pk, a.pk, 3)
    chef_glpi = glpi_as("chef.etab")
    refused = chef_glpi.post(
        "Ticket_Ticket", {"input": {"tickets_id_1": a.pk, "tickets_id_2": c.pk, "link": 1}}
    )
    assert refused.status_code in (400, 403) and TicketLink.objects.count() == 2
    create_token(outsider.user, "test", key="tech.bzh-token")
    stranger = glpi_as("tech.bzh")
    hidden = stranger.get(f"Ticket_Ticket/{link_id}")
    missing = stranger.get("Ticket_Ticket/999999")
    assert hidden.status_code == missing.status_code == 404 and hidden.json() == missing.json()
    assert stranger.get("Ticket_Ticket").json() == []
    assert stranger.get(f"Ticket/{a.pk}/Ticket_Ticket").status_code == 404
    assert stranger.delete(f"Ticket_Ticket/{link_id}").status_code == 404
    assert referent.delete(f"Ticket_Ticket/{link_id}").status_code == 200
    assert not TicketLink.objects.filter(pk=link_id).exists()


def test_solving_through_glpi_solves_the_duplicate(glpi_as, demo, chef, referent):
    a = open_lsu_ticket(demo, chef, title="A")
    b = open_lsu_ticket(demo, chef, title="B")
    links.add_link(b, by=referent, other=a, link=LinkKind.DUPLICATE_WITH)
    api = glpi_as("referent.lsu", "Référent fonctionnel")
    solved = api.post(
        "ITILSolution", {"input": {"itemtype": "Ticket", "items_id": a.pk, "content": "Réglé"}}
    )
    assert solved.status_code == 201, solved.content
    b.refresh_from_db()
    assert b.status == Status.SOLVED and b.solutions.get().content == "<p>Réglé</p>"
