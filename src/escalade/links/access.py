"""Who sees and does what with linked tickets and known incidents.

A link is shown only when its two tickets are visible to the reader; a ticket outside
the reader's reach is not found, exactly like a ticket that does not exist.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from escalade.accounts.models import Entity
from escalade.accounts.rights import Right
from escalade.accounts.who import Who
from escalade.links.models import KnownIncident, TicketLink
from escalade.tickets import access
from escalade.tickets.models import Ticket
from escalade.tickets.status import OPEN


def visible_links(who: Who | None) -> QuerySet[TicketLink]:
    """Every link whose two tickets ``who`` sees."""
    links = TicketLink.objects.all()
    if who is None:
        return links
    tickets = access.visible_tickets(who).values("pk")
    return links.filter(ticket_1__in=tickets, ticket_2__in=tickets)


def links_of(who: Who | None, ticket: Ticket) -> QuerySet[TicketLink]:
    """The ticket's links that ``who`` may see (one query, both tickets loaded)."""
    return (
        visible_links(who)
        .filter(Q(ticket_1=ticket) | Q(ticket_2=ticket))
        .select_related("ticket_1", "ticket_2")
        .order_by("pk")
    )


def can_link(who: Who | None, ticket: Ticket) -> bool:
    """Add or remove links of ``ticket`` (GLPI asks UPDATE on the ticket)."""
    return access.can_update(who, ticket)


def can_merge(who: Who | None, source: Ticket, target: Ticket) -> bool:
    return access.can_update(who, source) and access.can_update(who, target)


def can_mark_known(who: Who | None, ticket: Ticket) -> bool:
    """A referent (who may assign) declares the ticket an « incident en cours »."""
    if ticket.status not in OPEN or ticket.is_deleted:
        return False
    if who is None:
        return True
    return who.has(Right.TICKET_ASSIGN) and access.can_update(who, ticket)


def can_broadcast(who: Who | None, ticket: Ticket) -> bool:
    """Write a « diffusé » followup, mailed to every requester."""
    return can_mark_known(who, ticket) or (
        who is not None and access.can_update(who, ticket) and hasattr(ticket, "known_incident")
    )


def known_incidents_for(who: Who, *, category_id: int | None = None) -> list[KnownIncident]:
    """The open known incidents that concern ``who``'s active entities and whose ticket is
    in their reach (two queries), those of ``category_id`` only when given."""
    if not access.can_create(who):
        return []
    rows = (
        KnownIncident.objects.filter(ticket__status__in=OPEN, ticket__is_deleted=False)
        .select_related("ticket", "category")
        .prefetch_related("entities")
        .order_by("-created_at", "pk")
    )
    if category_id is not None:
        rows = rows.filter(category_id=category_id)
    found = list(rows)
    if not found:
        return []
    paths = list(Entity.objects.filter(pk__in=who.entity_ids).values_list("pk", "path"))
    kept = []
    for row in found:
        if row.ticket.entity_id not in who.entity_ids:
            # Joining must let them follow it: a ticket outside their entities would stay
            # out of their sight and their mails (as in GLPI, a school does not see its
            # académie's tickets).
            continue
        for entity in row.entities.all():
            if any(
                pk == entity.pk or (row.is_recursive and path.startswith(entity.path))
                for pk, path in paths
            ):
                kept.append(row)
                break
    return kept


def get_known_incident_for(who: Who, incident_id: object) -> KnownIncident:
    """The known incident if it concerns ``who``; not found otherwise (also bad ids)."""
    from escalade.core import parsing
    from escalade.tickets.errors import TicketNotFound

    try:
        pk = parsing.object_id(incident_id)
    except (TypeError, ValueError):
        raise TicketNotFound() from None
    for row in known_incidents_for(who):
        if row.pk == pk:
            return row
    raise TicketNotFound()
