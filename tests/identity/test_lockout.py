"""Brute-force protection: a username from one address is locked for a while after failures."""

from __future__ import annotations

import json
import logging
from datetime import timedelta

import pytest
import time_machine
from axes.exceptions import AxesBackendRequestParameterRequired
from django.contrib.auth import authenticate
from django.http import HttpRequest
from django.test import RequestFactory
from django.urls import reverse

from escalade.identity.lockout import locked_out

LOGIN = "accounts:login"
ATTACKER = "198.51.100.66"
OFFICE = "192.0.2.20"


@pytest.fixture(autouse=True)
def limits(settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_COOLOFF_TIME = timedelta(minutes=15)


def post_login(client, username, password, address=ATTACKER):
    return client.post(
        reverse(LOGIN), {"username": username, "password": password}, REMOTE_ADDR=address
    )


def fail(client, username, times, address=ATTACKER):
    for _ in range(times):
        post_login(client, username, "guess", address)


def test_repeated_failures_lock_the_username_even_with_the_right_password(client, demo):
    fail(client, "chef.etab", 3)

    response = post_login(client, "chef.etab", "demo")

    assert response.status_code == 429
    assert "Trop de tentatives de connexion échouées" in response.content.decode()
    assert int(response["Retry-After"]) == 15 * 60
    assert "_auth_user_id" not in client.session


def test_failures_below_the_limit_do_not_lock(client, demo):
    fail(client, "chef.etab", 2)

    assert post_login(client, "chef.etab", "demo").status_code == 302


def test_unknown_user_gets_the_same_lock_answer_as_a_real_one(client, demo):
    fail(client, "chef.etab", 3)
    fail(client, "no.such.user", 3)

    real = post_login(client, "chef.etab", "guess")
    unknown = post_login(client, "no.such.user", "guess")

    assert real.status_code == unknown.status_code == 429
    # The same page, but for its per-response CSRF tokens (the header's forms).
    assert without_tokens(real.content) == without_tokens(unknown.content)


def without_tokens(content: bytes) -> bytes:
    import re

    return re.sub(rb'(csrfmiddlewaretoken" value="|X-CSRFToken": ")[^"]+', rb"\1", content)


def test_lock_expires_after_the_cool_off(client, demo):
    with time_machine.travel("2026-03-02 08:00 +0000", tick=False) as clock:
        fail(client, "chef.etab", 3)
        clock.shift(timedelta(minutes=14))
        assert post_login(client, "chef.etab", "demo").status_code == 429

        clock.shift(timedelta(minutes=2))
        assert post_login(client, "chef.etab", "demo").status_code == 302


def test_attacker_cannot_lock_the_user_out_from_another_address(client, demo):
    fail(client, "chef.etab", 5, address=ATTACKER)

    assert post_login(client, "chef.etab", "demo", address=OFFICE).status_code == 302


def test_success_clears_the_failure_count(client, demo):
    fail(client, "chef.etab", 2)
    assert post_login(client, "chef.etab", "demo").status_code == 302
    client.logout()

    fail(client, "chef.etab", 2)

    assert post_login(client, "chef.etab", "demo").status_code == 302


def test_lock_out_is_logged(client, demo, caplog):
    with caplog.at_level(logging.WARNING, logger="escalade.identity"):
        fail(client, "chef.etab", 3)
        post_login(client, "chef.etab", "demo")

    assert any(
        "sign-in locked" in r.getMessage() and "chef.etab" in r.getMessage() for r in caplog.records
    )


def test_authenticate_with_request_is_protected_for_api_sessions(demo):
    """What /apirest.php initSession (Basic auth) and /api/v1 do: authenticate(request=...)."""
    factory = RequestFactory()

    def api_request():
        return factory.get("/apirest.php/initSession", REMOTE_ADDR=ATTACKER)

    for _ in range(3):
        assert authenticate(request=api_request(), username="tech.bai", password="guess") is None
    locked = api_request()

    assert authenticate(request=locked, username="tech.bai", password="demo") is None
    assert locked.axes_locked_out is True


def test_api_lock_answer_is_json(client, demo):
    request = RequestFactory().get("/apirest.php/initSession", REMOTE_ADDR=ATTACKER)
    request.axes_locked_out = True
    request.axes_ip_address = ATTACKER

    response = locked_out(request, None, {"username": "tech.bai"})

    assert response.status_code == 429
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content)[0] == "ERROR_LOGIN_LOCKED"


def test_directory_sign_in_is_protected_too(client, ldap_on):
    fail(client, "marie.curie", 3)

    assert post_login(client, "marie.curie", "radium-1898").status_code == 429
    assert post_login(client, "marie.curie", "radium-1898", address=OFFICE).status_code == 302


def test_proxy_count_reads_the_client_address_from_x_forwarded_for(client, demo, settings):
    settings.ESCALADE_PROXY_COUNT = 1
    for _ in range(3):
        client.post(
            reverse(LOGIN),
            {"username": "chef.etab", "password": "guess"},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR=f"6.6.6.6, {ATTACKER}",
        )

    from_office = client.post(
        reverse(LOGIN),
        {"username": "chef.etab", "password": "demo"},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR=OFFICE,
    )

    assert from_office.status_code == 302


def test_authenticate_without_the_request_is_refused_loudly(demo):
    """A sign-in path that forgets the request would escape the protection: it fails instead."""
    with pytest.raises(AxesBackendRequestParameterRequired):
        authenticate(username="chef.etab", password="demo")


def test_test_client_login_needs_the_request_too(client, demo):
    assert client.login(request=HttpRequest(), username="chef.etab", password="demo")


def test_changing_the_case_of_the_username_does_not_reset_the_count(client, ldap_on):
    for variant in ["marie.curie", "Marie.Curie", "MARIE.CURIE "]:
        post_login(client, variant, "guess")

    assert post_login(client, "Marie.CURIE", "radium-1898").status_code == 429
