"""Every step of the LSU procedure mails the right people, with the right words and headers.

A real SMTP server (aiosmtpd) receives the mails; the worker's sending code runs
after each step, as the task queued on commit would.
"""

from __future__ import annotations

import pytest

from escalade.mailgate.tokens import read_reply_token
from escalade.notifications.models import Notification, Status
from escalade.tickets import workflow
from escalade.tickets.status import Status as TicketStatus
from escalade.tickets.workflow import Actors
from tests.conftest import open_lsu_ticket
from tests.notifications.conftest import send_all

URL = "https://assistance.ac-normandie.fr/tickets/{}/"


def addresses(*logins: str) -> list[str]:
    return sorted(f"{login}@example.org" for login in logins)


def token_of(message_id: str) -> str:
    # <escalade.<token>.<random>@domain>
    return message_id.strip().strip("<>").split("@")[0].split(".")[1]


def step(smtp) -> list:
    smtp.clear()
    send_all()
    return list(smtp.received)


@pytest.fixture
def gateway(settings):
    settings.ESCALADE_MAILGATE_ADDRESS = "assistance@ac-normandie.fr"


def test_each_step_of_the_procedure_mails_the_right_people(
    demo, chef, referent, tech, smtp, gateway
):
    # 3.1 chef.etab opens the LSU ticket: routed to Référents-LSU, whose members are told.
    ticket = open_lsu_ticket(demo, chef)
    mails = step(smtp)
    assert smtp.recipients() == addresses("chef.etab", "referent.lsu", "referent2.lsu")
    [receipt] = smtp.to("chef.etab@example.org")
    assert (
        receipt.subject
        == f"[Escalade #{ticket.pk}] Ticket n° {ticket.pk} bien reçu — Accès impossible à LSU"
    )
    [mail] = smtp.to("referent.lsu@example.org")
    assert mail.subject == f"[Escalade #{ticket.pk}] Accès impossible à LSU — Nouveau ticket"
    assert "Claire Dubois a ouvert le ticket" in mail.text
    assert "Message d'erreur : 403. Tél. 02 31 00 00 00" in mail.text
    assert "Statut : En cours (attribué)" in mail.text
    assert "Attribué à : Référents-LSU" in mail.text
    assert "Demandeur : Claire Dubois" in mail.text
    assert URL.format(ticket.pk) in mail.text
    assert f'<a href="{URL.format(ticket.pk)}">' in mail.html
    assert "Message d&#x27;erreur : 403" in mail.html or "Message d'erreur : 403" in mail.html

    # 3.2.1 referent.lsu takes it: the requester learns who handles the ticket.
    workflow.take(ticket, by=referent)
    mails = step(smtp)
    assert smtp.recipients() == addresses("chef.etab")
    assert mails[0].subject == f"[Escalade #{ticket.pk}] Accès impossible à LSU — Attribution"
    assert "attribué à Karim Benali" in mails[0].text
    assert "Attribué à : Référents-LSU, Karim Benali" in mails[0].text

    # 3.2.2 a followup reaches the requester and the rest of the assigned group.
    workflow.add_followup(ticket, by=referent, content="Pouvez-vous réessayer ?")
    mails = step(smtp)
    assert smtp.recipients() == addresses("chef.etab", "referent2.lsu")
    for mail in mails:
        assert mail.subject == f"[Escalade #{ticket.pk}] Accès impossible à LSU — Nouveau suivi"
        assert "Karim Benali a ajouté un suivi" in mail.text
        assert "Pouvez-vous réessayer ?" in mail.text
        assert "Pouvez-vous réessayer ?" in mail.html

    # 3.3 escalation to DSI-BAI: the members of the new group are told.
    workflow.escalate(ticket, by=referent, group=demo.dsi_bai)
    mails = step(smtp)
    assert smtp.recipients() == addresses("tech.bai")
    assert mails[0].subject == f"[Escalade #{ticket.pk}] Accès impossible à LSU — Escalade"
    assert f"a escaladé le ticket n° {ticket.pk} vers DSI-BAI" in mails[0].text
    assert "Observateur : Référents-LSU" in mails[0].text
    assert "Attribué à : DSI-BAI" in mails[0].text

    # tech.bai solves it ("Ajouter" › "Résolu"): requester and observers (Référents-LSU).
    workflow.add_followup(
        ticket, by=tech, content="Droits corrigés dans LSU.", status=TicketStatus.SOLVED
    )
    mails = step(smtp)
    assert smtp.recipients() == addresses("chef.etab", "referent.lsu", "referent2.lsu")
    for mail in mails:
        assert mail.subject == f"[Escalade #{ticket.pk}] Accès impossible à LSU — Ticket résolu"
        assert "Droits corrigés dans LSU." in mail.text
        assert "Statut : Résolu" in mail.text

    # chef.etab approves: the ticket is closed, everybody else is told.
    workflow.approve_solution(ticket, by=chef)
    mails = step(smtp)
    assert smtp.recipients() == addresses("referent.lsu", "referent2.lsu", "tech.bai")
    for mail in mails:
        assert mail.subject == f"[Escalade #{ticket.pk}] Accès impossible à LSU — Ticket clos"
        assert "Statut : Clos" in mail.text

    # Every mail of the ticket threads under one root and names the ticket.
    rows = Notification.objects.filter(ticket_number=ticket.pk)
    assert rows.count() == 13
    assert set(rows.values_list("status", flat=True)) == {Status.SENT}
    ids = set(rows.values_list("message_id", flat=True))
    assert len(ids) == 13


def test_threading_and_gateway_headers_name_the_ticket_and_the_recipient(
    demo, chef, referent, smtp, gateway
):
    ticket = open_lsu_ticket(demo, chef)
    workflow.add_followup(ticket, by=referent, content="Un premier suivi.")
    send_all()
    root = f"<ticket-{ticket.pk}@ac-normandie.fr>"
    seen_ids = set()
    for mail in smtp.received:
        message_id = mail.header("Message-ID").strip()
        assert message_id.startswith("<escalade.") and message_id.endswith("@ac-normandie.fr>")
        assert message_id not in seen_ids
        seen_ids.add(message_id)
        assert mail.header("In-Reply-To").strip() == root
        assert mail.header("References").strip() == root
        assert mail.header("Auto-Submitted") == "auto-generated"
        assert mail.header("X-Escalade-Ticket") == str(ticket.pk)
        assert mail.header("From") == "Escalade <assistance@ac-normandie.fr>"
        user = demo.users[mail.to.split("@")[0]]
        token = token_of(message_id)
        assert read_reply_token(token) == (ticket.pk, user.pk)
        assert mail.header("Reply-To") == f"assistance+{token}@ac-normandie.fr"
    assert len(seen_ids) == 5  # new ticket: receipt, 2 referents; followup: chef, referent2


def test_no_reply_to_without_a_mail_gateway(demo, chef, smtp, settings):
    settings.ESCALADE_MAILGATE_ADDRESS = ""
    open_lsu_ticket(demo, chef)
    send_all()
    assert smtp.received
    assert all(mail.header("Reply-To") == "" for mail in smtp.received)


def test_mail_is_in_the_recipients_language(demo, chef, referent, smtp):
    tech_user = demo.users["tech.bai"]
    tech_user.language = "en"
    tech_user.save()
    ticket = open_lsu_ticket(demo, chef)
    workflow.escalate(ticket, by=referent, group=demo.dsi_bai)
    send_all()
    [mail] = smtp.to("tech.bai@example.org")
    assert mail.subject == f"[Escalade #{ticket.pk}] Accès impossible à LSU — Escalation"
    assert "Karim Benali escalated ticket" in mail.text
    assert "Status: Processing (assigned)" in mail.text
    assert "View the ticket: " in mail.text
    [french] = smtp.to("referent2.lsu@example.org")
    assert "Statut : En cours (attribué)" in french.text


def test_mail_shows_the_stored_state_of_the_ticket(demo, chef, referent, smtp):
    """Built after the change: the status and actors are those stored by the change."""
    ticket = open_lsu_ticket(demo, chef)
    Notification.objects.all().delete()
    workflow.add_followup(
        ticket,
        by=referent,
        content="En attente de votre capture d'écran.",
        status=TicketStatus.WAITING,
    )
    send_all()
    [mail] = smtp.to("chef.etab@example.org")
    assert "Statut : En attente" in mail.text


def test_ticket_text_is_escaped_in_the_html_part(demo, chef, smtp):
    ticket = open_lsu_ticket(demo, chef, title='LSU <img src=x onerror="alert(1)"> & co')
    send_all()
    [mail] = smtp.to("referent.lsu@example.org")
    assert mail.subject == (
        f'[Escalade #{ticket.pk}] LSU <img src=x onerror="alert(1)"> & co — Nouveau ticket'
    )
    assert "<img" not in mail.html
    assert "LSU &lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; co" in mail.html


def test_one_smtp_session_carries_a_whole_change(demo, chef, smtp):
    open_lsu_ticket(demo, chef, actors=Actors(observers=[demo.users["tech.bai"]]))
    send_all()
    assert len(smtp.received) == 4  # the two referents, tech.bai (observer), the receipt
    assert smtp.inbox.sessions == 1
