"""GLPI Session-Tokens die with the credentials that opened them, and after a working day."""

from __future__ import annotations

import base64
from datetime import timedelta

import time_machine
from django.test import Client
from django.utils import timezone

from escalade.accounts.models import ApiToken, ProfileGrant, User
from escalade.accounts.tokens import create_token, revoke_token
from escalade.glpi.models import ApiSession
from tests.glpi.conftest import APP, Glpi


def basic_session(login: str = "chef.etab", password: str = "demo") -> Glpi:
    basic = base64.b64encode(f"{login}:{password}".encode()).decode()
    response = Client().get(
        "/apirest.php/initSession", headers={"App-Token": APP, "Authorization": f"Basic {basic}"}
    )
    assert response.status_code == 200, response.content
    return Glpi(Client(), response.json()["session_token"])


def token_session(key: str) -> Glpi:
    response = Client().get(
        "/apirest.php/initSession", headers={"App-Token": APP, "Authorization": f"user_token {key}"}
    )
    assert response.status_code == 200, response.content
    return Glpi(Client(), response.json()["session_token"])


def assert_ended(api: Glpi) -> None:
    response = api.get("getFullSession")
    assert (response.status_code, response.json()[0]) == (401, "ERROR_SESSION_TOKEN_INVALID")


def assert_alive(api: Glpi) -> None:
    response = api.get("getFullSession")
    assert response.status_code == 200, response.content


def test_a_password_change_ends_the_sessions_the_old_password_opened(demo):
    api = basic_session()
    assert_alive(api)

    user = User.objects.get(username="chef.etab")
    user.set_password("nouveau-mot-de-passe-2026")
    user.save()

    assert_ended(api)
    assert not ApiSession.objects.exists()  # forgotten, not only refused
    assert_alive(basic_session(password="nouveau-mot-de-passe-2026"))


def test_a_revoked_personal_token_ends_its_sessions(demo):
    user = User.objects.get(username="tech.bai")
    token, key = create_token(user, "script")
    api = token_session(key)
    other = token_session("tech.bai-token")
    assert_alive(api)

    revoke_token(token)

    assert_ended(api)
    assert_alive(other)  # another token's session is not concerned


def test_a_deleted_personal_token_ends_its_sessions(demo):
    user = User.objects.get(username="tech.bai")
    token, key = create_token(user, "script")
    api = token_session(key)

    ApiToken.objects.filter(pk=token.pk).delete()

    assert_ended(api)


def test_a_disabled_account_ends_every_session(demo):
    by_password, by_token = basic_session(), token_session("chef.etab-token")

    User.objects.filter(username="chef.etab").update(is_active=False)

    assert_ended(by_password)
    assert_ended(by_token)


def test_a_revoked_profile_grant_ends_the_sessions_using_it(demo, glpi_as):
    api = glpi_as("referent.lsu", "Référent fonctionnel")
    assert_alive(api)

    ProfileGrant.objects.filter(
        user__username="referent.lsu", profile=demo.referent_profile
    ).delete()

    assert_ended(api)
    assert api.get("Ticket").status_code == 401


def test_a_session_ends_after_a_working_day_however_much_it_is_used(demo, settings):
    settings.ESCALADE_GLPI_SESSION_HOURS = 8
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        api = basic_session()
        session = ApiSession.objects.get()
        assert session.ends_at == start + timedelta(hours=8)
        for _ in range(7):  # used every hour: the idle expiry slides, not the end
            clock.shift(timedelta(hours=1))
            assert_alive(api)
        assert ApiSession.objects.get().expires_at == start + timedelta(hours=8)
        clock.shift(timedelta(minutes=59))
        assert_alive(api)
        clock.shift(timedelta(minutes=2))
        assert_ended(api)


def test_the_lifetime_is_a_setting(demo, settings):
    settings.ESCALADE_GLPI_SESSION_HOURS = 1
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        api = basic_session()
        clock.shift(timedelta(minutes=59))
        assert_alive(api)
        clock.shift(timedelta(minutes=2))
        assert_ended(api)


def test_an_idle_session_still_ends_after_eight_hours(demo, settings):
    settings.ESCALADE_GLPI_SESSION_HOURS = 24
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        api = basic_session()
        clock.shift(timedelta(hours=8, minutes=1))
        assert_ended(api)


# --- Secrets stay out of URLs ---------------------------------------------------------------


def test_a_password_in_the_query_string_is_refused_by_default(demo):
    response = Client().get(
        "/apirest.php/initSession", {"app_token": APP, "login": "chef.etab", "password": "demo"}
    )

    assert response.status_code == 400
    code, message = response.json()
    assert code == "ERROR_LOGIN_PARAMETERS_MISSING"
    assert "URL" in message
    assert not ApiSession.objects.exists()


def test_a_password_in_the_query_string_works_when_the_setting_allows_it(demo, settings):
    settings.ESCALADE_GLPI_PASSWORD_IN_URL = True
    response = Client().get(
        "/apirest.php/initSession", {"app_token": APP, "login": "chef.etab", "password": "demo"}
    )

    assert response.status_code == 200
    assert ApiSession.objects.get().user.username == "chef.etab"


def test_login_and_password_in_the_body_still_work(demo):
    response = Client().post(
        "/apirest.php/initSession",
        {"login": "chef.etab", "password": "demo"},
        content_type="application/json",
        headers={"App-Token": APP},
    )

    assert response.status_code == 200, response.content
    assert ApiSession.objects.get().user.username == "chef.etab"
