"""The notification outbox: called by the workflow inside its transaction.

``enqueue`` turns a change's events into outbox rows — one per (change,
recipient) — so that a notification is written with the change it tells
about, and never for one that rolled back. Once the transaction commits, a
task is queued to send them; if queuing fails or the worker dies, the
periodic safety net (``delivery.deliver_due``) sends them anyway.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone

from escalade.tickets.models import Ticket, TicketEvent

logger = logging.getLogger(__name__)


def enqueue(ticket: Ticket, events: Sequence[TicketEvent]) -> None:
    """Write the outbox rows for ``events`` (same transaction as the change)."""
    from escalade.notifications import recipients
    from escalade.notifications.models import Notification

    found = recipients.occurrences(events)
    if not found:
        return
    author = next((e.actor for e in events if e.actor is not None), None)
    people = recipients.resolve(ticket, found, author)
    if not people:
        return
    batch = uuid.uuid4()
    now = timezone.now()
    changed_at = events[0].created_at or now
    Notification.objects.bulk_create(
        [
            Notification(
                batch=batch,
                ticket=ticket,
                ticket_number=ticket.pk,
                recipient=person.user,
                email=person.email,
                language=person.user.language or "fr",
                actor=author,
                events=person.events,
                items=[o.as_item() for o in person.occurrences],
                changed_at=changed_at,
                created_at=now,
                next_attempt_at=now,
            )
            for person in people
        ]
    )
    transaction.on_commit(lambda: _queue_sending(str(batch)))


def _queue_sending(batch: str) -> None:
    from escalade.notifications.tasks import send_batch

    try:
        send_batch.enqueue(batch)
    except Exception:  # the periodic safety net sends the rows anyway
        logger.exception("could not queue the sending of notification batch %s", batch)
