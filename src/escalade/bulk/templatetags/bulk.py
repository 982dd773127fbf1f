from __future__ import annotations

from typing import Any

from django import template

from escalade.accounts.rights import Right
from escalade.accounts.who import Who
from escalade.bulk.actions import ACTIONS
from escalade.links.models import LinkKind
from escalade.tickets import access, parties
from escalade.tickets.models import URGENCY_CHOICES, Role
from escalade.tickets.status import Status

register = template.Library()


@register.simple_tag
def massive_form(who: Who | None) -> dict[str, Any] | None:
    """The « Actions massives » form for those who change tickets (None otherwise): a fixed
    number of queries, whatever the number of rows."""
    if (
        who is None
        or who.is_simplified
        or not who.has_any(Right.TICKET_UPDATE, Right.TICKET_ASSIGN)
    ):
        return None
    return {
        "actions": list(ACTIONS.items()),
        "parties": parties.party_choices(who, Role.ASSIGNED).choices,
        "statuses": [(s.value, s.label) for s in Status if s != Status.SOLVED],
        "categories": list(access.visible_categories(who).order_by("full_name")[:500]),
        "urgencies": URGENCY_CHOICES,
        "links": [(k.value, k.label) for k in LinkKind],
    }
