"""The web list's search: an allowlisted filter builder (field > operator > value)
over ``access.visible_tickets``.

The ticket list and its CSV export call ``search_tickets`` with criteria that came
from a user. /api/v1 has its own query parameters (``tickets.api.filters``) and GLPI's
``search/Ticket`` its search options (``glpi.search``); all three start from
``access.visible_tickets`` and share the actor sets of ``access.having_actor`` and
the full-text search of ``fulltext``. Nothing from the request reaches ``filter()``
or ``order_by()`` unchecked: fields, operators and sort keys are looked up in the
tables below, and values are parsed into ints, dates or plain strings.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from escalade.accounts.models import Entity
from escalade.accounts.who import Who
from escalade.core import parsing
from escalade.tickets import access, fulltext, parties
from escalade.tickets.errors import InvalidInput
from escalade.tickets.models import (
    Category,
    Level,
    Role,
    Solution,
    Ticket,
    TicketActor,
    TicketType,
)
from escalade.tickets.status import STATUS_GROUPS, Status, StatusGroup

# --- The vocabulary of the builder ------------------------------------------------

OPERATORS = {
    "is": gettext_lazy("est"),
    "is_not": gettext_lazy("n'est pas"),
    "contains": gettext_lazy("contient"),
    "not_contains": gettext_lazy("ne contient pas"),
    "before": gettext_lazy("avant"),
    "after": gettext_lazy("après"),
    "under": gettext_lazy("sous"),
}

CHOICE_OPS = ("is", "is_not")
TREE_OPS = ("is", "is_not", "under")
TEXT_OPS = ("contains", "not_contains")
DATE_OPS = ("before", "after")


@dataclass(frozen=True)
class Field:
    label: object
    kind: str  # status, choice, tree, actor, text, date
    operators: tuple[str, ...]


FIELDS: dict[str, Field] = {
    "status": Field(gettext_lazy("Statut"), "status", CHOICE_OPS),
    "category": Field(gettext_lazy("Catégorie"), "tree", TREE_OPS),
    "type": Field(gettext_lazy("Type"), "choice", CHOICE_OPS),
    "urgency": Field(gettext_lazy("Urgence"), "choice", CHOICE_OPS),
    "priority": Field(gettext_lazy("Priorité"), "choice", CHOICE_OPS),
    "requester": Field(gettext_lazy("Demandeur"), "actor", CHOICE_OPS),
    "assigned": Field(gettext_lazy("Attribué à"), "actor", CHOICE_OPS),
    "observer": Field(gettext_lazy("Observateur"), "actor", CHOICE_OPS),
    "entity": Field(gettext_lazy("Entité"), "tree", TREE_OPS),
    "text": Field(gettext_lazy("Texte (titre, description, suivis)"), "fulltext", TEXT_OPS),
    "title": Field(gettext_lazy("Titre"), "text", TEXT_OPS),
    "content": Field(gettext_lazy("Description"), "text", TEXT_OPS),
    "opened_at": Field(gettext_lazy("Date d'ouverture"), "date", DATE_OPS),
    "updated_at": Field(gettext_lazy("Dernière modification"), "date", DATE_OPS),
    "solved_at": Field(gettext_lazy("Date de résolution"), "date", DATE_OPS),
    "closed_at": Field(gettext_lazy("Date de clôture"), "date", DATE_OPS),
    "late": Field(gettext_lazy("En retard"), "late", CHOICE_OPS),
    "next_due_at": Field(gettext_lazy("Échéance"), "due", DATE_OPS),
    "solution_type": Field(gettext_lazy("Type de solution"), "solution_type", CHOICE_OPS),
}

ROLE_OF_FIELD = {"requester": Role.REQUESTER, "assigned": Role.ASSIGNED, "observer": Role.OBSERVER}

# Special actor values: me, my groups, me or my groups.
ME, MY_GROUPS, MINE = "me", "mygroups", "mine"

# Sort keys shown to users -> the columns they order by (allowlist).
SORTS = {
    "id": "pk",
    "title": "title",
    "status": "status",
    "type": "type",
    "urgency": "urgency",
    "priority": "priority",
    "category": "category__full_name",
    "entity": "entity__full_name",
    "opened_at": "opened_at",
    "updated_at": "updated_at",
    "solved_at": "solved_at",
    "closed_at": "closed_at",
    "next_due_at": "next_due_at",
}
DEFAULT_SORT = "-updated_at"


@dataclass(frozen=True)
class Criterion:
    field: str
    operator: str
    value: str


DEFAULT_CRITERIA = (Criterion("status", "is", StatusGroup.NOT_SOLVED.value),)


# --- Building the query -------------------------------------------------------------


def search_tickets(
    who: Who | None, criteria: Sequence[Criterion] = DEFAULT_CRITERIA, sort: str = DEFAULT_SORT
) -> QuerySet[Ticket]:
    """The tickets ``who`` sees that match every criterion, ordered by ``sort``.

    Raises InvalidInput (with ``field`` = "criteria" or "sort") for an unknown field,
    operator, value or sort key.
    """
    tickets = access.visible_tickets(who)
    for criterion in criteria:
        tickets = tickets.filter(condition(who, criterion))
    return tickets.order_by(*order_by(sort))


def with_list_relations(tickets: QuerySet[Ticket]) -> QuerySet[Ticket]:
    """What list pages and exports show, fetched in a constant number of queries."""
    return tickets.select_related("entity", "category").prefetch_related(
        Prefetch("actors", queryset=TicketActor.objects.select_related("user", "group"))
    )


def order_by(sort: str) -> tuple[str, ...]:
    key = (sort or DEFAULT_SORT).strip()
    descending = key.startswith("-")
    column = SORTS.get(key.lstrip("-"))
    if column is None:
        raise InvalidInput(_("Tri inconnu : %s") % key[:50], field="sort")
    prefix = "-" if descending else ""
    return (f"{prefix}{column}", f"{prefix}pk")


def condition(who: Who | None, criterion: Criterion) -> Q:
    field = FIELDS.get(criterion.field)
    if field is None:
        raise InvalidInput(
            _("Champ de recherche inconnu : %s") % criterion.field[:50], field="criteria"
        )
    if criterion.operator not in field.operators:
        raise InvalidInput(
            _("L'opérateur « %(op)s » ne s'applique pas au champ « %(field)s ».")
            % {"op": criterion.operator[:20], "field": field.label},
            field="criteria",
        )
    negate = criterion.operator in ("is_not", "not_contains")
    builder = _BUILDERS[field.kind]
    q = builder(who, criterion)
    return ~q if negate else q


def _bad_value(criterion: Criterion) -> InvalidInput:
    return InvalidInput(
        _("Valeur incorrecte pour « %(field)s » : %(value)s")
        % {"field": FIELDS[criterion.field].label, "value": criterion.value[:50]},
        field="criteria",
    )


def _int(criterion: Criterion, allowed: Sequence[int] | None = None, *, id: bool = False) -> int:
    try:
        number = parsing.object_id(criterion.value) if id else parsing.integer(criterion.value)
    except parsing.BadValue:
        raise _bad_value(criterion) from None
    if allowed is not None and number not in allowed:
        raise _bad_value(criterion)
    return number


def _status(who: Who | None, criterion: Criterion) -> Q:
    if criterion.value in STATUS_GROUPS:
        return Q(status__in=STATUS_GROUPS[criterion.value])
    return Q(status=_int(criterion, Status.values))


CHOICES_OF = {
    "type": TicketType.values,
    "urgency": [v for v in Level.values if v <= 5],
    "priority": Level.values,
}


def _choice(who: Who | None, criterion: Criterion) -> Q:
    value = _int(criterion, CHOICES_OF[criterion.field])
    return Q(**{criterion.field: value})


def _tree(who: Who | None, criterion: Criterion) -> Q:
    model = Category if criterion.field == "category" else Entity
    pk = _int(criterion, id=True)
    if criterion.operator != "under":
        return Q(**{f"{criterion.field}_id": pk})
    node = model.objects.filter(pk=pk).only("path").first()
    if node is None:
        raise _bad_value(criterion)
    return Q(**{f"{criterion.field}__path__startswith": node.path})


def _actor(who: Who | None, criterion: Criterion) -> Q:
    role = ROLE_OF_FIELD[criterion.field]
    value = criterion.value
    conditions: list[Q]
    if value in (ME, MY_GROUPS, MINE):
        if who is None:
            raise _bad_value(criterion)
        mine = Q(user_id=who.user.pk)
        groups = Q(group_id__in=list(who.group_ids))
        conditions = {ME: [mine], MY_GROUPS: [groups], MINE: [mine, groups]}[value]
    elif (party := parties.parse(value)) is not None:
        kind, number = party
        conditions = [Q(user_id=number) if kind == "u" else Q(group_id=number)]
    else:
        raise _bad_value(criterion)
    return access.having_actor([party & Q(role=role) for party in conditions])


def _search_text(criterion: Criterion) -> str:
    try:
        return parsing.text(criterion.value.strip(), max_length=200, required=True)
    except parsing.BadValue:
        raise _bad_value(criterion) from None


def _text(who: Who | None, criterion: Criterion) -> Q:
    return Q(**{f"{criterion.field}__icontains": _search_text(criterion)})


def _fulltext(who: Who | None, criterion: Criterion) -> Q:
    return fulltext.matches(who, _search_text(criterion))


def _date(who: Who | None, criterion: Criterion) -> Q:
    try:
        day = parsing.day(criterion.value)
    except parsing.BadValue:
        raise _bad_value(criterion) from None
    lookup = "lt" if criterion.operator == "before" else "gt"
    return Q(**{f"{criterion.field}__date__{lookup}": day})


def _late(who: Who | None, criterion: Criterion) -> Q:
    """« En retard » : 1 (yes) or 0 (no), on the indexed next due date."""
    from escalade.slas.workflow import late_q

    late = _int(criterion, (0, 1))
    q = late_q(timezone.now())
    return q if late else ~q


def _due(who: Who | None, criterion: Criterion) -> Q:
    """« Échéance » before / after a day (local), as bounds the index can use."""
    try:
        day = dt.date.fromisoformat(criterion.value.strip())
    except ValueError:
        raise _bad_value(criterion) from None
    if criterion.operator == "before":
        return Q(next_due_at__lt=_local_midnight(day))
    return Q(next_due_at__gte=_local_midnight(day + dt.timedelta(days=1)))


def _local_midnight(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(0)))


def _solution_type(who: Who | None, criterion: Criterion) -> Q:
    """Tickets one of whose solutions has that type (escalade.itiltemplates)."""
    pk = _int(criterion, id=True)
    return Q(pk__in=Solution.objects.filter(solution_type_id=pk).values("ticket_id"))


_BUILDERS = {
    "status": _status,
    "choice": _choice,
    "tree": _tree,
    "actor": _actor,
    "text": _text,
    "fulltext": _fulltext,
    "date": _date,
    "late": _late,
    "due": _due,
    "solution_type": _solution_type,
}


# --- Tabs of the list page ----------------------------------------------------------

TABS = {
    "mes": (gettext_lazy("Mes tickets"), Criterion("requester", "is", ME)),
    "a-traiter": (gettext_lazy("À traiter"), Criterion("assigned", "is", MINE)),
    "tous": (gettext_lazy("Tous"), None),
}
