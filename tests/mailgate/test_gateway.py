"""Replies and new requests by email, fed to ``escalade mailgate`` on its standard input."""

from __future__ import annotations

import base64
from html import unescape

import pytest
from django.core import mail

from escalade.accounts.models import User
from escalade.mailgate.gateway import handle_message
from escalade.mailgate.models import InboundMessage, Mailbox, Outcome
from escalade.tickets import workflow
from escalade.tickets.models import Attachment, Followup, Source, Ticket, TicketType
from escalade.tickets.status import Status
from tests.conftest import as_, open_lsu_ticket
from tests.mailgate.conftest import GATEWAY, load, mailgate, readdress, reply, token_for

CHEF = "chef.etab@example.org"
REFERENT = "referent.lsu@example.org"
OUTSIDER = "tech.bzh@example.org"


def only_record() -> InboundMessage:
    (record,) = InboundMessage.objects.all()
    return record


def assert_nothing_written(ticket: Ticket) -> None:
    assert not Followup.objects.filter(ticket=ticket).exists()
    assert Ticket.objects.count() == 1
    assert mail.outbox == []


# --- Replies from mail clients ------------------------------------------------------------


@pytest.mark.parametrize(
    ("sample", "via", "expected", "dropped"),
    [
        (
            "thunderbird_reply_en.eml",
            "reply-to",
            "The Wi-Fi in the staff room drops",
            "Anna Schmidt\nEnglish",
        ),
        ("gmail_reply_fr.eml", "references", "L'imprimante fonctionne à nouveau", "a écrit"),
        ("gmail_reply_en.eml", "reply-to", 'still shows "No signal"', "wrote:"),
        (
            "apple_mail_iphone_reply_fr.eml",
            "references",
            "le vidéoprojecteur de la salle 12",
            "Envoyé de mon iPhone",
        ),
        ("iso_8859_1_accents.eml", "reply-to", "Je n'arrive plus à accéder à Pronote", "a écrit"),
    ],
)
def test_reply_from_a_mail_client_becomes_a_followup_with_the_new_text_only(
    demo, lsu_ticket, sample, via, expected, dropped
):
    output = mailgate(reply(sample, lsu_ticket, sender=CHEF, token_login="chef.etab", via=via))

    followup = Followup.objects.get(ticket=lsu_ticket)
    assert expected in unescape(followup.content)
    assert dropped not in followup.content
    assert followup.author.username == "chef.etab"
    assert followup.source == Source.EMAIL
    assert not followup.is_private
    record = only_record()
    assert (record.outcome, record.ticket, record.followup) == (
        Outcome.ACCEPTED,
        lsu_ticket,
        followup,
    )
    assert record.raw == b""
    assert output.startswith("escalade mailgate: accepted")
    assert Ticket.objects.count() == 1


def test_html_only_reply_becomes_safe_text(demo, lsu_ticket):
    raw = reply("outlook_reply_fr_html_only.eml", lsu_ticket, sender=CHEF)

    mailgate(raw)

    followup = Followup.objects.get(ticket=lsu_ticket)
    assert "Le poste du CDI redémarre en boucle" in followup.content
    assert "<script" not in followup.content and "<style" not in followup.content
    assert "De :" not in followup.content  # Outlook's reply header and the quote are gone


def test_script_in_an_html_only_mail_never_reaches_the_ticket(demo, lsu_ticket):
    raw = reply("html_only_with_script.eml", lsu_ticket, sender=CHEF)

    mailgate(raw)

    followup = Followup.objects.get(ticket=lsu_ticket)
    assert "La salle informatique 2 n'a plus d'accès" in unescape(followup.content)
    assert "<script" not in followup.content
    assert "alert(" not in followup.content


def test_text_that_looks_like_markup_is_kept_escaped(demo, lsu_ticket):
    raw = readdress(
        b"Subject: Re: ticket\nContent-Type: text/plain; charset=utf-8\n\n"
        b"Le message d'erreur est <b>Acc\xc3\xa8s refus\xc3\xa9</b> <img src=x onerror=alert(1)>\n",
        From=f"<{CHEF}>",
        To=f"support+{token_for(lsu_ticket, 'chef.etab')}@escalade.example",
    )

    mailgate(raw)

    content = Followup.objects.get(ticket=lsu_ticket).content
    assert "&lt;b&gt;Accès refusé&lt;/b&gt;" in content
    assert "<img" not in content


@pytest.mark.attachments
def test_reply_with_attachments_stores_them_on_the_followup(demo, lsu_ticket):
    raw = reply("attachments_pdf_png.eml", lsu_ticket, sender=CHEF)

    mailgate(raw)

    followup = Followup.objects.get(ticket=lsu_ticket)
    stored = Attachment.objects.filter(ticket=lsu_ticket, followup=followup)
    assert sorted(a.filename for a in stored) == ["image-1.png", "relevé 3e B.pdf"]
    assert all(a.size > 0 and len(a.sha256) == 64 for a in stored)


def test_a_refused_attachment_is_skipped_and_mentioned_not_the_whole_reply(demo, lsu_ticket):
    body = (
        "--b1\nContent-Type: text/plain; charset=utf-8\n\nVoici le programme demandé.\n"
        "--b1\nContent-Type: application/octet-stream; name=outil.exe\n"
        "Content-Disposition: attachment; filename=outil.exe\n"
        "Content-Transfer-Encoding: base64\n\n"
        + base64.b64encode(b"MZ\x90\x00binary").decode()
        + "\n--b1--\n"
    )
    raw = readdress(
        b"Subject: Re: LSU\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b1\n\n"
        + body.encode(),
        From=f"<{CHEF}>",
        To=f"support+{token_for(lsu_ticket, 'chef.etab')}@escalade.example",
    )

    mailgate(raw)

    followup = Followup.objects.get(ticket=lsu_ticket)
    assert "Voici le programme demandé." in followup.content
    assert "Pièces jointes non ajoutées : outil.exe" in followup.content
    assert not Attachment.objects.filter(ticket=lsu_ticket).exists()


def test_an_unreadable_attachment_is_mentioned_and_the_text_kept(demo, lsu_ticket):
    mailgate(reply("bad_base64_attachment.eml", lsu_ticket, sender=CHEF))

    followup = Followup.objects.get(ticket=lsu_ticket)
    assert "La convocation ci-jointe ne s" in followup.content
    assert "convocation.pdf (contenu illisible (base64 invalide))" in followup.content


def test_reply_with_nothing_new_is_refused_as_empty(demo, lsu_ticket):
    raw = readdress(
        b"Subject: Re: LSU\n\n> Bonjour,\n> votre ticket a \xc3\xa9t\xc3\xa9 pris en compte.\n",
        From=f"<{CHEF}>",
        To=f"support+{token_for(lsu_ticket, 'chef.etab')}@escalade.example",
    )

    mailgate(raw)

    record = only_record()
    assert (record.outcome, record.reason) == (Outcome.REFUSED, "réponse vide")
    assert record.raw == raw
    assert_nothing_written(lsu_ticket)


# --- Who may write ------------------------------------------------------------------------------


def test_forged_sender_with_someone_elses_token_is_refused_and_kept(demo, lsu_ticket, outsider):
    raw = reply("thunderbird_reply_en.eml", lsu_ticket, sender=OUTSIDER, token_login="chef.etab")

    output = mailgate(raw)

    record = only_record()
    assert record.outcome == Outcome.REFUSED
    assert record.reason.startswith(
        f"l'expéditeur {OUTSIDER} n'est pas le destinataire du jeton de réponse (chef.etab)"
    )
    assert record.raw == raw and record.sender == OUTSIDER
    assert "refused" in output
    assert_nothing_written(lsu_ticket)


def test_sender_unknown_to_escalade_cannot_answer_with_a_stolen_token(demo, lsu_ticket):
    raw = reply(
        "gmail_reply_fr.eml", lsu_ticket, sender="pirate@example.net", token_login="chef.etab"
    )

    mailgate(raw)

    assert only_record().reason == "expéditeur inconnu : pirate@example.net"
    assert_nothing_written(lsu_ticket)


def test_another_user_cannot_answer_with_a_notification_sent_to_someone_else(demo, lsu_ticket):
    raw = reply("gmail_reply_fr.eml", lsu_ticket, sender=REFERENT.upper(), token_login="chef.etab")

    mailgate(raw)

    record = only_record()
    assert record.outcome == Outcome.REFUSED
    assert record.reason.startswith(f"l'expéditeur {REFERENT} n'est pas le destinataire")
    assert not Followup.objects.filter(ticket=lsu_ticket).exists()


def test_sender_matching_is_case_insensitive_and_inactive_users_are_refused(demo, lsu_ticket):
    User.objects.filter(username="chef.etab").update(is_active=False)

    mailgate(
        reply(
            "gmail_reply_fr.eml",
            lsu_ticket,
            sender="Chef.Etab@Example.org",
            token_login="chef.etab",
        )
    )

    assert only_record().reason == "expéditeur inconnu : chef.etab@example.org"
    assert_nothing_written(lsu_ticket)


def test_tampered_token_is_not_a_reply_and_opens_no_followup(demo, lsu_ticket):
    token = token_for(lsu_ticket, "chef.etab")
    forged = token.replace(f"t{lsu_ticket.pk}u", f"t{lsu_ticket.pk + 1}u")
    raw = readdress(
        load("gmail_reply_fr.eml"), From=f"<{CHEF}>", To=f"support+{forged}@escalade.example"
    )

    mailgate(raw)

    assert not Followup.objects.exists()
    new = Ticket.objects.exclude(pk=lsu_ticket.pk).get()  # a new request, not a followup
    assert new.source == Source.EMAIL


def test_bare_ticket_number_in_the_subject_never_attaches_to_that_ticket(
    demo, lsu_ticket, outsider
):
    raw = readdress(
        b"Subject: Re: [Escalade #" + str(lsu_ticket.pk).encode() + b"] Acc\xc3\xa8s LSU\n"
        b"Content-Type: text/plain; charset=utf-8\n\nJ'ajoute mon grain de sel.\n",
        From=f"<{CHEF}>",
        To=GATEWAY,
        In_Reply_To=f"<ticket-{lsu_ticket.pk}@escalade.example>",
    )

    mailgate(raw)

    assert not Followup.objects.filter(ticket=lsu_ticket).exists()
    new = Ticket.objects.exclude(pk=lsu_ticket.pk).get()
    assert new.title == f"[Escalade #{lsu_ticket.pk}] Accès LSU"
    assert new.actors.get().user.username == "chef.etab"


# --- Status ---------------------------------------------------------------------------------------


def test_requester_reply_to_a_solved_ticket_reopens_it(demo, lsu_ticket, referent, chef):
    workflow.take(lsu_ticket, by=referent)
    workflow.add_solution(lsu_ticket, by=referent, content="Videz le cache du navigateur.")
    assert Ticket.objects.get(pk=lsu_ticket.pk).status == Status.SOLVED

    mailgate(reply("gmail_reply_fr.eml", lsu_ticket, sender=CHEF))

    ticket = Ticket.objects.get(pk=lsu_ticket.pk)
    assert ticket.status == Status.ASSIGNED
    assert ticket.followups.get().author.username == "chef.etab"


def test_reply_to_a_closed_ticket_opens_a_new_linked_ticket(demo, lsu_ticket, referent, chef):
    workflow.take(lsu_ticket, by=referent)
    workflow.add_solution(lsu_ticket, by=referent, content="Videz le cache du navigateur.")
    workflow.approve_solution(lsu_ticket, by=chef)
    old = Ticket.objects.get(pk=lsu_ticket.pk)
    assert old.status == Status.CLOSED

    mailgate(reply("thunderbird_reply_en.eml", old, sender=CHEF))

    new = Ticket.objects.exclude(pk=old.pk).get()
    assert new.linked_to == old
    assert (new.entity, new.category, new.type) == (old.entity, old.category, old.type)
    assert new.source == Source.EMAIL
    assert new.title == "[Escalade #1046] Wi-Fi in the staff room"
    assert "The Wi-Fi in the staff room drops" in new.content
    assert [a.user.username for a in new.actors.filter(role=1)] == ["chef.etab"]
    assert not old.followups.exists()
    assert Ticket.objects.get(pk=old.pk).status == Status.CLOSED
    assert only_record().ticket == new


# --- Loops and abuse ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sample", "reason"),
    [
        ("out_of_office_fr.eml", "message automatique : auto-submitted: auto-replied"),
        ("dsn_bounce.eml", "message automatique : bounce: multipart/report (delivery-status)"),
        ("mailing_list.eml", "message automatique : precedence: list"),
    ],
)
def test_auto_replies_bounces_and_lists_never_write_nor_answer(demo, lsu_ticket, sample, reason):
    raw = reply(sample, lsu_ticket, sender=CHEF)

    mailgate(raw)

    record = only_record()
    assert (record.outcome, record.reason) == (Outcome.REFUSED, reason)
    assert record.raw == raw
    assert_nothing_written(lsu_ticket)


def test_auto_reply_without_token_opens_no_ticket(demo, lsu_ticket):
    mailgate(readdress(load("out_of_office_fr.eml"), From=f"<{CHEF}>"))

    assert only_record().outcome == Outcome.REFUSED
    assert_nothing_written(lsu_ticket)


@pytest.mark.parametrize(
    "headers",
    [
        {"X-Escalade-Ticket": "1"},
        {"Message-ID": "<escalade.t1u1sabcx0123.zz@escalade.example>"},
        {"Auto-Submitted": "auto-generated"},
    ],
)
def test_escalades_own_notifications_coming_back_are_refused(demo, lsu_ticket, headers):
    raw = readdress(reply("gmail_reply_fr.eml", lsu_ticket, sender=CHEF), **headers)

    mailgate(raw)

    assert only_record().outcome == Outcome.REFUSED
    assert_nothing_written(lsu_ticket)


@pytest.mark.parametrize(
    "sender", [GATEWAY, "escalade@escalade.example", "support+abc@escalade.example"]
)
def test_mail_from_the_gateway_address_itself_is_refused(demo, lsu_ticket, sender):
    User.objects.filter(username="chef.etab").update(email=sender)

    mailgate(reply("gmail_reply_fr.eml", lsu_ticket, sender=sender, token_login="chef.etab"))

    assert only_record().reason == "message envoyé depuis l'adresse de la passerelle"
    assert_nothing_written(lsu_ticket)


def test_a_sender_over_the_hourly_limit_is_refused(demo, lsu_ticket, settings):
    settings.ESCALADE_MAILGATE_RATE_LIMIT = 2
    for n in range(3):
        raw = readdress(
            reply("gmail_reply_fr.eml", lsu_ticket, sender=CHEF),
            Message_ID=f"<flood-{n}@example.org>",
        )
        mailgate(raw)

    assert Followup.objects.filter(ticket=lsu_ticket).count() == 2
    last = InboundMessage.objects.order_by("-pk").first()
    assert (last.outcome, last.reason) == (
        Outcome.REFUSED,
        "trop de messages de cet expéditeur (2 par heure au plus)",
    )


def test_the_same_message_delivered_twice_is_added_once(demo, lsu_ticket):
    raw = reply("gmail_reply_fr.eml", lsu_ticket, sender=CHEF)

    mailgate(raw)
    output = mailgate(raw)

    assert Followup.objects.filter(ticket=lsu_ticket).count() == 1
    assert [r.outcome for r in InboundMessage.objects.order_by("pk")] == [
        Outcome.ACCEPTED,
        Outcome.IGNORED,
    ]
    assert "ignored" in output


# --- Malformed ------------------------------------------------------------------------------------


def test_malformed_message_is_refused_with_the_reason_and_the_next_one_goes_through(
    demo, lsu_ticket
):
    broken = readdress(load("deeply_nested_15_levels.eml"), From=f"<{CHEF}>")

    output = mailgate(broken)
    mailgate(reply("gmail_reply_fr.eml", lsu_ticket, sender=CHEF))

    refused, accepted = InboundMessage.objects.order_by("pk")
    assert (refused.outcome, refused.reason) == (Outcome.REFUSED, "structure MIME trop profonde")
    assert refused.raw == broken and refused.sender == CHEF
    assert "structure MIME trop profonde" in output
    assert accepted.outcome == Outcome.ACCEPTED


@pytest.mark.parametrize("raw", [b"", b"\x00\xff garbage \xfe", b"From: <a@b>\n\n" + b"x" * 10])
def test_garbage_on_stdin_is_recorded_not_raised(demo, raw):
    mailgate(raw)

    assert only_record().outcome == Outcome.REFUSED
    assert not Ticket.objects.exists()


# --- New tickets ----------------------------------------------------------------------------------


def test_mail_without_token_from_a_known_user_opens_a_ticket(demo):
    raw = readdress(load("iso_8859_1_accents.eml"), From=f"Chef <{CHEF}>", To=GATEWAY)

    mailgate(raw)

    ticket = Ticket.objects.get()
    assert ticket.title == "Problème d'accès à Pronote depuis la rentrée"
    assert "Je n'arrive plus à accéder à Pronote" in unescape(ticket.content)
    assert ticket.source == Source.EMAIL
    assert ticket.entity.name == "Collège Jean Moulin"
    assert [a.user.username for a in ticket.actors.filter(role=1)] == ["chef.etab"]
    assert ticket.created_by.username == "chef.etab"


def test_forwarded_mail_opens_a_ticket_with_the_forwarded_content(demo):
    raw = readdress(load("gmail_forward_fr.eml"), From=f"<{CHEF}>")

    mailgate(raw)

    ticket = Ticket.objects.get()
    assert not ticket.title.lower().startswith("fwd")
    assert "aucun élève de 4e B ne peut se connecter" in unescape(ticket.content)


def test_new_ticket_takes_the_mailbox_defaults(demo):
    mailbox = Mailbox.objects.create(
        name="LSU",
        host="imap.example.org",
        login="lsu@example.org",
        entity=demo.college,
        category=demo.lsu,
        ticket_type=TicketType.REQUEST,
    )
    raw = readdress(load("iso_8859_1_accents.eml"), From=f"<{CHEF}>")

    mailgate(raw, "--mailbox", "LSU")

    ticket = Ticket.objects.get()
    assert (ticket.entity, ticket.category, ticket.type) == (
        demo.college,
        demo.lsu,
        TicketType.REQUEST,
    )
    assert ticket.actors.filter(role=2, group__name="Référents-LSU").exists()  # routed
    assert InboundMessage.objects.get().mailbox == mailbox


def test_unknown_sender_is_refused_by_default(demo):
    mailgate(load("iso_8859_1_accents.eml"))

    record = only_record()
    assert (record.outcome, record.reason) == (
        Outcome.REFUSED,
        "expéditeur inconnu : renee.lefevre@ac-exemple.fr",
    )
    assert not Ticket.objects.exists()
    assert not User.objects.filter(email__iexact="renee.lefevre@ac-exemple.fr").exists()


def test_unknown_sender_opens_a_ticket_without_requester_when_the_mailbox_allows(demo):
    mailbox = Mailbox.objects.create(
        name="Accueil",
        host="imap.example.org",
        login="accueil@example.org",
        entity=demo.college,
        accept_unknown_senders=True,
    )

    result = handle_message(load("iso_8859_1_accents.eml"), mailbox=mailbox)

    ticket = Ticket.objects.get(pk=result.ticket_id)
    assert (
        "Demande reçue par courriel de Renée Lefèvre &lt;renee.lefevre@ac-exemple.fr&gt;"
        in ticket.content
    )
    assert not ticket.actors.filter(role=1).exists()
    assert ticket.entity == demo.college
    assert not User.objects.filter(email__iexact="renee.lefevre@ac-exemple.fr").exists()


def test_user_without_the_right_to_create_is_refused(demo, chef):
    demo.self_service.rights = [r for r in demo.self_service.rights if r != "ticket.create"]
    demo.self_service.save()

    mailgate(readdress(load("iso_8859_1_accents.eml"), From=f"<{CHEF}>"))

    assert only_record().reason == f"l'expéditeur {CHEF} ne peut pas créer de ticket"
    assert not Ticket.objects.exists()


def test_reply_to_a_deleted_ticket_is_refused(demo, lsu_ticket, admin_who):
    workflow.delete_ticket(lsu_ticket, by=admin_who)

    mailgate(reply("gmail_reply_fr.eml", lsu_ticket, sender=CHEF))

    assert only_record().reason == f"le ticket {lsu_ticket.pk} n'existe pas ou plus"
    assert not Followup.objects.exists()


def test_a_token_issued_to_someone_without_rights_gives_no_right(demo, chef, outsider):
    other = open_lsu_ticket(demo, as_(demo, "chef.etab"), title="Autre")

    mailgate(reply("gmail_reply_fr.eml", other, sender=OUTSIDER, token_login="tech.bzh"))

    assert only_record().outcome == Outcome.REFUSED
    assert not Followup.objects.exists()


def test_a_forged_copy_of_an_accepted_message_is_still_checked(demo, lsu_ticket, outsider):
    raw = reply("gmail_reply_fr.eml", lsu_ticket, sender=CHEF)
    mailgate(raw)

    mailgate(readdress(raw, From="<tech.bzh@example.org>"))

    last = InboundMessage.objects.order_by("-pk").first()
    assert last.outcome == Outcome.REFUSED
    assert Followup.objects.filter(ticket=lsu_ticket).count() == 1


def test_token_in_the_delivered_to_header_is_found_when_the_mta_rewrote_to(demo, lsu_ticket):
    token = token_for(lsu_ticket, "chef.etab")
    raw = readdress(
        load("gmail_reply_fr.eml"),
        From=f"<{CHEF}>",
        To="Liste interne <assistance-interne@escalade.example>",
        Delivered_To=f"support+{token}@escalade.example",
    )

    mailgate(raw)

    assert Followup.objects.get(ticket=lsu_ticket).author.username == "chef.etab"


def test_unknown_mailbox_name_keeps_the_message_queued_at_the_mta(demo):
    with pytest.raises(SystemExit) as exit_:
        mailgate(load("iso_8859_1_accents.eml"), "--mailbox", "Inconnue")

    assert exit_.value.code == 75
    assert not InboundMessage.objects.exists()


def test_the_worker_schedules_the_collector(db):
    from escalade.core.periodic import JOBS, enqueue_due_jobs

    assert "escalade.mailgate.tasks.collect_mail" in [job.task for job in JOBS]
    assert "escalade.mailgate.tasks.collect_mail" in enqueue_due_jobs()
    assert "escalade.mailgate.tasks.collect_mail" not in enqueue_due_jobs()  # once per interval
