"""The template picker of « Ajouter »: the chosen template, rendered for the ticket,
replaces the form's text (which stays editable)."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from escalade.accounts.who import Who
from escalade.core.views import WhoRequest, who_required
from escalade.itiltemplates import access, variables
from escalade.itiltemplates.models import FollowupTemplate, SolutionTemplate, TaskTemplate
from escalade.tickets import access as ticket_access
from escalade.tickets.errors import TicketNotFound


@require_GET
@who_required
def apply(request: WhoRequest, pk: int, kind: str) -> HttpResponse:
    """``?modele=<id>``: the text box (and the private flag or solution type), filled."""
    who: Who = request.who
    ticket = ticket_access.get_ticket_for(who, pk)
    if kind not in access.KINDS:
        raise TicketNotFound()
    template = access.get_template_for(who, ticket, kind, request.GET.get("modele"))
    text = variables.render_text(template.content, variables.context_for(ticket, who.user))
    context = {
        "kind": kind,
        "text": text,
        "template": template,
        "is_private": getattr(template, "is_private", None),
        "solution_type_id": str(template.solution_type_id or "")
        if isinstance(template, SolutionTemplate)
        else "",
        "has_private": isinstance(template, FollowupTemplate | TaskTemplate),
        "textarea_id": "id_content",
        "solution_types": [("", "—")]
        + [(str(t.pk), t.name) for t in access.solution_types_for(ticket)],
    }
    return render(request, "itiltemplates/partials/applied.html", context)
