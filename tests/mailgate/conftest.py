"""Helpers for the mail gateway tests: real sample messages, addressed with real reply tokens."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command

from escalade.accounts.models import User
from escalade.mailgate.tokens import make_reply_token
from escalade.tickets.models import Ticket

MESSAGES = Path(__file__).parent / "messages"
GATEWAY = "support@escalade.example"


def load(name: str) -> bytes:
    return (MESSAGES / name).read_bytes()


def token_for(ticket: Ticket, login: str) -> str:
    return make_reply_token(ticket.pk, User.objects.get(username=login).pk)


def readdress(raw: bytes, **headers: str | None) -> bytes:
    """Replace (or with None, remove) top-level headers; names use _ for - (In_Reply_To)."""
    head, sep, body = raw.partition(b"\r\n\r\n") if b"\r\n\r\n" in raw else raw.partition(b"\n\n")
    eol = b"\r\n" if sep == b"\r\n\r\n" else b"\n"
    lines = re.split(rb"\r?\n(?![ \t])", head)
    names = {name.replace("_", "-").lower().encode() for name in headers}
    kept = [line for line in lines if line.split(b":", 1)[0].strip().lower() not in names]
    added = [
        f"{name.replace('_', '-')}: {value}".encode()
        for name, value in headers.items()
        if value is not None
    ]
    return eol.join(added + kept) + sep + body


def reply(
    name: str,
    ticket: Ticket,
    *,
    sender: str,
    token_login: str | None = None,
    via: str = "reply-to",
) -> bytes:
    """The sample ``name`` as a reply to a notification of ``ticket`` sent to ``token_login``."""
    login = token_login or sender.split("@")[0]
    token = token_for(ticket, login)
    if via == "reply-to":
        return readdress(
            load(name), From=f"Someone <{sender}>", To=f"support+{token}@escalade.example"
        )
    message_id = f"<escalade.{token}.k3j2h1@escalade.example>"
    return readdress(
        load(name),
        From=f"Someone <{sender}>",
        To=f"Support <{GATEWAY}>",
        In_Reply_To=message_id,
        References=f"<ticket-{ticket.pk}@escalade.example> {message_id}",
    )


def mailgate(raw: bytes, *args: str) -> str:
    """Feed one message to ``escalade mailgate`` on its standard input; its output line."""
    out = io.StringIO()
    call_command("mailgate", *args, stdin=io.BytesIO(raw), stdout=out, stderr=io.StringIO())
    return out.getvalue()


@pytest.fixture(autouse=True)
def _gateway_settings(settings):
    settings.ESCALADE_MAILGATE_ADDRESS = GATEWAY
    settings.DEFAULT_FROM_EMAIL = "Escalade <escalade@escalade.example>"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
