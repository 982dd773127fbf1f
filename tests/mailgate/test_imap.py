"""The IMAP collector against a real dovecot: messages end in the right folder, once."""

from __future__ import annotations

import io
import re

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import DatabaseError

from escalade.mailgate import imap as imap_module
from escalade.mailgate.imap import collect_all, quote_folder
from escalade.mailgate.models import InboundMessage, Mailbox, Outcome, Security
from escalade.mailgate.tasks import collect_mail
from escalade.tickets.models import Followup, Source, Ticket
from tests.mailgate.conftest import IMAP_PASSWORD, IMAP_USER, load, readdress, reply

CHEF = "chef.etab@example.org"


@pytest.fixture
def mailbox(demo, imap) -> Mailbox:
    return Mailbox.objects.create(
        name="Assistance",
        host=imap.host,
        port=imap.port,
        security=Security.NONE,
        login=IMAP_USER,
        password=IMAP_PASSWORD,
        entity=demo.college,
        category=demo.lsu,
    )


def deliver(server, *messages: bytes) -> None:
    conn = server.connect()
    try:
        for raw in messages:
            typ, _ = conn.append(
                "INBOX", None, None, raw.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
            )
            assert typ == "OK"
    finally:
        conn.logout()


def folder_subjects(server, folder: str) -> list[str]:
    """The subjects of the (undeleted) messages in ``folder``."""
    conn = server.connect()
    try:
        typ, _ = conn.select(quote_folder(folder), readonly=True)
        if typ != "OK":
            return []
        _, data = conn.search(None, "UNDELETED")
        subjects = []
        for num in data[0].split():
            _, fetched = conn.fetch(num, "(BODY.PEEK[HEADER.FIELDS (SUBJECT)])")
            header = fetched[0][1].decode(errors="replace")
            subjects.append(re.sub(r"(?i)^subject:\s*", "", header.strip()))
        return sorted(subjects)
    finally:
        conn.logout()


def collect() -> str:
    out = io.StringIO()
    call_command("collect", stdout=out)
    return out.getvalue()


def with_subject(raw: bytes, subject: str) -> bytes:
    return readdress(raw, Subject=subject)


def test_collector_files_accepted_and_refused_messages(demo, mailbox, imap, lsu_ticket, outsider):
    deliver(
        imap,
        with_subject(reply("gmail_reply_fr.eml", lsu_ticket, sender=CHEF), "reponse"),
        with_subject(readdress(load("iso_8859_1_accents.eml"), From=f"<{CHEF}>"), "nouveau"),
        with_subject(reply("out_of_office_fr.eml", lsu_ticket, sender=CHEF), "absence"),
        with_subject(reply("dsn_bounce.eml", lsu_ticket, sender=CHEF), "bounce"),
        with_subject(
            reply(
                "gmail_reply_fr.eml",
                lsu_ticket,
                sender="tech.bzh@example.org",
                token_login="chef.etab",
            ),
            "forge",
        ),
        with_subject(load("deeply_nested_15_levels.eml"), "casse"),
    )

    output = collect()

    assert "Assistance : 2 accepté(s), 4 refusé(s), 0 ignoré(s)" in output
    assert folder_subjects(imap, "INBOX") == []
    assert folder_subjects(imap, "Escalade-acceptes") == ["nouveau", "reponse"]
    assert folder_subjects(imap, "Escalade-refuses") == ["absence", "bounce", "casse", "forge"]
    followup = Followup.objects.get(ticket=lsu_ticket)
    assert followup.source == Source.EMAIL and followup.author.username == "chef.etab"
    new = Ticket.objects.exclude(pk=lsu_ticket.pk).get()
    assert (new.entity, new.category, new.source) == (demo.college, demo.lsu, Source.EMAIL)
    refused = InboundMessage.objects.filter(outcome=Outcome.REFUSED, mailbox=mailbox)
    assert refused.count() == 4 and all(r.raw and r.reason for r in refused)
    assert mail.outbox == []  # nothing answered, no loop
    mailbox.refresh_from_db()
    assert mailbox.last_collected_at is not None and mailbox.last_error == ""


def test_a_message_already_accepted_is_not_added_twice(demo, mailbox, imap, lsu_ticket):
    raw = reply("gmail_reply_fr.eml", lsu_ticket, sender=CHEF)
    deliver(imap, raw)
    collect()
    deliver(imap, raw)  # e.g. the move failed last time, or the MTA delivered it twice

    output = collect()

    assert "0 accepté(s), 0 refusé(s), 1 ignoré(s)" in output
    assert Followup.objects.filter(ticket=lsu_ticket).count() == 1
    assert len(folder_subjects(imap, "Escalade-acceptes")) == 2


def test_a_database_failure_leaves_the_message_in_the_mailbox(demo, mailbox, imap, monkeypatch):
    deliver(imap, with_subject(readdress(load("iso_8859_1_accents.eml"), From=f"<{CHEF}>"), "a"))

    def database_down(raw, *, mailbox=None):
        raise DatabaseError("connection lost")

    monkeypatch.setattr(imap_module, "handle_message", database_down)
    with pytest.raises(CommandError):
        collect()

    assert folder_subjects(imap, "INBOX") == ["a"]
    assert not Ticket.objects.exists()
    monkeypatch.undo()
    collect()
    assert folder_subjects(imap, "INBOX") == []
    assert Ticket.objects.count() == 1


def test_without_an_accepted_folder_accepted_messages_are_deleted(demo, mailbox, imap):
    Mailbox.objects.filter(pk=mailbox.pk).update(accepted_folder="")
    deliver(imap, with_subject(readdress(load("iso_8859_1_accents.eml"), From=f"<{CHEF}>"), "a"))

    collect()

    assert folder_subjects(imap, "INBOX") == []
    assert Ticket.objects.count() == 1


def test_folders_with_spaces_and_accents_are_created(demo, mailbox, imap):
    Mailbox.objects.filter(pk=mailbox.pk).update(
        accepted_folder="Traités par Escalade", refused_folder="Refusés"
    )
    deliver(imap, with_subject(load("mailing_list.eml"), "liste"))

    collect()

    assert folder_subjects(imap, "Refusés") == ["liste"]
    assert folder_subjects(imap, "INBOX") == []


def test_wrong_password_is_reported_and_nothing_moves(demo, mailbox, imap):
    Mailbox.objects.filter(pk=mailbox.pk).update(password="wrong")
    deliver(imap, with_subject(load("mailing_list.eml"), "liste"))

    with pytest.raises(CommandError):
        collect()

    mailbox.refresh_from_db()
    assert "AUTHENTICATIONFAILED" in mailbox.last_error or "Authentication" in mailbox.last_error
    assert folder_subjects(imap, "INBOX") == ["liste"]


def test_inactive_mailboxes_are_not_collected(demo, mailbox, imap):
    Mailbox.objects.filter(pk=mailbox.pk).update(is_active=False)
    deliver(imap, with_subject(load("mailing_list.eml"), "liste"))

    assert collect_all() == []
    assert folder_subjects(imap, "INBOX") == ["liste"]


def test_the_periodic_task_collects(demo, mailbox, imap):
    deliver(imap, with_subject(readdress(load("iso_8859_1_accents.eml"), From=f"<{CHEF}>"), "a"))

    assert collect_mail.call() == 1

    assert folder_subjects(imap, "Escalade-acceptes") == ["a"]


def test_modified_utf7_folder_names():
    assert quote_folder("INBOX") == '"INBOX"'
    assert quote_folder("Refusés") == '"Refus&AOk-s"'
    assert quote_folder('A & "B"') == '"A &- \\"B\\""'
