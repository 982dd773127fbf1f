"""``POST Ticket/:id/<sub>``: GLPI's addItems on a sub-itemtype path, as ``POST <sub>``."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from escalade.accounts.models import User
from escalade.accounts.tokens import create_token
from escalade.tickets.models import Attachment, Followup, Role, Solution, Task, TicketActor
from escalade.tickets.status import Status
from tests.conftest import open_lsu_ticket
from tests.glpi.conftest import login


def test_followup_under_a_ticket_answers_as_the_top_level_post(demo, chef, glpi_as):
    ticket = open_lsu_ticket(demo, chef)
    api = glpi_as("referent.lsu", "Référent fonctionnel")
    body = {"input": {"itemtype": "Ticket", "items_id": ticket.pk, "content": "Je regarde."}}
    top = api.post("ITILFollowup", body)
    sub = api.post(f"Ticket/{ticket.pk}/ITILFollowup", body)
    assert (top.status_code, sub.status_code) == (201, 201), sub.content
    assert set(sub.json()) == set(top.json()) == {"id", "message"}
    assert sub.json()["message"] == ""
    created = Followup.objects.get(pk=sub.json()["id"])
    assert (created.ticket_id, created.content) == (ticket.pk, "<p>Je regarde.</p>")
    assert sub["Location"].endswith(f"/apirest.php/ITILFollowup/{created.pk}")
    listed = api.get(f"Ticket/{ticket.pk}/ITILFollowup").json()
    assert created.pk in [f["id"] for f in listed]


def test_parent_taken_from_the_url_when_absent(demo, chef, glpi_as):
    ticket = open_lsu_ticket(demo, chef)
    api = glpi_as("chef.etab")
    response = api.post(f"Ticket/{ticket.pk}/ITILFollowup", {"input": {"content": "Toujours"}})
    assert response.status_code == 201, response.content
    assert Followup.objects.get(pk=response.json()["id"]).ticket == ticket


def test_list_input_under_a_ticket_gives_glpi_array_and_link(demo, chef, glpi_as):
    ticket = open_lsu_ticket(demo, chef)
    api = glpi_as("referent.lsu", "Référent fonctionnel")
    response = api.post(
        f"Ticket/{ticket.pk}/TicketTask",
        {"input": [{"content": "Appeler", "actiontime": 600}, {"content": "Rappeler"}]},
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert [set(r) for r in body] == [{"id", "message"}] * 2
    tasks = Task.objects.filter(ticket=ticket).order_by("pk")
    assert [t.pk for t in tasks] == [r["id"] for r in body]
    assert [t.duration_seconds for t in tasks] == [600, 0]
    assert response["Link"] == ",".join(
        f"http://testserver/apirest.php/TicketTask/{t.pk}" for t in tasks
    )


def test_partial_list_failure_is_207_like_the_top_level(demo, chef, glpi_as):
    ticket = open_lsu_ticket(demo, chef)
    api = glpi_as("chef.etab")
    response = api.post(
        f"Ticket/{ticket.pk}/ITILFollowup",
        {"input": [{"content": "public"}, {"content": "secret", "is_private": 1}]},
    )
    assert response.status_code == 207
    code, results = response.json()
    assert code == "ERROR_GLPI_PARTIAL_ADD"
    assert results[0]["message"] == "" and results[1]["id"] is False
    assert [f.content for f in Followup.objects.filter(ticket=ticket)] == ["<p>public</p>"]


def test_solution_and_actors_under_a_ticket(demo, chef, glpi_as):
    ticket = open_lsu_ticket(demo, chef)
    api = glpi_as("referent.lsu", "Référent fonctionnel")
    observer = api.post(
        f"Ticket/{ticket.pk}/Group_Ticket", {"input": {"groups_id": demo.dsi_bai.pk, "type": 3}}
    )
    assert observer.status_code == 201, observer.content
    user = api.post(
        f"Ticket/{ticket.pk}/Ticket_User",
        {"input": {"users_id": demo.users["referent.lsu"].pk, "type": 2}},
    )
    assert user.status_code == 201, user.content
    actors = {(a.role, a.user_id, a.group_id) for a in TicketActor.objects.filter(ticket=ticket)}
    assert (Role.OBSERVER, None, demo.dsi_bai.pk) in actors
    assert (Role.ASSIGNED, demo.users["referent.lsu"].pk, None) in actors
    solution = api.post(f"Ticket/{ticket.pk}/ITILSolution", {"input": {"content": "Corrigé"}})
    assert solution.status_code == 201, solution.content
    assert Solution.objects.get(pk=solution.json()["id"]).ticket == ticket
    ticket.refresh_from_db()
    assert ticket.status in (Status.SOLVED, Status.CLOSED)


@pytest.mark.attachments
def test_document_upload_and_document_item_link_under_a_ticket(demo, chef, glpi_as):
    first = open_lsu_ticket(demo, chef)
    second = open_lsu_ticket(demo, chef, title="Autre souci LSU")
    api = glpi_as("chef.etab")
    uploaded = api.client.post(
        f"/apirest.php/Ticket/{first.pk}/Document/",
        {
            "uploadManifest": '{"input": {"name": "Capture", "_filename": ["erreur.txt"]}}',
            "filename[0]": SimpleUploadedFile("erreur.txt", b"Erreur 403 dans LSU"),
        },
        headers=api.headers(),
    )
    assert uploaded.status_code == 201, uploaded.content
    document = Attachment.objects.get(pk=uploaded.json()["id"])
    assert document.ticket == first
    assert uploaded.json()["upload_result"]["filename"][0]["name"] == "erreur.txt"
    linked = api.post(
        f"Ticket/{second.pk}/Document_Item",
        {"input": {"documents_id": document.pk, "itemtype": "Ticket", "items_id": second.pk}},
    )
    assert linked.status_code == 201, linked.content
    copy = Attachment.objects.get(pk=linked.json()["id"])
    assert (copy.ticket, copy.filename, copy.sha256) == (second, "erreur.txt", document.sha256)
    listed = api.get(f"Ticket/{second.pk}/Document_Item").json()
    assert [d["documents_id"] for d in listed] == [copy.pk]
    again = api.post(f"Ticket/{second.pk}/Document_Item", {"input": {"documents_id": copy.pk}})
    assert (again.status_code, again.json()[0]) == (400, "ERROR_GLPI_ADD")
    assert Attachment.objects.filter(ticket=second).count() == 1


def test_a_different_parent_in_the_input_is_refused(demo, chef, glpi_as):
    ticket = open_lsu_ticket(demo, chef)
    other = open_lsu_ticket(demo, chef, title="Autre")
    api = glpi_as("chef.etab")
    response = api.post(
        f"Ticket/{ticket.pk}/ITILFollowup",
        {"input": {"itemtype": "Ticket", "items_id": other.pk, "content": "x"}},
    )
    assert (response.status_code, response.json()[0]) == (400, "ERROR_GLPI_ADD")
    task = glpi_as("referent.lsu", "Référent fonctionnel").post(
        f"Ticket/{ticket.pk}/TicketTask", {"input": {"tickets_id": other.pk, "content": "x"}}
    )
    assert (task.status_code, task.json()[0]) == (400, "ERROR_GLPI_ADD")
    assert not Followup.objects.exists() and not Task.objects.exists()


def test_rights_are_those_of_the_top_level_post(demo, chef, glpi_as):
    ticket = open_lsu_ticket(demo, chef)
    api = glpi_as("chef.etab")
    top = api.post("TicketTask", {"input": {"tickets_id": ticket.pk, "content": "Une tâche"}})
    sub = api.post(f"Ticket/{ticket.pk}/TicketTask", {"input": {"content": "Une tâche"}})
    assert (sub.status_code, sub.json()) == (top.status_code, top.json())
    assert sub.status_code == 403
    assert not Task.objects.exists()


def test_out_of_reach_ticket_answers_like_a_missing_one(demo, chef, outsider):
    ticket = open_lsu_ticket(demo, chef)
    create_token(User.objects.get(username="tech.bzh"), "t", key="tech.bzh-token")
    stranger = login(Client(), "tech.bzh")
    for sub, body in (
        ("ITILFollowup", {"input": {"content": "x"}}),
        ("TicketTask", {"input": {"content": "x"}}),
        ("Group_Ticket", {"input": {"groups_id": 1, "type": 3}}),
        ("ITILFollowup", {"input": [{"content": "x"}]}),
    ):
        seen = stranger.post(f"Ticket/{ticket.pk}/{sub}", body)
        missing = stranger.post(f"Ticket/999999/{sub}", body)
        assert seen.status_code == missing.status_code == 404
        assert seen.json() == missing.json()
    assert not Followup.objects.exists() and not Task.objects.exists()
    assert TicketActor.objects.filter(ticket=ticket, role=Role.OBSERVER).count() == 0


@pytest.mark.parametrize("sub", ["Log", "TicketValidation"])
def test_read_only_sub_items_refuse_post(demo, chef, glpi_as, sub):
    ticket = open_lsu_ticket(demo, chef)
    response = glpi_as("chef.etab").post(f"Ticket/{ticket.pk}/{sub}", {"input": {"x": 1}})
    assert (response.status_code, response.json()[0]) == (403, "ERROR_RIGHT_MISSING")


def test_unknown_sub_item_and_put_on_a_sub_path(demo, chef, glpi_as):
    ticket = open_lsu_ticket(demo, chef)
    api = glpi_as("chef.etab")
    unknown = api.post(f"Ticket/{ticket.pk}/Nothing", {"input": {}})
    assert (unknown.status_code, unknown.json()[0]) == (
        400,
        "ERROR_RESOURCE_NOT_FOUND_NOR_COMMONDBTM",
    )
    put = api.put(f"Ticket/{ticket.pk}/ITILFollowup", {"input": {"content": "x"}})
    assert (put.status_code, put.json()[0]) == (405, "ERROR_METHOD_NOT_ALLOWED")
    assert not Followup.objects.exists()
