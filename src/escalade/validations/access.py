"""Who sees validations: those who see the ticket, and each validator their own request."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from escalade.accounts.who import Who
from escalade.tickets import access
from escalade.tickets.models import Attachment
from escalade.validations.models import TicketValidation, ValidationDocument


def visible_validations(who: Who | None) -> QuerySet[TicketValidation]:
    rows = TicketValidation.objects.all()
    if who is None:
        return rows
    return rows.filter(Q(ticket__in=access.visible_tickets(who)) | Q(validator=who.user))


def sent_for_validation(who: Who | None, attachment: Attachment) -> bool:
    """A document sent with a validation request addressed to ``who`` (who may then
    download it even without seeing the ticket, as GLPI's validator)."""
    if who is None:
        return False
    return ValidationDocument.objects.filter(
        attachment=attachment, validation__validator=who.user
    ).exists()
