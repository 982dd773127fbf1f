"""Web fixtures: a signed-in Django test client per persona, on the demo data."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from escalade.accounts.models import User
from escalade.accounts.who import SESSION_PROFILE


def signed_in(demo, login: str, profile: str | None = None) -> Client:
    """A test client signed in as a demo user, with ``profile`` active when given."""
    client = Client()
    client.force_login(User.objects.get(username=login))
    if profile is not None:
        profiles = {
            "Self-Service": demo.self_service,
            "Référent fonctionnel": demo.referent_profile,
            "Technicien": demo.technician,
            "Super-Admin": demo.super_admin,
        }
        session = client.session
        session[SESSION_PROFILE] = profiles[profile].pk
        session.save()
    return client


@pytest.fixture
def client_as(demo) -> Callable[..., Client]:
    """``client_as("referent.lsu", "Référent fonctionnel")``."""
    return lambda login, profile=None: signed_in(demo, login, profile)


@pytest.fixture
def chef_client(demo) -> Client:
    return signed_in(demo, "chef.etab")


@pytest.fixture
def referent_client(demo) -> Client:
    return signed_in(demo, "referent.lsu", "Référent fonctionnel")


@pytest.fixture
def tech_client(demo) -> Client:
    return signed_in(demo, "tech.bai")


@pytest.fixture
def outsider_client(outsider) -> Client:
    client = Client()
    client.force_login(outsider.user)
    return client
