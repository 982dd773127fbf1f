"""The notification outbox: called by the workflow inside its transaction.

``enqueue`` turns a change's events into outbox rows, so that a notification
is written with the change it tells about, and never for one that rolled back.
"""

from __future__ import annotations

from collections.abc import Sequence

from escalade.tickets.models import Ticket, TicketEvent


def enqueue(ticket: Ticket, events: Sequence[TicketEvent]) -> None:
    """Write the outbox rows for ``events`` (same transaction as the change)."""
    return None
