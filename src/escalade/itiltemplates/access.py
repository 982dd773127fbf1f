"""Which templates and solution types are offered, and to whom.

- A template (or solution type) of entity E is offered on tickets of E, and of E's
  sub-entities when it is recursive.
- The picker is offered to who may add that kind of item to the ticket
  (``tickets.access.can_add_followup`` / ``can_add_task`` / ``can_solve``); first the
  templates of the ticket's category (or a category above it), then the others by name.
- Lists outside a ticket (the APIs) show those of ``who``'s entities, or shared from above.
"""

from __future__ import annotations

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from escalade.accounts.models import Entity
from escalade.accounts.who import Who
from escalade.itiltemplates.models import (
    FollowupTemplate,
    SolutionTemplate,
    SolutionType,
    TaskTemplate,
    Template,
)
from escalade.tickets import access
from escalade.tickets.errors import TicketNotFound
from escalade.tickets.models import Ticket

KINDS: dict[str, type[Template]] = {
    "suivi": FollowupTemplate,
    "tache": TaskTemplate,
    "solution": SolutionTemplate,
}


def may_use(who: Who | None, ticket: Ticket, kind: str) -> bool:
    if kind == "suivi":
        return access.can_add_followup(who, ticket)
    if kind == "tache":
        return access.can_add_task(who, ticket)
    if kind == "solution":
        return access.can_solve(who, ticket)
    return False


def _of_entity(entity: Entity) -> Q:
    above = [int(pk) for pk in entity.path.strip("/").split("/") if pk] or [entity.pk]
    return Q(entity_id=entity.pk) | Q(entity_id__in=above, is_recursive=True)


def templates_for(who: Who | None, ticket: Ticket, kind: str) -> QuerySet:
    """The templates of ``kind`` for ``ticket``, its category's first (``first`` = 0)."""
    model = KINDS[kind]
    if not may_use(who, ticket, kind):
        return model.objects.none()  # type: ignore[attr-defined]
    templates = model.objects.filter(_of_entity(ticket.entity))  # type: ignore[attr-defined]
    first: object = Value(1)
    category = ticket.category if ticket.category_id else None
    if category is not None:
        above = [int(pk) for pk in category.path.strip("/").split("/") if pk]
        linked = model.objects.filter(categories__in=above).values("pk")  # type: ignore[attr-defined]
        first = Case(
            When(pk__in=linked, then=Value(0)), default=Value(1), output_field=IntegerField()
        )
    return templates.annotate(first=first).order_by("first", "name", "pk")


def get_template_for(who: Who | None, ticket: Ticket, kind: str, template_id: object) -> Template:
    try:
        number = int(str(template_id))
    except (TypeError, ValueError):
        raise TicketNotFound() from None
    found = templates_for(who, ticket, kind).filter(pk=number).first()
    if found is None:
        raise TicketNotFound()
    return found


def visible_templates(who: Who | None, model: type[Template]) -> QuerySet:
    """Templates of ``who``'s entities, or shared from above (the APIs' lists)."""
    if who is None:
        return model.objects.none()  # type: ignore[attr-defined]
    return model.objects.filter(access.shared_with_reach(who))  # type: ignore[attr-defined]


def visible_solution_types(who: Who | None) -> QuerySet[SolutionType]:
    if who is None:
        return SolutionType.objects.none()
    return SolutionType.objects.filter(access.shared_with_reach(who))


def solution_types_for(ticket: Ticket) -> QuerySet[SolutionType]:
    return SolutionType.objects.filter(_of_entity(ticket.entity))
