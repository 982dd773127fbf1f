"""The academic directory (LDAP) backend.

Kept apart from the other backends: python-ldap is an optional dependency
(``pip install 'escalade[ldap]'``; it compiles against libldap), loaded only
when LDAP_SERVER_URI is set.
"""

from __future__ import annotations

import logging

from django_auth_ldap.backend import LDAPBackend

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
