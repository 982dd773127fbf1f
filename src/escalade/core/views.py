from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.views.decorators.http import require_GET
from django_htmx.middleware import HtmxDetails

if TYPE_CHECKING:
    from escalade.accounts.models import User
    from escalade.accounts.who import Who


class WhoRequest(HttpRequest):
    """The request a ``who_required`` view receives (for the type checker).

    ``who`` is the acting context (escalade.accounts.middleware), ``htmx`` what
    django-htmx's middleware read of the htmx headers (falsy outside htmx).
    """

    who: Who
    htmx: HtmxDetails
    user: User  # signed in: never AnonymousUser here


def who_required(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Signed in, and holding a profile: ``request.who`` is then set."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponseBase:
        if not getattr(request, "who", None):
            return render(request, "core/no_profile.html", status=403)
        return view(request, *args, **kwargs)

    return wrapper


@require_GET
def health(request: HttpRequest) -> JsonResponse:
    """For load balancers: the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
