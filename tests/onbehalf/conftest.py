"""Fixtures of « pour le compte de »: a delegate group at the college, and the API clients."""

from __future__ import annotations

import pytest

from escalade.accounts.models import Membership, ProfileGrant, SupportGroup, User
from tests.api.conftest import api_as  # noqa: F401
from tests.glpi.conftest import glpi_as  # noqa: F401


@pytest.fixture
def adjoint(demo) -> User:
    """A second person of the college (Self-Service there), like chef.etab."""
    user = User.objects.create_user(
        "adjoint.etab", email="adjoint.etab@example.org", first_name="Paul", last_name="Martin"
    )
    ProfileGrant.objects.create(
        user=user, profile=demo.self_service, entity=demo.college, is_default=True
    )
    return user


@pytest.fixture
def direction(demo, adjoint) -> SupportGroup:
    """« Direction Jean Moulin »: chef.etab is its delegate, adjoint.etab a member."""
    group = SupportGroup.objects.create(name="Direction Jean Moulin", entity=demo.college)
    Membership.objects.create(group=group, user=demo.users["chef.etab"], is_delegate=True)
    Membership.objects.create(group=group, user=adjoint)
    return group
