"""The ticket list's « Actions massives » form: apply, then back to the list with the count."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from escalade.bulk import actions
from escalade.core.views import WhoRequest, who_required
from escalade.tickets.errors import InvalidInput

PARAMS = ("party", "status", "category", "urgency", "content", "is_private", "ticket", "link")


@require_POST
@who_required
def apply(request: WhoRequest) -> HttpResponse:
    who = request.who
    back = request.POST.get("next", "")
    if not back.startswith("/") or not url_has_allowed_host_and_scheme(back, None):
        back = reverse("tickets:list")
    params = {key: request.POST.get(key, "") for key in PARAMS}
    try:
        result = actions.apply(
            request.POST.get("action", ""),
            request.POST.getlist("ids")[: actions.MAX_TICKETS + 1],
            by=who,
            params=params,
        )
    except InvalidInput as error:
        messages.error(request, error.message)
        return redirect(back)
    level = messages.SUCCESS if not (result.refused or result.failed) else messages.WARNING
    messages.add_message(request, level, result.summary)
    for pk, message in result.failed[:10]:
        messages.error(request, f"n° {pk} : {message}")
    return redirect(back)
