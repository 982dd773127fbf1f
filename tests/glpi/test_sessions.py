"""GLPI API sessions: clients, credentials, profiles and entities."""

from __future__ import annotations

import base64

from django.test import Client

from escalade.glpi.models import ApiClient, ApiSession
from tests.glpi.conftest import APP, Glpi


def _init(headers=None, params=None):
    return Client().get("/apirest.php/initSession/", params or {}, headers=headers or {})


def test_basic_auth_opens_a_session_stored_hashed(demo):
    basic = base64.b64encode(b"chef.etab:demo").decode()
    response = _init({"App-Token": APP, "Authorization": f"Basic {basic}"})
    assert response.status_code == 200
    token = response.json()["session_token"]
    assert not ApiSession.objects.filter(token_hash=token).exists()
    assert ApiSession.objects.get().user.username == "chef.etab"


def test_credentials_as_query_parameters(demo):
    response = _init(
        params={"app_token": APP, "login": "chef.etab", "password": "demo"}  # setting off
    )
    assert response.status_code == 400
    response = _init(
        params={"app_token": APP, "user_token": "tech.bai-token", "get_full_session": "true"}
    )
    assert response.json()["session"]["glpiname"] == "tech.bai"


def test_wrong_password_is_401_error_glpi_login(demo):
    basic = base64.b64encode(b"chef.etab:nope").decode()
    response = _init({"App-Token": APP, "Authorization": f"Basic {basic}"})
    assert response.status_code == 401
    assert response.json()[0] == "ERROR_GLPI_LOGIN"
    assert not ApiSession.objects.exists()


def test_wrong_user_token_is_401(demo):
    response = _init({"App-Token": APP, "Authorization": "user_token nope"})
    assert (response.status_code, response.json()[0]) == (401, "ERROR_GLPI_LOGIN_USER_TOKEN")


def test_missing_credentials_and_app_tokens(demo):
    assert _init({"App-Token": APP}).json()[0] == "ERROR_LOGIN_PARAMETERS_MISSING"
    auth = {"Authorization": "user_token chef.etab-token"}
    assert _init(auth).json()[0] == "ERROR_APP_TOKEN_PARAMETERS_MISSING"
    wrong = _init({**auth, "App-Token": "nope"})
    assert (wrong.status_code, wrong.json()[0]) == (400, "ERROR_WRONG_APP_TOKEN_PARAMETER")


def test_client_ip_range_is_enforced(demo):
    ApiClient.objects.update(ip_start="10.0.0.1", ip_end="10.0.0.9")
    response = _init({"App-Token": APP, "Authorization": "user_token chef.etab-token"})
    assert response.json()[0] == "ERROR_NOT_ALLOWED_IP"


def test_session_token_missing_or_invalid(demo):
    missing = Glpi(Client()).get("getFullSession")
    assert (missing.status_code, missing.json()[0]) == (400, "ERROR_SESSION_TOKEN_MISSING")
    invalid = Glpi(Client(), "nope").get("getFullSession")
    assert (invalid.status_code, invalid.json()[0]) == (401, "ERROR_SESSION_TOKEN_INVALID")


def test_kill_session_ends_it(glpi_as):
    api = glpi_as("chef.etab")
    assert api.get("killSession").json() is True
    assert api.get("getFullSession").status_code == 401


def test_change_active_profile_gives_the_referent_rights(demo, glpi_as):
    api = glpi_as("referent.lsu")
    assert api.get("getActiveProfile").json()["active_profile"]["name"] == "Self-Service"
    names = {p["name"] for p in api.get("getMyProfiles").json()["myprofiles"]}
    assert names == {"Self-Service", "Référent fonctionnel"}
    unknown = api.post("changeActiveProfile", {"profiles_id": demo.super_admin.pk})
    assert (unknown.status_code, unknown.json()[0]) == (404, "ERROR_ITEM_NOT_FOUND")
    assert api.post("changeActiveProfile", {"profiles_id": demo.referent_profile.pk}).json() is True
    active = api.get("getActiveProfile").json()["active_profile"]
    assert (active["name"], active["interface"]) == ("Référent fonctionnel", "central")


def test_change_active_entities_narrows_what_is_seen(demo, glpi_as):
    api = glpi_as("tech.bai")
    everything = {
        e["id"] for e in api.get("getMyEntities", {"is_recursive": 1}).json()["myentities"]
    }
    assert demo.college.pk in everything and demo.lycee.pk in everything
    assert (
        api.post(
            "changeActiveEntities", {"entities_id": demo.college.pk, "is_recursive": False}
        ).json()
        is True
    )
    active = api.get("getActiveEntities").json()["active_entity"]
    assert active["id"] == demo.college.pk
    assert active["active_entities"] == [{"id": demo.college.pk}]
    outside = api.post("changeActiveEntities", {"entities_id": 999999})
    assert outside.status_code == 404
    assert api.post("changeActiveEntities", {"entities_id": "all"}).json() is True
    assert len(api.get("getActiveEntities").json()["active_entity"]["active_entities"]) > 1
