"""GLPI's ``TicketSatisfaction`` item type (glpi_ticketsatisfactions), registered with the
GLPI API: read it (alone, listed, or as ``Ticket/:id/TicketSatisfaction``), and answer it
with ``PUT TicketSatisfaction/:id`` ``{"input": {"satisfaction": 4, "comment": "…"}}``
as GLPI's own form does."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from escalade.glpi import items
from escalade.glpi.items import Ctx, ItemType, date
from escalade.satisfaction import access, workflow
from escalade.satisfaction.models import Survey
from escalade.tickets.models import Ticket


class TicketSatisfactionItem(ItemType):
    name = "TicketSatisfaction"
    model = Survey
    sort_fields = {"id": "pk", "tickets_id": "ticket_id", "date_begin": "created_at"}
    read_only = False

    def queryset(self, ctx: Ctx) -> QuerySet:
        return access.visible_surveys(ctx.who)

    def fields(self, ctx: Ctx, s: Survey) -> dict[str, Any]:
        return {
            "id": s.pk,
            "tickets_id": s.ticket_id,
            "type": s.kind,
            "date_begin": date(s.created_at),
            "date_answered": date(s.answered_at),
            "satisfaction": s.score,
            "comment": s.comment or None,
        }

    def update(self, ctx: Ctx, pk: Any, data: dict[str, Any]) -> None:
        survey = self.get(ctx, pk)
        workflow.answer(
            survey,
            by=ctx.who.user,
            score=data.get("satisfaction"),
            comment=str(data.get("comment") or ""),
        )


def _of_ticket(ctx: Ctx, ticket: Ticket) -> QuerySet:
    return Survey.objects.filter(ticket=ticket)


def register() -> None:
    item = TicketSatisfactionItem()
    items.ITEMTYPES[item.name.lower()] = item
    items.TICKET_SUBITEMS[item.name.lower()] = _of_ticket
