"""Clients of /api/v1/ authenticated with the demo's personal tokens."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient


@pytest.fixture
def api_as(demo):
    """``api_as("referent.lsu", "Référent fonctionnel")``: a client with that token."""
    profiles = {
        "Self-Service": demo.self_service.pk,
        "Référent fonctionnel": demo.referent_profile.pk,
        "Technicien": demo.technician.pk,
        "Super-Admin": demo.super_admin.pk,
    }

    def make(username: str, profile: str | None = None) -> APIClient:
        client = APIClient()
        headers = {"HTTP_AUTHORIZATION": f"Token {username}-token"}
        if profile is not None:
            headers["HTTP_X_ESCALADE_PROFILE"] = str(profiles[profile])
        client.credentials(**headers)
        return client

    return make
