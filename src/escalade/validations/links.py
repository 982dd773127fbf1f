"""One-click links for validators: signed, not stored, with an expiry; the page they
open asks for a confirmation by POST (a mail client's link preview changes nothing)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import signing
from django.urls import reverse

SALT = "escalade.validations.answer"
MAX_AGE = 14 * 24 * 3600  # two weeks


def make_token(validation_id: int, user_id: int, decision: str) -> str:
    return signing.dumps({"v": validation_id, "u": user_id, "d": decision}, salt=SALT)


def read_token(token: str) -> dict[str, Any]:
    """The signed payload; raises signing.BadSignature (expired: SignatureExpired)."""
    data = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    if not isinstance(data, dict) or data.get("d") not in ("accept", "refuse"):
        raise signing.BadSignature("bad payload")
    return data


def url(token: str) -> str:
    path = reverse("validations:answer", kwargs={"token": token})
    return f"{settings.ESCALADE_BASE_URL.rstrip('/')}{path}"


def links_for(data: dict[str, Any], user_id: int | None) -> dict[str, str]:
    """The recipient's accept / refuse links for a ``validation_requested`` event."""
    pairs = dict(zip(data.get("users") or [], data.get("validations") or [], strict=False))
    validation_id = pairs.get(user_id) if user_id else None
    if validation_id is None:
        return {"validation_accept_url": "", "validation_refuse_url": ""}
    return {
        "validation_accept_url": url(make_token(validation_id, user_id, "accept")),  # type: ignore[arg-type]
        "validation_refuse_url": url(make_token(validation_id, user_id, "refuse")),  # type: ignore[arg-type]
    }
