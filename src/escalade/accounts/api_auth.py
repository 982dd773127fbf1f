"""Authentication of /api/v1/: personal tokens, and the acting profile and entity.

``Authorization: Token <key>`` (or ``Bearer <key>``) authenticates with a personal
token (stored hashed). The request may choose the active profile and entity with
``X-Escalade-Profile``, ``X-Escalade-Entity`` and ``X-Escalade-Recursive``; they
default to the token's, then to the user's defaults. Values the user does not
hold are refused (400), never silently replaced.
"""

from __future__ import annotations

from typing import Any, cast

from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from escalade.accounts.models import ApiToken, User
from escalade.accounts.tokens import authenticate_token
from escalade.accounts.who import NoProfile, NotHeld, Who, build_who, who_from_session

PROFILE_HEADER = "X-Escalade-Profile"
ENTITY_HEADER = "X-Escalade-Entity"
RECURSIVE_HEADER = "X-Escalade-Recursive"


class TokenAuthentication(authentication.BaseAuthentication):
    """``Authorization: Token <key>`` or ``Bearer <key>``."""

    keywords = ("token", "bearer")

    def authenticate(self, request: Request) -> tuple[Any, ApiToken] | None:
        header = authentication.get_authorization_header(request).decode("latin-1").split()
        if not header or header[0].lower() not in self.keywords:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("En-tête Authorization mal formé."))
        token = authenticate_token(header[1])
        if token is None:
            raise exceptions.AuthenticationFailed(_("Jeton invalide ou révoqué."))
        return token.user, token

    def authenticate_header(self, request: Request) -> str:
        return 'Token realm="api"'


class SessionAuthentication(authentication.SessionAuthentication):
    """The signed-in browser (the documentation page), with CSRF on writes."""


class BadContext(exceptions.APIException):
    status_code = 400
    default_detail = _("Profil ou entité non valide.")
    default_code = "invalid_context"


class NoProfileHeld(exceptions.APIException):
    status_code = 403
    default_detail = _("Ce compte n'a aucun profil.")
    default_code = "no_profile"


def _number(request: Request, name: str) -> int | None:
    raw = request.headers.get(name)
    if raw in (None, ""):
        return None
    try:
        return int(raw)
    except ValueError:
        raise BadContext(_("L'en-tête %s doit être un identifiant numérique.") % name) from None


def api_who(request: Request) -> Who:
    """The acting ``Who`` of an authenticated API request (computed once per request)."""
    cached = getattr(request, "_escalade_who", None)
    if cached is not None:
        return cached
    user = cast(User, request.user)
    token = request.auth if isinstance(request.auth, ApiToken) else None
    profile_id = _number(request, PROFILE_HEADER)
    entity_id = _number(request, ENTITY_HEADER)
    recursive = request.headers.get(RECURSIVE_HEADER, "1").lower() not in ("0", "false", "no")
    try:
        if profile_id is None and entity_id is None and token is None:
            who = who_from_session(user, request._request.session)
        else:
            if profile_id is None and token is not None:
                profile_id = token.profile_id
            if entity_id is None and token is not None and token.entity_id is not None:
                entity_id = token.entity_id
            who = build_who(user, profile_id=profile_id, entity_id=entity_id, recursive=recursive)
    except NoProfile:
        raise NoProfileHeld() from None
    except NotHeld as refused:
        if refused.what == "profile":
            raise BadContext(_("Vous n'avez pas le profil %s.") % refused.value) from None
        raise BadContext(
            _("L'entité %s n'est pas parmi celles de votre profil.") % refused.value
        ) from None
    request._escalade_who = who  # type: ignore[attr-defined]
    return who


class TokenScheme(OpenApiAuthenticationExtension):
    """How the OpenAPI schema describes the token authentication."""

    target_class = TokenAuthentication
    name = "jeton"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "« Token <clé> » ou « Bearer <clé> » (jeton personnel).",
        }


class SessionScheme(OpenApiAuthenticationExtension):
    target_class = SessionAuthentication
    name = "session"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {"type": "apiKey", "in": "cookie", "name": "sessionid"}
