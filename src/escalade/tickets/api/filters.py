"""Ticket filters and sort of /api/v1/tickets/, through allowlists only.

Deliberately small and self-contained, so it can later be unified with the
web list's search module: each filter name maps to one known condition, each
ordering to one known column. Values come validated by TicketFilterSerializer.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from escalade.accounts.models import Entity
from escalade.accounts.who import Who
from escalade.tickets import access, fulltext
from escalade.tickets.models import Category, Role, Solution, Ticket
from escalade.tickets.status import STATUS_GROUPS, Status, StatusGroup

ORDERINGS = {
    "id": "pk",
    "-id": "-pk",
    "updated_at": "updated_at",
    "-updated_at": "-updated_at",
    "opened_at": "opened_at",
    "-opened_at": "-opened_at",
    "priority": "priority",
    "-priority": "-priority",
    "urgency": "urgency",
    "-urgency": "-urgency",
    "status": "status",
    "-status": "-status",
    "title": "title",
    "-title": "-title",
    "next_due_at": "next_due_at",
    "-next_due_at": "-next_due_at",
}
DEFAULT_STATUS = StatusGroup.NOT_SOLVED
STATUS_CHOICES_HELP = (
    "Codes séparés par des virgules (1 Nouveau … 6 Clos) ou un groupe : "
    "notold (défaut), notclosed, process, old, all."
)

ACTOR_FILTERS = {
    "requester": (Role.REQUESTER, "user_id"),
    "requester_group": (Role.REQUESTER, "group_id"),
    "assigned_user": (Role.ASSIGNED, "user_id"),
    "assigned_group": (Role.ASSIGNED, "group_id"),
    "observer": (Role.OBSERVER, "user_id"),
    "observer_group": (Role.OBSERVER, "group_id"),
}
FIELD_FILTERS = {
    "type": "type",
    "urgency": "urgency",
    "priority": "priority",
    "category": "category_id",
}
DATE_FILTERS = {
    "opened_after": "opened_at__gte",
    "opened_before": "opened_at__lt",
    "updated_after": "updated_at__gte",
    "updated_before": "updated_at__lt",
}


class BadFilter(ValueError):
    """A filter value that the serializer's shape check let through but means nothing."""


def statuses(value: str | None) -> tuple[int, ...]:
    text = (value or DEFAULT_STATUS).strip().lower()
    if text in STATUS_GROUPS:
        return STATUS_GROUPS[text]
    codes = []
    for part in text.split(","):
        try:
            code = int(part.strip())
        except ValueError:
            raise BadFilter("status") from None
        if code not in Status.values:
            raise BadFilter("status")
        codes.append(code)
    return tuple(codes)


def apply(tickets: QuerySet[Ticket], data: dict[str, Any], who: Who | None) -> QuerySet[Ticket]:
    """``tickets`` (already the visible ones) narrowed by the validated filters, sorted."""
    tickets = tickets.filter(status__in=statuses(data.get("status")))
    for name, column in FIELD_FILTERS.items():
        if data.get(name) is not None:
            tickets = tickets.filter(**{column: data[name]})
    for name, (role, column) in ACTOR_FILTERS.items():
        if data.get(name) is not None:
            tickets = tickets.filter(access.having_actor([Q(role=role, **{column: data[name]})]))
    for name, lookup in DATE_FILTERS.items():
        if data.get(name) is not None:
            tickets = tickets.filter(**{lookup: data[name]})
    if data.get("category_under") is not None:
        category = Category.objects.filter(pk=data["category_under"]).first()
        tickets = (
            tickets.filter(category__path__startswith=category.path) if category else tickets.none()
        )
    if data.get("solution_type") is not None:
        solved = Solution.objects.filter(solution_type_id=data["solution_type"])
        tickets = tickets.filter(pk__in=solved.values("ticket_id"))
    if data.get("entity") is not None:
        entity = Entity.objects.filter(pk=data["entity"]).first()
        tickets = tickets.filter(entity__path__startswith=entity.path) if entity else tickets.none()
    if data.get("q"):
        tickets = tickets.filter(fulltext.matches(who, data["q"]))
    if data.get("overdue") is not None:
        from escalade.slas.workflow import late_q

        late = late_q(timezone.now())
        tickets = tickets.filter(late if data["overdue"] else ~late)
    ordering = ORDERINGS[data.get("ordering") or "-updated_at"]
    return tickets.order_by(ordering, "-pk" if ordering.startswith("-") else "pk")
