"""Search as you type in the pickers of the create form (htmx): <option>s."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from escalade.accounts.who import Who
from escalade.core import parsing
from escalade.core.views import WhoRequest, who_required
from escalade.onbehalf import access as onbehalf_access
from escalade.onbehalf.forms import FIELDS, offered
from escalade.tickets import access
from escalade.tickets.models import Role


def may_pick(who: Who, role: int) -> bool:
    if role == Role.REQUESTER:
        return onbehalf_access.may_open_for_others(who)
    if not onbehalf_access.may_choose_actors(who):
        return False
    return role != Role.ASSIGNED or access.can_assign_at_creation(who)


@require_GET
@who_required
def party_search(request: WhoRequest) -> HttpResponse:
    who = request.who
    try:
        role = Role(parsing.integer(request.GET.get("role", "")))
    except (ValueError, parsing.BadValue):
        role = Role.REQUESTER
    if not may_pick(who, role):
        return render(
            request,
            "core/forbidden.html",
            {"message": _("Votre profil ne permet pas d'ouvrir un ticket pour quelqu'un d'autre.")},
            status=403,
        )
    chosen = request.GET.getlist(FIELDS[role])[:50]
    context = {
        "options": offered(who, role, request.GET.get("q", "")[:200], chosen),
        "chosen": chosen,
    }
    return render(request, "onbehalf/partials/options.html", context)
