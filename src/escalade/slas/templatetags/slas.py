from __future__ import annotations

from datetime import datetime
from typing import Any

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from escalade.accounts.who import Who
from escalade.slas import access, workflow
from escalade.tickets.models import Ticket

register = template.Library()

LABELS = {
    "time_to_own": gettext_noop("Délai de prise en compte"),
    "time_to_resolve": gettext_noop("Délai de résolution"),
    "internal_time_to_own": gettext_noop("Délai de prise en compte (interne, OLA)"),
    "internal_time_to_resolve": gettext_noop("Délai de résolution (interne, OLA)"),
}


@register.simple_tag
def due_dates(ticket: Ticket, who: Who | None, now: datetime | None = None) -> list[Any]:
    """The ticket's due dates as the page shows them (internal ones for the desk only)."""
    internal = access.can_see_internal(who)
    shown = [s for s in workflow.explain(ticket, now=now) if internal or not s.slot.internal]
    for s in shown:
        s.label = _(LABELS[s.slot.due_field])  # type: ignore[attr-defined]
    return shown


@register.inclusion_tag("slas/partials/home_late.html")
def home_late_card(who: Who | None) -> dict[str, Any]:
    """The home page's « En retard » card: the open tickets in reach past a due date
    (one bounded count, whatever the number of tickets), linking to the list's filter."""
    from urllib.parse import urlencode

    from django.urls import reverse

    from escalade.tickets import search
    from escalade.tickets.paging import bounded_count
    from escalade.tickets.search import Criterion

    if who is None:
        return {"show": False}
    late = search.search_tickets(who, [Criterion("late", "is", "1")]).order_by()
    count, exact = bounded_count(late, HOME_COUNT_LIMIT)
    query = urlencode({"onglet": "tous", "f": "late", "o": "is", "v": "1"})
    return {
        "show": True,
        "count": count,
        "exact": exact,
        "url": f"{reverse('tickets:list')}?{query}",
    }


HOME_COUNT_LIMIT = 1000


@register.filter
def working_duration(seconds: int) -> str:
    """2 h 05 min, 45 min, 3 j 1 h… of working time (absolute value)."""
    seconds = abs(int(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes = rest // 60
    if hours and minutes:
        return _("%(h)d h %(m)02d min") % {"h": hours, "m": minutes}
    if hours:
        return _("%(h)d h") % {"h": hours}
    return _("%(m)d min") % {"m": minutes}
