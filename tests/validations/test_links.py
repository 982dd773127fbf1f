"""Validators get a mail with signed one-click links, confirmed by a POST, no sign-in."""

from __future__ import annotations

import re
from datetime import timedelta

import time_machine
from django.utils import timezone

from escalade.notifications import rendering
from escalade.notifications.models import Notification
from escalade.tickets.models import Ticket
from escalade.validations import links, workflow
from escalade.validations.models import TicketValidation, ValidationStatus


def _mail_links(validator) -> tuple[str, str]:
    (mail,) = [
        n for n in Notification.objects.filter(recipient=validator) if "validation" in n.events
    ]
    subject, text, _html = rendering.render(mail)
    assert "Demande de validation" in subject
    accept = re.search(r"Accorder : (\S+)", text).group(1)
    refuse = re.search(r"Refuser : (\S+)", text).group(1)
    return accept.split("127.0.0.1:8000", 1)[1], refuse.split("127.0.0.1:8000", 1)[1]


def test_validator_accepts_from_the_mail_link_after_confirming(
    client, demo, lsu_ticket, referent, tech
):
    workflow.request_validation(lsu_ticket, by=referent, users=[tech.user], comment="Achat ?")
    accept, _refuse = _mail_links(tech.user)
    page = client.get(accept)  # a link preview, or the click: nothing changes yet
    assert page.status_code == 200 and "Confirmer : accorder" in page.content.decode()
    assert TicketValidation.objects.get().status == ValidationStatus.WAITING
    done = client.post(accept, {"comment": "D'accord"})
    assert "Validation accordée" in done.content.decode()
    row = TicketValidation.objects.get()
    assert row.status == ValidationStatus.ACCEPTED and "accord" in row.comment_validation
    assert Ticket.objects.get(pk=lsu_ticket.pk).global_validation == ValidationStatus.ACCEPTED
    event = lsu_ticket.events.filter(kind="validation_answered").get()
    assert event.actor == tech.user
    again = client.post(accept, {"comment": "encore"})
    assert again.status_code == 409
    assert TicketValidation.objects.get().comment_validation == row.comment_validation


def test_refusing_from_the_link_needs_a_reason(client, demo, lsu_ticket, referent, tech):
    workflow.request_validation(lsu_ticket, by=referent, users=[tech.user])
    _accept, refuse = _mail_links(tech.user)
    missing = client.post(refuse, {"comment": ""})
    assert missing.status_code == 400
    assert "Un commentaire est obligatoire pour refuser." in missing.content.decode()
    assert TicketValidation.objects.get().status == ValidationStatus.WAITING
    client.post(refuse, {"comment": "Hors budget"})
    assert TicketValidation.objects.get().status == ValidationStatus.REFUSED


def test_tampered_foreign_and_expired_links_answer_not_found(
    client, demo, lsu_ticket, referent, tech
):
    (row,) = workflow.request_validation(lsu_ticket, by=referent, users=[tech.user])
    token = links.make_token(row.pk, tech.user.pk, "accept")
    assert client.get(f"/validations/lien/{token}x/").status_code == 404
    foreign = links.make_token(row.pk, referent.user.pk, "accept")  # not their request
    assert client.post(f"/validations/lien/{foreign}/").status_code == 404
    with time_machine.travel(timezone.now() + timedelta(days=15)):
        assert client.post(f"/validations/lien/{token}/").status_code == 404
    assert TicketValidation.objects.get().status == ValidationStatus.WAITING


def test_tickets_to_validate_lists_only_my_waiting_requests(
    client_as, demo, lsu_ticket, referent, tech
):
    workflow.request_validation(lsu_ticket, by=referent, users=[tech.user])
    mine = client_as("tech.bai").get("/validations/").content.decode()
    assert "Tickets à valider" in mine and lsu_ticket.title in mine
    others = client_as("chef.etab").get("/validations/").content.decode()
    assert lsu_ticket.title not in others
    assert "Aucune demande de validation en attente." in others


def test_ticket_page_shows_validations_and_asks_one(client_as, demo, lsu_ticket):
    referent = client_as("referent.lsu", "Référent fonctionnel")
    response = referent.post(
        f"/validations/ticket/{lsu_ticket.pk}/demander/",
        {"username": "referent2.lsu", "comment": "Achat ?", "validation_percent": "0"},
    )
    assert response.status_code == 302
    row = TicketValidation.objects.get()
    assert row.validator.username == "referent2.lsu"
    page = referent.get(f"/tickets/{lsu_ticket.pk}/").content.decode()
    assert "Validations" in page and "En attente de validation" in page
    mine = (
        client_as("referent2.lsu", "Référent fonctionnel")
        .get(f"/tickets/{lsu_ticket.pk}/")
        .content.decode()
    )
    assert "/validations/lien/" in mine  # the validator's own links
    # A requester may not ask; an unknown user is a clear error; nothing changes.
    chef = client_as("chef.etab")
    refused = chef.post(f"/validations/ticket/{lsu_ticket.pk}/demander/", {"username": "tech.bai"})
    assert refused.status_code == 403
    unknown = referent.post(
        f"/validations/ticket/{lsu_ticket.pk}/demander/", {"username": "personne"}, follow=True
    )
    assert "Utilisateur introuvable" in unknown.content.decode()
    assert TicketValidation.objects.count() == 1


def test_outsider_cannot_ask_for_a_validation(client, outsider, demo, lsu_ticket):
    client.force_login(outsider.user)
    response = client.post(f"/validations/ticket/{lsu_ticket.pk}/demander/", {"username": "x"})
    assert response.status_code == 404
    assert not TicketValidation.objects.exists()
