"""Authentication backends: the academic directory (LDAP) and single sign-on (OpenID Connect).

Both create the user at first sign-in, refresh name and mail from the directory,
and apply the directory mapping rules (escalade.identity.mapping) at every
sign-in. A user disabled in Escalade cannot sign in, and loses open sessions.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django_auth_ldap.backend import LDAPBackend
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from escalade.identity.mapping import apply_directory_groups

logger = logging.getLogger("escalade.identity")


class DirectoryLDAPBackend(LDAPBackend):
    def authenticate_ldap_user(self, ldap_user, password):
        user = super().authenticate_ldap_user(ldap_user, password)
        if user is None:
            return None
        if not user.is_active:
            logger.warning("ldap: %s is disabled in Escalade; sign-in refused", user.username)
            return None
        groups: set[str] = set()
        if self.settings.GROUP_SEARCH is not None:
            groups = set(ldap_user.group_dns) | set(ldap_user.group_names)
        apply_directory_groups(user, groups, source="ldap")
        return user

    def get_user(self, user_id):
        user = super().get_user(user_id)
        return user if user is not None and user.is_active else None


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
