"""/api/v1/tickets/ filters (allowlisted) and the per-request profile and entity."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from escalade.tickets import workflow
from tests.conftest import open_lsu_ticket


def _ids(response):
    assert response.status_code == 200, response.content
    return sorted(t["id"] for t in response.json()["results"])


def test_filters_by_status_text_actor_urgency_and_dates(demo, chef, referent, tech, api_as):
    a = open_lsu_ticket(demo, chef, title="Bulletin bloqué", urgency=5)
    b = open_lsu_ticket(demo, chef, title="Export lent", urgency=2)
    workflow.escalate(b, by=referent, group=demo.dsi_bai)
    workflow.add_solution(b, by=tech, content="Fait")
    client = api_as("referent.lsu", "Référent fonctionnel")
    assert _ids(client.get("/api/v1/tickets/")) == [a.pk]
    assert _ids(client.get("/api/v1/tickets/", {"status": "all"})) == [a.pk, b.pk]
    assert _ids(client.get("/api/v1/tickets/", {"status": "5"})) == [b.pk]
    assert _ids(client.get("/api/v1/tickets/", {"status": "all", "q": "bulletin"})) == [a.pk]
    assert _ids(client.get("/api/v1/tickets/", {"status": "all", "urgency": 2})) == [b.pk]
    assert _ids(
        client.get("/api/v1/tickets/", {"status": "all", "assigned_group": demo.dsi_bai.pk})
    ) == [b.pk]
    assert _ids(
        client.get("/api/v1/tickets/", {"status": "all", "observer_group": demo.referents.pk})
    ) == [b.pk]
    assert _ids(client.get("/api/v1/tickets/", {"status": "all", "requester": chef.user.pk})) == [
        a.pk,
        b.pk,
    ]
    assert _ids(
        client.get("/api/v1/tickets/", {"status": "all", "category_under": demo.lsu.parent_id})
    ) == [a.pk, b.pk]
    later = (timezone.now() + timedelta(hours=1)).isoformat()
    assert _ids(client.get("/api/v1/tickets/", {"status": "all", "opened_after": later})) == []
    ordered = client.get("/api/v1/tickets/", {"status": "all", "ordering": "-urgency"}).json()
    assert [t["id"] for t in ordered["results"]] == [a.pk, b.pk]
    paged = client.get("/api/v1/tickets/", {"status": "all", "page_size": 1, "page": 2}).json()
    assert (paged["count"], len(paged["results"])) == (2, 1)


def test_entity_header_narrows_the_tickets(demo, chef, api_as):
    ticket = open_lsu_ticket(demo, chef)
    tech = api_as("admin")
    assert _ids(tech.get("/api/v1/tickets/")) == [ticket.pk]
    lycee = api_as("admin")
    lycee.credentials(
        HTTP_AUTHORIZATION="Token admin-token", HTTP_X_ESCALADE_ENTITY=str(demo.lycee.pk)
    )
    assert _ids(lycee.get("/api/v1/tickets/")) == []
    assert lycee.get(f"/api/v1/tickets/{ticket.pk}/").status_code == 404
    me = lycee.get("/api/v1/me/").json()
    assert me["active_entity"] == demo.lycee.pk
    outside = api_as("chef.etab")
    outside.credentials(
        HTTP_AUTHORIZATION="Token chef.etab-token", HTTP_X_ESCALADE_ENTITY=str(demo.lycee.pk)
    )
    assert outside.get("/api/v1/tickets/").status_code == 400


def test_token_pinned_to_a_profile(demo, api_as):
    client = api_as("referent.lsu")
    created = client.post(
        "/api/v1/tokens/", {"name": "référent", "profile": demo.referent_profile.pk}, format="json"
    )
    assert created.status_code == 201, created.content
    from rest_framework.test import APIClient

    pinned = APIClient()
    pinned.credentials(HTTP_AUTHORIZATION=f"Bearer {created.json()['key']}")
    assert pinned.get("/api/v1/me/").json()["profile"]["name"] == "Référent fonctionnel"
    refused = client.post(
        "/api/v1/tokens/", {"name": "x", "profile": demo.super_admin.pk}, format="json"
    )
    assert refused.status_code == 400
    listed = client.get("/api/v1/tokens/").json()["results"]
    assert {t["name"] for t in listed} == {"Démo", "référent"}
    assert all("key" not in t for t in listed)


def test_task_and_status_through_patch(demo, chef, api_as):
    ticket = open_lsu_ticket(demo, chef)
    client = api_as("referent.lsu", "Référent fonctionnel")
    task = client.post(
        f"/api/v1/tickets/{ticket.pk}/tasks/",
        {"content": "Appeler", "duration_seconds": 900, "state": 2},
        format="json",
    )
    assert task.status_code == 201
    patched = client.patch(
        f"/api/v1/tickets/{ticket.pk}/", {"status": 4, "urgency": 4}, format="json"
    )
    assert patched.status_code == 200, patched.content
    assert (patched.json()["status"], patched.json()["urgency"]) == (4, 4)
    kinds = [item["kind"] for item in patched.json()["timeline"]]
    assert kinds == ["task"]


def test_signed_in_browser_uses_the_session_profile_and_needs_csrf(demo, chef):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(demo.users["chef.etab"])
    assert browser.get("/api/v1/me/").json()["user"]["username"] == "chef.etab"
    response = browser.post("/api/v1/tickets/", {"content": "x"}, content_type="application/json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]


def test_followup_with_status_solved_becomes_the_solution(demo, chef, api_as):
    ticket = open_lsu_ticket(demo, chef)
    client = api_as("referent.lsu", "Référent fonctionnel")
    response = client.post(
        f"/api/v1/tickets/{ticket.pk}/followups/",
        {"content": "Corrigé", "status": 5},
        format="json",
    )
    assert response.json()["kind"] == "solution"
    detail = client.get(f"/api/v1/tickets/{ticket.pk}/").json()
    assert detail["status"] == 5
    assert [item["kind"] for item in detail["timeline"]] == ["solution"]


def test_long_lists_count_a_few_pages_ahead_unless_asked_for_the_exact_total(
    demo, chef, api_as, monkeypatch
):
    from escalade.tickets import paging

    monkeypatch.setattr(paging, "COUNT_AT_LEAST", 4)
    monkeypatch.setattr(paging, "PAGES_AHEAD", 1)
    tickets = [open_lsu_ticket(demo, chef, title=f"Ticket {n}") for n in range(9)]
    client = api_as("admin")
    first = client.get("/api/v1/tickets/", {"status": "all", "page_size": 2}).json()
    assert (first["count"], first["count_exact"], len(first["results"])) == (4, False, 2)
    last = client.get("/api/v1/tickets/", {"status": "all", "page_size": 2, "page": 4}).json()
    assert (last["count"], last["count_exact"]) == (9, True)  # counted up to page 5
    exact = client.get("/api/v1/tickets/", {"status": "all", "page_size": 2, "count": "exact"})
    assert (exact.json()["count"], exact.json()["count_exact"]) == (len(tickets), True)
    refused = client.get("/api/v1/tickets/", {"count": "approx"})
    assert refused.status_code == 400 and "count" in refused.json()["errors"]


def test_the_list_serializer_fast_path_gives_what_its_fields_give(demo, chef, referent):
    """TicketSummarySerializer writes its output by hand for speed: it must stay equal
    to what DRF derives from the declared fields (which also document the API)."""
    from rest_framework import serializers as drf

    from escalade.tickets import workflow
    from escalade.tickets.api.serializers import TicketSummarySerializer
    from escalade.tickets.api.views import ticket_rows
    from escalade.tickets.models import Ticket

    ticket = open_lsu_ticket(demo, chef)
    workflow.take(ticket, by=referent)
    workflow.escalate(ticket, by=referent, group=demo.dsi_bai)
    workflow.add_solution(ticket, by=referent, content="Fait")
    bare = Ticket.objects.create(entity=demo.college, title="Sans catégorie", content="x")
    for row in ticket_rows(Ticket.objects.filter(pk__in=[ticket.pk, bare.pk])):
        serializer = TicketSummarySerializer()
        generic = drf.Serializer.to_representation(serializer, row)
        assert serializer.to_representation(row) == dict(generic)
        assert list(serializer.to_representation(row)) == list(generic)  # same key order
