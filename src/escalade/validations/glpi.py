"""GLPI 10's TicketValidation (read only), with glpi_ticketvalidations' field names."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from escalade.glpi.items import Ctx, ItemType, date
from escalade.tickets.models import Ticket
from escalade.validations.access import visible_validations
from escalade.validations.models import TicketValidation


class TicketValidationItem(ItemType):
    name = "TicketValidation"
    model = TicketValidation
    sort_fields = {
        "id": "pk",
        "tickets_id": "ticket_id",
        "status": "status",
        "submission_date": "submission_date",
        "validation_date": "validation_date",
    }
    text_fields = {
        "comment_submission": "comment_submission",
        "comment_validation": "comment_validation",
    }

    def queryset(self, ctx: Ctx) -> QuerySet:
        return visible_validations(ctx.who)

    def prepare(self, queryset: QuerySet) -> QuerySet:
        return queryset.select_related("ticket")

    def fields(self, ctx: Ctx, v: TicketValidation) -> dict[str, Any]:
        return {
            "id": v.pk,
            "entities_id": v.ticket.entity_id,
            "users_id": v.requester_id or 0,
            "tickets_id": v.ticket_id,
            "users_id_validate": v.validator_id,
            "comment_submission": v.comment_submission,
            "comment_validation": v.comment_validation,
            "status": v.status,
            "submission_date": date(v.submission_date),
            "validation_date": date(v.validation_date),
            "timeline_position": 1,
        }


def glpi_ticket_fields(ticket: Ticket) -> dict[str, Any]:
    """The validation keys of GLPI's Ticket item, with their real values."""
    return {
        "global_validation": ticket.global_validation,
        "validation_percent": ticket.validation_percent,
    }


ITEMTYPES: list[ItemType] = [TicketValidationItem()]
