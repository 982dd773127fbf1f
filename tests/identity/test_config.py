"""The LDAP_* and OIDC_* variables: off when unset, loud when wrong."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from escalade.identity.config import ldap_settings, oidc_settings

LDAP_VARS = [
    "LDAP_SERVER_URI",
    "LDAP_BIND_DN",
    "LDAP_BIND_PASSWORD",
    "LDAP_USER_SEARCH_BASE",
    "LDAP_USER_FILTER",
    "LDAP_GROUP_SEARCH_BASE",
    "LDAP_START_TLS",
    "LDAP_GROUP_TYPE",
]
OIDC_VARS = [
    "OIDC_RP_CLIENT_ID",
    "OIDC_RP_CLIENT_SECRET",
    "OIDC_OP_AUTHORIZATION_ENDPOINT",
    "OIDC_OP_TOKEN_ENDPOINT",
    "OIDC_OP_USER_ENDPOINT",
    "OIDC_OP_JWKS_ENDPOINT",
    "OIDC_RP_SIGN_ALGO",
    "OIDC_PROVIDER_NAME",
]


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch):
    for name in LDAP_VARS + OIDC_VARS:
        monkeypatch.delenv(name, raising=False)


def test_directory_and_sso_are_off_without_variables():
    assert ldap_settings() == {}
    assert oidc_settings()["OIDC_ENABLED"] is False


def test_ldap_settings_from_the_environment(monkeypatch):
    monkeypatch.setenv("LDAP_SERVER_URI", "ldaps://annuaire.ac-test.fr")
    monkeypatch.setenv("LDAP_USER_SEARCH_BASE", "ou=personnels,dc=ac-test,dc=fr")
    monkeypatch.setenv("LDAP_USER_FILTER", "(&(objectClass=person)(uid=%(user)s))")
    monkeypatch.setenv("LDAP_GROUP_SEARCH_BASE", "ou=groupes,dc=ac-test,dc=fr")
    monkeypatch.setenv("LDAP_START_TLS", "yes")

    result = ldap_settings()

    assert result["AUTH_LDAP_SERVER_URI"] == "ldaps://annuaire.ac-test.fr"
    assert result["AUTH_LDAP_START_TLS"] is True
    assert result["AUTH_LDAP_USER_SEARCH"].filterstr == "(&(objectClass=person)(uid=%(user)s))"
    assert result["AUTH_LDAP_GROUP_SEARCH"].base_dn == "ou=groupes,dc=ac-test,dc=fr"
    assert result["AUTH_LDAP_CACHE_TIMEOUT"] == 0


def test_default_user_filter_is_uid(monkeypatch):
    monkeypatch.setenv("LDAP_SERVER_URI", "ldap://annuaire")
    monkeypatch.setenv("LDAP_USER_SEARCH_BASE", "ou=people,dc=x")

    assert ldap_settings()["AUTH_LDAP_USER_SEARCH"].filterstr == "(uid=%(user)s)"


@pytest.mark.parametrize(
    ("name", "value", "named"),
    [
        ("LDAP_SERVER_URI", "annuaire.ac-test.fr", "LDAP_SERVER_URI"),
        ("LDAP_USER_FILTER", "(uid=*)", "LDAP_USER_FILTER"),
        ("LDAP_START_TLS", "peut-être", "LDAP_START_TLS"),
        ("LDAP_GROUP_TYPE", "activeDirectory", "LDAP_GROUP_TYPE"),
    ],
)
def test_bad_ldap_values_stop_start_up_naming_the_variable(monkeypatch, name, value, named):
    monkeypatch.setenv("LDAP_SERVER_URI", "ldap://annuaire")
    monkeypatch.setenv("LDAP_USER_SEARCH_BASE", "ou=people,dc=x")
    monkeypatch.setenv(name, value)

    with pytest.raises(ImproperlyConfigured, match=named):
        ldap_settings()


def test_ldap_needs_a_search_base(monkeypatch):
    monkeypatch.setenv("LDAP_SERVER_URI", "ldap://annuaire")

    with pytest.raises(ImproperlyConfigured, match="LDAP_USER_SEARCH_BASE"):
        ldap_settings()


def test_half_configured_sso_stops_start_up(monkeypatch):
    monkeypatch.setenv("OIDC_RP_CLIENT_ID", "escalade")

    with pytest.raises(ImproperlyConfigured, match="OIDC_RP_CLIENT_SECRET"):
        oidc_settings()


def test_settings_module_refuses_a_bad_variable(monkeypatch, tmp_path):
    import os
    import subprocess
    import sys
    from pathlib import Path

    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))}
    env.update(
        LDAP_SERVER_URI="ldap://annuaire",
        ESCALADE_DATA_DIR=str(tmp_path),
        PYTHONPATH=str(Path(__file__).resolve().parents[2] / "src"),
    )
    result = subprocess.run(
        [sys.executable, "-m", "escalade.cli", "check"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode != 0
    assert "LDAP_USER_SEARCH_BASE" in result.stderr
