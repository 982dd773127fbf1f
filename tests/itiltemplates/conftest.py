"""Template fixtures: the demo's LSU templates and solution types, a ticket taken by the
referent."""

from __future__ import annotations

import pytest

from escalade.itiltemplates.models import FollowupTemplate, SolutionTemplate, SolutionType
from escalade.tickets import workflow
from tests.api.conftest import api_as  # noqa: F401
from tests.conftest import open_lsu_ticket
from tests.glpi.conftest import glpi_as  # noqa: F401
from tests.web.conftest import (  # noqa: F401
    chef_client,
    client_as,
    outsider_client,
    referent_client,
    tech_client,
)


@pytest.fixture
def taken(demo, chef, referent):
    ticket = open_lsu_ticket(demo, chef, title="LSU : erreur <403>")
    workflow.take(ticket, by=referent)
    return ticket


@pytest.fixture
def capture_template() -> FollowupTemplate:
    return FollowupTemplate.objects.get(name="LSU : demande de capture d'écran")


@pytest.fixture
def arena_solution() -> SolutionTemplate:
    return SolutionTemplate.objects.get(name="LSU : profil ARENA à rafraîchir")


@pytest.fixture
def workaround() -> SolutionType:
    return SolutionType.objects.get(name="Contournement")
