"""Recipients are judged without a query per person: 3 or 30 observers cost the same."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from escalade.accounts.models import Membership, ProfileGrant, SupportGroup, User
from escalade.notifications import outbox
from escalade.notifications.models import (
    Event,
    Notification,
    NotificationSetting,
    RecipientKind,
)
from escalade.tickets import workflow
from escalade.tickets.models import TicketEvent
from escalade.tickets.workflow import Actors
from tests.conftest import open_lsu_ticket


def _observers(demo, prefix: str, count: int) -> tuple[list[User], set[str]]:
    """Self-Service users observing the ticket; one in three holds their profile in
    another school and cannot see it (they must get nothing)."""
    users, seeing = [], set()
    for n in range(count):
        user = User.objects.create_user(f"{prefix}{n}", email=f"{prefix}{n}@example.org")
        entity = demo.lycee if n % 3 == 2 else demo.college
        ProfileGrant.objects.create(
            user=user, profile=demo.self_service, entity=entity, is_default=True
        )
        users.append(user)
        if entity == demo.college:
            seeing.add(user.username)
    return users, seeing


def _told(ticket, event: str) -> set[str]:
    rows = Notification.objects.filter(ticket_number=ticket.pk)
    return {r.recipient.username for r in rows.select_related("recipient") if event in r.events}


def _scenario(demo, chef, referent, prefix: str, count: int) -> tuple[list[int], set[str]]:
    """Query counts of: the creation's enqueue, a public followup, a private followup."""
    observers, seeing = _observers(demo, prefix, count)
    group = SupportGroup.objects.create(name=f"Observateurs {prefix}", entity=demo.college)
    for user in observers[: count // 2]:
        Membership.objects.create(group=group, user=user)
    ticket = open_lsu_ticket(demo, chef, actors=Actors(observers=[*observers, group]))
    assert seeing <= _told(ticket, Event.NEW)
    events = list(TicketEvent.objects.filter(ticket=ticket).select_related("actor"))
    Notification.objects.all().delete()
    counts = []
    with CaptureQueriesContext(connection) as queries:
        outbox.enqueue(ticket, events)
    counts.append(len(queries))
    assert seeing <= _told(ticket, Event.NEW)
    assert not _told(ticket, Event.NEW) & {u.username for u in observers} - seeing
    with CaptureQueriesContext(connection) as queries:
        workflow.add_followup(ticket, by=referent, content="Public.")
    counts.append(len(queries))
    told = _told(ticket, Event.FOLLOWUP)
    assert seeing <= told
    assert not told & ({u.username for u in observers} - seeing)
    Notification.objects.all().delete()
    with CaptureQueriesContext(connection) as queries:
        workflow.add_followup(ticket, by=referent, content="Interne.", is_private=True)
    counts.append(len(queries))
    assert _told(ticket, Event.FOLLOWUP) == {"referent2.lsu", "admin"}  # admin: entity admin
    return counts, seeing


def test_queries_do_not_grow_with_the_recipients(demo, chef, referent):
    for event in (Event.NEW, Event.FOLLOWUP):
        NotificationSetting.objects.update_or_create(
            event=event, defaults={"enabled": True, "recipients": list(RecipientKind.values)}
        )
    few, seeing_few = _scenario(demo, chef, referent, "peu", 3)
    many, seeing_many = _scenario(demo, chef, referent, "beaucoup", 30)
    assert len(seeing_few) == 2 and len(seeing_many) == 20
    assert few == many
    # Settings, actors, members of the actor groups, entity administrators (2), users,
    # their grants, (the followup,) and the insert.
    assert many[0] <= 8  # was 47 with 3 observers, 164 with 30
