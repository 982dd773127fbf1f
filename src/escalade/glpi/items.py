"""GLPI itemtypes over Escalade's models: fields in GLPI's names and codes, and writes.

Reads go through ``escalade.tickets.access``; writes call ``escalade.tickets.workflow``.
Nothing here decides a right.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import Model, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from escalade.accounts.models import Entity, Membership, Profile, SupportGroup, User
from escalade.accounts.rights import Interface, glpi_masks
from escalade.accounts.who import Who
from escalade.core import parsing
from escalade.glpi.columns import defaults
from escalade.glpi.http import GlpiError, as_list, boolean
from escalade.glpi.models import ApiSession
from escalade.onbehalf import access as onbehalf_access
from escalade.slas.workflow import glpi_ticket_fields
from escalade.tickets import access, richtext, workflow
from escalade.tickets.attachments import Upload, clean_name
from escalade.tickets.errors import InvalidInput, TicketNotFound
from escalade.tickets.models import (
    Attachment,
    Category,
    Followup,
    Role,
    Solution,
    Source,
    Task,
    Ticket,
    TicketActor,
    TicketEvent,
    TicketType,
)
from escalade.validations.models import TicketValidation

SOURCE_TO_GLPI: dict[str, int] = {
    Source.HELPDESK: 1,
    Source.EMAIL: 2,
    Source.PHONE: 3,
    Source.DIRECT: 4,
    Source.OTHER: 6,
    Source.API: 1,
}
GLPI_TO_SOURCE = {
    1: Source.HELPDESK,
    2: Source.EMAIL,
    3: Source.PHONE,
    4: Source.DIRECT,
    5: Source.OTHER,
    6: Source.OTHER,
}


@dataclass
class Ctx:
    """One API call: who acts, with which parameters."""

    request: HttpRequest
    who: Who
    params: dict[str, Any]
    session: ApiSession
    cache: dict[str, Any] = field(default_factory=dict)

    @property
    def expand(self) -> bool:
        return boolean(self.params.get("expand_dropdowns"))

    @property
    def sanitized(self) -> bool:
        return boolean(self.request.headers.get("X-GLPI-Sanitized-Content"), default=True)

    def url(self, *parts: object) -> str:
        base = self.request.build_absolute_uri("/apirest.php")
        return "/".join([base, *(str(p) for p in parts)])


def date(value: datetime | None) -> str | None:
    if value is None:
        return None
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M:%S")


def _html(ctx: Ctx, markup: str) -> str:
    return html.escape(markup, quote=False) if ctx.sanitized else markup


def _user(ctx: Ctx, user: User | None, user_id: int | None) -> Any:
    if ctx.expand:
        return user.username if user is not None else ""
    return user_id or 0


def _int(value: Any, name: str) -> int:
    try:
        return parsing.integer(value if isinstance(value, int | float) else str(value))
    except parsing.BadValue as error:
        raise InvalidInput(
            _("Valeur entière attendue pour %(name)s : %(why)s")
            % {"name": name, "why": error.message},
            field=name,
        ) from None


def _ids(value: Any) -> list[int]:
    """A scalar or a list of ids; 0 and empty mean none."""
    ids = []
    for item in as_list(value):
        number = _int(item, "id")
        if number:
            ids.append(number)
    return ids


def pick_users(who: Who, ids: list[int], *, requester: bool = False) -> list[User]:
    """Users ``who`` may pick (``requester``: as requester of a new ticket, a delegate
    names the members of their groups)."""
    pickable = onbehalf_access.requester_choices(who) if requester else access.visible_users(who)
    users = {u.pk: u for u in pickable.filter(pk__in=ids)}
    missing = [i for i in ids if i not in users]
    if missing:
        raise InvalidInput(_("Utilisateur introuvable : %s") % missing[0], field="users_id")
    return [users[i] for i in ids]


def pick_groups(who: Who, ids: list[int]) -> list[SupportGroup]:
    groups = {g.pk: g for g in access.visible_groups(who).filter(pk__in=ids)}
    missing = [i for i in ids if i not in groups]
    if missing:
        raise InvalidInput(_("Groupe introuvable : %s") % missing[0], field="groups_id")
    return [groups[i] for i in ids]


def pick_category(who: Who, value: Any) -> Category | None:
    number = _int(value, "itilcategories_id")
    if not number:
        return None
    category = access.visible_categories(who).filter(pk=number).first()
    if category is None:
        raise InvalidInput(_("Catégorie introuvable : %s") % number, field="itilcategories_id")
    return category


def pick_entity(who: Who, value: Any) -> Entity | None:
    """An active entity; GLPI's root 0 (or nothing) means the default one."""
    if value in (None, ""):
        return None
    number = _int(value, "entities_id")
    if number == 0:
        return None
    entity = access.visible_entities(who).filter(pk=number).first()
    if entity is None:
        raise InvalidInput(_("Entité introuvable ou inactive : %s") % number, field="entities_id")
    return entity


def ticket_for(ctx: Ctx, value: Any) -> Ticket:
    try:
        return access.get_ticket_for(ctx.who, value)
    except TicketNotFound:
        raise GlpiError("ERROR_ITEM_NOT_FOUND", _("Élément introuvable.")) from None


def _parent_ticket_id(data: dict[str, Any]) -> Any:
    itemtype = str(data.get("itemtype") or "Ticket")
    if itemtype.lower() != "ticket":
        raise InvalidInput(_("Seuls les tickets sont gérés (itemtype Ticket)."), field="itemtype")
    return data.get("items_id", data.get("tickets_id"))


def link_to_ticket(item: ItemType, data: dict[str, Any], ticket_id: int) -> dict[str, Any]:
    """The input of ``POST Ticket/:id/<sub>``, naming that ticket as its parent.

    GLPI's clients send ``itemtype``/``items_id`` (or ``tickets_id``) as they would to
    ``POST <sub>``; when absent they come from the URL; a different parent is refused.
    """
    linked = dict(data)
    keys = [item.parent_key] if item.parent_key == "tickets_id" else ["items_id", "tickets_id"]
    for key in keys:
        if linked.get(key) not in (None, "") and _int(linked[key], key) != ticket_id:
            raise InvalidInput(
                _("%(key)s (%(value)s) ne désigne pas le ticket %(id)s de l'adresse.")
                % {"key": key, "value": linked[key], "id": ticket_id},
                field=key,
            )
    if item.parent_key == "tickets_id":
        linked["tickets_id"] = ticket_id
    else:
        if str(linked.get("itemtype") or "Ticket").lower() != "ticket":
            raise InvalidInput(
                _("itemtype doit valoir « Ticket » sous l'adresse d'un ticket."), field="itemtype"
            )
        linked["itemtype"] = "Ticket"
        linked["items_id"] = ticket_id
    return linked


class ItemType:
    """One GLPI itemtype: visibility (through access), fields, and writes (through workflow)."""

    name = ""
    model: type[Model]
    sort_fields: dict[str, str] = {"id": "pk"}
    text_fields: dict[str, str] = {}
    has_trash = False
    read_only = True
    # How an item names its ticket: "items_id" (with itemtype) or "tickets_id".
    parent_key = ""

    def queryset(self, ctx: Ctx) -> QuerySet:
        raise NotImplementedError

    def prepare(self, queryset: QuerySet) -> QuerySet:
        return queryset

    def fields(self, ctx: Ctx, obj: Any) -> dict[str, Any]:
        raise NotImplementedError

    def get(self, ctx: Ctx, pk: Any) -> Any:
        try:
            number = parsing.object_id(pk)
        except parsing.BadValue:
            number = 0
        obj = self.prepare(self.queryset(ctx)).filter(pk=number).first()
        if obj is None:
            raise GlpiError("ERROR_ITEM_NOT_FOUND", _("Élément introuvable."))
        return obj

    def links(self, ctx: Ctx, obj: Any) -> list[dict[str, str]]:
        return []

    def render(self, ctx: Ctx, obj: Any) -> dict[str, Any]:
        data = self.fields(ctx, obj)
        if boolean(ctx.params.get("get_hateoas"), default=True):
            links = self.links(ctx, obj)
            if links:
                data["links"] = links
        return data

    def add(self, ctx: Ctx, data: dict[str, Any]) -> int:
        raise GlpiError(
            "ERROR_RIGHT_MISSING",
            _("Vous n'avez pas le droit de créer ce type d'élément par l'API."),
        )

    def update(self, ctx: Ctx, pk: Any, data: dict[str, Any]) -> None:
        raise GlpiError(
            "ERROR_RIGHT_MISSING",
            _("Vous n'avez pas le droit de modifier ce type d'élément par l'API."),
        )

    def delete(self, ctx: Ctx, pk: Any, *, purge: bool) -> None:
        raise GlpiError(
            "ERROR_RIGHT_MISSING",
            _("Vous n'avez pas le droit de supprimer ce type d'élément par l'API."),
        )


# --- Tickets ------------------------------------------------------------------------------


ACTOR_KEYS = {"requester": Role.REQUESTER, "observer": Role.OBSERVER, "assign": Role.ASSIGNED}


Actors = dict[int, tuple[list[User], list[SupportGroup]]]


def _actor_input(ctx: Ctx, data: dict[str, Any]) -> Actors:
    """``_users_id_requester`` … ``_groups_id_assign`` and ``_actors``, per role."""
    wanted: dict[int, tuple[list[int], list[int]]] = {r: ([], []) for r in Role.values}
    for key, role in ACTOR_KEYS.items():
        wanted[role][0].extend(_ids(data.get(f"_users_id_{key}")))
        wanted[role][1].extend(_ids(data.get(f"_groups_id_{key}")))
    actors = data.get("_actors")
    if isinstance(actors, dict):
        for key, role in ACTOR_KEYS.items():
            for entry in as_list(actors.get(key)):
                if not isinstance(entry, dict):
                    continue
                kind = str(entry.get("itemtype", "")).lower()
                ids = _ids(entry.get("items_id"))
                if kind == "user":
                    wanted[role][0].extend(ids)
                elif kind == "group":
                    wanted[role][1].extend(ids)
    return {
        role: (
            pick_users(ctx.who, list(dict.fromkeys(u)), requester=role == Role.REQUESTER),
            pick_groups(ctx.who, list(dict.fromkeys(g))),
        )
        for role, (u, g) in wanted.items()
    }


TICKET_FIELD_MAP = {
    "name": "title",
    "content": "content",
    "type": "type",
    "urgency": "urgency",
    "impact": "impact",
    "priority": "priority",
}


class TicketItem(ItemType):
    name = "Ticket"
    model = Ticket
    sort_fields = {
        "id": "pk",
        "name": "title",
        "date": "opened_at",
        "date_mod": "updated_at",
        "date_creation": "opened_at",
        "status": "status",
        "priority": "priority",
        "urgency": "urgency",
        "impact": "impact",
        "type": "type",
        "closedate": "closed_at",
        "solvedate": "solved_at",
        "itilcategories_id": "category_id",
        "entities_id": "entity_id",
    }
    text_fields = {"name": "title", "content": "content"}
    has_trash = True
    read_only = False

    def queryset(self, ctx: Ctx) -> QuerySet:
        return access.visible_tickets(ctx.who, include_deleted=True)

    def prepare(self, queryset: QuerySet) -> QuerySet:
        tasks_time = (
            Task.objects.filter(ticket=OuterRef("pk"))
            .values("ticket")
            .annotate(total=Sum("duration_seconds"))
            .values("total")
        )
        return queryset.select_related(
            "entity", "category", "created_by", "last_updated_by"
        ).annotate(glpi_actiontime=Coalesce(Subquery(tasks_time), 0))

    def fields(self, ctx: Ctx, t: Ticket) -> dict[str, Any]:
        expand = ctx.expand
        return defaults("Ticket") | {
            "id": t.pk,
            "entities_id": t.entity.full_name if expand else t.entity_id,
            "name": t.title,
            "date": date(t.opened_at),
            "closedate": date(t.closed_at),
            "solvedate": date(t.solved_at),
            "takeintoaccountdate": date(t.taken_at),
            "date_mod": date(t.updated_at),
            "users_id_lastupdater": _user(ctx, t.last_updated_by, t.last_updated_by_id),
            "status": t.status,
            "users_id_recipient": _user(ctx, t.created_by, t.created_by_id),
            "requesttypes_id": SOURCE_TO_GLPI.get(t.source, 6),
            "content": _html(ctx, t.content),
            "urgency": t.urgency,
            "impact": t.impact,
            "priority": t.priority,
            "itilcategories_id": (t.category.full_name if t.category else "")
            if expand
            else (t.category_id or 0),
            "type": t.type,
            "actiontime": _actiontime(t),
            "begin_waiting_date": date(t.waiting_since),
            "waiting_duration": t.waiting_seconds,
            "takeintoaccount_delay_stat": _delay(t.opened_at, t.taken_at),
            "solve_delay_stat": _delay(t.opened_at, t.solved_at, t.waiting_seconds),
            "close_delay_stat": _delay(t.opened_at, t.closed_at, t.waiting_seconds),
            "is_deleted": int(t.is_deleted),
            "locations_id": 0,
            "date_creation": date(t.opened_at),
            **glpi_ticket_fields(t, ctx.who),
            **validation_ticket_fields(t),
        }

    def links(self, ctx: Ctx, t: Ticket) -> list[dict[str, str]]:
        links = [{"rel": "Entity", "href": ctx.url("Entity", t.entity_id)}]
        if t.category_id:
            links.append({"rel": "ITILCategory", "href": ctx.url("ITILCategory", t.category_id)})
        for sub in (
            "ITILFollowup",
            "TicketTask",
            "ITILSolution",
            "Ticket_User",
            "Group_Ticket",
            "Document_Item",
        ):
            links.append({"rel": sub, "href": ctx.url("Ticket", t.pk, sub)})
        return links

    def add(self, ctx: Ctx, data: dict[str, Any]) -> int:
        actors = _actor_input(ctx, data)
        extra: dict[str, Any] = {}
        for key in ("urgency", "impact", "priority"):
            if data.get(key) not in (None, "", 0, "0"):
                extra[key] = data[key]
        source: str = Source.API
        if data.get("requesttypes_id") not in (None, "", 0):
            source = GLPI_TO_SOURCE.get(
                _int(data["requesttypes_id"], "requesttypes_id"), Source.API
            )
            # GLPI's Helpdesk (1) is the default anyone may send; another needs the right.
            source = onbehalf_access.check_source(ctx.who, source, default=Source.HELPDESK)
        ticket = workflow.create_ticket(
            by=ctx.who,
            title=str(data.get("name") or ""),
            content=richtext.from_glpi(str(data.get("content") or "")),
            type=data.get("type") or TicketType.INCIDENT,
            category=pick_category(ctx.who, data.get("itilcategories_id") or 0),
            entity=pick_entity(ctx.who, data.get("entities_id")),
            actors=workflow.Actors(
                requesters=[*actors[Role.REQUESTER][0], *actors[Role.REQUESTER][1]],
                observers=[*actors[Role.OBSERVER][0], *actors[Role.OBSERVER][1]],
                assignees=[*actors[Role.ASSIGNED][0], *actors[Role.ASSIGNED][1]],
            ),
            source=source,
            **extra,
        )
        return ticket.pk

    def update(self, ctx: Ctx, pk: Any, data: dict[str, Any]) -> None:
        """One PUT, one change: fields, actors and status together, or nothing."""
        ticket = ticket_for(ctx, pk)
        changes: dict[str, Any] = {}
        for glpi_name, name in TICKET_FIELD_MAP.items():
            if glpi_name in data:
                value = data[glpi_name]
                if name in ("title", "content") and value is not None:
                    if isinstance(value, dict | list):
                        raise InvalidInput(_("Texte attendu pour %s.") % glpi_name, field=name)
                    value = str(value)  # GLPI clients send numbers as names too
                changes[name] = value
        if "content" in changes:
            changes["content"] = richtext.from_glpi(str(changes["content"] or ""))
        if "itilcategories_id" in data:
            changes["category"] = pick_category(ctx.who, data["itilcategories_id"] or 0)
        changes = {k: v for k, v in changes.items() if _differs(ticket, k, v)}
        if data.get("status") not in (None, ""):
            changes["status"] = _int(data["status"], "status")
        actors = _actor_input(ctx, data)
        workflow.edit_ticket(
            ticket,
            by=ctx.who,
            changes=changes,
            add_actors=workflow.Actors(
                requesters=[*actors[Role.REQUESTER][0], *actors[Role.REQUESTER][1]],
                observers=[*actors[Role.OBSERVER][0], *actors[Role.OBSERVER][1]],
                assignees=[*actors[Role.ASSIGNED][0], *actors[Role.ASSIGNED][1]],
            ),
        )

    def delete(self, ctx: Ctx, pk: Any, *, purge: bool) -> None:
        ticket = (
            access.visible_tickets(ctx.who, include_deleted=True).filter(pk=_int(pk, "id")).first()
        )
        if ticket is None:
            raise GlpiError("ERROR_ITEM_NOT_FOUND", _("Élément introuvable."))
        if purge:
            workflow.purge_ticket(ticket, by=ctx.who)
        else:
            workflow.delete_ticket(ticket, by=ctx.who)


def _actiontime(t: Ticket) -> int:
    """GLPI's ticket ``actiontime``: the total duration of its tasks, in seconds."""
    total = getattr(t, "glpi_actiontime", None)
    if total is None:
        total = Task.objects.filter(ticket=t).aggregate(total=Sum("duration_seconds"))["total"]
    return int(total or 0)


def _delay(start: datetime | None, end: datetime | None, waiting: int = 0) -> int:
    """GLPI's ``*_delay_stat`` without a calendar: seconds from start to end, less waiting."""
    if start is None or end is None:
        return 0
    return max(0, int((end - start).total_seconds()) - waiting)


def _differs(ticket: Ticket, name: str, value: Any) -> bool:
    """Whether a PUT really changes a field (clients resend whole items)."""
    if name == "category":
        return (value.pk if value else None) != ticket.category_id
    current = getattr(ticket, name)
    if isinstance(current, int):
        try:
            return parsing.integer(value) != current
        except parsing.BadValue:
            return True
    return str(value) != current


# --- Timeline items -------------------------------------------------------------------------


class FollowupItem(ItemType):
    name = "ITILFollowup"
    parent_key = "items_id"
    model = Followup
    sort_fields = {
        "id": "pk",
        "date": "created_at",
        "date_mod": "updated_at",
        "date_creation": "created_at",
        "items_id": "ticket_id",
    }
    text_fields = {"content": "content"}
    read_only = False

    def queryset(self, ctx: Ctx) -> QuerySet:
        return access.followups_visible_to(ctx.who)

    def prepare(self, queryset: QuerySet) -> QuerySet:
        return queryset.select_related("author", "editor")

    def fields(self, ctx: Ctx, f: Followup) -> dict[str, Any]:
        return defaults("ITILFollowup") | {
            "id": f.pk,
            "itemtype": "Ticket",
            "items_id": f.ticket_id,
            "date": date(f.created_at),
            "users_id": _user(ctx, f.author, f.author_id),
            "users_id_editor": _user(ctx, f.editor, f.editor_id),
            "content": _html(ctx, f.content),
            "is_private": int(f.is_private),
            "requesttypes_id": SOURCE_TO_GLPI.get(f.source, 6),
            "date_mod": date(f.updated_at),
            "date_creation": date(f.created_at),
            "timeline_position": 1,
            "sourceitems_id": 0,
            "sourceof_items_id": 0,
        }

    def links(self, ctx: Ctx, f: Followup) -> list[dict[str, str]]:
        return [{"rel": "Ticket", "href": ctx.url("Ticket", f.ticket_id)}]

    def add(self, ctx: Ctx, data: dict[str, Any]) -> int:
        from escalade.itiltemplates.glpi import with_template

        ticket = ticket_for(ctx, _parent_ticket_id(data))
        data = with_template(ctx, ticket, data, "suivi")
        content = data["content"] if isinstance(data.get("content"), richtext.Html) else ""
        content = content or richtext.from_glpi(str(data.get("content") or ""))
        if boolean(data.get("add_close")):
            workflow.approve_solution(
                ticket, by=ctx.who, comment=content or _("Solution approuvée")
            )
            return _last_followup_id(ctx, ticket)
        if boolean(data.get("add_reopen")):
            return workflow.refuse_solution(ticket, by=ctx.who, reason=content).pk
        source: str = Source.API
        if data.get("requesttypes_id") not in (None, "", 0):
            source = GLPI_TO_SOURCE.get(
                _int(data["requesttypes_id"], "requesttypes_id"), Source.API
            )
        status = data.get("_status", data.get("status"))
        created = workflow.add_followup(
            ticket,
            by=ctx.who,
            content=content,
            is_private=boolean(data.get("is_private")),
            status=_int(status, "status") if status not in (None, "") else None,
            source=source,
        )
        return created.pk

    def update(self, ctx: Ctx, pk: Any, data: dict[str, Any]) -> None:
        followup = self.get(ctx, pk)
        workflow.update_followup(
            followup,
            by=ctx.who,
            content=_glpi_text(data, "content"),
            is_private=_optional_bool(data, "is_private"),
        )


def _optional_bool(data: dict[str, Any], key: str) -> bool | None:
    return boolean(data[key]) if key in data and data[key] not in (None, "") else None


def _optional_text(data: dict[str, Any], key: str) -> str | None:
    return str(data[key]) if key in data and data[key] is not None else None


def _glpi_text(data: dict[str, Any], key: str) -> str | None:
    """A GLPI client's content: real HTML is sanitized, anything else kept as typed text."""
    text = _optional_text(data, key)
    return richtext.from_glpi(text) if text is not None else None


def _last_followup_id(ctx: Ctx, ticket: Ticket) -> int:
    last = access.visible_followups(ctx.who, ticket).filter(author=ctx.who.user).last()
    return last.pk if last else 0


class TaskItem(ItemType):
    name = "TicketTask"
    parent_key = "tickets_id"
    model = Task
    sort_fields = {
        "id": "pk",
        "date": "created_at",
        "date_mod": "updated_at",
        "date_creation": "created_at",
        "tickets_id": "ticket_id",
        "state": "state",
    }
    text_fields = {"content": "content"}
    read_only = False

    def queryset(self, ctx: Ctx) -> QuerySet:
        return access.tasks_visible_to(ctx.who)

    def prepare(self, queryset: QuerySet) -> QuerySet:
        return queryset.select_related("author", "editor", "technician", "group")

    def fields(self, ctx: Ctx, t: Task) -> dict[str, Any]:
        return defaults("TicketTask") | {
            "id": t.pk,
            "tickets_id": t.ticket_id,
            "taskcategories_id": 0,
            "date": date(t.created_at),
            "users_id": _user(ctx, t.author, t.author_id),
            "users_id_editor": _user(ctx, t.editor, t.editor_id),
            "content": _html(ctx, t.content),
            "is_private": int(t.is_private),
            "actiontime": t.duration_seconds,
            "begin": None,
            "end": None,
            "state": t.state,
            "users_id_tech": _user(ctx, t.technician, t.technician_id),
            "groups_id_tech": (t.group.name if t.group else "")
            if ctx.expand
            else (t.group_id or 0),
            "date_mod": date(t.updated_at),
            "date_creation": date(t.created_at),
            "tasktemplates_id": 0,
            "timeline_position": 1,
            "sourceitems_id": 0,
            "sourceof_items_id": 0,
        }

    def links(self, ctx: Ctx, t: Task) -> list[dict[str, str]]:
        return [{"rel": "Ticket", "href": ctx.url("Ticket", t.ticket_id)}]

    def add(self, ctx: Ctx, data: dict[str, Any]) -> int:
        from escalade.itiltemplates.glpi import with_template

        ticket = ticket_for(ctx, data.get("tickets_id", data.get("items_id")))
        data = with_template(ctx, ticket, data, "tache")
        technicians = pick_users(ctx.who, _ids(data.get("users_id_tech")))
        groups = pick_groups(ctx.who, _ids(data.get("groups_id_tech")))
        state = data.get("state")
        status = data.get("_status")
        content = data.get("content")
        task = workflow.add_task(
            ticket,
            by=ctx.who,
            content=content
            if isinstance(content, richtext.Html)
            else richtext.from_glpi(str(content or "")),
            is_private=boolean(data.get("is_private")),
            state=_int(state, "state") if state not in (None, "") else 1,
            duration_seconds=_int(data.get("actiontime") or 0, "actiontime"),
            technician=technicians[0] if technicians else None,
            group=groups[0] if groups else None,
            status=_int(status, "_status") if status not in (None, "") else None,
        )
        return task.pk

    def update(self, ctx: Ctx, pk: Any, data: dict[str, Any]) -> None:
        task = self.get(ctx, pk)
        state = data.get("state")
        duration = data.get("actiontime")
        workflow.update_task(
            task,
            by=ctx.who,
            content=_glpi_text(data, "content"),
            state=_int(state, "state") if state not in (None, "") else None,
            duration_seconds=_int(duration, "actiontime") if duration not in (None, "") else None,
            is_private=_optional_bool(data, "is_private"),
        )


class SolutionItem(ItemType):
    name = "ITILSolution"
    parent_key = "items_id"
    model = Solution
    sort_fields = {
        "id": "pk",
        "date_creation": "created_at",
        "items_id": "ticket_id",
        "status": "status",
    }
    text_fields = {"content": "content"}
    read_only = False

    def queryset(self, ctx: Ctx) -> QuerySet:
        return Solution.objects.filter(ticket__in=access.visible_tickets(ctx.who))

    def prepare(self, queryset: QuerySet) -> QuerySet:
        return queryset.select_related("author", "decided_by", "solution_type")

    def fields(self, ctx: Ctx, s: Solution) -> dict[str, Any]:
        return defaults("ITILSolution") | {
            "id": s.pk,
            "itemtype": "Ticket",
            "items_id": s.ticket_id,
            "solutiontypes_id": s.solution_type_id or 0,
            "solutiontype_name": s.solution_type.name if s.solution_type else None,
            "content": _html(ctx, s.content),
            "date_creation": date(s.created_at),
            "date_mod": date(s.created_at),
            "date_approval": date(s.decided_at),
            "users_id": _user(ctx, s.author, s.author_id),
            "user_name": s.author.username if s.author else None,
            "users_id_editor": 0,
            "users_id_approval": _user(ctx, s.decided_by, s.decided_by_id),
            "user_name_approval": s.decided_by.username if s.decided_by else None,
            "status": s.status,
            "itilfollowups_id": None,
        }

    def links(self, ctx: Ctx, s: Solution) -> list[dict[str, str]]:
        return [{"rel": "Ticket", "href": ctx.url("Ticket", s.ticket_id)}]

    def add(self, ctx: Ctx, data: dict[str, Any]) -> int:
        """``solutiontypes_id``; ``_solutiontemplates_id`` copies a template's content
        (variables filled) and type, as GLPI does, unless they are given."""
        from escalade.itiltemplates import glpi as templates

        ticket = ticket_for(ctx, _parent_ticket_id(data))
        content, solution_type = templates.solution_input(ctx, ticket, data)
        return workflow.add_solution(
            ticket, by=ctx.who, content=content, solution_type=solution_type
        ).pk


# --- Actors ----------------------------------------------------------------------------------


class TicketUserItem(ItemType):
    name = "Ticket_User"
    parent_key = "tickets_id"
    model = TicketActor
    sort_fields = {"id": "pk", "tickets_id": "ticket_id", "users_id": "user_id", "type": "role"}
    read_only = False
    is_group = False

    def queryset(self, ctx: Ctx) -> QuerySet:
        return TicketActor.objects.filter(
            ticket__in=access.visible_tickets(ctx.who),
            group__isnull=not self.is_group,
            user__isnull=self.is_group,
        )

    def prepare(self, queryset: QuerySet) -> QuerySet:
        return queryset.select_related("user", "group")

    def fields(self, ctx: Ctx, a: TicketActor) -> dict[str, Any]:
        return defaults("Ticket_User") | {
            "id": a.pk,
            "tickets_id": a.ticket_id,
            "users_id": _user(ctx, a.user, a.user_id),
            "type": a.role,
            "use_notification": int(a.use_notification),
            "alternative_email": a.alternative_email or "",
        }

    def links(self, ctx: Ctx, a: TicketActor) -> list[dict[str, str]]:
        return [{"rel": "Ticket", "href": ctx.url("Ticket", a.ticket_id)}]

    def _party(self, ctx: Ctx, data: dict[str, Any]) -> dict[str, Any]:
        users = pick_users(ctx.who, _ids(data.get("users_id")))
        if not users:
            raise InvalidInput(_("users_id est obligatoire."), field="users_id")
        return {"user": users[0]}

    def add(self, ctx: Ctx, data: dict[str, Any]) -> int:
        ticket = ticket_for(ctx, data.get("tickets_id"))
        role = _int(data.get("type") or Role.REQUESTER, "type")
        extra: dict[str, Any] = {}
        if not self.is_group:
            extra["use_notification"] = boolean(data.get("use_notification"), default=True)
            extra["alternative_email"] = str(data.get("alternative_email") or "")
        actor = workflow.add_actor(ticket, by=ctx.who, role=role, **self._party(ctx, data), **extra)
        if not actor.added:  # type: ignore[attr-defined]
            raise InvalidInput(_("Cet acteur est déjà présent sur le ticket."))
        return actor.pk

    def delete(self, ctx: Ctx, pk: Any, *, purge: bool) -> None:
        actor = self.get(ctx, pk)
        workflow.remove_actor(actor.ticket, by=ctx.who, actor=actor)


class GroupTicketItem(TicketUserItem):
    name = "Group_Ticket"
    sort_fields = {"id": "pk", "tickets_id": "ticket_id", "groups_id": "group_id", "type": "role"}
    is_group = True

    def fields(self, ctx: Ctx, a: TicketActor) -> dict[str, Any]:
        group = (a.group.name if a.group else "") if ctx.expand else a.group_id
        return defaults("Group_Ticket") | {
            "id": a.pk,
            "tickets_id": a.ticket_id,
            "groups_id": group,
            "type": a.role,
        }

    def _party(self, ctx: Ctx, data: dict[str, Any]) -> dict[str, Any]:
        groups = pick_groups(ctx.who, _ids(data.get("groups_id")))
        if not groups:
            raise InvalidInput(_("groups_id est obligatoire."), field="groups_id")
        return {"group": groups[0]}


# --- Documents -------------------------------------------------------------------------------


class DocumentItem(ItemType):
    name = "Document"
    parent_key = "items_id"
    model = Attachment
    sort_fields = {
        "id": "pk",
        "name": "filename",
        "filename": "filename",
        "date_creation": "created_at",
        "date_mod": "created_at",
    }
    text_fields = {"name": "filename", "filename": "filename"}
    read_only = False

    def queryset(self, ctx: Ctx) -> QuerySet:
        return access.attachments_visible_to(ctx.who)

    def prepare(self, queryset: QuerySet) -> QuerySet:
        return queryset.select_related("ticket", "uploaded_by")

    def fields(self, ctx: Ctx, a: Attachment) -> dict[str, Any]:
        return defaults("Document") | {
            "id": a.pk,
            "entities_id": a.ticket.entity_id,
            "is_recursive": 0,
            "name": clean_name(a.filename),
            "filename": clean_name(a.filename),
            "filepath": "",
            "documentcategories_id": 0,
            "mime": a.content_type,
            "date_mod": date(a.created_at),
            "comment": "",
            "is_deleted": 0,
            "link": "",
            "users_id": _user(ctx, a.uploaded_by, a.uploaded_by_id),
            "tickets_id": a.ticket_id,
            "sha1sum": None,
            "sha256sum": a.sha256,
            "is_blacklisted": 0,
            "tag": "",
            "date_creation": date(a.created_at),
            "filesize": a.size,
        }

    def links(self, ctx: Ctx, a: Attachment) -> list[dict[str, str]]:
        return [{"rel": "Ticket", "href": ctx.url("Ticket", a.ticket_id)}]

    def add(self, ctx: Ctx, data: dict[str, Any]) -> int:
        files = [f for key in ctx.request.FILES for f in ctx.request.FILES.getlist(key)]
        if not files:
            raise InvalidInput(_("Aucun fichier reçu (filename[0])."), field="filename")
        target = data.get("items_id", data.get("tickets_id"))
        if target in (None, "", 0, "0"):
            raise InvalidInput(
                _(
                    "Escalade attache chaque document à un ticket : "
                    "précisez itemtype « Ticket » et items_id."
                ),
                field="items_id",
            )
        ticket = ticket_for(ctx, _parent_ticket_id({**data, "items_id": target}))
        uploads = [Upload.from_file(f, name=f.name) for f in files]
        stored = workflow.add_attachments(ticket, by=ctx.who, attachments=uploads)
        ctx.cache["upload_result"] = {
            "filename": [
                {
                    "name": clean_name(a.filename),
                    "size": a.size,
                    "type": a.content_type,
                    "url": ctx.url("Document", a.pk),
                    "id": a.pk,
                }
                for a in stored
            ]
        }
        return stored[0].pk


class DocumentItemItem(DocumentItem):
    name = "Document_Item"

    def prepare(self, queryset: QuerySet) -> QuerySet:
        return super().prepare(queryset).prefetch_related("validation_links")

    def fields(self, ctx: Ctx, a: Attachment) -> dict[str, Any]:
        # A document sent with a validation request is GLPI's Document_Item of the
        # TicketValidation (the first one, for a request to a group).
        links = list(a.validation_links.all())
        return defaults("Document_Item") | {
            "id": a.pk,
            "documents_id": a.pk,
            "items_id": links[0].validation_id if links else a.ticket_id,
            "itemtype": "TicketValidation" if links else "Ticket",
            "entities_id": a.ticket.entity_id,
            "is_recursive": 0,
            "date_mod": date(a.created_at),
            "users_id": _user(ctx, a.uploaded_by, a.uploaded_by_id),
            "timeline_position": 1,
            "date_creation": date(a.created_at),
            "date": date(a.created_at),
        }

    def links(self, ctx: Ctx, a: Attachment) -> list[dict[str, str]]:
        return [
            {"rel": "Document", "href": ctx.url("Document", a.pk)},
            {"rel": "Ticket", "href": ctx.url("Ticket", a.ticket_id)},
        ]

    def add(self, ctx: Ctx, data: dict[str, Any]) -> int:
        """Link a document the caller can read to a ticket: Escalade stores a copy there."""
        number = _int(data.get("documents_id") or 0, "documents_id")
        try:
            source = access.get_attachment_for(ctx.who, number)
        except TicketNotFound:
            raise InvalidInput(
                _("Document introuvable : %s") % number, field="documents_id"
            ) from None
        ticket = ticket_for(ctx, _parent_ticket_id(data))
        if source.ticket_id == ticket.pk:
            raise InvalidInput(_("Ce document est déjà lié à ce ticket."), field="documents_id")
        with source.file.open("rb") as handle:
            upload = Upload(name=source.filename, content=handle.read())
        return workflow.add_attachments(ticket, by=ctx.who, attachments=[upload])[0].pk


# --- The directory (read only) ----------------------------------------------------------------


class CategoryItem(ItemType):
    name = "ITILCategory"
    model = Category
    sort_fields = {"id": "pk", "name": "name", "completename": "full_name", "level": "level"}
    text_fields = {"name": "name", "completename": "full_name", "comment": "comment"}

    def queryset(self, ctx: Ctx) -> QuerySet:
        return access.visible_categories(ctx.who)

    def prepare(self, queryset: QuerySet) -> QuerySet:
        return queryset.select_related("ticket_templates")

    def fields(self, ctx: Ctx, c: Category) -> dict[str, Any]:
        templates = getattr(c, "ticket_templates", None)
        return defaults("ITILCategory") | {
            "id": c.pk,
            "entities_id": c.entity_id,
            "is_recursive": int(c.is_recursive),
            "itilcategories_id": c.parent_id or 0,
            "name": c.name,
            "completename": c.full_name,
            "comment": c.comment,
            "level": c.level + 1,
            "code": c.code,
            "users_id": c.user_in_charge_id or 0,
            "groups_id": c.group_in_charge_id or 0,
            "is_helpdeskvisible": int(c.is_helpdesk_visible),
            "is_incident": int(c.is_incident),
            "is_request": int(c.is_request),
            "is_problem": 0,
            "is_change": 0,
            "tickettemplates_id_incident": (templates.incident_id or 0) if templates else 0,
            "tickettemplates_id_demand": (templates.request_id or 0) if templates else 0,
        }


class GroupItem(ItemType):
    name = "Group"
    model = SupportGroup
    sort_fields = {"id": "pk", "name": "name", "completename": "name"}
    text_fields = {"name": "name", "completename": "name"}

    def queryset(self, ctx: Ctx) -> QuerySet:
        return access.visible_groups(ctx.who)

    def fields(self, ctx: Ctx, g: SupportGroup) -> dict[str, Any]:
        return defaults("Group") | {
            "id": g.pk,
            "entities_id": g.entity_id,
            "is_recursive": int(g.is_recursive),
            "name": g.name,
            "completename": g.name,
            "comment": "",
            "level": 1,
            "groups_id": 0,
            "is_requester": int(g.may_be_requester),
            "is_assign": int(g.may_be_assigned),
            "is_watcher": int(g.may_be_observer),
            "is_notify": int(g.is_notified),
            "is_itemgroup": 0,
            "is_usergroup": 1,
            "is_manager": 1,
        }


class GroupUserItem(ItemType):
    name = "Group_User"
    model = Membership
    sort_fields = {"id": "pk", "groups_id": "group_id", "users_id": "user_id"}

    def queryset(self, ctx: Ctx) -> QuerySet:
        return Membership.objects.filter(
            group__in=access.visible_groups(ctx.who), user__in=access.visible_users(ctx.who)
        )

    def prepare(self, queryset: QuerySet) -> QuerySet:
        return queryset.select_related("group", "user")

    def fields(self, ctx: Ctx, m: Membership) -> dict[str, Any]:
        return defaults("Group_User") | {
            "id": m.pk,
            "users_id": _user(ctx, m.user, m.user_id),
            "groups_id": m.group.name if ctx.expand else m.group_id,
            "is_dynamic": 0,
            "is_manager": int(m.group.supervisor_id == m.user_id),
            "is_userdelegate": int(m.is_delegate),
        }


class UserItem(ItemType):
    name = "User"
    model = User
    sort_fields = {
        "id": "pk",
        "name": "username",
        "realname": "last_name",
        "firstname": "first_name",
    }
    text_fields = {"name": "username", "realname": "last_name", "firstname": "first_name"}

    def queryset(self, ctx: Ctx) -> QuerySet:
        return access.visible_users(ctx.who)

    def fields(self, ctx: Ctx, u: User) -> dict[str, Any]:
        return defaults("User") | {
            "id": u.pk,
            "name": u.username,
            "realname": u.last_name,
            "firstname": u.first_name,
            "phone": u.phone,
            "is_active": int(u.is_active),
            "language": "fr_FR" if u.language == "fr" else "en_GB",
            "date_creation": date(u.date_joined),
            "last_login": date(u.last_login),
            "is_deleted": 0,
            "authtype": 1,
        }


class EntityItem(ItemType):
    name = "Entity"
    model = Entity
    sort_fields = {"id": "pk", "name": "name", "completename": "full_name", "level": "level"}
    text_fields = {"name": "name", "completename": "full_name"}

    def queryset(self, ctx: Ctx) -> QuerySet:
        return access.visible_entities(ctx.who)

    def fields(self, ctx: Ctx, e: Entity) -> dict[str, Any]:
        return defaults("Entity") | {
            "id": e.pk,
            "name": e.name,
            "entities_id": e.parent_id or 0,
            "completename": e.full_name,
            "comment": "",
            "level": e.level + 1,
            "autoclose_delay": e.autoclose_days if e.autoclose_days is not None else -2,
        }


class ProfileItem(ItemType):
    name = "Profile"
    model = Profile
    sort_fields = {"id": "pk", "name": "name"}
    text_fields = {"name": "name"}

    def queryset(self, ctx: Ctx) -> QuerySet:
        return Profile.objects.filter(pk__in=[p.pk for p in ctx.who.profiles])

    def fields(self, ctx: Ctx, p: Profile) -> dict[str, Any]:
        return profile_fields(p)


def active_profile_fields(p: Profile) -> dict[str, Any]:
    """GLPI's ``glpiactiveprofile``: the profile's fields and its rights as GLPI bitmasks."""
    return profile_fields(p) | glpi_masks(p.rights or [])


def profile_fields(p: Profile) -> dict[str, Any]:
    return defaults("Profile") | {
        "id": p.pk,
        "name": p.name,
        "interface": "helpdesk" if p.interface == Interface.SIMPLIFIED else "central",
        "is_default": int(p.is_default),
        "rights": list(p.rights),
    }


# --- History ---------------------------------------------------------------------------------

FIELD_OPTION = {
    "title": 1,
    "content": 21,
    "type": 14,
    "category": 7,
    "urgency": 10,
    "impact": 11,
    "priority": 3,
}
LINKED_ACTION = {
    "created": 20,
    "deleted": 13,
    "restored": 14,
    "actor_added": 15,
    "actor_removed": 16,
    "attachment_added": 15,
    "followup_added": 17,
    "task_added": 17,
    "solution_added": 17,
    "followup_updated": 18,
    "task_updated": 18,
}
LINKED_TYPE = {
    "followup_added": "ITILFollowup",
    "task_added": "TicketTask",
    "followup_updated": "ITILFollowup",
    "task_updated": "TicketTask",
    "solution_added": "ITILSolution",
    "attachment_added": "Document",
}


def ticket_log(ctx: Ctx, ticket: Ticket) -> list[dict[str, Any]]:
    """The ticket's history as GLPI Log rows, with the history's privacy rule
    (``access.can_see_event``, as « Historique »)."""
    events = TicketEvent.objects.filter(ticket=ticket).select_related("actor")
    return [
        _log_row(event, event.data or {})
        for event in events.order_by("-created_at", "-pk")
        if access.can_see_event(ctx.who, event)
    ]


def _log_row(event: TicketEvent, data: dict[str, Any]) -> dict[str, Any]:
    kind = event.kind
    link = LINKED_TYPE.get(kind, "")
    if kind in ("actor_added", "actor_removed"):
        link = "User" if data.get("user") else "Group"
    option = 0
    old: Any = ""
    new: Any = ""
    if kind == "field_changed":
        option = FIELD_OPTION.get(str(data.get("field")), 0)
        old, new = data.get("old"), data.get("new")
    elif kind == "status_changed":
        option, old, new = 12, data.get("old"), data.get("new")
    elif kind in ("actor_added", "actor_removed"):
        option = {1: 4, 2: 5, 3: 66}.get(int(data.get("role") or 0), 0)
        if data.get("group"):
            option = {1: 71, 2: 8, 3: 65}.get(int(data.get("role") or 0), 0)
        value = data.get("user") or data.get("group")
        old, new = (value, "") if kind == "actor_removed" else ("", value)
    elif kind in LINKED_TYPE:
        new = next(
            (data[k] for k in ("followup", "task", "solution", "attachment") if data.get(k)), ""
        )
    actor = event.actor
    return {
        "id": event.pk,
        "itemtype": "Ticket",
        "items_id": event.ticket_id,
        "itemtype_link": link,
        "linked_action": LINKED_ACTION.get(kind, 0),
        "user_name": f"{actor.username} ({actor.pk})" if actor else "",
        "date_mod": date(event.created_at),
        "id_search_option": option,
        "old_value": "" if old is None else str(old),
        "new_value": "" if new is None else str(new),
        "escalade_kind": kind,
    }


# --- Registry ------------------------------------------------------------------------------------

ITEMTYPES: dict[str, ItemType] = {
    t.name.lower(): t
    for t in (
        TicketItem(),
        FollowupItem(),
        TaskItem(),
        SolutionItem(),
        TicketUserItem(),
        GroupTicketItem(),
        DocumentItem(),
        DocumentItemItem(),
        CategoryItem(),
        GroupItem(),
        GroupUserItem(),
        UserItem(),
        EntityItem(),
        ProfileItem(),
    )
}

# Calendars and service levels (escalade.slas), read only.
from escalade.slas.glpi import ITEMTYPES as SLA_ITEMTYPES  # noqa: E402

ITEMTYPES.update({t.name.lower(): t for t in SLA_ITEMTYPES})
from escalade.validations.glpi import ITEMTYPES as VALIDATION_ITEMTYPES  # noqa: E402
from escalade.validations.glpi import glpi_ticket_fields as validation_ticket_fields  # noqa: E402

ITEMTYPES.update({t.name.lower(): t for t in VALIDATION_ITEMTYPES})
from escalade.links.glpi import ITEMTYPES as LINK_ITEMTYPES  # noqa: E402
from escalade.links.glpi import ticket_links  # noqa: E402

ITEMTYPES.update({t.name.lower(): t for t in LINK_ITEMTYPES})
from escalade.tickettemplates.glpi import ITEMTYPES as TEMPLATE_ITEMTYPES  # noqa: E402

ITEMTYPES.update({t.name.lower(): t for t in TEMPLATE_ITEMTYPES})

# Sub-items of a ticket: Ticket/:id/<sub>, as querysets of the sub itemtype's objects.
TICKET_SUBITEMS: dict[str, Callable[[Ctx, Ticket], QuerySet]] = {
    "ticketvalidation": lambda ctx, t: TicketValidation.objects.filter(ticket=t),
    "itilfollowup": lambda ctx, t: access.visible_followups(ctx.who, t),
    "tickettask": lambda ctx, t: access.visible_tasks(ctx.who, t),
    "itilsolution": lambda ctx, t: Solution.objects.filter(ticket=t),
    "ticket_user": lambda ctx, t: TicketActor.objects.filter(ticket=t, user__isnull=False),
    "group_ticket": lambda ctx, t: TicketActor.objects.filter(ticket=t, group__isnull=False),
    "document_item": lambda ctx, t: access.visible_attachments(ctx.who, t),
    "document": lambda ctx, t: access.visible_attachments(ctx.who, t),
    "ticket_ticket": ticket_links,
}


def itemtype(name: str) -> ItemType:
    found = ITEMTYPES.get(name.lower())
    if found is None:
        raise GlpiError(
            "ERROR_RESOURCE_NOT_FOUND_NOR_COMMONDBTM", _("Ressource inconnue : %s") % name
        )
    return found


def text_filter(item: ItemType, search: Any) -> Q:
    """``searchText[field]=value`` over the itemtype's allowlisted text fields."""
    condition = Q()
    if not isinstance(search, dict):
        return condition
    for key, value in search.items():
        if value in (None, ""):
            continue
        try:
            value = parsing.text(value if isinstance(value, str) else str(value), max_length=1000)
        except parsing.BadValue as error:
            raise GlpiError("ERROR", _("Requête invalide : %s") % error.message) from None
        if key == "all":
            any_field = Q(pk__in=[])
            for orm in item.text_fields.values():
                any_field |= Q(**{f"{orm}__icontains": str(value)})
            condition &= any_field
            continue
        column = item.text_fields.get(str(key))
        if column is None:
            raise GlpiError(
                "ERROR", _("Requête invalide : champ de recherche inconnu « %s ».") % key
            )
        condition &= Q(**{f"{column}__icontains": str(value)})
    return condition
