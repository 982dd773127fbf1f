"""A reply token speaks for its recipient only; the MTA's verdict on From is heeded.

The signed token says which notification is answered and to whom it was sent; From must be
that person's address, and that person must still be allowed to add a followup. A mail whose
SPF, DKIM or DMARC check failed at the receiving MTA (its ``Authentication-Results``) is
from an unknown sender, whoever From names.
"""

from __future__ import annotations

import pytest
from django.core import mail

from escalade.accounts.models import Membership, ProfileGrant
from escalade.mailgate.gateway import handle_message
from escalade.mailgate.models import InboundMessage, Mailbox, Outcome
from escalade.tickets import workflow
from escalade.tickets.models import Followup, Ticket, TicketActor
from escalade.tickets.status import Status
from tests.mailgate.conftest import GATEWAY, load, mailgate, readdress, reply

CHEF = "chef.etab@example.org"
REFERENT = "referent.lsu@example.org"
REFERENT2 = "referent2.lsu@example.org"
MTA = "mx.escalade.example"


def only_record() -> InboundMessage:
    (record,) = InboundMessage.objects.all()
    return record


def assert_refused_and_kept(raw: bytes, reason_start: str) -> InboundMessage:
    record = only_record()
    assert record.outcome == Outcome.REFUSED
    assert record.reason.startswith(reason_start), record.reason
    assert record.raw == raw
    assert not Followup.objects.exists()
    assert mail.outbox == []
    return record


# --- 1. The token's recipient, and only them ------------------------------------------------


def test_requester_cannot_write_as_the_referent_with_their_own_token(demo, lsu_ticket):
    raw = reply("gmail_reply_fr.eml", lsu_ticket, sender=REFERENT, token_login="chef.etab")

    mailgate(raw)

    record = assert_refused_and_kept(raw, f"l'expéditeur {REFERENT} n'est pas le destinataire")
    assert "chef.etab" in record.reason
    assert Ticket.objects.count() == 1


def test_the_token_recipient_answering_from_their_address_is_accepted(demo, lsu_ticket):
    mailgate(reply("gmail_reply_fr.eml", lsu_ticket, sender=REFERENT, token_login="referent.lsu"))

    assert Followup.objects.get(ticket=lsu_ticket).author.username == "referent.lsu"


def test_a_token_whose_recipient_lost_access_works_for_nobody(demo, lsu_ticket):
    # referent.lsu was mailed as a referent, then lost that profile (and the group).
    Membership.objects.filter(user__username="referent.lsu").delete()
    ProfileGrant.objects.filter(
        user__username="referent.lsu", profile=demo.referent_profile
    ).delete()

    own = reply("gmail_reply_fr.eml", lsu_ticket, sender=REFERENT, token_login="referent.lsu")
    mailgate(own)
    assert only_record().reason == (
        f"l'expéditeur {REFERENT} ne peut pas ajouter de suivi au ticket {lsu_ticket.pk}"
    )

    InboundMessage.objects.all().delete()
    colleague = reply(
        "thunderbird_reply_en.eml", lsu_ticket, sender=REFERENT2, token_login="referent.lsu"
    )
    mailgate(colleague)  # referent2 may add a followup, but the token is not theirs
    assert_refused_and_kept(colleague, f"l'expéditeur {REFERENT2} n'est pas le destinataire")


def test_a_token_of_a_disabled_account_is_refused(demo, lsu_ticket):
    from escalade.accounts.models import User

    User.objects.filter(username="referent.lsu").update(is_active=False)
    raw = reply("gmail_reply_fr.eml", lsu_ticket, sender=REFERENT2, token_login="referent.lsu")

    mailgate(raw)

    assert_refused_and_kept(raw, "le destinataire du jeton de réponse n'existe plus")


def test_a_notification_sent_to_the_actors_other_address_can_be_answered_from_it(demo, lsu_ticket):
    TicketActor.objects.filter(ticket=lsu_ticket, user__username="chef.etab").update(
        alternative_email="claire.dubois@perso.example"
    )

    mailgate(
        reply(
            "gmail_reply_fr.eml",
            lsu_ticket,
            sender="Claire.Dubois@perso.example",
            token_login="chef.etab",
        )
    )

    assert Followup.objects.get(ticket=lsu_ticket).author.username == "chef.etab"


def test_a_reply_to_a_closed_ticket_in_someone_elses_name_opens_nothing(
    demo, lsu_ticket, referent, chef
):
    workflow.take(lsu_ticket, by=referent)
    workflow.add_solution(lsu_ticket, by=referent, content="Videz le cache du navigateur.")
    workflow.approve_solution(lsu_ticket, by=chef)
    assert Ticket.objects.get(pk=lsu_ticket.pk).status == Status.CLOSED
    raw = reply("gmail_reply_fr.eml", lsu_ticket, sender=CHEF, token_login="referent.lsu")

    mailgate(raw)

    assert_refused_and_kept(raw, f"l'expéditeur {CHEF} n'est pas le destinataire")
    assert Ticket.objects.count() == 1


# --- 2. Authentication-Results of the receiving MTA ----------------------------------------

FAILED = f"{MTA}; spf=fail smtp.mailfrom=example.org; dkim=none; dmarc=fail header.from=example.org"


@pytest.fixture
def authserv(settings):
    settings.ESCALADE_MAILGATE_AUTHSERV_ID = [MTA]


def new_request(sender: str, **headers: str) -> bytes:
    return readdress(load("iso_8859_1_accents.eml"), From=f"<{sender}>", To=GATEWAY, **headers)


def test_a_staff_address_failing_dmarc_opens_no_ticket_in_their_name(demo, authserv):
    raw = new_request(REFERENT, Authentication_Results=FAILED)

    mailgate(raw)

    record = only_record()
    assert (record.outcome, record.raw) == (Outcome.REFUSED, raw)
    assert record.reason == f"expéditeur non authentifié par {MTA} (spf=fail, dmarc=fail) : " + (
        "traité comme inconnu"
    )
    assert not Ticket.objects.exists()


def test_a_reply_with_a_valid_token_but_a_failed_dkim_is_refused(demo, lsu_ticket, authserv):
    raw = readdress(
        reply("gmail_reply_fr.eml", lsu_ticket, sender=CHEF),
        Authentication_Results=f"{MTA} (Postfix); dkim=fail (bad signature) header.d=example.org",
    )

    mailgate(raw)

    assert_refused_and_kept(raw, f"expéditeur non authentifié par {MTA} (dkim=fail)")


def test_an_unauthenticated_known_address_is_an_unknown_sender_for_open_mailboxes(demo, authserv):
    mailbox = Mailbox.objects.create(
        name="Accueil",
        host="imap.example.org",
        login="accueil@example.org",
        entity=demo.college,
        accept_unknown_senders=True,
    )

    result = handle_message(new_request(CHEF, Authentication_Results=FAILED), mailbox=mailbox)

    ticket = Ticket.objects.get(pk=result.ticket_id)
    assert not ticket.actors.filter(role=1).exists()  # no Demandeur: nobody is trusted
    assert ticket.created_by is None
    assert "expéditeur non authentifié" in ticket.content
    record = only_record()
    assert record.outcome == Outcome.ACCEPTED
    assert record.reason.startswith("expéditeur non authentifié")


@pytest.mark.parametrize(
    "header",
    [
        # Added by the sender, not by our MTA: another authserv-id is not trusted.
        "mx.attacker.example; spf=fail; dkim=fail; dmarc=fail",
        f"{MTA}; spf=pass smtp.mailfrom=example.org; dkim=pass; dmarc=pass",
        # One failed signature among passing ones (a list footer) is not a forgery.
        f"{MTA}; dkim=fail header.d=list.example; dkim=pass header.d=example.org; spf=none",
        f"{MTA}; spf=softfail smtp.mailfrom=example.org",
    ],
)
def test_other_results_keep_todays_behaviour(demo, authserv, header):
    mailgate(new_request(CHEF, Authentication_Results=header))

    ticket = Ticket.objects.get()
    assert [a.user.username for a in ticket.actors.filter(role=1)] == ["chef.etab"]


def test_without_a_configured_authserv_id_the_header_is_not_read(demo, settings):
    settings.ESCALADE_MAILGATE_AUTHSERV_ID = []

    mailgate(new_request(CHEF, Authentication_Results=FAILED))

    assert Ticket.objects.get().actors.get(role=1).user.username == "chef.etab"


def test_a_reply_passing_authentication_is_still_accepted(demo, lsu_ticket, authserv):
    raw = readdress(
        reply("gmail_reply_fr.eml", lsu_ticket, sender=CHEF),
        Authentication_Results=f"{MTA}; spf=pass; dkim=pass; dmarc=pass",
    )

    mailgate(raw)

    assert Followup.objects.get(ticket=lsu_ticket).author.username == "chef.etab"
