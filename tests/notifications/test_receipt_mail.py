"""The mails speak to their reader: the requester's receipt on creation, the approval asked
of the requester alone, and the attachments of a followup named."""

from __future__ import annotations

import pytest

from escalade.notifications.models import Event, Notification, NotificationSetting
from escalade.tickets import workflow
from escalade.tickets.attachments import Upload
from escalade.tickets.status import Status as TicketStatus
from tests.conftest import open_lsu_ticket
from tests.notifications.conftest import send_all

URL = "https://assistance.ac-normandie.fr/tickets/{}/"


def test_the_requester_gets_a_receipt_with_link_next_steps_and_how_to_add(
    demo, chef, smtp, settings
):
    settings.ESCALADE_MAILGATE_ADDRESS = "assistance@ac-normandie.fr"
    ticket = open_lsu_ticket(demo, chef)
    send_all()
    [receipt] = smtp.to("chef.etab@example.org")
    assert receipt.subject == (
        f"[Escalade #{ticket.pk}] Ticket n° {ticket.pk} bien reçu — Accès impossible à LSU"
    )
    text = receipt.text
    assert f"Bonjour Claire Dubois, votre demande est enregistrée sous le n° {ticket.pk}" in text
    assert "transmise à Référents-LSU" in text
    assert "Et maintenant ?" in text and "vous recevrez un courriel à chaque étape" in text
    assert "utilisez « Ajouter »" in text
    assert "répondez simplement à ce courriel" in text  # a mail gateway is configured
    assert URL.format(ticket.pk) in text
    assert "Message d'erreur : 403" in text  # what she wrote, to check it
    assert f'<a href="{URL.format(ticket.pk)}">' in receipt.html
    assert "Et maintenant ?" in receipt.html
    # One mail: she is not also told that "Claire Dubois opened ticket n° N".
    assert "a ouvert le ticket" not in text
    [row] = Notification.objects.filter(ticket_number=ticket.pk, recipient=chef.user)
    assert row.events == [Event.RECEIVED]


def test_receipt_without_a_gateway_does_not_offer_to_reply(demo, chef, smtp, settings):
    settings.ESCALADE_MAILGATE_ADDRESS = ""
    open_lsu_ticket(demo, chef)
    send_all()
    [receipt] = smtp.to("chef.etab@example.org")
    assert "répondez" not in receipt.text


def test_receipt_in_english(demo, chef, smtp):
    chef.user.language = "en"
    chef.user.save()
    ticket = open_lsu_ticket(demo, chef)
    send_all()
    [receipt] = smtp.to("chef.etab@example.org")
    assert receipt.subject == (
        f"[Escalade #{ticket.pk}] Ticket #{ticket.pk} received — Accès impossible à LSU"
    )
    assert "What next?" in receipt.text


def test_administrators_can_turn_the_receipt_off(demo, chef, smtp):
    NotificationSetting.objects.filter(event=Event.RECEIVED).update(enabled=False)
    ticket = open_lsu_ticket(demo, chef)
    send_all()
    assert smtp.to("chef.etab@example.org") == []
    assert not Notification.objects.filter(ticket_number=ticket.pk, recipient=chef.user).exists()


def test_only_the_requester_is_asked_to_approve_the_solution(demo, chef, referent, tech, smtp):
    ticket = open_lsu_ticket(demo, chef)
    workflow.escalate(ticket, by=referent, group=demo.dsi_bai)
    send_all()
    smtp.clear()
    workflow.add_followup(ticket, by=tech, content="Corrigé.", status=TicketStatus.SOLVED)
    send_all()
    [requester] = smtp.to("chef.etab@example.org")
    assert "Thomas Leroy a proposé une solution au ticket" in requester.text
    assert "Approuvez-la ou refusez-la depuis le ticket." in requester.text
    [observer] = smtp.to("referent.lsu@example.org")
    assert "Thomas Leroy a proposé une solution au ticket" in observer.text
    assert "Approuvez" not in observer.text
    assert "Le demandeur va l&#x27;approuver" in observer.html or (
        "Le demandeur va l'approuver" in observer.html
    )


@pytest.mark.attachments
def test_a_followup_mail_names_its_attachments(demo, chef, referent, smtp):
    ticket = open_lsu_ticket(demo, chef)
    send_all()
    smtp.clear()
    png = (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
        b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N"
        b"\x00\x00\x00\x00IEND\xaeB`\x82"
    )
    workflow.add_followup(
        ticket,
        by=referent,
        content="Voici la capture.",
        attachments=[Upload(name="capture-lsu.png", content=png)],
    )
    send_all()
    [mail] = smtp.to("chef.etab@example.org")
    assert "Pièces jointes : capture-lsu.png (" in mail.text
    assert "capture-lsu.png" in mail.html


@pytest.mark.parametrize("language,old", [("fr", "a résolu le ticket"), ("en", "solved ticket")])
def test_stored_solved_templates_were_moved_to_the_new_words(demo, language, old):
    from escalade.notifications.models import NotificationTemplate

    stored = NotificationTemplate.objects.get(event="solved", language=language)
    assert old not in stored.text
    assert "is_requester" in stored.text and "is_requester" in stored.html
    assert NotificationTemplate.objects.filter(event="received").count() == 2
