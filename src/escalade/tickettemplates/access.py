"""Who sees ticket templates: standard-interface profiles, in their entities (GLPI's
``itiltemplate`` READ is not in the Self-Service profile)."""

from __future__ import annotations

from django.db.models import QuerySet

from escalade.accounts.who import Who
from escalade.tickets import access
from escalade.tickettemplates.models import TicketTemplate


def visible_templates(who: Who | None) -> QuerySet[TicketTemplate]:
    templates = TicketTemplate.objects.all()
    if who is None:
        return templates
    if who.is_simplified:
        return templates.none()
    return templates.filter(access.shared_with_reach(who))
