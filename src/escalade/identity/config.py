"""Settings for the directory (LDAP) and single sign-on (OpenID Connect), read from the environment.

Both are off unless their variables are set. A bad value stops start-up with a
message naming the variable (see escalade.env).
"""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured

from escalade import env

LDAP_BACKEND = "escalade.identity.ldap_backend.DirectoryLDAPBackend"
OIDC_BACKEND = "escalade.identity.backends.DirectoryOIDCBackend"

OIDC_REQUIRED = (
    "OIDC_RP_CLIENT_ID",
    "OIDC_RP_CLIENT_SECRET",
    "OIDC_OP_AUTHORIZATION_ENDPOINT",
    "OIDC_OP_TOKEN_ENDPOINT",
    "OIDC_OP_USER_ENDPOINT",
)


def ldap_settings() -> dict:
    """The AUTH_LDAP_* settings, or {} when LDAP_SERVER_URI is not set."""
    uri = env.text("LDAP_SERVER_URI").strip()
    if not uri:
        return {}
    try:
        import ldap
        from django_auth_ldap.config import (
            GroupOfNamesType,
            GroupOfUniqueNamesType,
            LDAPSearch,
            PosixGroupType,
        )
    except ImportError:
        raise ImproperlyConfigured(
            "LDAP_SERVER_URI is set but LDAP support is not installed: "
            "pip install 'escalade[ldap]' (needs libldap2-dev and libsasl2-dev to build)."
        ) from None

    if not uri.startswith(("ldap://", "ldaps://", "ldapi://")):
        raise ImproperlyConfigured(
            f"LDAP_SERVER_URI={uri!r}: expected ldap://host:port or ldaps://host:port."
        )
    user_base = env.text("LDAP_USER_SEARCH_BASE").strip()
    if not user_base:
        raise ImproperlyConfigured(
            "LDAP_USER_SEARCH_BASE: required with LDAP_SERVER_URI, e.g. ou=people,dc=ac-x,dc=fr."
        )
    user_filter = env.text("LDAP_USER_FILTER", "(uid=%(user)s)").strip()
    if "%(user)s" not in user_filter or not (
        user_filter.startswith("(") and user_filter.endswith(")")
    ):
        raise ImproperlyConfigured(
            f"LDAP_USER_FILTER={user_filter!r}: expected a filter containing %(user)s, "
            "e.g. (uid=%(user)s)."
        )
    group_types = {
        "groupofnames": GroupOfNamesType,
        "groupofuniquenames": GroupOfUniqueNamesType,
        "posixgroup": PosixGroupType,
    }
    group_type_name = env.text("LDAP_GROUP_TYPE", "groupOfNames").strip()
    if group_type_name.lower() not in group_types:
        raise ImproperlyConfigured(
            f"LDAP_GROUP_TYPE={group_type_name!r}: expected groupOfNames, groupOfUniqueNames "
            "or posixGroup."
        )
    group_base = env.text("LDAP_GROUP_SEARCH_BASE").strip()
    result: dict = {
        "AUTH_LDAP_SERVER_URI": uri,
        "AUTH_LDAP_BIND_DN": env.text("LDAP_BIND_DN"),
        "AUTH_LDAP_BIND_PASSWORD": env.text("LDAP_BIND_PASSWORD"),
        "AUTH_LDAP_START_TLS": env.boolean("LDAP_START_TLS", False),
        "AUTH_LDAP_USER_SEARCH": LDAPSearch(user_base, ldap.SCOPE_SUBTREE, user_filter),
        "AUTH_LDAP_USER_ATTR_MAP": {
            "first_name": env.text("LDAP_ATTR_FIRST_NAME", "givenName"),
            "last_name": env.text("LDAP_ATTR_LAST_NAME", "sn"),
            "email": env.text("LDAP_ATTR_EMAIL", "mail"),
        },
        "AUTH_LDAP_ALWAYS_UPDATE_USER": True,
        "AUTH_LDAP_CACHE_TIMEOUT": 0,  # groups are read afresh at each sign-in
        "AUTH_LDAP_CONNECTION_OPTIONS": {
            ldap.OPT_REFERRALS: 0,
            ldap.OPT_NETWORK_TIMEOUT: env.integer("LDAP_TIMEOUT", 5, minimum=1),
            ldap.OPT_TIMEOUT: env.integer("LDAP_TIMEOUT", 5, minimum=1),
        },
        "AUTH_LDAP_GROUP_SEARCH": None,
    }
    if group_base:
        result["AUTH_LDAP_GROUP_SEARCH"] = LDAPSearch(
            group_base, ldap.SCOPE_SUBTREE, "(objectClass=*)"
        )
        group_type_class = group_types[group_type_name.lower()]
        result["AUTH_LDAP_GROUP_TYPE"] = group_type_class(name_attr="cn")
    return result


def oidc_settings() -> dict:
    """The OIDC_* settings for mozilla-django-oidc, or {"OIDC_ENABLED": False}."""
    present = [name for name in OIDC_REQUIRED if env.text(name).strip()]
    if not present:
        return {"OIDC_ENABLED": False, "OIDC_PROVIDER_NAME": ""}
    missing = [name for name in OIDC_REQUIRED if name not in present]
    if missing:
        raise ImproperlyConfigured(
            f"OpenID Connect is half configured: {', '.join(missing)} missing "
            f"(set all of {', '.join(OIDC_REQUIRED)}, or none)."
        )
    algo = env.text("OIDC_RP_SIGN_ALGO", "RS256").strip()
    if algo not in {"RS256", "ES256", "HS256"}:
        raise ImproperlyConfigured(f"OIDC_RP_SIGN_ALGO={algo!r}: expected RS256, ES256 or HS256.")
    jwks = env.text("OIDC_OP_JWKS_ENDPOINT").strip()
    if algo != "HS256" and not jwks:
        raise ImproperlyConfigured(
            f"OIDC_OP_JWKS_ENDPOINT: required with OIDC_RP_SIGN_ALGO={algo}."
        )
    return {
        "OIDC_ENABLED": True,
        "OIDC_PROVIDER_NAME": env.text("OIDC_PROVIDER_NAME", "l'identifiant académique"),
        "OIDC_RP_CLIENT_ID": env.text("OIDC_RP_CLIENT_ID").strip(),
        "OIDC_RP_CLIENT_SECRET": env.text("OIDC_RP_CLIENT_SECRET").strip(),
        "OIDC_OP_AUTHORIZATION_ENDPOINT": env.text("OIDC_OP_AUTHORIZATION_ENDPOINT").strip(),
        "OIDC_OP_TOKEN_ENDPOINT": env.text("OIDC_OP_TOKEN_ENDPOINT").strip(),
        "OIDC_OP_USER_ENDPOINT": env.text("OIDC_OP_USER_ENDPOINT").strip(),
        "OIDC_OP_JWKS_ENDPOINT": jwks,
        "OIDC_RP_SIGN_ALGO": algo,
        "OIDC_RP_SCOPES": env.text("OIDC_RP_SCOPES", "openid email profile"),
        "OIDC_USERNAME_CLAIM": env.text("OIDC_USERNAME_CLAIM", "preferred_username"),
        "OIDC_GROUPS_CLAIM": env.text("OIDC_GROUPS_CLAIM", "groups"),
        "OIDC_AUTHENTICATION_CALLBACK_URL": "identity:oidc_callback",
        "OIDC_VERIFY_SSL": env.boolean("OIDC_VERIFY_SSL", True),
        "OIDC_TIMEOUT": env.integer("OIDC_TIMEOUT", 10, minimum=1),
        "OIDC_STORE_ID_TOKEN": False,
    }
