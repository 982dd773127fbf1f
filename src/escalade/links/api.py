"""/api/v1 for linked tickets, merges and known incidents: one APIView per operation, over
the same access and workflow functions as the pages."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from escalade.links import access as links_access
from escalade.links import workflow
from escalade.links.models import KnownIncident, LinkKind, TicketLink
from escalade.tickets import access
from escalade.tickets import workflow as tickets_workflow
from escalade.tickets.api import CONTEXT_HEADERS, ERRORS, WITH_ID, WRITE_ERRORS, ApiView, _many
from escalade.tickets.errors import TicketNotFound

LINK_HELP = "1 lié à, 2 doublon de, 3 enfant de, 4 parent de (codes de GLPI, vus de ce ticket)."


class LinkSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    ticket = serializers.IntegerField(help_text=_("L'autre ticket."))
    link = serializers.IntegerField(help_text=LINK_HELP)
    inverted = serializers.BooleanField(help_text=_("Vrai : l'autre ticket est le doublon."))
    status = serializers.IntegerField(help_text=_("Statut de l'autre ticket."))
    title = serializers.CharField()


class LinkInputSerializer(serializers.Serializer):
    ticket = serializers.IntegerField(min_value=1)
    link = serializers.ChoiceField(choices=LinkKind.choices, help_text=LINK_HELP)


class MergeInputSerializer(serializers.Serializer):
    target = serializers.IntegerField(min_value=1, help_text=_("Le ticket qui reçoit tout."))


class KnownIncidentInputSerializer(serializers.Serializer):
    category = serializers.IntegerField(min_value=1, required=False)
    entities = serializers.ListField(child=serializers.IntegerField(min_value=1), required=False)
    is_recursive = serializers.BooleanField(default=True)
    message = serializers.CharField(required=False, allow_blank=True, default="", max_length=500)


class KnownIncidentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    ticket = serializers.IntegerField(source="ticket_id")
    title = serializers.CharField(source="ticket.title")
    category = serializers.IntegerField(source="category_id")
    is_recursive = serializers.BooleanField()
    message = serializers.CharField()


class BroadcastInputSerializer(serializers.Serializer):
    content = serializers.CharField(max_length=100000)


class BroadcastSerializer(serializers.Serializer):
    id = serializers.IntegerField()


def _link_out(row: TicketLink, ticket_id: int) -> dict[str, Any]:
    other = row.ticket_2 if row.ticket_1_id == ticket_id else row.ticket_1
    return {
        "id": row.pk,
        "ticket": other.pk,
        "link": row.kind_from(ticket_id),
        "inverted": row.link == LinkKind.DUPLICATE_WITH and row.ticket_2_id == ticket_id,
        "status": other.status,
        "title": other.title,
    }


LINK_ID = [
    OpenApiParameter("id", {"type": "integer", "minimum": 1}, OpenApiParameter.PATH),
    OpenApiParameter("link_pk", {"type": "integer", "minimum": 1}, OpenApiParameter.PATH),
    *CONTEXT_HEADERS,
]


class TicketLinks(ApiView):
    @extend_schema(
        operation_id="tickets_links_list",
        parameters=WITH_ID,
        responses={200: LinkSerializer(many=True), **ERRORS},
        summary="Tickets liés : les liens dont vous voyez les deux tickets",
    )
    def get(self, request: Request, pk: int) -> Response:
        ticket = self.ticket(pk)
        rows = links_access.links_of(self.who(), ticket)
        return Response([_link_out(r, ticket.pk) for r in rows])

    @extend_schema(
        operation_id="tickets_links_add",
        request=LinkInputSerializer,
        parameters=WITH_ID,
        responses={201: LinkSerializer, **WRITE_ERRORS},
        summary="Lier à un autre ticket (lié, doublon, enfant, parent)",
    )
    def post(self, request: Request, pk: int) -> Response:
        who = self.who()
        ticket = self.ticket(pk)
        data = self.valid(LinkInputSerializer, request.data)
        other = access.get_ticket_for(who, data["ticket"])
        row = workflow.add_link(ticket, by=who, other=other, link=int(data["link"]))
        row = TicketLink.objects.select_related("ticket_1", "ticket_2").get(pk=row.pk)
        return Response(_link_out(row, ticket.pk), status=201)


class TicketLinkDetail(ApiView):
    @extend_schema(
        operation_id="tickets_links_remove",
        parameters=LINK_ID,
        responses={204: None, **WRITE_ERRORS},
        summary="Retirer un lien",
    )
    def delete(self, request: Request, pk: int, link_pk: int) -> Response:
        who = self.who()
        ticket = self.ticket(pk)
        row = links_access.links_of(who, ticket).filter(pk=link_pk).first()
        if row is None:
            raise TicketNotFound()
        workflow.remove_link(ticket, by=who, link=row)
        return Response(status=204)


class TicketMerge(ApiView):
    @extend_schema(
        operation_id="tickets_merge",
        request=MergeInputSerializer,
        parameters=WITH_ID,
        responses={200: LinkSerializer, **WRITE_ERRORS},
        summary="Fusionner ce ticket dans un autre (suivis, documents, acteurs ; clos ensuite)",
    )
    def post(self, request: Request, pk: int) -> Response:
        who = self.who()
        source = self.ticket(pk)
        data = self.valid(MergeInputSerializer, request.data)
        target = access.get_ticket_for(who, data["target"])
        workflow.merge(source, by=who, target=target)
        row = (
            TicketLink.objects.select_related("ticket_1", "ticket_2")
            .filter(ticket_1=source, ticket_2=target)
            .get()
        )
        return Response(_link_out(row, source.pk))


class TicketKnownIncident(ApiView):
    @extend_schema(
        operation_id="tickets_known_incident_mark",
        request=KnownIncidentInputSerializer,
        parameters=WITH_ID,
        responses={200: KnownIncidentSerializer, **WRITE_ERRORS},
        summary="Déclarer le ticket incident en cours (catégorie, entités)",
    )
    def post(self, request: Request, pk: int) -> Response:
        who = self.who()
        ticket = self.ticket(pk)
        data = self.valid(KnownIncidentInputSerializer, request.data)
        category = None
        if data.get("category"):
            (category,) = _many(
                access.visible_categories(who),
                [data["category"]],
                "category",
                _("Catégorie introuvable."),
            )
        entities = _many(
            access.visible_entities(who), data.get("entities"), "entities", _("Entité introuvable.")
        )
        row = workflow.mark_known_incident(
            ticket,
            by=who,
            category=category,
            entities=entities,
            is_recursive=data["is_recursive"],
            message=data["message"],
        )
        return Response(KnownIncidentSerializer(row).data)

    @extend_schema(
        operation_id="tickets_known_incident_unmark",
        parameters=WITH_ID,
        responses={204: None, **WRITE_ERRORS},
        summary="Ne plus afficher le ticket comme incident en cours",
    )
    def delete(self, request: Request, pk: int) -> Response:
        workflow.unmark_known_incident(self.ticket(pk), by=self.who())
        return Response(status=204)


class TicketBroadcast(ApiView):
    @extend_schema(
        operation_id="tickets_broadcast",
        request=BroadcastInputSerializer,
        parameters=WITH_ID,
        responses={201: BroadcastSerializer, **WRITE_ERRORS},
        summary="Ajouter un suivi « diffusé », envoyé à tous les demandeurs",
    )
    def post(self, request: Request, pk: int) -> Response:
        who = self.who()
        ticket = self.ticket(pk)
        data = self.valid(BroadcastInputSerializer, request.data)
        followup = tickets_workflow.add_followup(
            ticket, by=who, content=data["content"], broadcast=True
        )
        return Response({"id": followup.pk}, status=201)


class KnownIncidents(ApiView):
    @extend_schema(
        operation_id="known_incidents_list",
        parameters=CONTEXT_HEADERS,
        responses={200: KnownIncidentSerializer(many=True), **ERRORS},
        summary="Les incidents en cours qui concernent vos entités",
    )
    def get(self, request: Request) -> Response:
        rows = links_access.known_incidents_for(self.who())
        return Response(KnownIncidentSerializer(rows, many=True).data)


class KnownIncidentConcerned(ApiView):
    @extend_schema(
        operation_id="known_incidents_concerned",
        request=None,
        parameters=[
            OpenApiParameter("id", {"type": "integer", "minimum": 1}, OpenApiParameter.PATH),
            *CONTEXT_HEADERS,
        ],
        responses={200: KnownIncidentSerializer, **WRITE_ERRORS},
        summary="« Je suis aussi concerné » : devenir demandeur de cet incident",
    )
    def post(self, request: Request, pk: int) -> Response:
        who = self.who()
        row: KnownIncident = links_access.get_known_incident_for(who, pk)
        workflow.join_known_incident(row, by=who)
        return Response(KnownIncidentSerializer(row).data)
