"""« À compléter » on the ticket page (one query)."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from escalade.tickets.models import Ticket
from escalade.tickettemplates.models import IncompleteTicket

register = template.Library()


@register.simple_tag
def incomplete_badge(ticket: Ticket) -> SafeString | str:
    incomplete = IncompleteTicket.objects.filter(ticket_id=ticket.pk).first()
    if incomplete is None:
        return ""
    names = ", ".join(str(f.label) for f in incomplete.missing_fields())
    return format_html(
        '<span class="badge fs-6 text-bg-warning" id="a-completer" title="{}">{}</span>',
        _("Champs manquants : %s") % names,
        _("À compléter"),
    )
