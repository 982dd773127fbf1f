"""GLPI's ticket search (search/Ticket): option ids, criteria, columns — allowlisted.

Kept apart from the web list's search module on purpose (it can be unified later):
every option id maps to one known ORM path; request values never name a column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.utils.translation import gettext as _

from escalade.accounts.who import Who
from escalade.core import parsing
from escalade.glpi.http import GlpiError, as_list, boolean
from escalade.glpi.items import date
from escalade.tickets import access, paging
from escalade.tickets.models import Role, Ticket, TicketActor
from escalade.tickets.status import STATUS_GROUPS

MAX_DEPTH = 4
MAX_CRITERIA = 50


@dataclass(frozen=True)
class Option:
    id: int
    name: str
    table: str
    field: str
    datatype: str
    kind: str  # text, number, level, status, type, tree, user, group, date
    searchtypes: tuple[str, ...]
    orm: str = ""  # field path, for plain columns and sorting
    role: int = 0  # actor role, for user and group options

    @property
    def uid(self) -> str:
        return (
            f"Ticket.{self.field}"
            if self.table == "glpi_tickets"
            else f"Ticket.{self.table.removeprefix('glpi_').capitalize()}.{self.field}"
        )


TEXT = ("contains", "notcontains", "equals", "notequals")
EQ = ("equals", "notequals", "contains", "notcontains")
NUM = ("contains", "equals", "notequals", "lessthan", "morethan")
TREE = ("contains", "notcontains", "equals", "notequals", "under", "notunder")
ACTOR = ("contains", "notcontains", "equals", "notequals")
DATES = ("contains", "equals", "notequals", "lessthan", "morethan")

OPTIONS: dict[int, Option] = {
    o.id: o
    for o in (
        Option(1, "Titre", "glpi_tickets", "name", "itemlink", "text", TEXT, "title"),
        Option(2, "ID", "glpi_tickets", "id", "number", "number", NUM, "pk"),
        Option(3, "Priorité", "glpi_tickets", "priority", "specific", "level", NUM, "priority"),
        Option(
            4, "Demandeur", "glpi_users", "name", "dropdown", "user", ACTOR, role=Role.REQUESTER
        ),
        Option(
            5, "Technicien", "glpi_users", "name", "dropdown", "user", ACTOR, role=Role.ASSIGNED
        ),
        Option(
            7,
            "Catégorie",
            "glpi_itilcategories",
            "completename",
            "dropdown",
            "tree",
            TREE,
            "category",
        ),
        Option(
            8,
            "Groupe de techniciens",
            "glpi_groups",
            "completename",
            "dropdown",
            "group",
            ACTOR,
            role=Role.ASSIGNED,
        ),
        Option(10, "Urgence", "glpi_tickets", "urgency", "specific", "level", NUM, "urgency"),
        Option(11, "Impact", "glpi_tickets", "impact", "specific", "level", NUM, "impact"),
        Option(12, "Statut", "glpi_tickets", "status", "specific", "status", EQ, "status"),
        Option(14, "Type", "glpi_tickets", "type", "specific", "type", EQ, "type"),
        Option(
            15, "Date d'ouverture", "glpi_tickets", "date", "datetime", "date", DATES, "opened_at"
        ),
        Option(
            16,
            "Date de clôture",
            "glpi_tickets",
            "closedate",
            "datetime",
            "date",
            DATES,
            "closed_at",
        ),
        Option(
            17,
            "Date de résolution",
            "glpi_tickets",
            "solvedate",
            "datetime",
            "date",
            DATES,
            "solved_at",
        ),
        Option(
            19,
            "Dernière modification",
            "glpi_tickets",
            "date_mod",
            "datetime",
            "date",
            DATES,
            "updated_at",
        ),
        Option(21, "Description", "glpi_tickets", "content", "text", "text", TEXT, "content"),
        Option(
            65,
            "Groupe observateur",
            "glpi_groups",
            "completename",
            "dropdown",
            "group",
            ACTOR,
            role=Role.OBSERVER,
        ),
        Option(
            66, "Observateur", "glpi_users", "name", "dropdown", "user", ACTOR, role=Role.OBSERVER
        ),
        Option(
            71,
            "Groupe demandeur",
            "glpi_groups",
            "completename",
            "dropdown",
            "group",
            ACTOR,
            role=Role.REQUESTER,
        ),
        Option(80, "Entité", "glpi_entities", "completename", "dropdown", "tree", TREE, "entity"),
    )
}
SORTABLE = {
    1: "title",
    2: "pk",
    3: "priority",
    7: "category__full_name",
    10: "urgency",
    11: "impact",
    12: "status",
    14: "type",
    15: "opened_at",
    16: "closed_at",
    17: "solved_at",
    19: "updated_at",
    80: "entity__full_name",
}
DEFAULT_COLUMNS = [1, 2, 80, 12, 19, 15, 3, 4, 5, 7]
LINKS = {
    "and": (False, False),
    "or": (True, False),
    "and not": (False, True),
    "or not": (True, True),
}


def list_search_options() -> dict[str, Any]:
    result: dict[str, Any] = {"common": _("Caractéristiques")}
    for option in OPTIONS.values():
        result[str(option.id)] = {
            "name": option.name,
            "table": option.table,
            "field": option.field,
            "datatype": option.datatype,
            "nosearch": False,
            "nodisplay": False,
            "available_searchtypes": list(option.searchtypes),
            "uid": option.uid,
        }
    return result


# --- Criteria -------------------------------------------------------------------------------------


def _malformed(detail: str = "") -> GlpiError:
    message = _("Critères de recherche mal formés")
    return GlpiError("ERROR", f"{message}{' : ' + detail if detail else ''}")


def _number(value: Any) -> int:
    try:
        return parsing.integer(value if isinstance(value, int | float) else str(value))
    except parsing.BadValue as error:
        raise _malformed(_("valeur numérique attendue") + f" ({error.message})") from None


def _like(orm: str, value: str) -> Q:
    """GLPI's contains: ``^`` anchors the start, ``$`` the end, ``NULL`` matches empty."""
    if value.strip().upper() == "NULL":
        return Q(**{f"{orm}__isnull": True}) | Q(**{f"{orm}": ""})
    start, end = value.startswith("^"), value.endswith("$") and len(value) > 1
    core = value[1 if start else 0 : -1 if end else None]
    if start and end:
        return Q(**{f"{orm}__iexact": core})
    if start:
        return Q(**{f"{orm}__istartswith": core})
    if end:
        return Q(**{f"{orm}__iendswith": core})
    return Q(**{f"{orm}__icontains": core})


def parse_date(value: Any) -> datetime:
    """GLPI's search dates (NOW, ``-3 DAY``, ``2026-01-31`` …), through parsing."""
    try:
        return parsing.relative_moment(value)
    except parsing.BadValue as error:
        raise _malformed(error.message) from None


def _actor_q(option: Option, who: Who, searchtype: str, value: Any) -> Any:
    is_user = option.kind == "user"
    base: dict[str, Any] = {"ticket": OuterRef("pk"), "role": option.role}
    text = str(value)
    if searchtype in ("equals", "notequals"):
        if is_user and text.lower() == "myself":
            base["user_id"] = who.user.pk
        elif not is_user and text.lower() == "mygroups":
            base["group_id__in"] = list(who.group_ids)
        elif _number(value) == 0:
            base["user__isnull" if is_user else "group__isnull"] = False
            exists = Exists(TicketActor.objects.filter(**base))
            return ~exists if searchtype == "equals" else exists
        else:
            base["user_id" if is_user else "group_id"] = _number(value)
        exists = Exists(TicketActor.objects.filter(**base))
        return exists if searchtype == "equals" else ~exists
    if is_user:
        match = (
            _like("user__username", text)
            | _like("user__first_name", text)
            | _like("user__last_name", text)
        )
    else:
        match = _like("group__name", text)
    exists = Exists(TicketActor.objects.filter(Q(**base) & match))
    return exists if searchtype == "contains" else ~exists


def _option_q(option: Option, who: Who, searchtype: str, value: Any) -> Q:
    kind, orm = option.kind, option.orm
    negate = searchtype.startswith("not")
    if kind in ("user", "group"):
        return _actor_q(option, who, searchtype, value)
    if kind == "text":
        if searchtype in ("contains", "notcontains"):
            q = _like(orm, str(value))
        else:
            q = Q(**{f"{orm}__iexact": str(value)})
    elif kind == "status":
        text = str(value).strip().lower()
        group = STATUS_GROUPS.get(text)
        q = Q(status__in=group) if group else Q(status=_number(value))
    elif kind in ("number", "level", "type"):
        if searchtype == "lessthan":
            return Q(**{f"{orm}__lt": _number(value)})
        if searchtype == "morethan":
            return Q(**{f"{orm}__gt": _number(value)})
        q = Q(**{orm: _number(value)})
    elif kind == "tree":
        if searchtype in ("contains", "notcontains"):
            q = _like(f"{orm}__full_name", str(value))
        elif searchtype in ("under", "notunder"):
            number = _number(value)
            model = Ticket._meta.get_field(orm).related_model
            node = model.objects.filter(pk=number).first()  # type: ignore[union-attr]
            q = Q(**{f"{orm}__path__startswith": node.path}) if node else Q(pk__in=[])
        else:
            number = _number(value)
            q = Q(**{f"{orm}__isnull": True}) if number == 0 else Q(**{f"{orm}_id": number})
    elif kind == "date":
        if str(value).strip().upper() == "NULL":
            q = Q(**{f"{orm}__isnull": True})
        elif searchtype == "lessthan":
            return Q(**{f"{orm}__lt": parse_date(value)})
        elif searchtype == "morethan":
            return Q(**{f"{orm}__gt": parse_date(value)})
        else:
            moment = parse_date(value)
            if re.fullmatch(r"\s*\d{4}-\d{2}-\d{2}\s*", str(value)):
                q = Q(**{f"{orm}__gte": moment, f"{orm}__lt": moment + timedelta(days=1)})
            else:
                q = Q(**{orm: moment})
    else:  # pragma: no cover - every kind is handled above
        raise _malformed()
    return ~q if negate else q


def criteria_q(
    criteria: Any, who: Who, *, depth: int = 0, counter: list[int] | None = None
) -> Q | None:
    """GLPI's ``criteria`` (links, nested groups) as one Q over visible tickets."""
    counter = counter if counter is not None else [0]
    if depth > MAX_DEPTH:
        raise _malformed(_("trop d'imbrications"))
    result: Q | None = None
    for criterion in as_list(criteria):
        counter[0] += 1
        if counter[0] > MAX_CRITERIA:
            raise _malformed(_("trop de critères"))
        if not isinstance(criterion, dict):
            raise _malformed()
        link = str(criterion.get("link") or "AND").strip().lower()
        if link not in LINKS:
            raise _malformed(_("lien inconnu « %s »") % link[:20])
        use_or, negate = LINKS[link]
        if boolean(criterion.get("meta")):
            raise _malformed(_("les méta-critères ne sont pas gérés"))
        if "criteria" in criterion:
            q = criteria_q(criterion["criteria"], who, depth=depth + 1, counter=counter)
            if q is None:
                continue
        else:
            q = _criterion_q(criterion, who)
        if negate:
            q = ~q
        if result is not None:
            q = (result | q) if use_or else (result & q)
        result = q
    return result


def _criterion_q(criterion: dict[str, Any], who: Who) -> Q:
    if any(key not in criterion for key in ("field", "searchtype", "value")):
        raise _malformed()
    try:
        option = OPTIONS[int(str(criterion["field"]).strip())]
    except (KeyError, ValueError):
        raise _malformed(_("champ inconnu « %s »") % str(criterion["field"])[:20]) from None
    searchtype = str(criterion["searchtype"]).strip().lower()
    if searchtype not in option.searchtypes:
        raise _malformed(
            _("type de recherche « %(type)s » impossible pour le champ %(field)s")
            % {"type": searchtype[:20], "field": option.id}
        )
    value = criterion["value"]
    if isinstance(value, dict | list):
        raise _malformed()
    try:
        parsing.text(value, max_length=1000)
    except parsing.BadValue as error:
        raise _malformed(error.message) from None
    return _option_q(option, who, searchtype, value)


# --- Running a search -----------------------------------------------------------------------------


@dataclass
class SearchResult:
    total: int
    rows: list[dict[str, Any]]
    ids: list[int]
    columns: list[int]
    sort: int
    order: str


def run(who: Who, params: dict[str, Any], start: int, end: int) -> SearchResult:
    tickets = access.visible_tickets(who, include_deleted=boolean(params.get("is_deleted")))
    if boolean(params.get("is_deleted")):
        tickets = tickets.filter(is_deleted=True)
    criteria = params.get("criteria")
    if criteria in (None, "", [], {}):
        criteria = [{"field": 12, "searchtype": "equals", "value": "notold"}]
    if params.get("metacriteria"):
        raise _malformed(_("les méta-critères ne sont pas gérés"))
    condition = criteria_q(criteria, who)
    if condition is not None:
        tickets = tickets.filter(condition)

    try:
        sort = int(str(params.get("sort") or 1))
    except ValueError:
        sort = -1
    if sort not in SORTABLE:
        raise GlpiError(
            "ERROR",
            _("Requête invalide : tri impossible sur « %s ».") % str(params.get("sort"))[:20],
        )
    order = str(params.get("order") or "ASC").upper()
    if order not in ("ASC", "DESC"):
        raise GlpiError("ERROR", _("Requête invalide : order doit valoir ASC ou DESC."))
    prefix = "-" if order == "DESC" else ""
    tickets = tickets.order_by(f"{prefix}{SORTABLE[sort]}", f"{prefix}pk")

    columns = list(DEFAULT_COLUMNS)
    for number in _criteria_fields(criteria):  # GLPI shows the searched columns too
        if number not in columns:
            columns.append(number)
    for extra in as_list(params.get("forcedisplay")):
        try:
            number = int(str(extra))
        except ValueError:
            raise GlpiError("ERROR", _("Requête invalide : forcedisplay inconnu.")) from None
        if number not in OPTIONS:
            raise GlpiError("ERROR", _("Requête invalide : forcedisplay inconnu."))
        if number not in columns:
            columns.append(number)

    total = paging.range_count(tickets, start, end)
    page = list(
        tickets.select_related("entity", "category").prefetch_related(
            Prefetch("actors", queryset=TicketActor.objects.select_related("user", "group"))
        )[start : end + 1]
    )
    rows = [cells(t, columns) for t in page]
    return SearchResult(total, rows, [t.pk for t in page], columns, sort, order)


def _criteria_fields(criteria: Any) -> list[int]:
    fields: list[int] = []
    for criterion in as_list(criteria):
        if not isinstance(criterion, dict):
            continue
        if "criteria" in criterion:
            fields.extend(_criteria_fields(criterion["criteria"]))
        elif str(criterion.get("field", "")).strip().isdigit():
            fields.append(int(str(criterion["field"]).strip()))
    return fields


def cells(ticket: Ticket, columns: list[int]) -> dict[str, Any]:
    actors = list(ticket.actors.all())
    row: dict[str, Any] = {}
    for number in columns:
        option = OPTIONS[number]
        if option.kind in ("user", "group"):
            names = [
                (a.user.username if option.kind == "user" else a.group.name)  # type: ignore
                for a in actors
                if a.role == option.role and (a.user_id if option.kind == "user" else a.group_id)
            ]
            row[str(number)] = None if not names else names[0] if len(names) == 1 else names
        elif option.kind == "tree":
            node = getattr(ticket, option.orm)
            row[str(number)] = node.full_name if node else None
        elif option.kind == "date":
            row[str(number)] = date(getattr(ticket, option.orm))
        elif number == 2:
            row["2"] = ticket.pk
        else:
            row[str(number)] = getattr(ticket, option.orm)
    return row
