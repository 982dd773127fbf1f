"""Personal API tokens: created and shown once, stored as a SHA-256 hash, revocable."""

from __future__ import annotations

import hashlib
import secrets

from django.utils import timezone

from escalade.accounts.models import ApiToken, Entity, Profile, User


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def create_token(
    user: User,
    name: str,
    *,
    key: str | None = None,
    profile: Profile | None = None,
    entity: Entity | None = None,
) -> tuple[ApiToken, str]:
    """A new token and its clear key (shown once). ``key`` is only for the demo."""
    key = key or secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name[:100],
        key_hash=hash_key(key),
        prefix=key[:8],
        profile=profile,
        entity=entity,
    )
    return token, key


def authenticate_token(key: str) -> ApiToken | None:
    """The active token for ``key`` (its user active too), or None."""
    if not key or len(key) > 200:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=hash_key(key), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is not None:
        now = timezone.now()
        if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token


def revoke_token(token: ApiToken) -> None:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
