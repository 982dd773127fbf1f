"""Links of a survey: the signed one a requester answers from without signing in, and
the address of an external survey with GLPI's tags replaced.

A signed link proves that Escalade mailed it to that requester for that survey; it is
checked again when used (still a requester, survey open), and expires with the survey.
"""

from __future__ import annotations

from urllib.parse import quote

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from escalade.satisfaction.models import Survey, SurveySettings

SALT = "escalade.satisfaction.answer"


def make_token(survey_id: int, user_id: int) -> str:
    return signing.dumps({"s": int(survey_id), "u": int(user_id)}, salt=SALT, compress=True)


def read_token(token: str) -> tuple[int, int]:
    """(survey id, user id); ``signing.BadSignature`` when the token is not ours."""
    data = signing.loads(token, salt=SALT)
    if not isinstance(data, dict):
        raise signing.BadSignature("not a survey token")
    try:
        return int(data["s"]), int(data["u"])
    except (KeyError, TypeError, ValueError):
        raise signing.BadSignature("not a survey token") from None


def answer_url(survey_id: int, user_id: int) -> str:
    path = reverse("satisfaction:answer", kwargs={"token": make_token(survey_id, user_id)})
    return f"{settings.ESCALADE_BASE_URL.rstrip('/')}{path}"


def external_url(survey: Survey, chosen: SurveySettings) -> str:
    ticket = survey.ticket
    when = "%Y-%m-%d %H:%M:%S"
    tags = {
        "[TICKET_ID]": str(ticket.pk),
        "[TICKET_NAME]": quote(ticket.title, safe=""),
        "[TICKET_CREATEDATE]": quote(timezone.localtime(ticket.opened_at).strftime(when)),
        "[TICKET_SOLVEDATE]": quote(
            timezone.localtime(ticket.solved_at).strftime(when) if ticket.solved_at else ""
        ),
        "[TICKET_PRIORITY]": str(ticket.priority),
        "[TICKETCATEGORY_ID]": str(ticket.category_id or 0),
        "[TICKETCATEGORY_NAME]": quote(
            ticket.category.full_name if ticket.category else "", safe=""
        ),
        "[TICKETTYPE_ID]": str(ticket.type),
        "[ENTITY_ID]": str(ticket.entity_id),
    }
    url = chosen.external_url
    for tag, value in tags.items():
        url = url.replace(tag, value)
    return url
