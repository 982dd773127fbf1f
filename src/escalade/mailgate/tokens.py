"""Signed reply tokens: how a reply by email finds its ticket and its author.

A notification mailed to a user carries a token in its Reply-To address
(``<local>+<token>@<domain>`` of ESCALADE_MAILGATE_ADDRESS) and in its
Message-ID. The token names the ticket and the recipient, is signed with the
SECRET_KEY (HMAC) and expires; a bare "#123" in a subject is never trusted.
Tokens use only lowercase letters and digits, so that mail systems that fold
the case of addresses keep them intact.
"""

from __future__ import annotations

import time

from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.http import base36_to_int, int_to_base36

SALT = "escalade.mailgate.reply"
MAX_AGE = 60 * 60 * 24 * 365  # one year


def _signature(payload: str) -> str:
    return salted_hmac(SALT, payload, algorithm="sha256").hexdigest()[:24]


def make_reply_token(ticket_id: int, user_id: int, *, now: float | None = None) -> str:
    """``t<ticket>u<user>s<issued, base 36>x<hmac>`` — e.g. t42u7sk3j2x9f0c…"""
    issued = int_to_base36(int(now if now is not None else time.time()))
    payload = f"t{int(ticket_id)}u{int(user_id)}s{issued}"
    return f"{payload}x{_signature(payload)}"


def read_reply_token(
    token: str, *, max_age: int = MAX_AGE, now: float | None = None
) -> tuple[int, int] | None:
    """(ticket_id, user_id) for a valid, unexpired token; None otherwise."""
    token = (token or "").strip().lower()
    payload, _, signature = token.rpartition("x")
    if not payload or not constant_time_compare(signature, _signature(payload)):
        return None
    try:
        rest = payload.removeprefix("t")
        ticket_part, rest = rest.split("u", 1)
        user_part, issued_part = rest.split("s", 1)
        ticket_id, user_id = int(ticket_part), int(user_part)
        issued = base36_to_int(issued_part)
    except ValueError:
        return None
    if (now if now is not None else time.time()) - issued > max_age:
        return None
    return ticket_id, user_id
