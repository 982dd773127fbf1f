"""The IMAP collector: fetch each message of a mailbox, hand it to the gateway, then file it.

A message leaves the collected folder only after :func:`~escalade.mailgate.gateway.handle_message`
has returned, that is after its ticket or followup (or its refusal record) is committed: it is
then moved to the accepted or the refused folder (or deleted when no accepted folder is set).
When the database fails, collection stops and the message stays where it is, for the next run.
Standard library only (``imaplib``); one connection per mailbox and run.
"""

from __future__ import annotations

import base64
import contextlib
import imaplib
import logging
import re
import ssl
from dataclasses import dataclass
from typing import Any

from django.db import DatabaseError
from django.utils import timezone

from escalade.mailgate.gateway import handle_message, record_failure
from escalade.mailgate.models import Mailbox, Outcome, Security

logger = logging.getLogger(__name__)

TIMEOUT = 30
BATCH = 200  # messages per mailbox and run; the rest waits for the next run
_UID_RE = re.compile(rb"UID (\d+)")


class CollectError(Exception):
    """The IMAP server answered something else than OK."""


@dataclass
class Report:
    mailbox: str
    accepted: int = 0
    refused: int = 0
    ignored: int = 0
    error: str = ""

    def summary(self) -> str:
        line = (
            f"{self.mailbox} : {self.accepted} accepté(s), {self.refused} refusé(s), "
            f"{self.ignored} ignoré(s)"
        )
        return f"{line} — erreur : {self.error}" if self.error else line


def collect_all(*, name: str | None = None) -> list[Report]:
    """Collect every active mailbox (or only the one named); never raises for one mailbox."""
    mailboxes = Mailbox.objects.filter(is_active=True)
    if name:
        mailboxes = mailboxes.filter(name=name)
    return [collect(mailbox) for mailbox in mailboxes]


def collect(mailbox: Mailbox, *, batch: int = BATCH) -> Report:
    report = Report(mailbox.name)
    try:
        conn = _connect(mailbox)
        try:
            _collect(conn, mailbox, report, batch)
        finally:
            with contextlib.suppress(imaplib.IMAP4.error, OSError):
                conn.logout()
    except (imaplib.IMAP4.error, CollectError, OSError, ssl.SSLError) as exc:
        report.error = f"{type(exc).__name__}: {exc}"[:1000]
        logger.warning("collect %s failed: %s", mailbox.name, report.error)
    except DatabaseError as exc:
        report.error = f"base de données indisponible ({type(exc).__name__})"
        logger.error("collect %s stopped: %s", mailbox.name, exc)
        return report
    except Exception as exc:  # one broken mailbox never stops the others
        report.error = f"erreur interne ({type(exc).__name__}: {exc})"[:1000]
        logger.exception("collect %s stopped", mailbox.name)
    Mailbox.objects.filter(pk=mailbox.pk).update(
        last_collected_at=timezone.now(), last_error=report.error
    )
    return report


def _connect(mailbox: Mailbox) -> imaplib.IMAP4:
    context = ssl.create_default_context()
    conn: imaplib.IMAP4
    if mailbox.security == Security.SSL:
        conn = imaplib.IMAP4_SSL(mailbox.host, mailbox.port, ssl_context=context, timeout=TIMEOUT)
    else:
        conn = imaplib.IMAP4(mailbox.host, mailbox.port, timeout=TIMEOUT)
        if mailbox.security == Security.STARTTLS:
            conn.starttls(ssl_context=context)
    _ok(conn.login(mailbox.login, mailbox.password), "LOGIN")
    return conn


def _collect(conn: imaplib.IMAP4, mailbox: Mailbox, report: Report, batch: int) -> None:
    for folder in (mailbox.accepted_folder, mailbox.refused_folder):
        if folder:
            _ensure_folder(conn, folder)
    _ok(conn.select(quote_folder(mailbox.folder)), f"SELECT {mailbox.folder}")
    data = _ok(conn.uid("SEARCH", "UNDELETED"), "SEARCH")
    uids = [uid.decode() for uid in (data[0] or b"").split()[:batch]]
    can_move = b"MOVE" in _capabilities(conn)
    expunge = False
    for uid in uids:
        raw = _fetch(conn, uid)
        if raw is None:
            continue
        try:
            result = handle_message(raw, mailbox=mailbox)
        except DatabaseError:
            raise  # leave this message and the next ones in the mailbox
        except Exception as exc:  # a bug: keep the message as refused when we can
            logger.exception("collect %s: message %s not handled", mailbox.name, uid)
            if not record_failure(raw, exc):
                raise
            outcome = str(Outcome.REFUSED)
        else:
            outcome = result.outcome
        # The ticket or followup is committed: the message may now leave the folder.
        if outcome == Outcome.ACCEPTED:
            report.accepted += 1
        elif outcome == Outcome.IGNORED:
            report.ignored += 1
        else:
            report.refused += 1
        target = mailbox.refused_folder if outcome == Outcome.REFUSED else mailbox.accepted_folder
        expunge = _file(conn, uid, target, can_move=can_move) or expunge
    if expunge:
        _ok(conn.expunge(), "EXPUNGE")


def _fetch(conn: imaplib.IMAP4, uid: str) -> bytes | None:
    data = _ok(conn.uid("FETCH", uid, "(BODY.PEEK[])"), f"FETCH {uid}")
    for item in data:
        if isinstance(item, tuple) and len(item) == 2:
            return bytes(item[1])
    return None


def _file(conn: imaplib.IMAP4, uid: str, folder: str, *, can_move: bool) -> bool:
    """Move the message to ``folder`` (or delete it); True when an EXPUNGE is needed."""
    if folder and can_move:
        _ok(conn.uid("MOVE", uid, quote_folder(folder)), f"MOVE {folder}")
        return False
    if folder:
        _ok(conn.uid("COPY", uid, quote_folder(folder)), f"COPY {folder}")
    _ok(conn.uid("STORE", uid, "+FLAGS.SILENT", r"(\Deleted)"), "STORE")
    return True


def _ensure_folder(conn: imaplib.IMAP4, folder: str) -> None:
    name = quote_folder(folder)
    typ, data = conn.list('""', name)
    if typ == "OK" and any(item for item in data if item):
        return
    _ok(conn.create(name), f"CREATE {folder}")
    conn.subscribe(name)


def _capabilities(conn: imaplib.IMAP4) -> set[bytes]:
    data = _ok(conn.capability(), "CAPABILITY")
    return set(b" ".join(d for d in data if isinstance(d, bytes)).upper().split())


def _ok(answer: tuple[str, Any], what: str) -> Any:
    typ, data = answer
    if typ != "OK":
        detail = b" ".join(d for d in data if isinstance(d, bytes)).decode("utf-8", "replace")
        raise CollectError(f"{what} : {typ} {detail}".strip())
    return data


def quote_folder(name: str) -> str:
    """A folder name as an IMAP quoted string, in modified UTF-7 (RFC 3501 §5.1.3)."""
    encoded = _modified_utf7(name)
    return '"' + encoded.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _modified_utf7(name: str) -> str:
    out: list[str] = []
    chunk: list[str] = []

    def flush() -> None:
        if chunk:
            data = "".join(chunk).encode("utf-16-be")
            out.append("&" + base64.b64encode(data).decode().rstrip("=").replace("/", ",") + "-")
            chunk.clear()

    for char in name:
        if 0x20 <= ord(char) <= 0x7E:
            flush()
            out.append("&-" if char == "&" else char)
        else:
            chunk.append(char)
    flush()
    return "".join(out)
