"""Escalade's own error pages: 403, 404, 500, CSRF failure and maintenance.

Each page is an ordinary Escalade page (the header, with the user's name), in the user's
language, that says what happened, what to do, and links back. Under ``/api/`` and
``/apirest.php`` the answer stays JSON, in the shape of each API.
"""

from __future__ import annotations

import logging
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.translation import gettext as _

logger = logging.getLogger("escalade.core")

API_PREFIXES = ("/api/", "/apirest.php")


def _api(request: HttpRequest, status: int, code: str, message: str) -> HttpResponse | None:
    if not request.path.startswith(API_PREFIXES):
        return None
    if request.path.startswith("/apirest.php"):
        return JsonResponse([f"ERROR_{code.upper()}", message], safe=False, status=status)
    return JsonResponse({"detail": message, "code": code}, status=status)


def error_page(
    request: HttpRequest, *, status: int, title: str, message: str, advice: str, **extra: Any
) -> HttpResponse:
    context = {"status": status, "title": title, "message": message, "advice": advice, **extra}
    try:
        return render(request, "core/error.html", context, status=status)
    except Exception:  # the database, the session… the bare page needs none of them
        logger.exception("the error page could not be rendered in full")
        return HttpResponse(loader.render_to_string("core/error_bare.html", context), status=status)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    message = _("Cette page n'existe pas, ou elle ne vous est pas accessible.")
    return _api(request, 404, "not_found", message) or error_page(
        request,
        status=404,
        title=_("Page introuvable"),
        message=message,
        advice=_(
            "Vérifiez l'adresse. S'il s'agit d'un ticket, il a pu être supprimé, ou votre "
            "profil actif ne permet pas de le voir : changez de profil en haut de la page."
        ),
    )


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    message = _("Vous n'avez pas le droit de faire cette action ou de voir cette page.")
    return _api(request, 403, "forbidden", message) or error_page(
        request,
        status=403,
        title=_("Accès refusé"),
        message=message,
        advice=_(
            "Un autre de vos profils le permet peut-être : changez de profil en haut de la "
            "page. Sinon, demandez ce droit à un administrateur."
        ),
    )


def server_error(request: HttpRequest) -> HttpResponse:
    """Falls back to a bare page if the database is what failed."""
    message = _("Une erreur inattendue s'est produite ; rien n'a été enregistré.")
    api = _api(request, 500, "server_error", message)
    if api is not None:
        return api
    return error_page(
        request,
        status=500,
        title=_("Erreur du serveur"),
        message=message,
        advice=_(
            "Réessayez dans un instant. Si l'erreur revient, signalez-la à l'assistance "
            "en indiquant l'heure et la page."
        ),
    )


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    message = _("Le formulaire a expiré ou a été envoyé depuis une autre page : rien n'a été fait.")
    return _api(request, 403, "csrf", message) or error_page(
        request,
        status=403,
        title=_("Formulaire expiré"),
        message=message,
        advice=_(
            "Revenez à la page précédente, rechargez-la, puis envoyez à nouveau le "
            "formulaire. Si vous vous êtes déconnecté entre-temps, reconnectez-vous d'abord."
        ),
    )


def maintenance(request: HttpRequest) -> HttpResponse:
    message = _("Escalade est en maintenance pour quelques minutes.")
    response = _api(request, 503, "maintenance", message) or error_page(
        request,
        status=503,
        title=_("Maintenance en cours"),
        message=message,
        advice=_(
            "Vos tickets sont conservés. Réessayez dans quelques minutes ; en cas d'urgence, "
            "appelez l'assistance."
        ),
        maintenance=True,
    )
    response["Retry-After"] = "300"
    return response
