"""Who may see and answer a satisfaction survey.

- Seeing a survey (its score and comment) follows the ticket: whoever sees the ticket
  (``tickets.access.visible_tickets``) sees its survey.
- Answering is for the ticket's requesters (a requester user, or a member of a requester
  group, as in GLPI), once, before the survey expires. A signed link names one requester;
  it answers only for them, only while they are still a requester of that ticket.
"""

from __future__ import annotations

from datetime import datetime

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from escalade.accounts.models import Entity, Membership, User
from escalade.accounts.who import Who
from escalade.satisfaction.models import Survey, SurveySettings
from escalade.tickets import access
from escalade.tickets.errors import TicketNotFound
from escalade.tickets.models import Role, TicketActor


def visible_surveys(who: Who | None) -> QuerySet[Survey]:
    return Survey.objects.filter(ticket__in=access.visible_tickets(who).values("pk"))


def get_survey_for(who: Who | None, ticket_id: object) -> Survey:
    """The survey of a ticket ``who`` sees; a missing survey answers like a missing ticket."""
    ticket = access.get_ticket_for(who, ticket_id)
    survey = Survey.objects.filter(ticket=ticket).select_related("ticket").first()
    if survey is None:
        raise TicketNotFound()
    return survey


def is_requester(user: User, survey: Survey) -> bool:
    requesters = TicketActor.objects.filter(ticket_id=survey.ticket_id, role=Role.REQUESTER)
    if requesters.filter(user_id=user.pk).exists():
        return True
    groups = requesters.filter(group__isnull=False).values("group_id")
    return Membership.objects.filter(user_id=user.pk, group_id__in=groups).exists()


def refusal(user: User | None, survey: Survey, *, now: datetime | None = None) -> str | None:
    """Why ``user`` may not answer ``survey`` now (None: they may)."""
    now = now or timezone.now()
    if survey.is_answered:
        return _("Cette enquête a déjà reçu une réponse.")
    if survey.expires_at <= now:
        expired = timezone.localtime(survey.expires_at).strftime("%d/%m/%Y")
        return _("Cette enquête a expiré le %(date)s.") % {"date": expired}
    if user is None or not user.is_active or not is_requester(user, survey):
        return _("Seuls les demandeurs du ticket répondent à son enquête de satisfaction.")
    return None


def settings_for(
    entity: Entity, rows: dict[int, SurveySettings] | None = None
) -> SurveySettings | None:
    """The settings that apply to ``entity``: its own, or the nearest above it (inherited).
    ``rows`` (entity id → settings) spares the query when judging many tickets."""
    ids = [int(pk) for pk in entity.path.strip("/").split("/") if pk] or [entity.pk]
    if rows is None:
        rows = {s.entity_id: s for s in SurveySettings.objects.filter(entity_id__in=ids)}
    for pk in reversed(ids):
        if pk in rows:
            return rows[pk]
    return None
