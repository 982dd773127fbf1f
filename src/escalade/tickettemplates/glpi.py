"""GLPI 10's TicketTemplate and its Mandatory / Predefined / Hidden fields (read only), with
glpi_tickettemplate*'s field names; ``num`` is GLPI's search-option number."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from escalade.glpi.items import Ctx, ItemType
from escalade.tickettemplates.access import visible_templates
from escalade.tickettemplates.models import (
    HiddenField,
    MandatoryField,
    PredefinedField,
    TicketTemplate,
)


class TicketTemplateType(ItemType):
    name = "TicketTemplate"
    model = TicketTemplate
    sort_fields = {"id": "pk", "name": "name"}
    text_fields = {"name": "name", "comment": "comment"}

    def queryset(self, ctx: Ctx) -> QuerySet:
        return visible_templates(ctx.who)

    def fields(self, ctx: Ctx, t: TicketTemplate) -> dict[str, Any]:
        return {
            "id": t.pk,
            "name": t.name,
            "entities_id": t.entity_id,
            "is_recursive": int(t.is_recursive),
            "comment": t.comment,
        }


class _FieldType(ItemType):
    sort_fields = {"id": "pk", "tickettemplates_id": "template_id", "num": "num"}

    def queryset(self, ctx: Ctx) -> QuerySet:
        return self.model._default_manager.filter(template__in=visible_templates(ctx.who))

    def fields(self, ctx: Ctx, f: Any) -> dict[str, Any]:
        return {"id": f.pk, "tickettemplates_id": f.template_id, "num": f.num}


class MandatoryFieldType(_FieldType):
    name = "TicketTemplateMandatoryField"
    model = MandatoryField


class PredefinedFieldType(_FieldType):
    name = "TicketTemplatePredefinedField"
    model = PredefinedField

    def fields(self, ctx: Ctx, f: Any) -> dict[str, Any]:
        return super().fields(ctx, f) | {"value": f.value}


class HiddenFieldType(_FieldType):
    name = "TicketTemplateHiddenField"
    model = HiddenField


ITEMTYPES: list[ItemType] = [
    TicketTemplateType(),
    MandatoryFieldType(),
    PredefinedFieldType(),
    HiddenFieldType(),
]
