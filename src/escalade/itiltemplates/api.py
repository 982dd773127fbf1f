"""/api/v1: the templates offered on a ticket (rendered for it), and the solution types."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from escalade.itiltemplates import access, variables
from escalade.tickets.api.base import CONTEXT_HEADERS, ERRORS, ID, ApiView, paged
from escalade.tickets.api.serializers import PageQuerySerializer, page_of
from escalade.tickets.errors import TicketNotFound

API_KINDS = {"followup": "suivi", "task": "tache", "solution": "solution"}
KIND = OpenApiParameter(
    "kind", str, OpenApiParameter.PATH, enum=list(API_KINDS), description="Type de modèle."
)


class RenderedTemplateSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    for_category = serializers.BooleanField(help_text="Modèle de la catégorie du ticket.")
    text = serializers.CharField(help_text="Le contenu, variables remplacées, en texte brut.")
    is_private = serializers.BooleanField(allow_null=True)
    solution_type = serializers.IntegerField(allow_null=True)


class SolutionTypeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    comment = serializers.CharField()
    entity = serializers.IntegerField(source="entity_id")
    is_recursive = serializers.BooleanField()


SolutionTypePageSerializer = page_of(SolutionTypeSerializer(), "SolutionTypePage")


class TicketTemplates(ApiView):
    @extend_schema(
        operation_id="tickets_templates_list",
        parameters=[ID, KIND, *CONTEXT_HEADERS],
        responses={200: RenderedTemplateSerializer(many=True), **ERRORS},
        summary="Modèles de suivi, de tâche ou de solution du ticket, remplis pour lui",
    )
    def get(self, request: Request, pk: int, kind: str) -> Response:
        who = self.who()
        ticket = self.ticket(pk)
        if kind not in API_KINDS:
            raise TicketNotFound()
        context = variables.context_for(ticket, who.user)
        rows: list[dict[str, Any]] = []
        for t in access.templates_for(who, ticket, API_KINDS[kind]):
            rows.append(
                {
                    "id": t.pk,
                    "name": t.name,
                    "for_category": t.first == 0,
                    "text": variables.render_text(t.content, context),
                    "is_private": getattr(t, "is_private", None),
                    "solution_type": getattr(t, "solution_type_id", None),
                }
            )
        return Response(RenderedTemplateSerializer(rows, many=True).data)


class SolutionTypeList(ApiView):
    @extend_schema(
        operation_id="solution_types_list",
        parameters=[PageQuerySerializer, *CONTEXT_HEADERS],
        responses={200: SolutionTypePageSerializer, **ERRORS},
        summary="Types de solution de vos entités",
    )
    def get(self, request: Request) -> Response:
        types = access.visible_solution_types(self.who()).order_by("name", "pk")
        return paged(request, types, SolutionTypeSerializer)
