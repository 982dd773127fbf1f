"""The « Tickets liés » card's actions, « Clore » with open children, « Fusionner »,
« Incident en cours » and « Je suis aussi concerné ». Plain POST and redirect."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from escalade.accounts.who import Who
from escalade.core.views import WhoRequest, who_required
from escalade.links import access as links_access
from escalade.links import workflow
from escalade.links.models import TicketLink
from escalade.tickets import access
from escalade.tickets import workflow as tickets_workflow
from escalade.tickets.errors import Conflict, Forbidden, InvalidInput, TicketNotFound
from escalade.tickets.models import Ticket
from escalade.tickets.status import Status


def _back(ticket: Ticket) -> str:
    return reverse("tickets:detail", args=[ticket.pk]) + "#tickets-lies"


def _run(
    request: HttpRequest, ticket: Ticket, action: Callable[[], Any], done: str
) -> HttpResponse:
    try:
        action()
    except Forbidden as error:
        return render(request, "core/forbidden.html", {"message": error.message}, status=403)
    except (InvalidInput, Conflict) as error:
        messages.error(request, error.message)
        return redirect(_back(ticket))
    messages.success(request, done)
    return redirect(_back(ticket))


def _other(who: Who, value: str) -> Ticket:
    """The ticket whose number was typed: one the user sees, or the same 404."""
    return access.get_ticket_for(who, (value or "").strip().lstrip("#").strip()[:12])


@require_POST
@who_required
def link_add(request: WhoRequest, pk: int) -> HttpResponse:
    who = request.who
    ticket = access.get_ticket_for(who, pk)
    try:
        other = _other(who, request.POST.get("ticket", ""))
    except TicketNotFound:
        messages.error(request, _("Ticket introuvable : %s") % request.POST.get("ticket", "")[:12])
        return redirect(_back(ticket))
    return _run(
        request,
        ticket,
        lambda: workflow.add_link(ticket, by=who, other=other, link=request.POST.get("link", "")),
        _("Lien ajouté avec le ticket n° %s.") % other.pk,
    )


@require_POST
@who_required
def link_remove(request: WhoRequest, pk: int, link_pk: int) -> HttpResponse:
    who = request.who
    ticket = access.get_ticket_for(who, pk)
    link = links_access.links_of(who, ticket).filter(pk=link_pk).first()
    if link is None:
        raise TicketNotFound()
    return _run(
        request,
        ticket,
        lambda: workflow.remove_link(ticket, by=who, link=link),
        _("Lien retiré."),
    )


@require_http_methods(["GET", "POST"])
@who_required
def close(request: WhoRequest, pk: int) -> HttpResponse:
    """« Clore »: a parent with open children asks for confirmation first."""
    who = request.who
    ticket = access.get_ticket_for(who, pk)
    if not access.can_change_status(who, ticket, Status.CLOSED):
        message = _("Vous ne pouvez pas clore ce ticket.")
        return render(request, "core/forbidden.html", {"message": message}, status=403)
    children = workflow.open_children(ticket)
    if request.method == "GET" or (children and request.POST.get("confirm") != "1"):
        return render(request, "links/close_confirm.html", {"ticket": ticket, "children": children})
    return _run(
        request,
        ticket,
        lambda: tickets_workflow.change_status(ticket, by=who, status=Status.CLOSED),
        _("Ticket clos."),
    )


def confirm_closing(request: WhoRequest, pk: int) -> HttpResponse | None:
    """The side panel asks « Clos » for a parent with open children: the confirmation page
    instead (nothing saved yet); None when there is nothing to confirm."""
    who = request.who
    ticket = access.get_ticket_for(who, pk)
    children = workflow.open_children(ticket)
    if not children or request.POST.get("confirm") == "1":
        return None
    context = {"ticket": ticket, "children": children}
    return render(request, "links/close_confirm.html", context)


@require_POST
@who_required
def merge(request: WhoRequest, pk: int) -> HttpResponse:
    who = request.who
    ticket = access.get_ticket_for(who, pk)
    try:
        target = _other(who, request.POST.get("target", ""))
    except TicketNotFound:
        messages.error(request, _("Ticket introuvable : %s") % request.POST.get("target", "")[:12])
        return redirect(_back(ticket))
    try:
        workflow.merge(ticket, by=who, target=target)
    except Forbidden as error:
        return render(request, "core/forbidden.html", {"message": error.message}, status=403)
    except (InvalidInput, Conflict) as error:
        messages.error(request, error.message)
        return redirect(_back(ticket))
    messages.success(
        request,
        _("Ticket n° %(a)s fusionné dans le ticket n° %(b)s.")
        % {
            "a": ticket.pk,
            "b": target.pk,
        },
    )
    return redirect("tickets:detail", pk=target.pk)


@require_POST
@who_required
def known_mark(request: WhoRequest, pk: int) -> HttpResponse:
    who = request.who
    ticket = access.get_ticket_for(who, pk)
    category = None
    if request.POST.get("category"):
        category = (
            access.visible_categories(who).filter(pk=_number(request.POST["category"])).first()
        )
        if category is None:
            messages.error(request, _("Catégorie introuvable."))
            return redirect(_back(ticket))
    entity_ids = [_number(v) for v in request.POST.getlist("entities")[:50]]
    entities = list(access.visible_entities(who).filter(pk__in=entity_ids))
    return _run(
        request,
        ticket,
        lambda: workflow.mark_known_incident(
            ticket,
            by=who,
            category=category,
            entities=entities,
            is_recursive=request.POST.get("is_recursive") == "1",
            message=request.POST.get("message", ""),
        ),
        _("Ticket déclaré incident en cours."),
    )


@require_POST
@who_required
def known_unmark(request: WhoRequest, pk: int) -> HttpResponse:
    who = request.who
    ticket = access.get_ticket_for(who, pk)
    return _run(
        request,
        ticket,
        lambda: workflow.unmark_known_incident(ticket, by=who),
        _("Ce ticket n'est plus un incident en cours."),
    )


@require_POST
@who_required
def broadcast(request: WhoRequest, pk: int) -> HttpResponse:
    who = request.who
    ticket = access.get_ticket_for(who, pk)
    return _run(
        request,
        ticket,
        lambda: tickets_workflow.add_followup(
            ticket, by=who, content=request.POST.get("content", ""), broadcast=True
        ),
        _("Suivi diffusé à tous les demandeurs."),
    )


@require_POST
@who_required
def concerned(request: WhoRequest, pk: int) -> HttpResponse:
    """« Je suis aussi concerné »: join the known incident instead of opening a ticket."""
    who = request.who
    incident = links_access.get_known_incident_for(who, pk)
    try:
        ticket = workflow.join_known_incident(incident, by=who)
    except Forbidden as error:
        return render(request, "core/forbidden.html", {"message": error.message}, status=403)
    messages.success(
        request,
        _("Vous êtes ajouté comme demandeur du ticket n° %s : vous serez informé de son suivi.")
        % ticket.pk,
    )
    if not access.visible_tickets(who).filter(pk=ticket.pk).exists():
        return redirect("home")  # a ticket of a parent entity: followed by mail
    return redirect("tickets:detail", pk=ticket.pk)


def _number(value: str) -> int:
    try:
        return int(str(value).strip()[:12])
    except ValueError:
        return 0


def link_rows(who: Who, ticket: Ticket) -> list[TicketLink]:
    return list(links_access.links_of(who, ticket))
