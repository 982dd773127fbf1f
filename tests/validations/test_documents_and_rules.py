"""Documents sent with a validation request (GLPI's Document_Item of a TicketValidation),
and business rules that ask for a validation (GLPI's ``users_id_validate``,
``groups_id_validate`` and ``validation_percent``), through the page, /api/v1 and GLPI's API."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from escalade.notifications.models import Notification
from escalade.tickets.attachments import Upload
from escalade.tickets.models import (
    Attachment,
    Rule,
    RuleAction,
    RuleActionKind,
    RuleCriterion,
    RuleField,
    RuleOperator,
    Ticket,
)
from escalade.validations import workflow
from escalade.validations.models import TicketValidation, ValidationDocument, ValidationStatus
from tests.conftest import open_lsu_ticket
from tests.web.conftest import signed_in
from tests.web.test_directory_not_embedded import same_page

PDF = b"%PDF-1.4\n% devis\n"


def _devis(name: str = "devis.pdf") -> Upload:
    return Upload(name=name, content=PDF)


# --- Documents ------------------------------------------------------------------------------


def test_documents_go_with_the_request_to_every_member_of_a_group(demo, lsu_ticket, referent):
    rows = workflow.request_validation(
        lsu_ticket, by=referent, groups=[demo.referents], attachments=[_devis(), _devis("plan.pdf")]
    )
    assert len(rows) == 2
    documents = Attachment.objects.filter(ticket=lsu_ticket)
    assert sorted(documents.values_list("filename", flat=True)) == ["devis.pdf", "plan.pdf"]
    assert ValidationDocument.objects.count() == 4  # two documents, two validators
    assert lsu_ticket.events.filter(kind="attachment_added").count() == 2


def test_a_refused_document_leaves_no_request_and_no_file(demo, lsu_ticket, referent, tech):
    from escalade.tickets.errors import InvalidInput

    with pytest.raises(InvalidInput):
        workflow.request_validation(
            lsu_ticket, by=referent, users=[tech.user], attachments=[Upload("x.exe", b"MZ")]
        )
    assert not TicketValidation.objects.exists() and not Attachment.objects.exists()


def test_the_page_sends_documents_and_the_validator_downloads_them(demo, lsu_ticket):
    referent = signed_in(demo, "referent.lsu", "Référent fonctionnel")
    sent = referent.post(
        f"/validations/ticket/{lsu_ticket.pk}/demander/",
        {
            "username": "tech.bai",
            "comment": "Devis joint",
            "validation_percent": "0",
            "attachments": [SimpleUploadedFile("devis.pdf", PDF)],
        },
    )
    assert sent.status_code == 302
    (row,) = TicketValidation.objects.all()
    (doc,) = row.document_links.all()
    page = referent.get(f"/tickets/{lsu_ticket.pk}/").content.decode()
    assert f'href="/documents/{doc.attachment_id}/"' in page
    assert 'for="id_validation_documents"' in page and 'enctype="multipart/form-data"' in page
    tech = signed_in(demo, "tech.bai")
    listing = tech.get("/validations/").content.decode()
    assert "devis.pdf" in listing
    download = tech.get(f"/documents/{doc.attachment_id}/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF


def test_a_validator_who_does_not_see_the_ticket_gets_only_his_documents(
    demo, lsu_ticket, referent, outsider, tech
):
    (mine,) = workflow.request_validation(
        lsu_ticket, by=referent, users=[outsider.user], attachments=[_devis()]
    )
    (other,) = workflow.request_validation(
        lsu_ticket, by=referent, users=[tech.user], attachments=[_devis("autre.pdf")]
    )
    stranger = signed_in(demo, "tech.bzh")
    own = mine.document_links.get().attachment_id
    assert stranger.get(f"/documents/{own}/").status_code == 200
    assert stranger.get(f"/tickets/{lsu_ticket.pk}/").status_code == 404  # still not the ticket
    hidden = stranger.get(f"/documents/{other.document_links.get().attachment_id}/")
    missing = stranger.get("/documents/999999/")
    assert hidden.status_code == missing.status_code == 404
    assert same_page(hidden.content.decode(), missing.content.decode())


def test_the_api_takes_documents_as_multipart_and_lists_them(
    api_as, demo, lsu_ticket, tech, outsider
):
    from escalade.accounts.tokens import create_token

    referent = api_as("referent.lsu", "Référent fonctionnel")
    created = referent.post(
        f"/api/v1/tickets/{lsu_ticket.pk}/validations/",
        {
            "users": [tech.user.pk],
            "comment": "Devis",
            "attachments": [SimpleUploadedFile("devis.pdf", PDF)],
        },
        format="multipart",
    )
    assert created.status_code == 201, created.content
    (row,) = created.json()
    (doc_id,) = row["documents"]
    assert Attachment.objects.get(pk=doc_id).filename == "devis.pdf"
    bai = api_as("tech.bai")
    assert bai.get("/api/v1/validations/mine/").json()[0]["documents"] == [doc_id]
    download = bai.get(f"/api/v1/attachments/{doc_id}/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    create_token(outsider.user, "test", key="tech.bzh-token")
    stranger = api_as("tech.bzh")
    hidden, missing = (
        stranger.get(f"/api/v1/attachments/{doc_id}/"),
        stranger.get("/api/v1/attachments/999999/"),
    )
    assert hidden.status_code == missing.status_code == 404 and hidden.json() == missing.json()
    schema = referent.get("/api/schema/", {"format": "json"}).json()
    body = schema["paths"]["/api/v1/tickets/{id}/validations/"]["post"]["requestBody"]
    assert "multipart/form-data" in body["content"]


def test_glpi_shows_the_documents_as_document_item_of_the_validation(
    glpi_as, demo, lsu_ticket, referent, tech
):
    (row,) = workflow.request_validation(
        lsu_ticket, by=referent, users=[tech.user], attachments=[_devis()]
    )
    doc = row.document_links.get().attachment_id
    api = glpi_as("referent.lsu", "Référent fonctionnel")
    items = api.get(f"Ticket/{lsu_ticket.pk}/Document_Item").json()
    assert [(i["documents_id"], i["itemtype"], i["items_id"]) for i in items] == [
        (doc, "TicketValidation", row.pk)
    ]


# --- Business rules -------------------------------------------------------------------------


def _validation_rule(demo, *actions: tuple[str, object]) -> Rule:
    rule = Rule.objects.create(name="Achat : validation", entity=demo.academie, ranking=1)
    RuleCriterion.objects.create(
        rule=rule, field=RuleField.TITLE, operator=RuleOperator.CONTAINS, value="achat"
    )
    for kind, value in actions:
        RuleAction.objects.create(rule=rule, kind=kind, value=str(value))
    return rule


def test_a_rule_asks_a_user_and_a_group_with_a_threshold_and_they_get_mails(demo, chef):
    _validation_rule(
        demo,
        (RuleActionKind.VALIDATE_USER, demo.users["tech.bai"].pk),
        (RuleActionKind.VALIDATE_GROUP, demo.referents.pk),
        (RuleActionKind.VALIDATION_PERCENT, 50),
    )
    ticket = open_lsu_ticket(demo, chef, title="Demande d'achat de licences")
    rows = TicketValidation.objects.filter(ticket=ticket)
    assert sorted(r.validator.username for r in rows) == [
        "referent.lsu",
        "referent2.lsu",
        "tech.bai",
    ]
    assert {r.requester_id for r in rows} == {None}  # the rule, as the system
    stored = Ticket.objects.get(pk=ticket.pk)
    assert (stored.global_validation, stored.validation_percent) == (ValidationStatus.WAITING, 50)
    kinds = list(ticket.events.order_by("pk").values_list("kind", flat=True))
    assert kinds.index("rule_applied") < kinds.index("validation_requested")
    mailed = {
        n.recipient.username
        for n in Notification.objects.filter(ticket=ticket).select_related("recipient")
        if "validation" in n.events
    }
    assert mailed == {"referent.lsu", "referent2.lsu", "tech.bai"}


def test_a_rule_that_does_not_match_asks_nobody(demo, chef):
    _validation_rule(demo, (RuleActionKind.VALIDATE_USER, demo.users["tech.bai"].pk))
    ticket = open_lsu_ticket(demo, chef, title="Export impossible")
    assert not TicketValidation.objects.filter(ticket=ticket).exists()
    assert Ticket.objects.get(pk=ticket.pk).global_validation == ValidationStatus.NONE


def test_the_threshold_action_takes_only_glpi_values():
    action = RuleAction(kind=RuleActionKind.VALIDATION_PERCENT, value="30")
    with pytest.raises(ValidationError):
        action.clean()
    RuleAction(kind=RuleActionKind.VALIDATION_PERCENT, value="100").clean()


@pytest.mark.parametrize("way", ["web", "api", "glpi"])
def test_every_way_in_applies_the_rule(demo, way, api_as, glpi_as):
    _validation_rule(demo, (RuleActionKind.VALIDATE_USER, demo.users["tech.bai"].pk))
    title = "Achat d'un poste"
    if way == "web":
        response = signed_in(demo, "chef.etab").post(
            "/tickets/nouveau/",
            {"type": 1, "category": demo.lsu.pk, "urgency": 3, "title": title, "content": "x"},
        )
        assert response.status_code == 302
    elif way == "api":
        response = api_as("chef.etab").post(
            "/api/v1/tickets/",
            {"title": title, "content": "x", "category": demo.lsu.pk},
            format="json",
        )
        assert response.status_code == 201, response.content
    else:
        response = glpi_as("chef.etab").post(
            "Ticket", {"input": {"name": title, "content": "x", "itilcategories_id": demo.lsu.pk}}
        )
        assert response.status_code == 201, response.content
    ticket = Ticket.objects.get(title=title)
    (row,) = TicketValidation.objects.filter(ticket=ticket)
    assert row.validator.username == "tech.bai" and row.status == ValidationStatus.WAITING


def test_the_signed_link_page_names_the_documents_and_download_needs_signing_in(
    client, demo, lsu_ticket, referent, tech
):
    from escalade.validations import links

    (row,) = workflow.request_validation(
        lsu_ticket, by=referent, users=[tech.user], attachments=[_devis()]
    )
    doc = row.document_links.get().attachment_id
    page = client.get(f"/validations/lien/{links.make_token(row.pk, tech.user.pk, 'accept')}/")
    body = page.content.decode()
    assert page.status_code == 200 and f'href="/documents/{doc}/"' in body
    anonymous = client.get(f"/documents/{doc}/")
    assert anonymous.status_code == 302 and "/connexion" in anonymous["Location"]
