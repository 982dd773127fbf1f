"""A small GLPI API client over Django's test client, as GLPI's own clients call it."""

from __future__ import annotations

import json
from typing import Any

import pytest

APP = "demo-app-token"


class Glpi:
    def __init__(self, client, session_token: str | None = None):
        self.client = client
        self.session_token = session_token

    def headers(self, extra: dict[str, str] | None = None) -> dict[str, str]:
        headers = {"App-Token": APP}
        if self.session_token:
            headers["Session-Token"] = self.session_token
        headers.update(extra or {})
        return headers

    def get(self, path: str, params: Any = None, headers: dict[str, str] | None = None):
        return self.client.get(f"/apirest.php/{path}", params or {}, headers=self.headers(headers))

    def send(self, method: str, path: str, body: Any = None, headers: dict[str, str] | None = None):
        data = json.dumps(body) if body is not None else ""
        return self.client.generic(
            method,
            f"/apirest.php/{path}",
            data,
            content_type="application/json",
            headers=self.headers(headers),
        )

    def post(self, path: str, body: Any = None, **kw):
        return self.send("POST", path, body, **kw)

    def put(self, path: str, body: Any = None, **kw):
        return self.send("PUT", path, body, **kw)

    def delete(self, path: str, body: Any = None, **kw):
        return self.send("DELETE", path, body, **kw)


def login(client, username: str) -> Glpi:
    response = client.get(
        "/apirest.php/initSession",
        headers={"App-Token": APP, "Authorization": f"user_token {username}-token"},
    )
    assert response.status_code == 200, response.content
    return Glpi(client, response.json()["session_token"])


@pytest.fixture
def glpi_as(demo, client):
    """``glpi_as("chef.etab")``: a GLPI API session of that demo user."""
    from django.test import Client

    def make(username: str, profile: str | None = None) -> Glpi:
        api = login(Client(), username)
        if profile is not None:
            profiles = api.get("getMyProfiles").json()["myprofiles"]
            wanted = next(p["id"] for p in profiles if p["name"] == profile)
            assert api.post("changeActiveProfile", {"profiles_id": wanted}).json() is True
        return api

    return make
