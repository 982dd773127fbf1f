"""Two workers run the survey job at once on PostgreSQL: each due survey is opened, and
mailed, once."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection

from escalade.demo.lsu import load_demo
from escalade.notifications.models import Notification
from escalade.satisfaction import workflow
from escalade.satisfaction.models import Survey, SurveySettings
from tests.conftest import as_, open_lsu_ticket
from tests.satisfaction.conftest import close

pytestmark = pytest.mark.skipif(
    "postgresql" not in settings.DATABASES["default"]["ENGINE"],
    reason="needs PostgreSQL (DATABASE_URL=postgres://…): SQLite serialises writers",
)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_workers_open_each_survey_once():
    demo = load_demo()
    chef, referent = as_(demo, "chef.etab"), as_(demo, "referent.lsu", "Référent fonctionnel")
    SurveySettings.objects.create(entity=demo.academie, rate=100, lifetime_days=5)
    tickets = []
    for n in range(8):
        ticket = open_lsu_ticket(demo, chef, title=f"Export LSU ({n})")
        close(ticket, chef=chef, referent=referent)
        tickets.append(ticket)
    now = max(t.closed_at for t in tickets) + timedelta(minutes=1)

    start = threading.Barrier(2)
    opened: list[int] = []
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            start.wait()
            opened.append(len(workflow.open_due_surveys(now=now)))
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)

    assert errors == []
    assert sum(opened) == 8
    assert Survey.objects.count() == 8
    invitations = [n for n in Notification.objects.all() if "survey" in n.events]
    assert len(invitations) == 8  # one requester per ticket, one mail each
