"""Single sign-on (OpenID Connect). The directory (LDAP) backend is in ldap_backend.py.

Both create the user at first sign-in, refresh name and mail from the directory,
and apply the directory mapping rules (escalade.identity.mapping) at every
sign-in. A user disabled in Escalade cannot sign in, and loses open sessions.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from escalade.identity.mapping import apply_directory_groups

logger = logging.getLogger("escalade.identity")


class DirectoryOIDCBackend(OIDCAuthenticationBackend):
    """Users are found by the username claim (preferred_username), not by mail."""

    def verify_token(self, token, **kwargs):
        """mozilla-django-oidc skips the audience: the ID token must be issued to us."""
        payload = super().verify_token(token, **kwargs)
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if self.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("ID token issued to another client")
        return payload

    def _username(self, claims) -> str:
        return str(
            claims.get(getattr(settings, "OIDC_USERNAME_CLAIM", "preferred_username")) or ""
        ).strip()[:150]

    def describe_user_by_claims(self, claims):
        return f"username {self._username(claims)!r}"

    def verify_claims(self, claims):
        return bool(self._username(claims))

    def filter_users_by_claims(self, claims):
        return self.UserModel.objects.filter(username=self._username(claims))

    def create_user(self, claims):
        user = self.UserModel.objects.create_user(self._username(claims))
        logger.info("oidc: account %s created", user.username)
        return self.update_user(user, claims)

    def update_user(self, user, claims):
        if not user.is_active:
            logger.warning("oidc: %s is disabled in Escalade; sign-in refused", user.username)
            return None
        fields = {
            "first_name": str(claims.get("given_name") or "")[:150],
            "last_name": str(claims.get("family_name") or "")[:150],
            "email": str(claims.get("email") or "")[:254],
        }
        changed = [name for name, value in fields.items() if getattr(user, name) != value]
        for name in changed:
            setattr(user, name, fields[name])
        if changed:
            user.save(update_fields=changed)
        groups = claims.get(getattr(settings, "OIDC_GROUPS_CLAIM", "groups")) or []
        if isinstance(groups, str):
            groups = [groups]
        apply_directory_groups(user, [str(g) for g in groups], source="oidc")
        return user

    def get_user(self, user_id):
        user = super().get_user(user_id)
        return user if user is not None and user.is_active else None
