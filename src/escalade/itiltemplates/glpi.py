"""GLPI's template item types on the legacy API, read only, with GLPI 10's fields:
``ITILFollowupTemplate``, ``TaskTemplate``, ``SolutionTemplate``, ``SolutionType``
(those of the caller's entities, or shared from above)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext

from escalade.glpi import items
from escalade.glpi.items import SOURCE_TO_GLPI, Ctx, ItemType, date
from escalade.itiltemplates import access
from escalade.itiltemplates.models import (
    FollowupTemplate,
    SolutionTemplate,
    SolutionType,
    TaskTemplate,
    Template,
)

COLUMNS: dict[str, tuple[str, list[str]]] = {
    "ITILFollowupTemplate": (
        "glpi_itilfollowuptemplates",
        [
            "id",
            "date_creation",
            "date_mod",
            "entities_id",
            "is_recursive",
            "name",
            "content",
            "requesttypes_id",
            "is_private",
            "comment",
        ],
    ),
    "TaskTemplate": (
        "glpi_tasktemplates",
        [
            "id",
            "entities_id",
            "is_recursive",
            "name",
            "content",
            "taskcategories_id",
            "actiontime",
            "comment",
            "date_mod",
            "date_creation",
            "state",
            "is_private",
            "users_id_tech",
            "groups_id_tech",
        ],
    ),
    "SolutionTemplate": (
        "glpi_solutiontemplates",
        [
            "id",
            "entities_id",
            "is_recursive",
            "name",
            "content",
            "solutiontypes_id",
            "comment",
            "date_mod",
            "date_creation",
        ],
    ),
    "SolutionType": (
        "glpi_solutiontypes",
        ["id", "name", "comment", "entities_id", "is_recursive", "date_mod", "date_creation"],
    ),
}


def _common(ctx: Ctx, t: Template) -> dict[str, Any]:
    return {
        "id": t.pk,
        "entities_id": t.entity_id,
        "is_recursive": int(t.is_recursive),
        "name": t.name,
        "content": items._html(ctx, t.content),
        "comment": t.comment or None,
        "date_mod": date(t.updated_at),
        "date_creation": date(t.created_at),
    }


class _TemplateType(ItemType):
    sort_fields = {"id": "pk", "name": "name", "date_mod": "updated_at"}
    text_fields = {"name": "name", "content": "content", "comment": "comment"}

    def queryset(self, ctx: Ctx) -> QuerySet:
        return access.visible_templates(ctx.who, self.model)  # type: ignore[arg-type]

    def columns(self) -> list[str]:
        return COLUMNS[self.name][1]

    def fields(self, ctx: Ctx, t: Any) -> dict[str, Any]:
        values = _common(ctx, t) | self.own(t)
        return {column: values.get(column) for column in self.columns()}

    def own(self, t: Any) -> dict[str, Any]:
        return {}


class FollowupTemplateType(_TemplateType):
    name = "ITILFollowupTemplate"
    model = FollowupTemplate

    def own(self, t: FollowupTemplate) -> dict[str, Any]:
        return {"requesttypes_id": SOURCE_TO_GLPI.get(t.source, 1), "is_private": int(t.is_private)}


class TaskTemplateType(_TemplateType):
    name = "TaskTemplate"
    model = TaskTemplate

    def own(self, t: TaskTemplate) -> dict[str, Any]:
        return {
            "taskcategories_id": 0,
            "actiontime": t.duration_seconds,
            "state": t.state,
            "is_private": int(t.is_private),
            "users_id_tech": t.technician_id or 0,
            "groups_id_tech": t.group_id or 0,
        }


class SolutionTemplateType(_TemplateType):
    name = "SolutionTemplate"
    model = SolutionTemplate

    def own(self, t: SolutionTemplate) -> dict[str, Any]:
        return {"solutiontypes_id": t.solution_type_id or 0}


class SolutionTypeType(ItemType):
    name = "SolutionType"
    model = SolutionType
    sort_fields = {"id": "pk", "name": "name"}
    text_fields = {"name": "name", "comment": "comment"}

    def queryset(self, ctx: Ctx) -> QuerySet:
        return access.visible_solution_types(ctx.who)

    def fields(self, ctx: Ctx, t: SolutionType) -> dict[str, Any]:
        return {
            "id": t.pk,
            "name": t.name,
            "comment": t.comment or None,
            "entities_id": t.entity_id,
            "is_recursive": int(t.is_recursive),
            "date_mod": date(t.updated_at),
            "date_creation": date(t.created_at),
        }


ITEMTYPES: list[ItemType] = [
    FollowupTemplateType(),
    TaskTemplateType(),
    SolutionTemplateType(),
    SolutionTypeType(),
]


def register() -> None:
    for item in ITEMTYPES:
        items.ITEMTYPES[item.name.lower()] = item


def solution_input(ctx: Ctx, ticket: Any, data: dict[str, Any]) -> tuple[str, SolutionType | None]:
    """ITILSolution's content and type from GLPI's input (with ``_solutiontemplates_id``)."""
    from escalade.itiltemplates import variables
    from escalade.tickets import richtext
    from escalade.tickets.errors import InvalidInput

    _ = gettext

    content = richtext.from_glpi(str(data.get("content") or ""))
    type_id = items._int(data.get("solutiontypes_id") or 0, "solutiontypes_id")
    template_id = items._int(data.get("_solutiontemplates_id") or 0, "_solutiontemplates_id")
    if template_id:
        template = access.templates_for(ctx.who, ticket, "solution").filter(pk=template_id).first()
        if template is None:
            raise InvalidInput(
                _("Modèle de solution introuvable : %s") % template_id,
                field="_solutiontemplates_id",
            )
        if not str(content).strip():
            context = variables.context_for(ticket, ctx.who.user)
            content = richtext.Html(variables.render_html(template.content, context))
        type_id = type_id or (template.solution_type_id or 0)
    solution_type = None
    if type_id:
        solution_type = access.solution_types_for(ticket).filter(pk=type_id).first()
        if solution_type is None:
            raise InvalidInput(
                _("Type de solution introuvable : %s") % type_id, field="solutiontypes_id"
            )
    return content, solution_type


def with_template(ctx: Ctx, ticket: Any, data: dict[str, Any], kind: str) -> dict[str, Any]:
    """GLPI's ``_itilfollowuptemplates_id`` (followup) or ``_tasktemplates_id`` (task): the
    template's content (variables filled), private flag, source or state and duration, for
    whatever the input does not give itself."""
    from escalade.itiltemplates import variables
    from escalade.tickets import richtext
    from escalade.tickets.errors import InvalidInput

    keys = (
        ("_itilfollowuptemplates_id",)
        if kind == "suivi"
        else (
            "_tasktemplates_id",
            "tasktemplates_id",
        )
    )
    key = next((k for k in keys if data.get(k) not in (None, "", 0, "0")), None)
    if key is None:
        return data
    number = items._int(data[key], key)
    template = access.templates_for(ctx.who, ticket, kind).filter(pk=number).first()
    if template is None:
        raise InvalidInput(gettext("Modèle introuvable : %s") % number, field=key)
    filled = dict(data)
    if not str(filled.get("content") or "").strip():
        context = variables.context_for(ticket, ctx.who.user)
        filled["content"] = richtext.Html(variables.render_html(template.content, context))
    filled.setdefault("is_private", int(template.is_private))
    if isinstance(template, FollowupTemplate):
        filled.setdefault("requesttypes_id", SOURCE_TO_GLPI.get(template.source, 1))
    if isinstance(template, TaskTemplate):
        filled.setdefault("state", template.state)
        filled.setdefault("actiontime", template.duration_seconds)
    return filled
