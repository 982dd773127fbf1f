"""The signed link that lets a requester complete a ticket « À compléter » (not stored,
two weeks, bound to the ticket and the requester)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import signing
from django.urls import reverse

SALT = "escalade.tickettemplates.complete"
MAX_AGE = 14 * 24 * 3600


def make_token(ticket_id: int, user_id: int) -> str:
    return signing.dumps({"t": ticket_id, "u": user_id}, salt=SALT)


def read_token(token: str) -> dict[str, Any]:
    """The payload; raises signing.BadSignature (expired: SignatureExpired)."""
    data = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    if not isinstance(data, dict) or not isinstance(data.get("t"), int):
        raise signing.BadSignature("bad payload")
    return data


def url(ticket_id: int, user_id: int) -> str:
    path = reverse("tickettemplates:complete", kwargs={"token": make_token(ticket_id, user_id)})
    return f"{settings.ESCALADE_BASE_URL.rstrip('/')}{path}"


def completion_links(ticket_id: int, user_id: int | None) -> dict[str, str]:
    """For the receipt mail: the recipient's link when the ticket is « À compléter »."""
    from escalade.tickettemplates.models import IncompleteTicket

    if user_id is None or not IncompleteTicket.objects.filter(ticket_id=ticket_id).exists():
        return {}
    return {"completion_url": url(ticket_id, user_id)}
