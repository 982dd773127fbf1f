"""The answer given while sign-in is locked for a username and address (django-axes).

Too many failures for one username from one address lock that pair for
AXES_COOLOFF_TIME, never for good; other addresses and other accounts are not
affected. Unknown and known usernames count alike, so the answer says nothing
about whether the account exists.
"""

from __future__ import annotations

import logging
import math

from axes.helpers import get_client_username, get_cool_off
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

logger = logging.getLogger("escalade.identity")

API_PREFIXES = ("/apirest.php", "/api/")


def locked_out(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    cool_off = get_cool_off(request)
    minutes = max(1, math.ceil(cool_off.total_seconds() / 60)) if cool_off else 1
    logger.warning(
        "sign-in locked: username=%r address=%s path=%s",
        get_client_username(request, credentials),
        getattr(request, "axes_ip_address", None),
        request.path,
    )
    message = _(
        "Trop de tentatives de connexion échouées. Réessayez dans %(minutes)d minute(s)."
    ) % {"minutes": minutes}
    response: HttpResponse
    if request.path.startswith(API_PREFIXES):
        if request.path.startswith("/apirest.php"):
            response = JsonResponse(["ERROR_LOGIN_LOCKED", message], safe=False, status=429)
        else:
            response = JsonResponse({"detail": message}, status=429)
    else:
        response = render(
            request,
            "identity/locked_out.html",
            {"message": message, "minutes": minutes},
            status=429,
        )
    response["Retry-After"] = str(minutes * 60)
    return response


def client_ip(request: HttpRequest) -> str | None:
    """The client's address: REMOTE_ADDR, or, behind ESCALADE_PROXY_COUNT trusted reverse
    proxies, the address the first of them saw (read from the right of X-Forwarded-For)."""
    from django.conf import settings

    count = settings.ESCALADE_PROXY_COUNT
    remote = request.META.get("REMOTE_ADDR")
    if count <= 0:
        return remote
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [a for a in forwarded if a]
    if len(forwarded) >= count:
        return forwarded[-count]
    return forwarded[0] if forwarded else remote


def client_username(request: HttpRequest, credentials: dict | None = None) -> str | None:
    """The username failures are counted for, trimmed and lower-cased: the directory matches
    names without regard to case, so "Marie.Curie" and "MARIE.CURIE" share one counter."""
    if credentials:
        username = credentials.get("username")
    else:
        username = getattr(request, "POST", {}).get("username")
    if username is None:
        return None
    return str(username).strip().lower()
