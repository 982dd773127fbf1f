"""« Actions massives »: one action on many tickets, each ticket on its own.

Every ticket is fetched through ``access`` (one outside the caller's reach counts as
refused, exactly like one they may see but not change) and changed by one workflow call:
its own transaction, lock, events and mails (so one mail per recipient per ticket).
The parameters are checked once, before any ticket is touched.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import ngettext

from escalade.accounts.models import SupportGroup, User
from escalade.accounts.who import Who
from escalade.core import parsing
from escalade.links import workflow as links_workflow
from escalade.links.models import LinkKind
from escalade.tickets import access, parties, workflow
from escalade.tickets.errors import Conflict, Forbidden, InvalidInput, TicketNotFound
from escalade.tickets.models import URGENCY_CHOICES, Role, Ticket
from escalade.tickets.status import Status

MAX_TICKETS = 500

ACTIONS: dict[str, Any] = {
    "assign": _lazy("Attribuer"),
    "add_observer": _lazy("Ajouter un observateur"),
    "status": _lazy("Changer le statut"),
    "category": _lazy("Changer la catégorie"),
    "urgency": _lazy("Changer l'urgence"),
    "followup": _lazy("Ajouter un suivi"),
    "solve": _lazy("Résoudre"),
    "link": _lazy("Lier"),
    "merge": _lazy("Fusionner"),
}


@dataclass
class Result:
    done: list[int] = field(default_factory=list)
    refused: list[int] = field(default_factory=list)  # rights (or out of reach)
    failed: list[tuple[int, str]] = field(default_factory=list)  # the ticket's state

    @property
    def summary(self) -> str:
        parts = [
            ngettext("%d fait", "%d faits", len(self.done)) % len(self.done),
            ngettext("%d refusé (droits)", "%d refusés (droits)", len(self.refused))
            % len(self.refused),
        ]
        if self.failed:
            parts.append(
                ngettext("%d en échec", "%d en échec", len(self.failed)) % len(self.failed)
            )
        return ", ".join(parts)

    def as_dict(self) -> dict[str, Any]:
        return {
            "done": self.done,
            "refused": self.refused,
            "failed": [{"id": pk, "message": message} for pk, message in self.failed],
            "summary": self.summary,
        }


Apply = Callable[[Ticket], Any]


def _party(by: Who, value: Any, role: int) -> User | SupportGroup:
    party = parties.find_party(by, str(value or "")[:20], role)
    if party is None:
        raise InvalidInput(_("Choisissez un utilisateur ou un groupe."), field="party")
    return party


def _text(value: Any, name: str) -> str:
    text = str(value or "")
    if not text.strip():
        raise InvalidInput(_("Le texte est obligatoire."), field=name)
    return text


def _ticket(by: Who, value: Any, name: str) -> Ticket:
    try:
        return access.get_ticket_for(by, value)
    except TicketNotFound:
        raise InvalidInput(_("Ticket introuvable : %s") % str(value)[:12], field=name) from None


def prepare(action: str, *, by: Who, params: dict[str, Any]) -> Apply:
    """Check the parameters once; the function that applies the action to one ticket."""
    if action in ("assign", "add_observer"):
        role = Role.ASSIGNED if action == "assign" else Role.OBSERVER
        party = _party(by, params.get("party"), role)
        if isinstance(party, User):
            user = party
            return lambda t: workflow.add_actor(t, by=by, role=role, user=user)
        group = party
        return lambda t: workflow.add_actor(t, by=by, role=role, group=group)
    if action == "status":
        try:
            status = Status(parsing.integer(params.get("status")))
        except (parsing.BadValue, ValueError):
            raise InvalidInput(_("Statut inconnu."), field="status") from None
        if status == Status.SOLVED:
            raise InvalidInput(_("Pour résoudre, choisissez « Résoudre »."), field="status")
        return lambda t: workflow.change_status(t, by=by, status=status)
    if action == "category":
        category = access.visible_categories(by).filter(pk=_number(params.get("category"))).first()
        if category is None:
            raise InvalidInput(_("Catégorie introuvable."), field="category")
        return lambda t: workflow.update_ticket(t, by=by, changes={"category": category})
    if action == "urgency":
        urgency = _number(params.get("urgency"))
        if urgency not in dict(URGENCY_CHOICES):
            raise InvalidInput(_("Urgence inconnue."), field="urgency")
        return lambda t: workflow.update_ticket(t, by=by, changes={"urgency": urgency})
    if action == "followup":
        content = _text(params.get("content"), "content")
        private = str(params.get("is_private", "")).lower() in ("1", "true", "on")
        return lambda t: workflow.add_followup(t, by=by, content=content, is_private=private)
    if action == "solve":
        content = _text(params.get("content"), "content")
        return lambda t: workflow.add_solution(t, by=by, content=content)
    if action == "link":
        other = _ticket(by, params.get("ticket"), "ticket")
        kind = _number(params.get("link") or LinkKind.LINK_TO)
        if kind not in LinkKind.values:
            raise InvalidInput(_("Type de lien inconnu."), field="link")
        return lambda t: links_workflow.add_link(t, by=by, other=other, link=kind)
    if action == "merge":
        target = _ticket(by, params.get("ticket"), "ticket")
        return lambda t: links_workflow.merge(t, by=by, target=target)
    raise InvalidInput(_("Action inconnue."), field="action")


def apply(action: str, ids: list[Any], *, by: Who, params: dict[str, Any]) -> Result:
    """Apply ``action`` to each ticket of ``ids``, each in its own transaction."""
    wanted = list(dict.fromkeys(_number(i) for i in ids))[: MAX_TICKETS + 1]
    if not wanted or 0 in wanted:
        raise InvalidInput(_("Sélectionnez au moins un ticket."), field="ids")
    if len(wanted) > MAX_TICKETS:
        raise InvalidInput(_("Au plus %d tickets à la fois.") % MAX_TICKETS, field="ids")
    one = prepare(action, by=by, params=params)
    result = Result()
    for pk in wanted:
        try:
            ticket = access.get_ticket_for(by, pk)
            one(ticket)
        except (TicketNotFound, Forbidden):
            result.refused.append(pk)
        except (InvalidInput, Conflict) as error:
            result.failed.append((pk, error.message))
        else:
            result.done.append(pk)
    return result


def _number(value: Any) -> int:
    try:
        return parsing.integer(value if isinstance(value, int) else str(value or "").strip())
    except parsing.BadValue:
        return 0
