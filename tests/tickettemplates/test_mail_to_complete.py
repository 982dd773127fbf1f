"""A mail missing a mandatory field still opens the ticket, « À compléter »; the receipt
carries a signed link to a prefilled form where the requester completes it."""

from __future__ import annotations

import re

import pytest

from escalade.mailgate.models import Mailbox
from escalade.tickets.models import Ticket, TicketType
from escalade.tickettemplates import links
from escalade.tickettemplates.models import (
    CategoryTemplates,
    Field,
    IncompleteTicket,
    MandatoryField,
    TicketTemplate,
)
from tests.mailgate.conftest import load, mailgate, readdress
from tests.notifications.conftest import send_all
from tests.web.conftest import signed_in

pytestmark = pytest.mark.django_db

CHEF = "chef.etab@example.org"


@pytest.fixture
def lsu_mailbox(demo):
    template = TicketTemplate.objects.create(name="Incident LSU", entity=demo.academie)
    MandatoryField.objects.create(template=template, num=Field.IMPACT)
    CategoryTemplates.objects.create(category=demo.lsu, incident=template)
    return Mailbox.objects.create(
        name="LSU",
        host="imap.example.org",
        login="lsu@example.org",
        entity=demo.college,
        category=demo.lsu,
        ticket_type=TicketType.INCIDENT,
    )


def _receipt_link(smtp) -> str:
    [receipt] = smtp.to(CHEF)
    assert "« À compléter »" in receipt.text
    return re.search(r"https?://\S+/gabarits/completer/[^/\s]+/", receipt.text).group(0)


def test_mail_missing_a_field_opens_the_ticket_to_complete(demo, lsu_mailbox, smtp, client):
    mailgate(readdress(load("iso_8859_1_accents.eml"), From=f"<{CHEF}>"), "--mailbox", "LSU")
    ticket = Ticket.objects.get()
    assert IncompleteTicket.objects.get(ticket=ticket).missing == [Field.IMPACT]
    send_all()
    desk = signed_in(demo, "referent.lsu", "Référent fonctionnel")
    assert "À compléter" in desk.get(f"/tickets/{ticket.pk}/").content.decode()
    path = "/" + _receipt_link(smtp).split("/", 3)[3]
    page = client.get(path)
    assert page.status_code == 200
    text = page.content.decode()
    assert "à compléter" in text and 'name="impact"' in text
    assert 'name="title"' not in text  # only what is missing
    done = client.post(path, {"impact": "4"})
    assert done.status_code == 200 and "complété" in done.content.decode()
    ticket.refresh_from_db()
    assert ticket.impact == 4
    assert not IncompleteTicket.objects.filter(ticket=ticket).exists()
    assert client.get(path).status_code == 404  # answered once
    assert "À compléter" not in desk.get(f"/tickets/{ticket.pk}/").content.decode()


def test_a_bad_answer_keeps_the_mark(demo, lsu_mailbox, client):
    mailgate(readdress(load("iso_8859_1_accents.eml"), From=f"<{CHEF}>"), "--mailbox", "LSU")
    ticket = Ticket.objects.get()
    path = f"/gabarits/completer/{links.make_token(ticket.pk, demo.users['chef.etab'].pk)}/"
    assert client.post(path, {"impact": "9"}).status_code == 400
    assert IncompleteTicket.objects.filter(ticket=ticket).exists()


def test_the_link_of_someone_else_or_tampered_is_refused(demo, lsu_mailbox, client):
    mailgate(readdress(load("iso_8859_1_accents.eml"), From=f"<{CHEF}>"), "--mailbox", "LSU")
    ticket = Ticket.objects.get()
    referent = links.make_token(ticket.pk, demo.users["referent.lsu"].pk)  # not a requester
    assert client.get(f"/gabarits/completer/{referent}/").status_code == 404
    good = links.make_token(ticket.pk, demo.users["chef.etab"].pk)
    assert client.get(f"/gabarits/completer/{good[:-2]}xx/").status_code == 404
    assert client.post(f"/gabarits/completer/{referent}/", {"impact": "4"}).status_code == 404
    ticket.refresh_from_db()
    assert ticket.impact == 3


def test_a_complete_mail_is_not_marked(demo, lsu_mailbox, smtp):
    MandatoryField.objects.filter(num=Field.IMPACT).delete()
    mailgate(readdress(load("iso_8859_1_accents.eml"), From=f"<{CHEF}>"), "--mailbox", "LSU")
    assert not IncompleteTicket.objects.exists()
    send_all()
    [receipt] = smtp.to(CHEF)
    assert "compléter" not in receipt.text
