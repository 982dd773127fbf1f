"""Clients of every way in, answering 500 instead of raising, for hostile-input tests."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from escalade.accounts.models import User
from escalade.accounts.who import SESSION_PROFILE
from tests.glpi.conftest import APP

HUGE = str(2**63)  # one past the largest bigint
HUGER = "9" * 40
DEEP_JSON = "[" * 50_000 + "]" * 50_000


def web(demo, login: str = "tech.bai", profile: Any = None) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(User.objects.get(username=login))
    if profile is not None:
        session = client.session
        session[SESSION_PROFILE] = profile.pk
        session.save()
    return client


def api(login: str = "tech.bai") -> Client:
    return Client(raise_request_exception=False, HTTP_AUTHORIZATION=f"Token {login}-token")


class Glpi:
    """A GLPI session over a client that answers 500 instead of raising."""

    def __init__(self, login: str = "tech.bai") -> None:
        self.client = Client(raise_request_exception=False)
        response = self.client.get(
            "/apirest.php/initSession",
            headers={"App-Token": APP, "Authorization": f"user_token {login}-token"},
        )
        assert response.status_code == 200, response.content
        self.headers = {"App-Token": APP, "Session-Token": response.json()["session_token"]}

    def get(self, path: str, params: Any = None):
        return self.client.get(f"/apirest.php/{path}", params or {}, headers=self.headers)

    def send(self, method: str, path: str, body: Any):
        data = body if isinstance(body, str | bytes) else json.dumps(body)
        return self.client.generic(
            method,
            f"/apirest.php/{path}",
            data,
            content_type="application/json",
            headers=self.headers,
        )


def read(response) -> bytes:
    """The whole body, streamed or not (a broken stream raises here)."""
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


@pytest.fixture
def glpi(demo) -> Glpi:
    return Glpi()
