"""API clients (App-Token, IP range) and sessions (initSession … killSession)."""

from __future__ import annotations

import base64
import binascii
import hashlib
import secrets
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import authenticate
from django.http import HttpRequest
from django.utils import timezone

from escalade.accounts.models import ApiToken, User
from escalade.accounts.tokens import authenticate_token
from escalade.accounts.who import NoProfile, NotHeld, Who, build_who
from escalade.glpi.http import GlpiError
from escalade.glpi.models import ApiClient, ApiSession

SESSION_IDLE = timedelta(hours=8)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def header(request: HttpRequest, name: str) -> str:
    return request.headers.get(name, "") or ""


def check_client(request: HttpRequest, params: dict[str, Any]) -> ApiClient:
    """The API client this request comes from: by IP range, then by App-Token."""
    address = request.META.get("REMOTE_ADDR", "")
    clients = [c for c in ApiClient.objects.filter(is_active=True) if c.allows_ip(address)]
    if not clients:
        if not ApiClient.objects.filter(is_active=True).exists():
            raise GlpiError("ERROR", "Requête invalide : l'API est désactivée.")
        raise GlpiError(
            "ERROR_NOT_ALLOWED_IP", "Aucun client d'API n'est autorisé pour l'adresse " + address
        )
    app_token = header(request, "App-Token") or str(params.get("app_token") or "")
    if app_token:
        for client in clients:
            if client.app_token and secrets.compare_digest(client.app_token, app_token):
                return client
        raise GlpiError("ERROR_WRONG_APP_TOKEN_PARAMETER", "Le paramètre app_token est invalide.")
    for client in clients:
        if not client.app_token:
            return client
    raise GlpiError("ERROR_APP_TOKEN_PARAMETERS_MISSING", "Le paramètre app_token est manquant.")


def _credentials(request: HttpRequest, params: dict[str, Any]) -> tuple[str, str, str]:
    """(login, password, user_token) from the Authorization header or the parameters."""
    authorization = header(request, "Authorization").strip()
    scheme, _, value = authorization.partition(" ")
    if scheme.lower() == "basic" and value:
        try:
            decoded = base64.b64decode(value.strip(), validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            raise GlpiError(
                "ERROR_LOGIN_PARAMETERS_MISSING", "L'en-tête Authorization Basic est mal formé."
            ) from None
        login, _, password = decoded.partition(":")
        return login, password, ""
    if scheme.lower() == "user_token" and value:
        return "", "", value.strip()
    if "password" in request.GET and not settings.ESCALADE_GLPI_PASSWORD_IN_URL:
        raise GlpiError(
            "ERROR_LOGIN_PARAMETERS_MISSING",
            "Le mot de passe ne peut pas être passé dans l'URL (il finirait dans les journaux) : "
            "utilisez l'en-tête Authorization (Basic ou user_token) ou le corps de la requête.",
        )
    login = str(params.get("login") or "")
    password = str(params.get("password") or "")
    user_token = str(params.get("user_token") or "")
    return login, password, user_token


def open_session(
    request: HttpRequest, params: dict[str, Any], client: ApiClient
) -> tuple[ApiSession, str]:
    """initSession: check the credentials, store a new session, return its clear token."""
    login, password, user_token = _credentials(request, params)
    profile_id = entity_id = None
    user: User | None
    token: ApiToken | None = None
    auth_hash = ""
    if user_token:
        token = authenticate_token(user_token)
        if token is None:
            raise GlpiError("ERROR_GLPI_LOGIN_USER_TOKEN", "Le paramètre user_token est invalide.")
        user = token.user
        profile_id, entity_id = token.profile_id, token.entity_id
    elif login and password:
        authenticated = authenticate(request, username=login, password=password)
        if authenticated is None or not authenticated.is_active:
            raise GlpiError("ERROR_GLPI_LOGIN", "Identifiant ou mot de passe incorrect.")
        user = authenticated
        assert user is not None
        auth_hash = user.get_session_auth_hash()
    else:
        raise GlpiError(
            "ERROR_LOGIN_PARAMETERS_MISSING",
            "Paramètres de connexion manquants (login et password, ou user_token).",
        )
    assert user is not None
    try:
        who = build_who(user, profile_id=profile_id, entity_id=entity_id)
    except NoProfile:
        raise GlpiError("ERROR_GLPI_LOGIN", "Ce compte n'a aucun profil.") from None
    except NotHeld as refused:
        # The token's pinned profile or entity was taken away since it was made.
        raise GlpiError(
            "ERROR_GLPI_LOGIN_USER_TOKEN",
            f"Le jeton est lié à un profil ou une entité que ce compte n'a plus ({refused.what}).",
        ) from None
    clear = secrets.token_urlsafe(24)
    now = timezone.now()
    ApiSession.objects.filter(expires_at__lte=now).delete()  # forget the expired ones
    session = ApiSession.objects.create(
        token_hash=_hash(clear),
        user=user,
        client=client,
        profile_id=who.profile.pk or None,
        entity_id=who.active_entity_id,
        recursive=who.recursive,
        last_used_at=now,
        expires_at=min(now + SESSION_IDLE, now + lifetime()),
        ends_at=now + lifetime(),
        auth_hash=auth_hash,
        api_token=token,
    )
    return session, clear


def lifetime() -> timedelta:
    """How long a session lives at most, used or not (ESCALADE_GLPI_SESSION_HOURS)."""
    return timedelta(hours=settings.ESCALADE_GLPI_SESSION_HOURS)


def _still_valid(session: ApiSession) -> bool:
    """The credentials that opened the session still stand (the profile is checked later)."""
    if session.auth_hash and not secrets.compare_digest(
        session.auth_hash, session.user.get_session_auth_hash()
    ):
        return False  # the password changed since
    token = session.api_token
    return token is None or (token.revoked_at is None and token.user_id == session.user_id)


def load_session(request: HttpRequest, params: dict[str, Any]) -> ApiSession:
    token = header(request, "Session-Token") or str(params.get("session_token") or "")
    if not token:
        raise GlpiError("ERROR_SESSION_TOKEN_MISSING", "Le paramètre session_token est manquant.")
    now = timezone.now()
    session = (
        ApiSession.objects.select_related("user", "api_token")
        .filter(token_hash=_hash(token), expires_at__gt=now, user__is_active=True)
        .exclude(ends_at__lte=now)
        .first()
    )
    if session is not None and not _still_valid(session):
        ApiSession.objects.filter(pk=session.pk).delete()
        session = None
    if session is None:
        raise GlpiError("ERROR_SESSION_TOKEN_INVALID", "Le paramètre session_token est invalide.")
    if (now - session.last_used_at).total_seconds() > 60:
        ends_at = session.ends_at or session.created_at + lifetime()
        ApiSession.objects.filter(pk=session.pk).update(
            last_used_at=now, expires_at=min(now + SESSION_IDLE, ends_at)
        )
    return session


def session_who(session: ApiSession) -> Who:
    """The session's acting context; a session whose profile was revoked ends."""
    try:
        who = build_who(
            session.user,
            profile_id=session.profile_id,
            entity_id=session.entity_id,
            recursive=session.recursive,
        )
    except NoProfile:
        ApiSession.objects.filter(pk=session.pk).delete()
        raise GlpiError("ERROR_SESSION_TOKEN_INVALID", "Ce compte n'a plus aucun profil.") from None
    except NotHeld:
        ApiSession.objects.filter(pk=session.pk).delete()
        raise GlpiError(
            "ERROR_SESSION_TOKEN_INVALID", "Le profil ou l'entité de cette session a été retiré."
        ) from None
    return who


def change_profile(session: ApiSession, profile_id: Any) -> None:
    try:
        wanted = int(str(profile_id))
    except (TypeError, ValueError):
        raise GlpiError("ERROR_ITEM_NOT_FOUND", "Profil introuvable.") from None
    try:
        build_who(session.user, profile_id=wanted)
    except NotHeld:
        raise GlpiError("ERROR_ITEM_NOT_FOUND", "Profil introuvable.") from None
    ApiSession.objects.filter(pk=session.pk).update(
        profile_id=wanted, entity_id=None, recursive=True
    )


def change_entities(session: ApiSession, entity_id: Any, recursive: bool) -> None:
    if entity_id in (None, "", "all", -1, "-1"):
        ApiSession.objects.filter(pk=session.pk).update(entity_id=None, recursive=True)
        return
    try:
        wanted = int(str(entity_id))
    except (TypeError, ValueError):
        raise GlpiError("ERROR_ITEM_NOT_FOUND", "Entité introuvable.") from None
    try:
        build_who(
            session.user, profile_id=session.profile_id, entity_id=wanted, recursive=recursive
        )
    except NotHeld:
        raise GlpiError("ERROR_ITEM_NOT_FOUND", "Entité introuvable.") from None
    ApiSession.objects.filter(pk=session.pk).update(entity_id=wanted, recursive=recursive)


def kill_session(session: ApiSession) -> None:
    ApiSession.objects.filter(pk=session.pk).delete()
