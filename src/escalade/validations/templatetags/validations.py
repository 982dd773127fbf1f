from __future__ import annotations

from typing import Any

from django import template

from escalade.accounts.who import Who
from escalade.tickets import access
from escalade.tickets.models import Ticket
from escalade.validations import links
from escalade.validations.models import TicketValidation, ValidationStatus

register = template.Library()


@register.simple_tag
def ticket_validations(ticket: Ticket, who: Who | None) -> dict[str, Any]:
    """The ticket's validations (one query); the validator's own links to answer."""
    rows = list(
        TicketValidation.objects.filter(ticket=ticket)
        .select_related("validator", "requester")
        .prefetch_related("document_links__attachment")
    )
    user_id = who.user.pk if who else None
    items = []
    for v in rows:
        mine = v.validator_id == user_id and v.status == ValidationStatus.WAITING
        items.append(
            {
                "row": v,
                "accept": links.make_token(v.pk, v.validator_id, "accept") if mine else "",
                "refuse": links.make_token(v.pk, v.validator_id, "refuse") if mine else "",
            }
        )
    return {
        "items": items,
        "can_request": who is not None and access.can_update(who, ticket),
    }
