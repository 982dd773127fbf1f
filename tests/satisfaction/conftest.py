"""A closed LSU ticket and the académie's survey settings; the real SMTP server."""

from __future__ import annotations

from datetime import timedelta

import pytest

from escalade.satisfaction.models import SurveySettings
from escalade.tickets import workflow
from tests.conftest import open_lsu_ticket
from tests.glpi.conftest import glpi_as  # noqa: F401 - fixtures shared with tests/glpi
from tests.notifications.conftest import smtp  # noqa: F401


@pytest.fixture
def survey_settings(demo) -> SurveySettings:
    return SurveySettings.objects.create(
        entity=demo.academie, rate=100, delay_days=2, lifetime_days=10, comment_below=3
    )


def close(ticket, *, chef, referent) -> None:
    workflow.take(ticket, by=referent)
    workflow.add_solution(ticket, by=referent, content="Le compte a été débloqué.")
    workflow.approve_solution(ticket, by=chef)
    ticket.refresh_from_db()


@pytest.fixture
def closed_ticket(demo, chef, referent, time_machine):
    time_machine.move_to("2026-11-02 09:00 +01:00", tick=False)
    ticket = open_lsu_ticket(demo, chef, title="LSU : export <XML> impossible")
    close(ticket, chef=chef, referent=referent)
    return ticket


def after_delay(time_machine, ticket, days: float) -> None:
    time_machine.move_to(ticket.closed_at + timedelta(days=days), tick=False)
