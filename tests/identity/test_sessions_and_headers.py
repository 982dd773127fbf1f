"""Sessions end when an account is disabled or its password changes; security headers."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

from django.test import Client
from django.urls import reverse

from escalade.accounts.models import User

ROOT = Path(__file__).resolve().parents[2]


def signed_in_client(username: str, password: str = "demo") -> Client:
    client = Client()
    response = client.post(reverse("accounts:login"), {"username": username, "password": password})
    assert response.status_code == 302
    return client


def is_signed_in(client: Client) -> bool:
    return client.get(reverse("home")).wsgi_request.user.is_authenticated


def test_disabling_an_account_ends_its_open_sessions(demo):
    client = signed_in_client("chef.etab")
    assert is_signed_in(client)

    User.objects.filter(username="chef.etab").update(is_active=False)

    assert not is_signed_in(client)


def test_changing_the_password_ends_the_other_sessions_but_keeps_this_one(demo):
    laptop = signed_in_client("referent.lsu")
    phone = signed_in_client("referent.lsu")

    response = laptop.post(
        reverse("identity:password_change"),
        {
            "old_password": "demo",
            "new_password1": "Trousse-Rouge-2026",
            "new_password2": "Trousse-Rouge-2026",
        },
    )

    assert response.status_code == 302
    assert is_signed_in(laptop)
    assert not is_signed_in(phone)


def test_password_change_needs_the_current_password(demo):
    client = signed_in_client("referent.lsu")

    response = client.post(
        reverse("identity:password_change"),
        {
            "old_password": "guess",
            "new_password1": "Trousse-Rouge-2026",
            "new_password2": "Trousse-Rouge-2026",
        },
    )

    assert response.status_code == 200
    assert User.objects.get(username="referent.lsu").check_password("demo")


def test_anonymous_cannot_reach_the_password_change_page(client, demo):
    response = client.get(reverse("identity:password_change"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_pages_carry_security_headers(client, db):
    response = client.get(reverse("accounts:login"))

    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("LDAP_", "OIDC_", "DJANGO_", "DATABASE_URL", "PYTEST"))
    }
    env.update(
        DEBUG="0",
        ESCALADE_BASE_URL="https://assistance.ac-test.fr",
        ALLOWED_HOSTS="assistance.ac-test.fr",
        SECRET_KEY=secrets.token_urlsafe(60),
        ESCALADE_DATA_DIR=str(tmp_path),
        PYTHONPATH=str(ROOT / "src"),
    )
    result = subprocess.run(
        [sys.executable, "-m", "escalade.cli", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_cookies_are_secure(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))}
    env.update(
        ESCALADE_BASE_URL="https://assistance.ac-test.fr",
        SECRET_KEY=secrets.token_urlsafe(60),
        ESCALADE_DATA_DIR=str(tmp_path),
        PYTHONPATH=str(ROOT / "src"),
        DJANGO_SETTINGS_MODULE="escalade.settings",
    )
    code = (
        "from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS > 0,"
        " s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_HTTPONLY)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.stdout.split() == ["True"] * 5, result.stderr
