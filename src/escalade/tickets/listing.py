"""The ticket list's state, read from its query string: tab, filter rows, sort, columns,
paging. Shared by the list page and the CSV export so both show the same tickets."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.http import QueryDict
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from escalade.accounts.who import Who
from escalade.core import parsing
from escalade.tickets import search
from escalade.tickets.models import Level, Role, Ticket, TicketType
from escalade.tickets.search import FIELDS, SORTS, TABS, Criterion
from escalade.tickets.status import STATUS_GROUPS, Status, StatusGroup

PAGE_SIZES = (20, 50, 100)
MAX_ROWS = 12


def _date(value) -> str:
    if value is None:
        return ""
    return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")


def _actors(ticket: Ticket, role: int) -> str:
    names = [str(a.user or a.group) for a in ticket.actors.all() if a.role == role]
    return ", ".join(sorted(names))


@dataclass(frozen=True)
class Column:
    label: Any
    value: Callable[[Ticket], str]
    sort: str | None = None


COLUMNS: dict[str, Column] = {
    "id": Column(_("ID"), lambda t: str(t.pk), "id"),
    "title": Column(_("Titre"), lambda t: t.title, "title"),
    "status": Column(_("Statut"), lambda t: str(Status(t.status).label), "status"),
    "updated_at": Column(_("Dernière modification"), lambda t: _date(t.updated_at), "updated_at"),
    "opened_at": Column(_("Date d'ouverture"), lambda t: _date(t.opened_at), "opened_at"),
    "priority": Column(_("Priorité"), lambda t: str(Level(t.priority).label), "priority"),
    "urgency": Column(_("Urgence"), lambda t: str(Level(t.urgency).label), "urgency"),
    "type": Column(_("Type"), lambda t: str(TicketType(t.type).label), "type"),
    "requester": Column(_("Demandeur"), lambda t: _actors(t, Role.REQUESTER)),
    "assigned": Column(_("Attribué à"), lambda t: _actors(t, Role.ASSIGNED)),
    "observer": Column(_("Observateur"), lambda t: _actors(t, Role.OBSERVER)),
    "category": Column(
        _("Catégorie"), lambda t: t.category.full_name if t.category else "", "category"
    ),
    "entity": Column(_("Entité"), lambda t: t.entity.full_name, "entity"),
    "solved_at": Column(_("Date de résolution"), lambda t: _date(t.solved_at), "solved_at"),
    "closed_at": Column(_("Date de clôture"), lambda t: _date(t.closed_at), "closed_at"),
    "next_due_at": Column(_("Échéance"), lambda t: _date(t.next_due_at), "next_due_at"),
    "late": Column(_("En retard"), lambda t: str(_("En retard")) if t.is_overdue else ""),
}
DEFAULT_COLUMNS = (
    "id",
    "title",
    "status",
    "updated_at",
    "priority",
    "requester",
    "assigned",
    "category",
)

STATUS_VALUE_CHOICES = [
    (StatusGroup.NOT_SOLVED.value, StatusGroup.NOT_SOLVED.label),
    (StatusGroup.NOT_CLOSED.value, StatusGroup.NOT_CLOSED.label),
    (StatusGroup.ALL.value, StatusGroup.ALL.label),
    (StatusGroup.PROCESSING.value, StatusGroup.PROCESSING.label),
    (StatusGroup.SOLVED_OR_CLOSED.value, StatusGroup.SOLVED_OR_CLOSED.label),
    *((str(v), label) for v, label in Status.choices),
]
assert all(v in STATUS_GROUPS for v, _label in STATUS_VALUE_CHOICES[:5])


@dataclass
class Row:
    field: str
    operator: str
    value: str


@dataclass
class ListState:
    tab: str
    rows: list[Row]
    sort: str
    columns: list[str]
    page: str
    per_page: int
    simplified: bool = False
    errors: list[str] = field(default_factory=list)

    @classmethod
    def from_query(cls, query: QueryDict, who: Who) -> ListState:
        simplified = who.is_simplified
        default_tab = "mes" if simplified else "a-traiter"
        tab = query.get("onglet", default_tab)
        if tab not in TABS or simplified:
            tab = default_tab
        rows = cls._rows(query, simplified)
        sort = query.get("tri", search.DEFAULT_SORT)
        if sort.lstrip("-") not in SORTS:
            sort = search.DEFAULT_SORT
        columns = [c for c in query.getlist("col") if c in COLUMNS] or list(DEFAULT_COLUMNS)
        try:
            per_page = parsing.integer(query.get("par_page", PAGE_SIZES[0]))
        except parsing.BadValue:
            per_page = PAGE_SIZES[0]
        if per_page not in PAGE_SIZES:
            per_page = PAGE_SIZES[0]
        return cls(
            tab,
            rows,
            sort,
            list(dict.fromkeys(columns)),
            query.get("page", "1"),
            per_page,
            simplified,
        )

    @staticmethod
    def _rows(query: QueryDict, simplified: bool = False) -> list[Row]:
        if "f" not in query:
            if simplified:  # a requester must see the solutions waiting for approval
                return [Row("status", "is", StatusGroup.NOT_CLOSED.value)]
            return [Row(c.field, c.operator, c.value) for c in search.DEFAULT_CRITERIA]
        fields, ops, values = query.getlist("f"), query.getlist("o"), query.getlist("v")
        rows: list[Row] = []
        for index, name in enumerate(fields[:MAX_ROWS]):
            if name not in FIELDS:
                continue
            op = ops[index] if index < len(ops) else ""
            if op not in FIELDS[name].operators:
                op = FIELDS[name].operators[0]
            value = values[index] if index < len(values) else ""
            rows.append(Row(name, op, value.strip()[:200]))
        try:
            removed = parsing.integer(query.get("retirer"), minimum=0)
        except parsing.BadValue:
            removed = None
        if removed is not None and removed < len(rows):
            del rows[removed]
        if "ajouter_ligne" in query and len(rows) < MAX_ROWS:
            rows.append(Row("title", "contains", ""))
        return rows

    def criteria(self) -> list[Criterion]:
        criteria = [Criterion(r.field, r.operator, r.value) for r in self.rows if r.value]
        tab_criterion = TABS[self.tab][1]
        if tab_criterion is not None:
            criteria.append(tab_criterion)
        return criteria

    def params(self, **override: Any) -> list[tuple[str, str]]:
        """The query string of this state (for links), with some keys overridden."""
        values: dict[str, Any] = {
            "onglet": self.tab,
            "f": [r.field for r in self.rows],
            "o": [r.operator for r in self.rows],
            "v": [r.value for r in self.rows],
            "tri": self.sort,
            "col": self.columns,
            "par_page": self.per_page,
        }
        values.update(override)
        pairs: list[tuple[str, str]] = []
        for key, value in values.items():
            if value is None:
                continue
            items = value if isinstance(value, list) else [value]
            pairs.extend((key, str(item)) for item in items)
        if not self.rows and "f" not in override:
            pairs.append(("f", ""))  # keep "no filter" distinct from "default filter"
        return pairs

    def query(self, **override: Any) -> str:
        return urlencode(self.params(**override))
