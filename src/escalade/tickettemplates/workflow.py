"""The « À compléter » mark: set inside the creating transaction (by
``tickets.workflow.create_ticket``), and, when the requester completes the ticket, the
fields through ``tickets.workflow`` and the mark removed, in one transaction."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction

from escalade.tickets import workflow
from escalade.tickets.models import Ticket
from escalade.tickettemplates.models import IncompleteTicket


def mark_incomplete(ticket: Ticket, missing: Sequence[int]) -> None:
    """« À compléter »: the mandatory fields a mail did not give (GLPI search options)."""
    IncompleteTicket.objects.create(ticket=ticket, missing=[int(n) for n in missing])


def complete_ticket(incomplete: IncompleteTicket, *, changes: dict[str, Any]) -> Ticket:
    """The requester's answer to the signed link (the link is the authority: by the system)."""
    with transaction.atomic():
        locked = IncompleteTicket.objects.select_for_update().filter(pk=incomplete.pk).first()
        if locked is None:  # completed meanwhile
            return incomplete.ticket
        ticket = workflow.update_ticket(incomplete.ticket, by=None, changes=changes)
        locked.delete()
    return ticket
