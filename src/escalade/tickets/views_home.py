"""The home page of each interface (``/``).

Standard interface: the open tickets per tab (« À traiter 3 »), those to handle per status
(« En attente 1 »), the late ones (« En retard », the list's filter on service levels), and
the last tickets that changed. Simplified interface: « Créer un ticket », my tickets with
their state, and a place for the FAQ. A fixed number of queries whatever the number of
tickets; counts stop at COUNT_LIMIT (« plus de 1 000 »).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from escalade.accounts.who import Who
from escalade.core.views import WhoRequest, who_required
from escalade.tickets import search
from escalade.tickets.paging import bounded_count
from escalade.tickets.search import TABS, Criterion
from escalade.tickets.status import OPEN, Status, StatusGroup

COUNT_LIMIT = 1000
RECENT = 8
NOT_SOLVED = Criterion("status", "is", StatusGroup.NOT_SOLVED.value)
# The list's « En retard » filter (service levels: an open ticket past its next due date).
LATE = Criterion("late", "is", "1")
LATE_QUERY = {"onglet": "tous", "f": "late", "o": "is", "v": "1"}


def _list_url(tab: str, status: str = StatusGroup.NOT_SOLVED.value) -> str:
    query = urlencode({"onglet": tab, "f": "status", "o": "is", "v": status})
    return f"{reverse('tickets:list')}?{query}"


def _tab_criteria(tab: str) -> list[Criterion]:
    tab_criterion = TABS[tab][1]
    return [NOT_SOLVED, *([tab_criterion] if tab_criterion else [])]


def _standard(who: Who) -> dict[str, Any]:
    tabs = []
    for key, (label, _criterion) in TABS.items():
        count, exact = bounded_count(search.search_tickets(who, _tab_criteria(key)), COUNT_LIMIT)
        tabs.append({"key": key, "label": label, "count": count, "exact": exact})
    to_handle = search.search_tickets(who, _tab_criteria("a-traiter")).order_by()
    by_status = dict(to_handle.values_list("status").annotate(n=Count("pk")).order_by())
    statuses = [
        {
            "value": status,
            "label": Status(status).label,
            "count": by_status.get(status, 0),
            "url": _list_url("a-traiter", str(status)),
        }
        for status in OPEN
    ]
    recent = search.with_list_relations(search.search_tickets(who, [], "-updated_at"))[:RECENT]
    for tab in tabs:
        tab["url"] = _list_url(str(tab["key"]))
    late_count, late_exact = bounded_count(search.search_tickets(who, [LATE]), COUNT_LIMIT)
    late = {
        "count": late_count,
        "exact": late_exact,
        "url": f"{reverse('tickets:list')}?{urlencode(LATE_QUERY)}",
    }
    return {"tabs": tabs, "statuses": statuses, "recent": list(recent), "late": late}


def _simplified(who: Who) -> dict[str, Any]:
    mine = search.search_tickets(who, [TABS["mes"][1]], "-updated_at")  # type: ignore[list-item]
    count, exact = bounded_count(mine, COUNT_LIMIT)
    opened, opened_exact = bounded_count(mine.filter(status__in=OPEN), COUNT_LIMIT)
    return {
        "mine": list(mine.select_related("category")[:RECENT]),
        "count": count,
        "exact": exact,
        "open_count": opened,
        "open_exact": opened_exact,
        "all_url": reverse("tickets:list"),
    }


@require_GET
@who_required
def home(request: WhoRequest) -> HttpResponse:
    who = request.who
    if who.is_simplified:
        return render(request, "tickets/home_simplified.html", _simplified(who))
    return render(request, "tickets/home.html", _standard(who))
