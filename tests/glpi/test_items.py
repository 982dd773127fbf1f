"""GLPI API items: GLPI's codes and shapes, ranges, lists in and out, refusals."""

from __future__ import annotations

import pytest
from django.test import Client

from escalade.accounts.models import ProfileGrant, User
from escalade.tickets import workflow
from escalade.tickets.models import Attachment, Followup, Ticket, TicketActor
from tests.conftest import as_, open_lsu_ticket
from tests.glpi.conftest import login


def test_ticket_fields_use_glpi_names_and_codes(demo, chef, glpi_as):
    ticket = open_lsu_ticket(demo, chef)
    body = glpi_as("chef.etab").get(f"Ticket/{ticket.pk}", {"expand_dropdowns": "true"}).json()
    assert body["name"] == ticket.title
    assert (body["status"], body["type"], body["urgency"]) == (2, 1, 3)
    assert body["itilcategories_id"] == "Scolarité > LSU"
    assert body["entities_id"] == demo.college.full_name
    assert body["content"].startswith("&lt;p&gt;")  # sanitized, as GLPI 10 answers
    raw = (
        glpi_as("chef.etab")
        .get(f"Ticket/{ticket.pk}", headers={"X-GLPI-Sanitized-Content": "false"})
        .json()
    )
    assert raw["content"].startswith("<p>")


def test_list_is_ranged_with_content_range_and_206(demo, chef, glpi_as):
    for n in range(3):
        open_lsu_ticket(demo, chef, title=f"Ticket {n}")
    api = glpi_as("chef.etab")
    page = api.get("Ticket/", {"range": "0-1", "sort": "name", "order": "DESC"})
    assert page.status_code == 206
    assert page["Content-Range"] == "0-1/3"
    assert page["Accept-Range"].startswith("Ticket ")
    assert [t["name"] for t in page.json()] == ["Ticket 2", "Ticket 1"]
    full = api.get("Ticket", {"range": "0-49"})
    assert full.status_code == 200 and len(full.json()) == 3
    beyond = api.get("Ticket", {"range": "10-20"})
    assert (beyond.status_code, beyond.json()[0]) == (400, "ERROR_RANGE_EXCEED_TOTAL")
    bad_sort = api.get("Ticket", {"sort": "password"})
    assert (bad_sort.status_code, bad_sort.json()[0]) == (400, "ERROR")
    by_option = api.get("Ticket", {"sort": 1, "order": "ASC"}).json()
    assert [t["name"] for t in by_option] == ["Ticket 0", "Ticket 1", "Ticket 2"]
    assert api.get(f"Ticket/{by_option[0]['id']}").has_header("Last-Modified")
    found = api.get("Ticket", {"searchText[name]": "ticket 1"}).json()
    assert [t["name"] for t in found] == ["Ticket 1"]


def test_list_input_gives_list_output_with_partial_failure(demo, glpi_as):
    api = glpi_as("chef.etab")
    response = api.post(
        "Ticket",
        {
            "input": [
                {"name": "Un", "content": "Premier", "itilcategories_id": demo.lsu.pk},
                {"name": "Deux", "content": ""},
            ]
        },
    )
    assert response.status_code == 207
    code, results = response.json()
    assert code == "ERROR_GLPI_PARTIAL_ADD"
    assert results[0]["id"] == Ticket.objects.get(title="Un").pk
    assert results[1]["id"] is False and results[1]["message"]
    assert not Ticket.objects.filter(title="Deux").exists()


def test_post_without_input_is_bad_array(glpi_as):
    response = glpi_as("chef.etab").post("Ticket", {"name": "x"})
    assert (response.status_code, response.json()[0]) == (400, "ERROR_BAD_ARRAY")


def test_get_with_a_body_is_refused(glpi_as):
    api = glpi_as("chef.etab")
    response = api.send("GET", "Ticket", {"input": {"x": 1}})
    assert response.json()[0] == "ERROR_JSON_PAYLOAD_FORBIDDEN"


def test_put_and_patch_update_fields(demo, referent, chef, glpi_as):
    ticket = open_lsu_ticket(demo, chef)
    api = glpi_as("referent.lsu", "Référent fonctionnel")
    response = api.put(f"Ticket/{ticket.pk}", {"input": {"urgency": 4, "name": "Nouveau titre"}})
    assert response.json() == [{str(ticket.pk): True, "message": ""}]
    response = api.send("PATCH", "Ticket/", {"input": [{"id": ticket.pk, "impact": 5}]})
    assert response.status_code == 200, response.content
    ticket.refresh_from_db()
    assert (ticket.title, ticket.urgency, ticket.impact) == ("Nouveau titre", 4, 5)


def test_missing_right_is_403_error_right_missing(demo, chef, glpi_as):
    ticket = open_lsu_ticket(demo, chef)
    response = glpi_as("chef.etab").put(f"Ticket/{ticket.pk}", {"input": {"urgency": 5}})
    assert (response.status_code, response.json()[0]) == (403, "ERROR_RIGHT_MISSING")
    assert Ticket.objects.get(pk=ticket.pk).urgency == 3
    delete = glpi_as("chef.etab").delete(f"Ticket/{ticket.pk}")
    assert (delete.status_code, delete.json()[0]) == (403, "ERROR_RIGHT_MISSING")


def test_delete_trashes_then_force_purge_removes(demo, chef, glpi_as):
    ticket = open_lsu_ticket(demo, chef)
    admin = glpi_as("admin")
    response = admin.delete(f"Ticket/{ticket.pk}")
    assert (response.status_code, response.json()) == (200, [{str(ticket.pk): True, "message": ""}])
    assert Ticket.objects.get(pk=ticket.pk).is_deleted
    trash = admin.get("Ticket", {"is_deleted": "True"}).json()
    assert [t["id"] for t in trash] == [ticket.pk]
    purged = admin.delete(f"Ticket/{ticket.pk}", {"force_purge": True})
    assert purged.json() == [{str(ticket.pk): True, "message": ""}]
    assert not Ticket.objects.filter(pk=ticket.pk).exists()


def test_outsider_gets_404_exactly_like_a_missing_ticket(demo, chef, outsider):
    ticket = open_lsu_ticket(demo, chef)
    api = login(Client(), "admin")
    user = User.objects.get(username="tech.bzh")
    from escalade.accounts.tokens import create_token

    create_token(user, "t", key="tech.bzh-token")
    stranger = login(Client(), "tech.bzh")
    seen = stranger.get(f"Ticket/{ticket.pk}")
    missing = stranger.get("Ticket/999999")
    assert seen.status_code == missing.status_code == 404
    assert seen.json() == missing.json()
    assert stranger.get(f"Ticket/{ticket.pk}/ITILFollowup").json() == missing.json()
    posted = stranger.post(
        "ITILFollowup", {"input": {"itemtype": "Ticket", "items_id": ticket.pk, "content": "x"}}
    )
    assert posted.status_code == 404
    assert not Followup.objects.filter(ticket=ticket).exists()
    assert stranger.get("search/Ticket").json()["totalcount"] == 0
    assert api.get(f"Ticket/{ticket.pk}").status_code == 200


def test_self_service_does_not_see_private_followups(demo, chef, referent, glpi_as):
    ticket = open_lsu_ticket(demo, chef)
    workflow.add_followup(ticket, by=referent, content="Note interne", is_private=True)
    workflow.add_followup(ticket, by=referent, content="Réponse publique")
    api = glpi_as("chef.etab")
    listed = api.get(f"Ticket/{ticket.pk}/ITILFollowup").json()
    assert [f["content"] for f in listed] == ["&lt;p&gt;Réponse publique&lt;/p&gt;"]
    private = Followup.objects.get(is_private=True)
    assert api.get(f"ITILFollowup/{private.pk}").status_code == 404
    assert all(f["is_private"] == 0 for f in api.get("ITILFollowup").json())
    log = api.get(f"Ticket/{ticket.pk}/Log").json()
    assert str(private.pk) not in [
        row["new_value"] for row in log if row["itemtype_link"] == "ITILFollowup"
    ]
    referent_api = glpi_as("referent.lsu", "Référent fonctionnel")
    assert len(referent_api.get(f"Ticket/{ticket.pk}/ITILFollowup").json()) == 2


def test_self_service_cannot_write_a_private_followup(demo, chef, glpi_as):
    ticket = open_lsu_ticket(demo, chef)
    response = glpi_as("chef.etab").post(
        "ITILFollowup",
        {
            "input": {
                "itemtype": "Ticket",
                "items_id": ticket.pk,
                "content": "secret",
                "is_private": "true",
            }
        },
    )
    assert (response.status_code, response.json()[0]) == (403, "ERROR_RIGHT_MISSING")
    assert not Followup.objects.exists()


@pytest.mark.attachments
def test_upload_and_download_a_document(demo, chef, glpi_as):
    ticket = open_lsu_ticket(demo, chef)
    api = glpi_as("chef.etab")
    manifest = (
        '{"input": {"name": "Capture", "_filename": ["erreur.txt"], '
        f'"itemtype": "Ticket", "items_id": {ticket.pk}}}}}'
    )
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = api.client.post(
        "/apirest.php/Document/",
        {
            "uploadManifest": manifest,
            "filename[0]": SimpleUploadedFile("erreur.txt", b"Erreur 403 dans LSU"),
        },
        headers=api.headers(),
    )
    assert response.status_code == 201, response.content
    document_id = response.json()["id"]
    assert response.json()["upload_result"]["filename"][0]["name"] == "erreur.txt"
    assert Attachment.objects.get(pk=document_id).ticket == ticket
    meta = api.get(f"Document/{document_id}").json()
    assert meta["filename"] == "erreur.txt"
    file = api.get(f"Document/{document_id}", headers={"Accept": "application/octet-stream"})
    assert b"".join(file.streaming_content) == b"Erreur 403 dans LSU"
    items = api.get(f"Ticket/{ticket.pk}/Document_Item").json()
    assert [i["documents_id"] for i in items] == [document_id]


def test_get_multiple_items_and_directory(demo, chef, glpi_as):
    ticket = open_lsu_ticket(demo, chef)
    # Self-Service (referent2's default profile) does not see chef's ticket.
    hidden = (
        glpi_as("referent2.lsu")
        .get("getMultipleItems", {"items[0][itemtype]": "Ticket", "items[0][items_id]": ticket.pk})
        .json()
    )
    assert hidden == [["ERROR_ITEM_NOT_FOUND", "Élément introuvable."]]
    # A GLPI Technician sees every ticket of his entities (READALL), not only DSI-BAI's.
    api = glpi_as("tech.bai")
    response = api.get(
        "getMultipleItems",
        {
            "items[0][itemtype]": "Ticket",
            "items[0][items_id]": ticket.pk,
            "items[1][itemtype]": "ITILCategory",
            "items[1][items_id]": demo.lsu.pk,
        },
    ).json()
    assert [r["id"] for r in response] == [ticket.pk, demo.lsu.pk]
    assert {g["name"] for g in api.get("Group").json()} >= {"Référents-LSU", "DSI-BAI"}
    users = {u["name"] for u in api.get("User", {"range": "0-99"}).json()}
    assert "chef.etab" in users
    assert all("password" not in u for u in api.get("User").json())
    assert api.get("Profile").json()[0]["name"] == "Technicien"
    assert api.post("Group", {"input": {"name": "x"}}).status_code == 403


def test_sub_items_of_a_ticket_and_bad_itemtype(demo, chef, glpi_as):
    ticket = open_lsu_ticket(demo, chef)
    api = glpi_as("chef.etab")
    log = api.get(f"Ticket/{ticket.pk}/Log").json()
    assert 20 in [row["linked_action"] for row in log]
    assert api.get("Computer").json()[0] == "ERROR_RESOURCE_NOT_FOUND_NOR_COMMONDBTM"
    actor = TicketActor.objects.filter(ticket=ticket, user__isnull=False).get()
    one = api.get(f"Ticket/{ticket.pk}/Ticket_User/{actor.pk}").json()
    assert one["users_id"] == chef.user.pk


def test_referent_grant_is_needed_for_escalation(demo, chef, glpi_as):
    ProfileGrant.objects.filter(
        user__username="referent.lsu", profile=demo.referent_profile
    ).delete()
    ticket = open_lsu_ticket(demo, chef)
    api = glpi_as("referent.lsu")
    response = api.post(
        "Group_Ticket",
        {"input": {"tickets_id": ticket.pk, "groups_id": demo.dsi_bai.pk, "type": 2}},
    )
    assert response.status_code in (403, 404)
    assert not TicketActor.objects.filter(ticket=ticket, group=demo.dsi_bai).exists()
    assert as_(demo, "referent.lsu").profile == demo.self_service


def test_lists_query_count_does_not_grow_with_rows(demo, chef, referent, glpi_as):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    api = glpi_as("referent.lsu", "Référent fonctionnel")
    first = open_lsu_ticket(demo, chef)
    workflow.add_followup(first, by=referent, content="Un")

    def count(path):
        with CaptureQueriesContext(connection) as queries:
            assert api.get(path, {"expand_dropdowns": 1}).status_code == 200
        return len(queries.captured_queries)

    before = (count("Ticket"), count(f"Ticket/{first.pk}/ITILFollowup"))
    for n in range(4):
        open_lsu_ticket(demo, chef, title=f"T{n}")
        workflow.add_followup(first, by=referent, content=f"Suivi {n}")
    assert (count("Ticket"), count(f"Ticket/{first.pk}/ITILFollowup")) == before
