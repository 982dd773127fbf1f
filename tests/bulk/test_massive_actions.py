"""« Actions massives »: rights per ticket, one transaction per ticket, a clear count, one
mail per recipient per ticket; through the list page, /api/v1 and GLPI's API."""

from __future__ import annotations

import pytest

from escalade.accounts.models import SupportGroup
from escalade.accounts.tokens import create_token
from escalade.links.models import TicketLink
from escalade.notifications.models import Notification
from escalade.tickets import workflow
from escalade.tickets.models import Role, Ticket, TicketActor
from escalade.tickets.status import Status
from tests.factories import open_lsu_ticket


@pytest.fixture
def mixed(demo, chef, outsider):
    """12 LSU tickets the referents see, and 2 of another académie they do not."""
    mine = [open_lsu_ticket(demo, chef, title=f"LSU {i}") for i in range(12)]
    theirs = [
        workflow.create_ticket(by=outsider, title=f"Ailleurs {i}", content="Panne")
        for i in range(2)
    ]
    return mine, theirs


def _ids(tickets):
    return [str(t.pk) for t in tickets]


def test_the_list_offers_checkboxes_with_names_to_those_who_change_tickets(client_as, demo, mixed):
    mine, _theirs = mixed
    page = client_as("referent.lsu", "Référent fonctionnel").get("/tickets/").content.decode()
    assert 'aria-label="Tout sélectionner"' in page
    assert f'aria-label="Sélectionner le ticket n° {mine[0].pk}"' in page
    assert "Actions massives sur les tickets cochés" in page
    for label in ("Attribuer", "Ajouter un observateur", "Changer le statut", "Fusionner"):
        assert f">{label}</option>" in page
    requester = client_as("chef.etab").get("/tickets/").content.decode()
    assert "Tout sélectionner" not in requester and "actions-massives" not in requester


def test_twelve_done_two_refused_each_ticket_on_its_own(client_as, demo, mixed):
    mine, theirs = mixed
    bai = SupportGroup.objects.get(name="DSI-BAI")
    client = client_as("referent.lsu", "Référent fonctionnel")
    Notification.objects.all().delete()
    response = client.post(
        "/tickets/actions/",
        {"action": "add_observer", "party": f"g{bai.pk}", "ids": _ids(mine + theirs)},
        follow=True,
    )
    assert "12 faits, 2 refusés (droits)" in response.content.decode()
    assert TicketActor.objects.filter(role=Role.OBSERVER, group=bai).count() == 12
    assert not TicketActor.objects.filter(ticket__in=theirs, group=bai).exists()


def test_one_mail_per_recipient_per_ticket_and_a_failure_stays_alone(
    client_as, demo, chef, mixed, referent
):
    mine, _theirs = mixed
    workflow.change_status(mine[2], by=referent, status=Status.CLOSED)
    Notification.objects.all().delete()
    client = client_as("referent.lsu", "Référent fonctionnel")
    page = client.post(
        "/tickets/actions/",
        {"action": "followup", "content": "Mise à jour LSU ce soir.", "ids": _ids(mine[:3])},
        follow=True,
    ).content.decode()
    assert "2 faits, 0 refusés (droits), 1 en échec" in page
    assert f"n° {mine[2].pk} : Ce ticket est clos" in page
    for ticket in mine[:2]:
        rows = Notification.objects.filter(ticket_number=ticket.pk, recipient=chef.user)
        assert rows.count() == 1 and rows.get().events == ["followup"]
    assert not Notification.objects.filter(ticket_number=mine[2].pk).exists()


def test_a_requester_is_refused_on_every_ticket(client_as, demo, mixed):
    mine, _theirs = mixed
    client = client_as("chef.etab")
    page = client.post(
        "/tickets/actions/",
        {"action": "urgency", "urgency": "5", "ids": _ids(mine[:2])},
        follow=True,
    ).content.decode()
    assert "0 faits, 2 refusés (droits)" in page
    assert not Ticket.objects.filter(urgency=5).exists()


def test_bad_parameters_touch_nothing(client_as, demo, mixed):
    mine, _theirs = mixed
    client = client_as("referent.lsu", "Référent fonctionnel")
    page = client.post(
        "/tickets/actions/",
        {"action": "category", "category": "999999", "ids": _ids(mine)},
        follow=True,
    ).content.decode()
    assert "Catégorie introuvable." in page
    assert "faits" not in page


def test_the_list_costs_the_same_with_the_massive_form(
    client_as, demo, chef, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for i in range(3):
        open_lsu_ticket(demo, chef, title=f"Premier {i}")
    client = client_as("referent.lsu", "Référent fonctionnel")
    client.get("/tickets/")
    with CaptureQueriesContext(connection) as first:
        client.get("/tickets/")
    for i in range(15):
        open_lsu_ticket(demo, chef, title=f"Suivant {i}")
    with django_assert_max_num_queries(len(first.captured_queries)):
        page = client.get("/tickets/").content.decode()
    assert page.count('name="ids"') >= 18


def test_massive_actions_through_api_v1(api_as, demo, mixed, outsider):
    mine, theirs = mixed
    referent = api_as("referent.lsu", "Référent fonctionnel")
    keys = [a["key"] for a in referent.get("/api/v1/tickets/massive-actions/").json()]
    assert keys == [
        "assign",
        "add_observer",
        "status",
        "category",
        "urgency",
        "followup",
        "solve",
        "link",
        "merge",
    ]
    body = {"action": "status", "status": Status.WAITING, "ids": [t.pk for t in mine[:3] + theirs]}
    done = referent.post("/api/v1/tickets/massive-actions/", body, format="json")
    assert done.status_code == 200, done.content
    assert done.json() == {
        "done": [t.pk for t in mine[:3]],
        "refused": [t.pk for t in theirs],
        "failed": [],
        "summary": "3 faits, 2 refusés (droits)",
    }
    assert Ticket.objects.filter(status=Status.WAITING).count() == 3
    solved = referent.post(
        "/api/v1/tickets/massive-actions/",
        {"action": "solve", "content": "Réglé", "ids": [mine[0].pk, mine[1].pk]},
        format="json",
    )
    assert solved.json()["done"] == [mine[0].pk, mine[1].pk]
    linked = referent.post(
        "/api/v1/tickets/massive-actions/",
        {"action": "link", "ticket": mine[5].pk, "link": 2, "ids": [mine[3].pk, mine[4].pk]},
        format="json",
    )
    assert linked.json()["summary"] == "2 faits, 0 refusés (droits)"
    assert TicketLink.objects.filter(ticket_2=mine[5], link=2).count() == 2
    merged = referent.post(
        "/api/v1/tickets/massive-actions/",
        {"action": "merge", "ticket": mine[6].pk, "ids": [mine[7].pk, mine[8].pk]},
        format="json",
    )
    assert merged.json()["done"] == [mine[7].pk, mine[8].pk]
    assert Ticket.objects.filter(pk__in=[mine[7].pk, mine[8].pk], status=Status.CLOSED).count() == 2
    create_token(outsider.user, "test", key="tech.bzh-token")
    stranger = api_as("tech.bzh")
    refused = stranger.post(
        "/api/v1/tickets/massive-actions/",
        {"action": "urgency", "urgency": 5, "ids": [mine[9].pk, 999999]},
        format="json",
    )
    assert refused.json()["refused"] == [mine[9].pk, 999999]  # out of reach = missing
    schema = api_as("chef.etab").get("/api/schema/", {"format": "json"}).json()
    assert {"get", "post"} <= set(schema["paths"]["/api/v1/tickets/massive-actions/"])


def test_massive_actions_through_glpi_api(glpi_as, demo, mixed, outsider, referent):
    mine, theirs = mixed
    api = glpi_as("referent.lsu", "Référent fonctionnel")
    keys = [a["key"] for a in api.get("getMassiveActions/Ticket").json()]
    assert "Ticket:add_actor" in keys and "Ticket_Ticket:add" in keys
    assert "ITILFollowup:add_followup" in keys and "Ticket:resolve_tickets" in keys
    params = api.get("getMassiveActionParameters/Ticket/Ticket:add_actor").json()
    assert {p["name"] for p in params} == {"actortype", "users_id", "groups_id"}
    assert api.get("getMassiveActionParameters/Ticket/Ticket:nope").status_code == 400
    bai = SupportGroup.objects.get(name="DSI-BAI")
    ok = api.post(
        "applyMassiveAction/Ticket/Ticket:add_actor",
        {"ids": [mine[0].pk, mine[1].pk], "input": {"actortype": 2, "groups_id": bai.pk}},
    )
    assert ok.status_code == 200, ok.content
    assert ok.json() == {"ok": 2, "ko": 0, "noright": 0, "messages": []}
    workflow.change_status(mine[3], by=referent, status=Status.CLOSED)
    partial = api.post(
        "applyMassiveAction/Ticket/MassiveAction:update",
        {"ids": [mine[2].pk, mine[3].pk, theirs[0].pk], "input": {"id_field": 10, "urgency": 5}},
    )
    assert partial.status_code == 207
    assert (
        partial.json()["ok"] == 1 and partial.json()["ko"] == 1 and partial.json()["noright"] == 1
    )
    create_token(outsider.user, "test", key="tech.bzh-token")
    stranger = glpi_as("tech.bzh")
    none = stranger.post(
        "applyMassiveAction/Ticket/ITILFollowup:add_followup",
        {"ids": [mine[4].pk], "input": {"content": "x"}},
    )
    assert none.status_code == 422 and none.json()["noright"] == 1
    hidden = stranger.get(f"getMassiveActions/Ticket/{mine[4].pk}")
    missing = stranger.get("getMassiveActions/Ticket/999999")
    assert hidden.status_code == missing.status_code == 404 and hidden.json() == missing.json()


@pytest.mark.parametrize(
    ("login", "profile", "summary"),
    [
        ("chef.etab", None, "0 faits, 2 refusés (droits)"),
        ("referent.lsu", "Référent fonctionnel", "2 faits, 0 refusés (droits)"),
        ("tech.bai", None, "0 faits, 2 refusés (droits)"),  # a Technicien may not assign
    ],
)
def test_assigning_per_persona(api_as, demo, mixed, outsider, login, profile, summary):
    mine, _theirs = mixed
    create_token(outsider.user, "test", key="tech.bzh-token")
    bai = SupportGroup.objects.get(name="DSI-BAI")
    body = {"action": "assign", "party": f"g{bai.pk}", "ids": [mine[0].pk, mine[1].pk]}
    answer = api_as(login, profile).post("/api/v1/tickets/massive-actions/", body, format="json")
    assert answer.json()["summary"] == summary
    assigned = TicketActor.objects.filter(role=Role.ASSIGNED, group=bai, ticket__in=mine[:2])
    assert assigned.count() == (2 if login == "referent.lsu" else 0)


def test_someone_else_names_neither_the_tickets_nor_the_group(api_as, demo, mixed, outsider):
    mine, _theirs = mixed
    create_token(outsider.user, "test", key="tech.bzh-token")
    stranger = api_as("tech.bzh")
    bai = SupportGroup.objects.get(name="DSI-BAI")
    body = {"action": "assign", "party": f"g{bai.pk}", "ids": [mine[0].pk]}
    answer = stranger.post("/api/v1/tickets/massive-actions/", body, format="json")
    assert answer.status_code == 400 and answer.json()["field"] == "party"  # not found
    body = {"action": "urgency", "urgency": 1, "ids": [mine[0].pk, 999999]}
    answer = stranger.post("/api/v1/tickets/massive-actions/", body, format="json")
    assert answer.json()["refused"] == [mine[0].pk, 999999]
    assert not TicketActor.objects.filter(group=bai, ticket=mine[0]).exists()
