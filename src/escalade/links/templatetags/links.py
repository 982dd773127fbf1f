from __future__ import annotations

from typing import Any

from django import template

from escalade.accounts.who import Who
from escalade.links import access as links_access
from escalade.links.models import KnownIncident, LinkKind, TicketLink
from escalade.links.texts import link_label
from escalade.tickets import access
from escalade.tickets.models import Ticket
from escalade.tickets.status import OPEN, Status

register = template.Library()


@register.simple_tag
def ticket_links(ticket: Ticket, who: Who | None) -> dict[str, Any]:
    """The « Tickets liés » card: the links both of whose tickets the reader sees, and what
    they may do (a fixed number of queries)."""
    rows: list[TicketLink] = list(links_access.links_of(who, ticket))
    can_link = links_access.can_link(who, ticket)
    items = []
    for row in rows:
        other = row.ticket_2 if row.ticket_1_id == ticket.pk else row.ticket_1
        inverted = row.link == LinkKind.DUPLICATE_WITH and row.ticket_2_id == ticket.pk
        items.append(
            {
                "row": row,
                "label": link_label(row.kind_from(ticket.pk), inverted=inverted),
                "other": other,
                "other_status": Status(other.status).label,
            }
        )
    children_open = sum(
        1
        for row in rows
        if row.link == LinkKind.SON_OF
        and row.ticket_2_id == ticket.pk
        and row.ticket_1.status in OPEN
    )
    known = KnownIncident.objects.filter(ticket=ticket).select_related("category").first()
    can_mark = links_access.can_mark_known(who, ticket)
    return {
        "items": items,
        "can_link": can_link,
        "kinds": [(k.value, k.label) for k in LinkKind],
        "children_open": children_open,
        "can_close": who is not None
        and children_open > 0
        and access.can_change_status(who, ticket, Status.CLOSED),
        "known": known,
        "can_mark": can_mark,
        "can_broadcast": known is not None and links_access.can_broadcast(who, ticket),
        "entities": list(access.visible_entities(who).order_by("full_name")[:200])
        if can_mark and who is not None
        else [],
    }


@register.simple_tag
def known_incidents(who: Who | None, category: Any = None) -> list[KnownIncident]:
    if who is None:
        return []
    return links_access.known_incidents_for(who)
