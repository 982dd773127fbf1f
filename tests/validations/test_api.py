"""/api/v1 validations: request, list, answer, « Tickets à valider », and refusals."""

from __future__ import annotations

from escalade.validations.models import TicketValidation, ValidationStatus


def test_request_list_and_answer_through_the_api(api_as, demo, lsu_ticket, tech):
    referent = api_as("referent.lsu", "Référent fonctionnel")
    created = referent.post(
        f"/api/v1/tickets/{lsu_ticket.pk}/validations/",
        {"users": [tech.user.pk], "comment": "Accord ?", "validation_percent": 100},
        format="json",
    )
    assert created.status_code == 201, created.content
    (row,) = created.json()
    assert (row["validator"], row["status"]) == (tech.user.pk, 2)
    listed = referent.get(f"/api/v1/tickets/{lsu_ticket.pk}/validations/").json()
    assert [v["id"] for v in listed] == [row["id"]]
    bai = api_as("tech.bai")
    assert [v["id"] for v in bai.get("/api/v1/validations/mine/").json()] == [row["id"]]
    refused = bai.post(f"/api/v1/validations/{row['id']}/answer/", {"accept": False}, format="json")
    assert refused.status_code == 400 and refused.json()["field"] == "comment_validation"
    done = bai.post(
        f"/api/v1/validations/{row['id']}/answer/",
        {"accept": True, "comment": "Oui"},
        format="json",
    )
    assert done.status_code == 200 and done.json()["status"] == 3
    assert TicketValidation.objects.get().status == ValidationStatus.ACCEPTED
    again = bai.post(f"/api/v1/validations/{row['id']}/answer/", {"accept": True}, format="json")
    assert again.status_code == 409


def test_others_are_refused(api_as, demo, lsu_ticket, tech, outsider):
    from escalade.accounts.tokens import create_token

    chef = api_as("chef.etab")
    asked = chef.post(
        f"/api/v1/tickets/{lsu_ticket.pk}/validations/", {"users": [tech.user.pk]}, format="json"
    )
    assert asked.status_code in (400, 403) and not TicketValidation.objects.exists()
    referent = api_as("referent.lsu", "Référent fonctionnel")
    (row,) = referent.post(
        f"/api/v1/tickets/{lsu_ticket.pk}/validations/", {"users": [tech.user.pk]}, format="json"
    ).json()
    # The requester sees the ticket but is not the validator: 403, unchanged.
    assert (
        chef.post(
            f"/api/v1/validations/{row['id']}/answer/", {"accept": True}, format="json"
        ).status_code
        == 403
    )
    create_token(outsider.user, "test", key="tech.bzh-token")
    stranger = api_as("tech.bzh")
    hidden = stranger.post(
        f"/api/v1/validations/{row['id']}/answer/", {"accept": True}, format="json"
    )
    missing = stranger.post("/api/v1/validations/999999/answer/", {"accept": True}, format="json")
    assert hidden.status_code == missing.status_code == 404
    assert hidden.json() == missing.json()
    assert stranger.get(f"/api/v1/tickets/{lsu_ticket.pk}/validations/").status_code == 404
    assert TicketValidation.objects.get().status == ValidationStatus.WAITING


def test_schema_documents_the_validation_operations(client):
    paths = client.get("/api/schema/", {"format": "json"}).json()["paths"]
    assert "post" in paths["/api/v1/tickets/{id}/validations/"]
    assert "post" in paths["/api/v1/validations/{id}/answer/"]
    assert "get" in paths["/api/v1/validations/mine/"]
