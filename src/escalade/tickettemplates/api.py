"""/api/v1 for ticket templates (read only: the admin edits them; every create applies them)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from escalade.tickets.api import CONTEXT_HEADERS, ERRORS, ApiView
from escalade.tickets.errors import TicketNotFound
from escalade.tickettemplates.access import visible_templates
from escalade.tickettemplates.models import TicketTemplate

NUM_HELP = (
    "Numéros d'option de recherche de GLPI : 1 titre, 21 description, 7 catégorie, 10 urgence, "
    "11 impact, 3 priorité, 9 source, 4 demandeur, 5 technicien, 8 groupe attribué, "
    "66 observateur, 65 groupe observateur."
)


class TemplateSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    entity = serializers.IntegerField(source="entity_id")
    is_recursive = serializers.BooleanField()
    mandatory = serializers.ListField(child=serializers.IntegerField(), help_text=NUM_HELP)
    predefined = serializers.DictField(
        child=serializers.CharField(), help_text="num → valeur prédéfinie."
    )
    hidden = serializers.ListField(child=serializers.IntegerField())
    readonly = serializers.ListField(child=serializers.IntegerField())
    incident_categories = serializers.ListField(child=serializers.IntegerField())
    request_categories = serializers.ListField(child=serializers.IntegerField())


def _rows(queryset: QuerySet[TicketTemplate]) -> QuerySet[TicketTemplate]:
    return queryset.prefetch_related(
        "mandatoryfield_set", "predefinedfield_set", "hiddenfield_set", "readonlyfield_set"
    ).order_by("name", "pk")


def _out(t: TicketTemplate, categories: dict[str, dict[int, list[int]]]) -> dict[str, Any]:
    return {
        "id": t.pk,
        "name": t.name,
        "entity_id": t.entity_id,
        "is_recursive": t.is_recursive,
        "mandatory": sorted(f.num for f in t.mandatoryfield_set.all()),
        "predefined": {str(f.num): f.value for f in t.predefinedfield_set.all()},
        "hidden": sorted(f.num for f in t.hiddenfield_set.all()),
        "readonly": sorted(f.num for f in t.readonlyfield_set.all()),
        "incident_categories": categories["incident"].get(t.pk, []),
        "request_categories": categories["request"].get(t.pk, []),
    }


def _categories(ids: list[int]) -> dict[str, dict[int, list[int]]]:
    from escalade.tickettemplates.models import CategoryTemplates

    found: dict[str, dict[int, list[int]]] = {"incident": {}, "request": {}}
    for link in CategoryTemplates.objects.filter(incident_id__in=ids) | (
        CategoryTemplates.objects.filter(request_id__in=ids)
    ):
        if link.incident_id in ids:
            found["incident"].setdefault(link.incident_id, []).append(link.category_id)
        if link.request_id in ids:
            found["request"].setdefault(link.request_id, []).append(link.category_id)
    return found


class TemplateCollection(ApiView):
    @extend_schema(
        operation_id="ticket_templates_list",
        parameters=CONTEXT_HEADERS,
        responses={200: TemplateSerializer(many=True), **ERRORS},
        summary="Lister les gabarits de ticket de mes entités (interface standard)",
    )
    def get(self, request: Request) -> Response:
        templates = list(_rows(visible_templates(self.who()))[:500])
        categories = _categories([t.pk for t in templates])
        return Response(
            TemplateSerializer([_out(t, categories) for t in templates], many=True).data
        )


class TemplateDetail(ApiView):
    @extend_schema(
        operation_id="ticket_templates_read",
        parameters=CONTEXT_HEADERS,
        responses={200: TemplateSerializer, **ERRORS},
        summary="Lire un gabarit de ticket",
    )
    def get(self, request: Request, pk: int) -> Response:
        template = _rows(visible_templates(self.who())).filter(pk=pk).first()
        if template is None:
            raise TicketNotFound()
        return Response(TemplateSerializer(_out(template, _categories([template.pk]))).data)
