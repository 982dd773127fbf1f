"""Every URL of a ticket answers an outsider exactly as it answers for a ticket that does not
exist, and changes nothing.

The URLs are read from the URL patterns, so a view added later is covered without editing this
file. The outsider is a technician of another académie: he may do everything, but not here.
"""

from __future__ import annotations

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from escalade.tickets import workflow
from escalade.tickets.models import Followup, Ticket, TicketEvent

MISSING = 987654321


def _patterns(resolver: URLResolver | None = None, prefix: str = "") -> list[tuple[str, str]]:
    """(route, name) of every pattern whose route names a ticket (``<int:pk>`` under tickets/)."""
    resolver = resolver or get_resolver()
    found = []
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            found += _patterns(entry, route)
        elif isinstance(entry, URLPattern) and re.search(r"tickets/<int:pk>/", route):
            found.append((route.lstrip("^"), entry.name or route))
    return found


TICKET_ROUTES = _patterns()


def _url(route: str, pk: int, actor_pk: int) -> str:
    url = route.replace("<int:pk>", str(pk))
    url = re.sub(r"<int:\w+>", str(actor_pk), url)
    return "/" + url


def _snapshot(ticket: Ticket) -> tuple:
    ticket.refresh_from_db()
    return (
        ticket.status,
        ticket.title,
        ticket.urgency,
        ticket.updated_at,
        sorted(ticket.actors.values_list("pk", "role", "user_id", "group_id")),
        Followup.objects.filter(ticket=ticket).count(),
        TicketEvent.objects.filter(ticket=ticket).count(),
    )


def test_the_patterns_are_found():
    names = {name for _, name in TICKET_ROUTES}
    assert {"detail", "followup", "escalate", "actor_remove", "history"} <= names


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize(("route", "name"), TICKET_ROUTES, ids=[n for _, n in TICKET_ROUTES])
def test_a_ticket_out_of_reach_answers_like_a_missing_one(
    outsider_client, demo, chef, referent, route, name, method
):
    ticket = workflow.create_ticket(
        by=chef,
        type=1,
        category=demo.lsu,
        urgency=3,
        title="Accès impossible à LSU",
        content="Élève Martin, classe de 3e B",
    )
    workflow.take(ticket, by=referent)
    actor_pk = ticket.actors.first().pk
    before = _snapshot(ticket)
    data = {
        "content": "écrit par un intrus",
        "status": "5",
        "title": "renommé",
        "role": "2",
        "party": f"u{outsider_client.session['_auth_user_id']}",
        "q": "Martin",
    }

    send = getattr(outsider_client, method)
    reach_url, missing_url = _url(route, ticket.pk, actor_pk), _url(route, MISSING, MISSING)
    out_of_reach, missing = send(reach_url, data), send(missing_url, data)

    assert out_of_reach.status_code == missing.status_code
    assert out_of_reach.status_code in (404, 405), out_of_reach.status_code
    body = _without_tokens(out_of_reach.content.decode().replace(reach_url, "URL"))
    assert body == _without_tokens(missing.content.decode().replace(missing_url, "URL"))
    assert "Martin" not in body and "LSU" not in body
    assert _snapshot(ticket) == before


def _without_tokens(page: str) -> str:
    """The page without its per-response CSRF tokens, nor the header's « next » fields that
    repeat the address the outsider typed (the error page has the header)."""
    import re

    page = re.sub(r'(csrfmiddlewaretoken" value="|X-CSRFToken": ")[^"]+', r"\1", page)
    return re.sub(r'(name="next" value=")[^"]*', r"\1", page)
