"""GLPI 10's Ticket_Ticket (glpi_tickets_tickets: id, tickets_id_1, tickets_id_2, link),
read and written through the links workflow. PARENT_OF (4) is stored as SON_OF (3) with
the tickets swapped, as GLPI does."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from escalade.glpi.items import Ctx, ItemType, _int, ticket_for
from escalade.links import access as links_access
from escalade.links import workflow
from escalade.links.models import LinkKind, TicketLink
from escalade.tickets.errors import InvalidInput
from escalade.tickets.models import Ticket


class TicketTicketType(ItemType):
    name = "Ticket_Ticket"
    model = TicketLink
    parent_key = "tickets_id_1"
    read_only = False
    sort_fields = {
        "id": "pk",
        "tickets_id_1": "ticket_1_id",
        "tickets_id_2": "ticket_2_id",
        "link": "link",
    }

    def queryset(self, ctx: Ctx) -> QuerySet:
        return links_access.visible_links(ctx.who)

    def fields(self, ctx: Ctx, row: TicketLink) -> dict[str, Any]:
        return {
            "id": row.pk,
            "tickets_id_1": row.ticket_1_id,
            "tickets_id_2": row.ticket_2_id,
            "link": row.link,
        }

    def links(self, ctx: Ctx, row: TicketLink) -> list[dict[str, str]]:
        return [
            {"rel": "Ticket", "href": ctx.url("Ticket", row.ticket_1_id)},
            {"rel": "Ticket", "href": ctx.url("Ticket", row.ticket_2_id)},
        ]

    def add(self, ctx: Ctx, data: dict[str, Any]) -> int:
        first = data.get("tickets_id_1", data.get("items_id"))
        if data.get("items_id") not in (None, "") and _int(first, "tickets_id_1") != _int(
            data["items_id"], "items_id"
        ):
            raise InvalidInput(_("tickets_id_1 ne désigne pas le ticket de l'adresse."))
        if first in (None, "") or data.get("tickets_id_2") in (None, ""):
            raise InvalidInput(_("tickets_id_1 et tickets_id_2 sont obligatoires."))
        one = ticket_for(ctx, first)
        two = ticket_for(ctx, data.get("tickets_id_2"))
        link = _int(data.get("link") or LinkKind.LINK_TO, "link")
        return workflow.add_link(one, by=ctx.who, other=two, link=link).pk

    def delete(self, ctx: Ctx, pk: Any, *, purge: bool) -> None:
        row = self.get(ctx, pk)
        workflow.remove_link(row.ticket_1, by=ctx.who, link=row)


def ticket_links(ctx: Ctx, ticket: Ticket) -> QuerySet:
    """``Ticket/:id/Ticket_Ticket``: the ticket's links whose two tickets are visible."""
    return links_access.visible_links(ctx.who).filter(Q(ticket_1=ticket) | Q(ticket_2=ticket))


ITEMTYPES: list[ItemType] = [TicketTicketType()]
