"""``{% survey_card ticket %}``: the ticket page's « Satisfaction » card (one query)."""

from __future__ import annotations

from typing import Any

from django import template

from escalade.satisfaction import access
from escalade.satisfaction.models import Survey

register = template.Library()


@register.inclusion_tag("satisfaction/partials/card.html", takes_context=True)
def survey_card(context: dict[str, Any], ticket: Any) -> dict[str, Any]:
    # The page is shown only to who sees the ticket, and so may see its survey.
    survey = Survey.objects.filter(ticket_id=ticket.pk).first()
    if survey is None:
        return {"survey": None}
    request = context.get("request")
    user = getattr(request, "user", None)
    can_answer = user is not None and access.refusal(user, survey) is None
    return {"survey": survey, "can_answer": can_answer}
