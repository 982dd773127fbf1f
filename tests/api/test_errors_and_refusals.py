"""/api/v1/: authentication, error answers, and each persona's refusals."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from escalade.accounts.models import ApiToken
from escalade.accounts.tokens import create_token
from escalade.tickets import workflow
from escalade.tickets.models import Attachment, Followup, Ticket, TicketActor
from escalade.tickets.status import Status
from tests.conftest import open_lsu_ticket


def test_missing_or_invalid_token_is_401(demo):
    client = APIClient()
    missing = client.get("/api/v1/tickets/")
    assert missing.status_code == 401
    assert missing.json()["detail"]
    assert "Token" in missing["WWW-Authenticate"]
    client.credentials(HTTP_AUTHORIZATION="Token nope")
    assert client.get("/api/v1/tickets/").status_code == 401
    client.credentials(HTTP_AUTHORIZATION="Bearer chef.etab-token")
    assert client.get("/api/v1/tickets/").status_code == 200


def test_revoked_token_is_401(demo, api_as):
    chef = api_as("chef.etab")
    created = chef.post("/api/v1/tokens/", {"name": "script"}, format="json")
    assert created.status_code == 201
    key = created.json()["key"]
    assert not ApiToken.objects.filter(key_hash=key).exists()  # stored hashed
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get("/api/v1/me/").json()["user"]["username"] == "chef.etab"
    assert chef.delete(f"/api/v1/tokens/{created.json()['id']}/").status_code == 204
    assert client.get("/api/v1/me/").status_code == 401


def test_someone_elses_token_cannot_be_revoked(demo, api_as):
    other, _key = create_token(demo.users["tech.bai"], "tech")
    assert api_as("chef.etab").delete(f"/api/v1/tokens/{other.pk}/").status_code == 404
    other.refresh_from_db()
    assert other.revoked_at is None


def test_profile_header_must_be_held(demo, api_as):
    chef = api_as("chef.etab", "Super-Admin")
    response = chef.get("/api/v1/me/")
    assert response.status_code == 400
    assert "profil" in response.json()["detail"]
    referent = api_as("referent.lsu", "Référent fonctionnel")
    assert referent.get("/api/v1/me/").json()["profile"]["name"] == "Référent fonctionnel"


def test_bad_input_is_400_with_field_errors_and_nothing_changes(demo, api_as):
    chef = api_as("chef.etab")
    response = chef.post("/api/v1/tickets/", {"content": "", "urgency": 9}, format="json")
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"content", "urgency"}
    response = chef.post("/api/v1/tickets/", {"content": "x", "category": 999999}, format="json")
    assert (response.status_code, response.json()["field"]) == (400, "category")
    bad_filter = chef.get("/api/v1/tickets/", {"ordering": "password"})
    assert bad_filter.status_code == 400
    assert chef.get("/api/v1/tickets/", {"status": "9"}).status_code == 400
    assert chef.get("/api/v1/tickets/", {"page_size": 1000}).status_code == 400
    assert not Ticket.objects.exists()


def test_conflict_on_a_closed_ticket_is_409(demo, chef, api_as):
    ticket = open_lsu_ticket(demo, chef)
    workflow.change_status(ticket, by=None, status=Status.CLOSED)
    response = api_as("admin").post(
        f"/api/v1/tickets/{ticket.pk}/followups/", {"content": "trop tard"}, format="json"
    )
    assert response.status_code == 409
    assert response.json()["code"] == "conflict"
    assert not Followup.objects.exists()


def test_requester_cannot_take_escalate_or_assign(demo, chef, api_as):
    ticket = open_lsu_ticket(demo, chef)
    client = api_as("chef.etab")
    assert client.post(f"/api/v1/tickets/{ticket.pk}/take/").status_code == 403
    response = client.post(
        f"/api/v1/tickets/{ticket.pk}/escalate/", {"group": demo.dsi_bai.pk}, format="json"
    )
    assert response.status_code in (400, 403)
    assert (
        client.patch(f"/api/v1/tickets/{ticket.pk}/", {"urgency": 5}, format="json").status_code
        == 403
    )
    assert not TicketActor.objects.filter(ticket=ticket, group=demo.dsi_bai).exists()
    assert Ticket.objects.get(pk=ticket.pk).urgency == 3


def test_outsider_gets_404_exactly_like_a_missing_ticket(demo, chef, outsider):
    ticket = open_lsu_ticket(demo, chef)
    _token, key = create_token(outsider.user, "t")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    seen, missing = (
        client.get(f"/api/v1/tickets/{ticket.pk}/"),
        client.get("/api/v1/tickets/999999/"),
    )
    assert seen.status_code == missing.status_code == 404
    assert seen.json() == missing.json()
    for path in ("take/", "followups/", "solution/", "escalate/"):
        assert (
            client.post(
                f"/api/v1/tickets/{ticket.pk}/{path}", {"content": "x", "group": 1}, format="json"
            ).status_code
            == 404
        )
    assert client.get("/api/v1/tickets/", {"status": "all"}).json()["count"] == 0
    assert not Followup.objects.exists()


@pytest.mark.attachments
def test_self_service_does_not_see_private_followups_nor_their_files(demo, chef, api_as):
    ticket = open_lsu_ticket(demo, chef)
    referent = api_as("referent.lsu", "Référent fonctionnel")
    response = referent.post(
        f"/api/v1/tickets/{ticket.pk}/followups/",
        {
            "content": "Note interne",
            "is_private": "true",
            "attachments": [SimpleUploadedFile("trace.txt", b"secret trace")],
        },
        format="multipart",
    )
    assert response.status_code == 201, response.content
    referent.post(f"/api/v1/tickets/{ticket.pk}/followups/", {"content": "Réponse"}, format="json")
    attachment = Attachment.objects.get()
    chef_client = api_as("chef.etab")
    timeline = chef_client.get(f"/api/v1/tickets/{ticket.pk}/").json()["timeline"]
    assert [item["content"] for item in timeline] == ["Réponse"]
    assert chef_client.get(f"/api/v1/attachments/{attachment.pk}/").status_code == 404
    download = referent.get(f"/api/v1/attachments/{attachment.pk}/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"secret trace"


def test_refusing_a_solution_reopens_the_ticket(demo, chef, referent, api_as):
    ticket = open_lsu_ticket(demo, chef)
    workflow.add_solution(ticket, by=referent, content="Essayez ceci")
    client = api_as("chef.etab")
    empty = client.post(f"/api/v1/tickets/{ticket.pk}/solution/refuse/", {}, format="json")
    assert empty.status_code == 400
    response = client.post(
        f"/api/v1/tickets/{ticket.pk}/solution/refuse/",
        {"reason": "Toujours en erreur"},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["status"] == Status.ASSIGNED
    other = api_as("referent2.lsu")  # Self-Service: chef's ticket is out of reach
    assert (
        other.post(f"/api/v1/tickets/{ticket.pk}/solution/approve/", {}, format="json").status_code
        == 404
    )


def test_actor_add_and_remove(demo, chef, api_as):
    ticket = open_lsu_ticket(demo, chef)
    referent = api_as("referent.lsu", "Référent fonctionnel")
    added = referent.post(
        f"/api/v1/tickets/{ticket.pk}/actors/", {"role": 3, "group": demo.dsi_bai.pk}, format="json"
    )
    assert added.status_code == 201, added.content
    again = referent.post(
        f"/api/v1/tickets/{ticket.pk}/actors/", {"role": 3, "group": demo.dsi_bai.pk}, format="json"
    )
    assert again.status_code == 200 and again.json()["id"] == added.json()["id"]
    both = referent.post(
        f"/api/v1/tickets/{ticket.pk}/actors/",
        {"role": 3, "group": demo.dsi_bai.pk, "user": chef.user.pk},
        format="json",
    )
    assert both.status_code == 400
    removed = referent.delete(f"/api/v1/tickets/{ticket.pk}/actors/{added.json()['id']}/")
    assert removed.status_code == 204
    assert not TicketActor.objects.filter(ticket=ticket, group=demo.dsi_bai).exists()


def test_directory_lists_are_limited_to_the_caller(demo, outsider, api_as):
    chef = api_as("chef.etab")
    assert [u["username"] for u in chef.get("/api/v1/users/").json()["results"]] == ["chef.etab"]
    names = [c["full_name"] for c in chef.get("/api/v1/categories/").json()["results"]]
    assert "Scolarité > LSU" in names
    groups = [g["name"] for g in api_as("tech.bai").get("/api/v1/groups/").json()["results"]]
    assert "DSI-BZH" not in groups and "DSI-BAI" in groups


def test_ticket_list_queries_do_not_grow_with_rows(
    demo, chef, api_as, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = api_as("referent.lsu", "Référent fonctionnel")
    open_lsu_ticket(demo, chef)
    with CaptureQueriesContext(connection) as one:
        client.get("/api/v1/tickets/")
    for n in range(5):
        open_lsu_ticket(demo, chef, title=f"T{n}")
    with django_assert_max_num_queries(len(one.captured_queries)):
        assert client.get("/api/v1/tickets/").json()["count"] == 6


def test_schema_and_docs_are_served_without_cdn(client):
    schema = client.get("/api/schema/?format=json")
    assert schema.status_code == 200
    assert "/api/v1/tickets/{id}/escalate/" in schema.json()["paths"]
    page = client.get("/api/docs/")
    html = page.content.decode()
    assert page.status_code == 200 and "http" not in html.replace("http-equiv", "")
    assert client.get("/api/v1/docs-assets/swagger-ui-bundle.js").status_code == 200
    assert client.get("/api/v1/docs-assets/..%2Fsettings.py").status_code == 404
