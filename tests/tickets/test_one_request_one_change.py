"""One request is one change: a composite request applies all of its parts or none, on
/api/v1 and GLPI's API; two people editing at once lose nothing; a failure in the middle
of an operation leaves the ticket, its events and the outbox exactly as they were."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from rest_framework.test import APIClient

from escalade.accounts.models import Profile
from escalade.demo.lsu import load_demo
from escalade.notifications import outbox
from escalade.notifications.models import Notification
from escalade.tickets import workflow
from escalade.tickets.attachments import Upload
from escalade.tickets.errors import Conflict
from escalade.tickets.models import Attachment, Role, Solution, Ticket, TicketActor, TicketEvent
from escalade.tickets.status import Status
from tests.conftest import as_, open_lsu_ticket
from tests.glpi.conftest import login as glpi_login
from tests.storages import stored_files
from tests.tickets.test_concurrency import run_together

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def snapshot(ticket: Ticket) -> dict:
    """Everything a user could notice about the ticket."""
    t = Ticket.objects.get(pk=ticket.pk)
    return {
        "fields": (t.title, t.content, t.type, t.urgency, t.impact, t.priority, t.status),
        "dates": (t.updated_at, t.solved_at, t.closed_at, t.taken_at),
        "actors": sorted(
            (role, user or 0, group or 0)
            for role, user, group in TicketActor.objects.filter(ticket=t).values_list(
                "role", "user_id", "group_id"
            )
        ),
        "events": list(TicketEvent.objects.filter(ticket=t).values_list("pk", flat=True)),
        "outbox": Notification.objects.filter(ticket_number=t.pk).count(),
        "followups": t.followups.count(),
        "solutions": Solution.objects.filter(ticket=t).count(),
        "attachments": Attachment.objects.filter(ticket=t).count(),
    }


def referent_api() -> APIClient:
    client = APIClient()
    profile = Profile.objects.get(name="Référent fonctionnel")
    client.credentials(
        HTTP_AUTHORIZATION="Token referent.lsu-token", HTTP_X_ESCALADE_PROFILE=str(profile.pk)
    )
    return client


def referent_glpi():
    api = glpi_login(Client(), "referent.lsu")
    profiles = api.get("getMyProfiles").json()["myprofiles"]
    wanted = next(p["id"] for p in profiles if p["name"] == "Référent fonctionnel")
    assert api.post("changeActiveProfile", {"profiles_id": wanted}).json() is True
    return api


# --- /api/v1: each kind of part that can fail -------------------------------------------------


def api_parts(demo):
    return {
        "field": ({"title": "Nouveau titre", "urgency": 9}, 400),
        "status": ({"title": "Nouveau titre", "status": Status.SOLVED}, 400),  # no solution
        "closed status": ({"title": "Nouveau titre", "status": 99}, 400),
        "actor": (
            {
                "title": "Nouveau titre",
                "add_actors": [{"role": Role.ASSIGNED, "group": demo.dsi_bai.pk}],
            },
            400,
        ),
        "unknown actor": (
            {"title": "Nouveau titre", "add_actors": [{"role": 2, "user": 999}]},
            400,
        ),
        "removed actor": ({"title": "Nouveau titre", "remove_actors": [999_999]}, 400),
    }


@pytest.mark.parametrize(
    "part", ["field", "status", "closed status", "actor", "unknown actor", "removed actor"]
)
def test_api_patch_with_one_bad_part_changes_nothing(demo, lsu_ticket, part):
    demo.dsi_bai.may_be_assigned = False
    demo.dsi_bai.save()
    body, code = api_parts(demo)[part]
    before = snapshot(lsu_ticket)
    response = referent_api().patch(f"/api/v1/tickets/{lsu_ticket.pk}/", body, format="json")
    assert response.status_code == code, response.content
    assert response.json()["detail"]
    assert snapshot(lsu_ticket) == before


def test_api_patch_applies_fields_status_and_actors_together(demo, lsu_ticket, referent):
    body = {
        "title": "Nouveau titre",
        "urgency": 5,
        "status": Status.WAITING,
        "add_actors": [{"role": Role.OBSERVER, "group": demo.dsi_bai.pk}],
    }
    response = referent_api().put(f"/api/v1/tickets/{lsu_ticket.pk}/", body, format="json")
    assert response.status_code == 200, response.content
    data = response.json()
    assert (data["title"], data["urgency"], data["status"]) == ("Nouveau titre", 5, 4)
    lsu_ticket.refresh_from_db()
    assert (lsu_ticket.title, lsu_ticket.status) == ("Nouveau titre", Status.WAITING)
    assert TicketActor.objects.filter(ticket=lsu_ticket, group=demo.dsi_bai, role=3).exists()
    # One change: one updated_at for every event of the request.
    times = set(
        TicketEvent.objects.filter(ticket=lsu_ticket, created_at=lsu_ticket.updated_at).values_list(
            "kind", flat=True
        )
    )
    assert {"field_changed", "status_changed", "actor_added"} <= times


def test_api_solved_needs_a_solution_and_takes_one(demo, lsu_ticket):
    client = referent_api()
    response = client.patch(f"/api/v1/tickets/{lsu_ticket.pk}/", {"status": 5}, format="json")
    assert response.status_code == 400
    assert "solution" in response.json()["detail"]
    assert 5 in client.get(f"/api/v1/tickets/{lsu_ticket.pk}/").json()["allowed_statuses"]
    response = client.patch(
        f"/api/v1/tickets/{lsu_ticket.pk}/",
        {"status": 5, "solution": "Compte réactivé."},
        format="json",
    )
    assert response.status_code == 200, response.content
    lsu_ticket.refresh_from_db()
    assert lsu_ticket.status == Status.SOLVED
    assert Solution.objects.get(ticket=lsu_ticket).content == "<p>Compte réactivé.</p>"


@pytest.mark.attachments
def test_api_followup_with_a_bad_attachment_changes_nothing(demo, lsu_ticket):
    before = snapshot(lsu_ticket)
    client = referent_api()
    response = client.post(
        f"/api/v1/tickets/{lsu_ticket.pk}/followups/",
        {
            "content": "Voici",
            "status": Status.WAITING,
            "attachments": [
                SimpleUploadedFile("capture.png", PNG, content_type="image/png"),
                SimpleUploadedFile("virus.exe", b"MZ\x90\x00", content_type="application/x-exe"),
            ],
        },
        format="multipart",
    )
    assert response.status_code == 400, response.content
    assert "virus.exe" in response.json()["detail"]
    assert snapshot(lsu_ticket) == before


# --- GLPI's API: each kind of part that can fail ---------------------------------------------


@pytest.mark.parametrize("part", ["field", "status", "actor"])
def test_glpi_put_with_one_bad_part_changes_nothing(demo, lsu_ticket, part):
    demo.dsi_bai.may_be_assigned = False
    demo.dsi_bai.save()
    body = {
        "field": {"name": "Nouveau titre", "urgency": 9},
        "status": {"name": "Nouveau titre", "status": 5},
        "actor": {"name": "Nouveau titre", "_groups_id_assign": demo.dsi_bai.pk},
    }[part]
    before = snapshot(lsu_ticket)
    api = referent_glpi()
    response = api.put(f"Ticket/{lsu_ticket.pk}", {"input": body})
    assert response.status_code == 400, response.content
    error = response.json()
    assert error[0].startswith("ERROR") and error[1]
    assert snapshot(lsu_ticket) == before


def test_glpi_put_applies_fields_actors_and_status_together(demo, lsu_ticket):
    api = referent_glpi()
    body = {"name": "Nouveau titre", "status": 4, "_groups_id_observer": demo.dsi_bai.pk}
    response = api.put(f"Ticket/{lsu_ticket.pk}", {"input": body})
    assert response.status_code == 200, response.content
    item = api.get(f"Ticket/{lsu_ticket.pk}").json()
    assert (item["name"], item["status"]) == ("Nouveau titre", 4)
    assert TicketActor.objects.filter(ticket=lsu_ticket, group=demo.dsi_bai, role=3).exists()


@pytest.mark.attachments
def test_glpi_document_upload_with_a_bad_file_stores_none(demo, lsu_ticket):
    before = snapshot(lsu_ticket)
    api = referent_glpi()
    response = api.client.post(
        "/apirest.php/Document",
        {
            "uploadManifest": (
                '{"input": {"name": "Captures", "itemtype": "Ticket", '
                f'"items_id": {lsu_ticket.pk}}}}}'
            ),
            "filename[0]": SimpleUploadedFile("capture.png", PNG, content_type="image/png"),
            "filename[1]": SimpleUploadedFile("virus.exe", b"MZ\x90", content_type="x/exe"),
        },
        headers=api.headers(),
    )
    assert response.status_code == 400, response.content
    assert snapshot(lsu_ticket) == before


# --- The web panel ----------------------------------------------------------------------------


@pytest.fixture
def referent_client(demo):
    from tests.web.conftest import signed_in

    return signed_in(demo, "referent.lsu", "Référent fonctionnel")


def test_web_panel_saves_status_and_fields_in_one_post(demo, referent_client, lsu_ticket):
    from tests.web.test_ticket_page import panel

    response = referent_client.post(
        f"/tickets/{lsu_ticket.pk}/modifier/", panel(lsu_ticket, status=4, urgency=5)
    )
    assert response.status_code == 302
    lsu_ticket.refresh_from_db()
    assert (lsu_ticket.status, lsu_ticket.urgency) == (Status.WAITING, 5)


def test_web_panel_with_a_bad_part_saves_nothing(demo, referent_client, lsu_ticket):
    from tests.web.test_ticket_page import panel

    before = snapshot(lsu_ticket)
    response = referent_client.post(
        f"/tickets/{lsu_ticket.pk}/modifier/", panel(lsu_ticket, status=4, title="")
    )
    assert response.status_code == 400
    assert snapshot(lsu_ticket) == before


def test_web_panel_from_a_stale_page_says_modified_meanwhile(demo, referent_client, lsu_ticket):
    from tests.web.test_ticket_page import panel

    stale = panel(lsu_ticket, urgency=2)
    workflow.edit_ticket(
        lsu_ticket, by=as_(demo, "referent2.lsu", "Référent fonctionnel"), changes={"urgency": 5}
    )
    page = referent_client.post(f"/tickets/{lsu_ticket.pk}/modifier/", stale)
    assert page.status_code == 409
    assert "modifié entre-temps" in page.content.decode()
    lsu_ticket.refresh_from_db()
    assert lsu_ticket.urgency == 5
    # A stale page changing another field keeps both changes.
    original = json.loads(stale["seen"])["urgency"]
    other = {**stale, "urgency": original, "title": "Autre titre"}
    assert referent_client.post(f"/tickets/{lsu_ticket.pk}/modifier/", other).status_code == 302
    lsu_ticket.refresh_from_db()
    assert (lsu_ticket.urgency, lsu_ticket.title) == (5, "Autre titre")


# --- Two people at once (threads; real concurrency on PostgreSQL) -----------------------------


def _together(*jobs):
    if connection.vendor == "sqlite" and "memory" in connection.settings_dict["NAME"]:
        errors = []
        for job in jobs:
            try:
                job()
            except Exception as exc:
                errors.append(exc)
        return errors
    errors: list = []

    def keep(job):
        def run():
            try:
                job()
            except Conflict as exc:
                errors.append(exc)

        return run

    run_together(*(keep(j) for j in jobs))
    return errors


def test_two_people_editing_different_fields_from_the_same_page_both_apply(transactional_db):
    demo = load_demo()
    chef = as_(demo, "chef.etab")
    a = as_(demo, "referent.lsu", "Référent fonctionnel")
    b = as_(demo, "referent2.lsu", "Référent fonctionnel")
    ticket = open_lsu_ticket(demo, chef)
    seen = {"urgency": ticket.urgency, "title": ticket.title, "status": ticket.status}
    errors = _together(
        lambda: workflow.edit_ticket(
            Ticket.objects.get(pk=ticket.pk), by=a, changes={"urgency": 5}, seen=seen
        ),
        lambda: workflow.edit_ticket(
            Ticket.objects.get(pk=ticket.pk),
            by=b,
            changes={"title": "Nouveau titre", "status": Status.WAITING},
            seen=seen,
        ),
    )
    assert errors == []
    ticket.refresh_from_db()
    assert (ticket.urgency, ticket.title, ticket.status) == (5, "Nouveau titre", Status.WAITING)


def test_two_people_changing_the_same_field_the_second_is_told(transactional_db):
    demo = load_demo()
    chef = as_(demo, "chef.etab")
    a = as_(demo, "referent.lsu", "Référent fonctionnel")
    b = as_(demo, "referent2.lsu", "Référent fonctionnel")
    ticket = open_lsu_ticket(demo, chef)
    seen = {"urgency": ticket.urgency}
    errors = _together(
        lambda: workflow.edit_ticket(
            Ticket.objects.get(pk=ticket.pk), by=a, changes={"urgency": 5}, seen=seen
        ),
        lambda: workflow.edit_ticket(
            Ticket.objects.get(pk=ticket.pk), by=b, changes={"urgency": 1}, seen=seen
        ),
    )
    assert len(errors) == 1
    assert "modifié entre-temps" in errors[0].message
    ticket.refresh_from_db()
    assert ticket.urgency in (5, 1)
    changes = ticket.events.filter(kind="field_changed", data__field="urgency")
    assert changes.count() == 1  # the loser recorded nothing


# --- A failure in the middle leaves everything as it was -------------------------------------


class Boom(Exception):
    pass


def boom(*args, **kwargs):
    raise Boom()


@pytest.mark.parametrize("where", ["outbox", "mark_taken"])
def test_failure_in_the_middle_of_an_edit_changes_nothing(
    demo, lsu_ticket, referent, monkeypatch, where
):
    before = snapshot(lsu_ticket)
    if where == "outbox":
        monkeypatch.setattr(outbox, "enqueue", boom)  # after the ticket and events are saved
    else:
        monkeypatch.setattr(workflow, "_mark_taken", boom)  # after fields, actors, status
    with pytest.raises(Boom):
        workflow.edit_ticket(
            lsu_ticket,
            by=referent,
            changes={"title": "Nouveau", "urgency": 5, "status": Status.WAITING},
            add_actors=workflow.Actors(observers=[demo.dsi_bai]),
        )
    assert snapshot(lsu_ticket) == before


def test_failure_in_the_middle_of_an_escalation_changes_nothing(
    demo, lsu_ticket, referent, monkeypatch
):
    workflow.take(lsu_ticket, by=referent)
    before = snapshot(lsu_ticket)
    monkeypatch.setattr(outbox, "enqueue", boom)
    with pytest.raises(Boom):
        workflow.escalate(lsu_ticket, by=referent, group=demo.dsi_bai, content="Pour vous")
    assert snapshot(lsu_ticket) == before


def test_failure_in_the_middle_of_a_solution_changes_nothing(
    demo, lsu_ticket, referent, monkeypatch
):
    before = snapshot(lsu_ticket)
    monkeypatch.setattr(workflow, "_mark_taken", boom)  # after the solution and the status
    with pytest.raises(Boom):
        workflow.add_solution(lsu_ticket, by=referent, content="Fait.")
    assert snapshot(lsu_ticket) == before


@pytest.mark.attachments
def test_failure_in_the_middle_of_a_creation_with_attachments_leaves_nothing(
    demo, chef, monkeypatch, settings
):
    tickets, notifications = Ticket.objects.count(), Notification.objects.count()
    monkeypatch.setattr(outbox, "enqueue", boom)  # after the ticket, actors and files
    with pytest.raises(Boom):
        open_lsu_ticket(demo, chef, attachments=[Upload("capture.png", PNG)])
    assert (Ticket.objects.count(), Notification.objects.count()) == (tickets, notifications)
    assert Attachment.objects.count() == 0
    assert stored_files() == []
