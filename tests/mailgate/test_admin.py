"""Administrators see refused messages with their reason, and can process them again."""

from __future__ import annotations

import pytest

from escalade.accounts.models import User
from escalade.mailgate.models import InboundMessage, Mailbox, Outcome
from escalade.tickets.models import Ticket
from tests.mailgate.conftest import load, mailgate


@pytest.fixture
def admin_client(client, demo):
    client.force_login(demo.users["admin"])
    return client


def test_refused_messages_are_listed_with_their_reason(admin_client, demo):
    mailgate(load("iso_8859_1_accents.eml"))

    page = admin_client.get("/admin/mailgate/inboundmessage/").content.decode()

    assert "messages reçus" in page.lower()
    assert "expéditeur inconnu : renee.lefevre@ac-exemple.fr" in page
    record = InboundMessage.objects.get()
    detail = admin_client.get(f"/admin/mailgate/inboundmessage/{record.pk}/change/")
    assert "Message-ID: &lt;1102843917.55120.1767622949012.JavaMail" in detail.content.decode()


def test_reprocess_accepts_a_message_once_its_sender_has_an_account(admin_client, demo):
    mailgate(load("iso_8859_1_accents.eml"))
    record = InboundMessage.objects.get()
    User.objects.filter(username="chef.etab").update(email="renee.lefevre@ac-exemple.fr")

    response = admin_client.post(
        "/admin/mailgate/inboundmessage/",
        {"action": "reprocess", "_selected_action": [record.pk]},
        follow=True,
    )

    assert "Acceptés : 1 ; toujours refusés : 0 ; ignorés : 0." in response.content.decode()
    ticket = Ticket.objects.get()
    record.refresh_from_db()
    assert record.outcome == Outcome.IGNORED
    assert f"traité à nouveau : accepté (ticket {ticket.pk})" in record.reason
    assert InboundMessage.objects.filter(outcome=Outcome.ACCEPTED, ticket=ticket).exists()


def test_mailbox_password_is_never_shown_and_kept_when_left_blank(admin_client, demo):
    mailbox = Mailbox.objects.create(
        name="LSU", host="imap.example.org", login="l", password="s3cr3t"
    )

    page = admin_client.get(f"/admin/mailgate/mailbox/{mailbox.pk}/change/").content.decode()
    assert "s3cr3t" not in page
    admin_client.post(
        f"/admin/mailgate/mailbox/{mailbox.pk}/change/",
        {
            "name": "LSU",
            "is_active": "on",
            "host": "imap2.example.org",
            "port": 993,
            "security": "ssl",
            "login": "l",
            "password": "",
            "folder": "INBOX",
            "accepted_folder": "A",
            "refused_folder": "R",
            "ticket_type": 1,
        },
    )

    mailbox.refresh_from_db()
    assert (mailbox.host, mailbox.password) == ("imap2.example.org", "s3cr3t")


def test_someone_else_cannot_see_the_messages(client, demo):
    mailgate(load("iso_8859_1_accents.eml"))
    client.force_login(demo.users["chef.etab"])

    response = client.get("/admin/mailgate/inboundmessage/")

    assert response.status_code == 302
    assert "renee.lefevre" not in response.content.decode()
