"""The mail gateway: one inbound message in, a followup, a new ticket or a recorded refusal out.

:func:`handle_message` is the single entry point of both ways in (``escalade mailgate`` on
standard input, and the IMAP collector). It only writes through ``tickets.workflow`` and only
decides rights through ``tickets.access``; it records every message in ``InboundMessage``
(refused ones with their raw bytes and the reason) and never sends mail itself.

A reply finds its ticket by the signed token that notifications carry in their Reply-To
address (``local+TOKEN@domain``) and their Message-ID (``<escalade.TOKEN.…@domain>``), never
by a "#123" in the subject. Database errors propagate: the caller must retry later.
"""

from __future__ import annotations

import hashlib
import logging
import re
import traceback
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from email.utils import parseaddr

from django.conf import settings
from django.db import DatabaseError, transaction
from django.utils import timezone

from escalade.accounts.models import User
from escalade.accounts.who import NoProfile, Who, build_who
from escalade.mailgate.models import InboundMessage, Mailbox, Outcome
from escalade.mailgate.parsing import MalformedMessage, ParsedMessage, parse_message
from escalade.mailgate.tokens import read_reply_token
from escalade.tickets import access, workflow
from escalade.tickets.attachments import Upload, check, safe_filename
from escalade.tickets.errors import Conflict, Forbidden, InvalidInput
from escalade.tickets.models import Category, Followup, Source, Ticket, TicketType

logger = logging.getLogger(__name__)

TITLE_MAX = 255
CONTENT_MAX = 90_000
RATE_WINDOW = timedelta(hours=1)

# Reasons, in French: administrators read them in the refused messages list.
REASON_DUPLICATE = "message déjà traité (même expéditeur et même Message-ID)"
REASON_AUTO = "message automatique : %s"
REASON_OWN_NOTIFICATION = "notification envoyée par Escalade elle-même"
REASON_OWN_ADDRESS = "message envoyé depuis l'adresse de la passerelle"
REASON_UNKNOWN_SENDER = "expéditeur inconnu : %s"
REASON_AMBIGUOUS_SENDER = "adresse partagée par plusieurs comptes : %s"
REASON_RATE_LIMIT = "trop de messages de cet expéditeur (%d par heure au plus)"
REASON_NO_TICKET = "le ticket %d n'existe pas ou plus"
REASON_NOT_ALLOWED = "l'expéditeur %s ne peut pas ajouter de suivi au ticket %d"
REASON_EMPTY_REPLY = "réponse vide"
REASON_EMPTY_MESSAGE = "message vide"
REASON_NO_PROFILE = "l'expéditeur %s ne peut pas créer de ticket"
REASON_NO_ENTITY = "aucune entité par défaut pour les expéditeurs inconnus"
REASON_TOKEN_USER_GONE = "le destinataire du jeton de réponse n'existe plus ou est désactivé"
REASON_NOT_TOKEN_RECIPIENT = (
    "l'expéditeur %s n'est pas le destinataire du jeton de réponse (%s) : "
    "un jeton ne vaut que pour la personne à qui la notification a été envoyée"
)
REASON_UNAUTHENTICATED = "expéditeur non authentifié par %s (%s) : traité comme inconnu"

_TOKEN_LOCAL_RE = re.compile(r"^[^@+]+\+([a-z0-9]+)@", re.IGNORECASE)
_TOKEN_MSGID_RE = re.compile(r"<?escalade\.([a-z0-9]+)\.", re.IGNORECASE)
_SUBJECT_PREFIX_RE = re.compile(
    r"^\s*(?:(?:re|tr|fw|fwd|aw|wg|réf|ref)\s*(?:\[\d+\])?\s*:\s*)+", re.IGNORECASE
)
_AUTH_RESULT_RE = re.compile(r"^(spf|dkim|dmarc)\s*=\s*([a-z]+)", re.IGNORECASE)
_FROM_FALLBACK_RE = re.compile(rb"^from:[ \t]*(.*)$", re.IGNORECASE | re.MULTILINE)


@dataclass(frozen=True)
class Result:
    """What became of one message."""

    outcome: str
    reason: str = ""
    ticket_id: int | None = None
    followup_id: int | None = None
    record_id: int | None = None

    @property
    def accepted(self) -> bool:
        return self.outcome == Outcome.ACCEPTED

    @property
    def keep_in_accepted_folder(self) -> bool:
        """Accepted, or already accepted earlier (a re-delivery)."""
        return self.outcome in (Outcome.ACCEPTED, Outcome.IGNORED)


class Refused(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def handle_message(raw: bytes, *, mailbox: Mailbox | None = None) -> Result:
    """Handle one RFC 5322 message. Raises only on database (or other transient) errors."""
    raw = bytes(raw)
    digest = hashlib.sha256(raw).hexdigest()
    try:
        parsed = parse_message(
            raw,
            max_attachment_bytes=settings.ATTACHMENT_MAX_BYTES,
        )
    except MalformedMessage as exc:
        return _record(
            raw, digest, mailbox, Outcome.REFUSED, exc.reason, sender=_fallback_sender(raw)
        )

    if _already_accepted(parsed, digest):
        return _record(b"", digest, mailbox, Outcome.IGNORED, REASON_DUPLICATE, parsed=parsed)
    try:
        _check_not_a_loop(parsed, mailbox)
        _check_rate(parsed.from_address)
        with transaction.atomic():
            ticket, followup = _dispatch(parsed, mailbox)
            return _record(
                b"",
                digest,
                mailbox,
                Outcome.ACCEPTED,
                unauthenticated(parsed),
                parsed=parsed,
                ticket=ticket,
                followup=followup,
            )
    except Refused as exc:
        return _record(raw, digest, mailbox, Outcome.REFUSED, exc.reason, parsed=parsed)
    except (InvalidInput, Forbidden, Conflict) as exc:
        return _record(raw, digest, mailbox, Outcome.REFUSED, str(exc.message), parsed=parsed)


def _record(
    raw: bytes,
    digest: str,
    mailbox: Mailbox | None,
    outcome: str,
    reason: str,
    *,
    parsed: ParsedMessage | None = None,
    sender: str = "",
    ticket: Ticket | None = None,
    followup: Followup | None = None,
) -> Result:
    record = InboundMessage.objects.create(
        mailbox=mailbox,
        message_id=(parsed.message_id or "")[:998] if parsed else "",
        digest=digest,
        sender=(parsed.from_address if parsed else sender)[:320],
        subject=(parsed.subject if parsed else "")[:255],
        received_at=timezone.now(),
        outcome=outcome,
        reason=reason,
        ticket=ticket,
        followup=followup,
        raw=raw,
    )
    log = logger.info if outcome == Outcome.ACCEPTED else logger.warning
    log(
        "mail %s: %s%s (message %s, ticket %s)",
        outcome,
        record.sender or "?",
        f" — {reason}" if reason else "",
        record.message_id or digest[:12],
        ticket.pk if ticket else "-",
    )
    return Result(
        outcome,
        reason,
        ticket.pk if ticket else None,
        followup.pk if followup else None,
        record.pk,
    )


def _fallback_sender(raw: bytes) -> str:
    """The From address of a message the parser refused, for the record only."""
    match = _FROM_FALLBACK_RE.search(raw[: 64 * 1024])
    if not match:
        return ""
    address = parseaddr(match.group(1).decode("ascii", "replace"))[1]
    return address.lower() if "@" in address else ""


# --- Guards -------------------------------------------------------------------------------


def _already_accepted(parsed: ParsedMessage, digest: str) -> bool:
    accepted = InboundMessage.objects.filter(
        outcome=Outcome.ACCEPTED, sender=parsed.from_address[:320]
    )
    if parsed.message_id:
        return accepted.filter(message_id=parsed.message_id[:998]).exists()
    return accepted.filter(digest=digest).exists()


def gateway_addresses(mailbox: Mailbox | None = None) -> set[str]:
    """The addresses the gateway sends from or receives at: mail from them is a loop."""
    addresses = set()
    for value in (settings.ESCALADE_MAILGATE_ADDRESS, settings.DEFAULT_FROM_EMAIL):
        address = parseaddr(value or "")[1].lower()
        if "@" in address:
            addresses.add(address)
    if mailbox is not None and "@" in mailbox.login:
        addresses.add(mailbox.login.lower())
    return addresses


def _without_tag(address: str) -> str:
    local, _, domain = address.partition("@")
    return f"{local.split('+', 1)[0]}@{domain}"


def _check_not_a_loop(parsed: ParsedMessage, mailbox: Mailbox | None) -> None:
    if parsed.header("X-Escalade-Ticket") is not None or _TOKEN_MSGID_RE.match(
        parsed.message_id or ""
    ):
        raise Refused(REASON_OWN_NOTIFICATION)
    if parsed.auto_submitted:
        raise Refused(REASON_AUTO % parsed.auto_submitted)
    if _without_tag(parsed.from_address) in gateway_addresses(mailbox):
        raise Refused(REASON_OWN_ADDRESS)


def _check_rate(sender: str) -> None:
    limit = settings.ESCALADE_MAILGATE_RATE_LIMIT
    recent = InboundMessage.objects.filter(
        sender=sender[:320],
        outcome=Outcome.ACCEPTED,
        received_at__gte=timezone.now() - RATE_WINDOW,
    ).count()
    if recent >= limit:
        raise Refused(REASON_RATE_LIMIT % limit)


# --- Who is writing -------------------------------------------------------------------------


def reply_token(parsed: ParsedMessage) -> tuple[int, int] | None:
    """(ticket_id, user_id) of the first valid token the message carries, or None."""
    recipients = [*parsed.to, *parsed.cc]
    for name in ("Delivered-To", "X-Original-To"):
        recipients += [v.strip().strip("<>").lower() for v in parsed.headers.get(name.lower(), [])]
    for address in recipients:
        match = _TOKEN_LOCAL_RE.match(address)
        if match and (found := read_reply_token(match.group(1))):
            return found
    for message_id in [parsed.in_reply_to or "", *reversed(parsed.references)]:
        match = _TOKEN_MSGID_RE.match(message_id)
        if match and (found := read_reply_token(match.group(1))):
            return found
    return None


def _senders(address: str) -> list[User]:
    return list(User.objects.filter(email__iexact=address, is_active=True).order_by("pk"))


def _whos(user: User) -> Iterator[Who]:
    """Every acting context of ``user``: the default profile first, then the others."""
    try:
        default = build_who(user)
    except NoProfile:
        return
    yield default
    for profile in default.profiles:
        if profile.pk != default.profile.pk:
            yield build_who(user, profile_id=profile.pk)


def unauthenticated(parsed: ParsedMessage) -> str:
    """Why the receiving MTA says From is forged ("" when it does not say so).

    Only ``Authentication-Results`` headers (RFC 8601) whose authserv-id is one of
    ``ESCALADE_MAILGATE_AUTHSERV_ID`` count: the MTA adds them and removes any copy a sender
    forged. A message fails when SPF or DMARC says ``fail``, or when DKIM says ``fail`` with
    no passing signature.
    """
    trusted = {a.lower() for a in settings.ESCALADE_MAILGATE_AUTHSERV_ID}
    if not trusted:
        return ""
    results: dict[str, set[str]] = {}
    server = ""
    for value in parsed.headers.get("authentication-results", []):
        parts = [part.strip() for part in value.split(";")]
        authserv = parts[0].split()[0].lower() if parts and parts[0].split() else ""
        if authserv not in trusted:
            continue
        server = authserv
        for part in parts[1:]:
            match = _AUTH_RESULT_RE.match(part)
            if match:
                results.setdefault(match.group(1).lower(), set()).add(match.group(2).lower())
    failed = [
        f"{method}=fail"
        for method in ("spf", "dkim", "dmarc")
        if "fail" in results.get(method, set())
        and not (method == "dkim" and "pass" in results.get(method, set()))
    ]
    return REASON_UNAUTHENTICATED % (server, ", ".join(failed)) if failed else ""


def _may_see(who: Who, ticket: Ticket) -> bool:
    """The rights to write are only checked on tickets in reach, as the views do."""
    return access.visible_tickets(who).filter(pk=ticket.pk).exists()


# --- Dispatch ---------------------------------------------------------------------------------


def _dispatch(parsed: ParsedMessage, mailbox: Mailbox | None) -> tuple[Ticket, Followup | None]:
    token = reply_token(parsed)
    uploads, skipped = _uploads(parsed)
    forged = unauthenticated(parsed)
    if token is not None:
        if forged:
            raise Refused(forged)
        return _reply(parsed, token, uploads, skipped)
    return _new_ticket(parsed, mailbox, uploads, skipped, forged=forged), None


def _uploads(parsed: ParsedMessage) -> tuple[list[Upload], list[str]]:
    """The attachments the workflow will accept; a refused one is noted, not fatal."""
    uploads, skipped = [], []
    for item in parsed.skipped_attachments:
        skipped.append(f"{safe_filename(item.filename)} ({item.reason})")
    for attachment in parsed.attachments:
        upload = Upload(attachment.filename, attachment.content)
        try:
            check(upload)
        except InvalidInput as exc:
            skipped.append(f"{safe_filename(attachment.filename)} ({exc.message})")
            continue
        uploads.append(upload)
    return uploads, skipped


def _content(text: str, skipped: list[str], *, prefix: str = "") -> str:
    """The followup or description as plain text (the workflow escapes it): the new text,
    then the skipped files."""
    text = text.strip()[:CONTENT_MAX]
    if prefix:
        text = f"{prefix}\n\n{text}" if text else prefix
    if skipped:
        note = "Pièces jointes non ajoutées : " + " ; ".join(skipped)
        text = f"{text}\n\n{note}" if text else note
    return text


def _title(subject: str) -> str:
    return _SUBJECT_PREFIX_RE.sub("", subject or "").strip()[:TITLE_MAX]


def _token_user(parsed: ParsedMessage, user_id: int, ticket: Ticket) -> User:
    """The token's recipient, when From is that user's address (or their address on the ticket).

    The signed token proves which notification is being answered and to whom it was sent;
    From is what says the answer comes from that person. Both must agree: nobody answers
    in someone else's name, whatever other rights they hold.
    """
    user = User.objects.filter(pk=user_id, is_active=True).first()
    sender = parsed.from_address.lower()
    addresses = set()
    if user is not None:
        addresses = {user.email.lower()} | {
            email.lower()
            for email in ticket.actors.filter(user=user).values_list("alternative_email", flat=True)
            if email
        }
    if user is not None and sender in addresses - {""}:
        return user
    if not User.objects.filter(email__iexact=sender, is_active=True).exists():
        raise Refused(REASON_UNKNOWN_SENDER % parsed.from_address)
    if user is None:
        raise Refused(REASON_TOKEN_USER_GONE)
    raise Refused(REASON_NOT_TOKEN_RECIPIENT % (parsed.from_address, user.username))


def _reply(
    parsed: ParsedMessage, token: tuple[int, int], uploads: list[Upload], skipped: list[str]
) -> tuple[Ticket, Followup | None]:
    ticket_id, token_user_id = token
    ticket = Ticket.objects.filter(pk=ticket_id, is_deleted=False).first()
    if ticket is None:
        raise Refused(REASON_NO_TICKET % ticket_id)
    if not parsed.text.strip() and not uploads:
        raise Refused(REASON_EMPTY_REPLY)
    user = _token_user(parsed, token_user_id, ticket)
    if ticket.is_closed:
        return _reopen_as_new_ticket(parsed, ticket, user, uploads, skipped), None
    for who in _whos(user):
        if _may_see(who, ticket) and access.can_add_followup(who, ticket):
            followup = workflow.add_followup(
                ticket,
                by=who,
                content=_content(parsed.text, skipped),
                attachments=uploads,
                source=Source.EMAIL,
            )
            assert isinstance(followup, Followup)
            return ticket, followup
    raise Refused(REASON_NOT_ALLOWED % (parsed.from_address, ticket.pk))


def _reopen_as_new_ticket(
    parsed: ParsedMessage,
    old: Ticket,
    user: User,
    uploads: list[Upload],
    skipped: list[str],
) -> Ticket:
    """A reply to a Closed ticket opens a new one, linked, in the same entity and category."""
    for who in _whos(user):
        if access.can_follow_up_closed(who, old):
            return workflow.open_follow_on(
                old,
                by=who,
                title=_title(parsed.subject),
                content=_content(parsed.text, skipped),
                attachments=uploads,
                source=Source.EMAIL,
            )
    raise Refused(REASON_NOT_ALLOWED % (parsed.from_address, old.pk))


def _new_ticket(
    parsed: ParsedMessage,
    mailbox: Mailbox | None,
    uploads: list[Upload],
    skipped: list[str],
    *,
    forged: str = "",
) -> Ticket:
    if not parsed.text.strip() and not uploads:
        raise Refused(REASON_EMPTY_MESSAGE)
    users = [] if forged else _senders(parsed.from_address)
    if len(users) > 1:
        raise Refused(REASON_AMBIGUOUS_SENDER % parsed.from_address)
    if not users:
        return _ticket_for_unknown_sender(parsed, mailbox, uploads, skipped, forged=forged)
    user = users[0]
    who = next((w for w in _whos(user) if access.can_create(w)), None)
    if who is None:
        raise Refused(REASON_NO_PROFILE % parsed.from_address)
    entity = mailbox.entity if mailbox and mailbox.entity_id in who.entity_ids else None
    category = mailbox.category if mailbox and entity is not None else None

    def open_ticket(category: Category | None) -> Ticket:
        return workflow.create_ticket(
            by=who,
            title=_title(parsed.subject),
            content=_content(parsed.text, skipped),
            type=mailbox.ticket_type if mailbox else TicketType.INCIDENT,
            category=category,
            entity=entity,
            actors=workflow.Actors(requesters=[user]),
            attachments=uploads,
            source=Source.EMAIL,
            incomplete_ok=True,  # a missing template field: « À compléter », by a signed link
        )

    try:
        with transaction.atomic():
            return open_ticket(category)
    except InvalidInput as exc:
        if category is None or exc.field != "category":
            raise
    # The mailbox's category is not offered to this sender: open it without one.
    return open_ticket(None)


def _ticket_for_unknown_sender(
    parsed: ParsedMessage,
    mailbox: Mailbox | None,
    uploads: list[Upload],
    skipped: list[str],
    *,
    forged: str = "",
) -> Ticket:
    """Only when the mailbox allows it: a ticket with no requester, the address in the text."""
    if mailbox is None or not mailbox.accept_unknown_senders:
        raise Refused(forged or REASON_UNKNOWN_SENDER % parsed.from_address)
    if mailbox.entity is None:
        raise Refused(REASON_NO_ENTITY)
    name = parsed.from_name
    sender = f"{name} <{parsed.from_address}>" if name else parsed.from_address
    if forged:
        sender = f"{sender} ({forged})"
    return workflow.create_ticket(
        by=None,
        title=_title(parsed.subject),
        content=_content(parsed.text, skipped, prefix=f"Demande reçue par courriel de {sender}"),
        type=mailbox.ticket_type,
        category=mailbox.category,
        entity=mailbox.entity,
        attachments=uploads,
        source=Source.EMAIL,
    )


def record_failure(raw: bytes, exc: BaseException) -> bool:
    """Keep a message that failed unexpectedly; False when it must be delivered again.

    Database errors are transient (retry); any other error is a bug: the message is kept as
    refused with the error and its traceback, for an administrator to re-process.
    """
    if isinstance(exc, DatabaseError):
        return False
    trace = "".join(traceback.format_exception(exc))[-4000:]
    try:
        _record(
            bytes(raw),
            hashlib.sha256(bytes(raw)).hexdigest(),
            None,
            Outcome.REFUSED,
            f"erreur interne ({type(exc).__name__}), à signaler :\n{trace}",
            sender=_fallback_sender(bytes(raw)),
        )
    except Exception:
        logger.error("mailgate: the failed message could not be recorded either")
        return False
    return True
