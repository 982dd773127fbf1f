"""Who sees validations: those who see the ticket, and each validator their own request."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from escalade.accounts.who import Who
from escalade.tickets import access
from escalade.validations.models import TicketValidation


def visible_validations(who: Who | None) -> QuerySet[TicketValidation]:
    rows = TicketValidation.objects.all()
    if who is None:
        return rows
    return rows.filter(Q(ticket__in=access.visible_tickets(who)) | Q(validator=who.user))
