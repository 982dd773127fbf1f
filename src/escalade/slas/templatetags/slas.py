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
