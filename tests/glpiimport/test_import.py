"""``escalade import-glpi`` against a real MariaDB holding GLPI 10.0.15's schema."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from escalade.accounts.models import Entity, Profile, ProfileGrant, SupportGroup, User
from escalade.glpiimport.models import ImportedItem
from escalade.notifications.models import Notification
from escalade.tickets.models import (
    Attachment,
    Category,
    Followup,
    Solution,
    Task,
    Ticket,
    TicketActor,
    TicketEvent,
)

pytestmark = pytest.mark.django_db


def run_import(glpi, *extra: str) -> str:
    out = io.StringIO()
    call_command(
        "import_glpi",
        "--database",
        glpi.dsn,
        "--files",
        str(glpi.files),
        "--no-progress",
        *extra,
        stdout=out,
        stderr=io.StringIO(),
    )
    return out.getvalue()


def test_import_counts(glpi):
    output = run_import(glpi)
    print(output)
    assert Entity.objects.count() == 4
    assert User.objects.count() == 7
    assert SupportGroup.objects.count() == 2
    assert Category.objects.count() == 2
    assert Profile.objects.count() == 3
    assert ProfileGrant.objects.count() == 7
    assert sorted(Ticket.objects.values_list("pk", flat=True)) == [3, 7, 8, 1234]
    assert Followup.objects.count() == 2
    assert Task.objects.count() == 1
    assert Solution.objects.count() == 1
    assert Attachment.objects.count() == 1
    assert TicketEvent.objects.count() == 2
    assert Notification.objects.count() == 0
