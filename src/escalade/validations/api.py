"""/api/v1 for validations: one APIView per operation, over the same workflow and rights."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from escalade.core.drf import JSONBodyParser
from escalade.tickets import access
from escalade.tickets.api import (
    CONTEXT_HEADERS,
    ERRORS,
    WITH_ID,
    WRITE_ERRORS,
    ApiView,
    _many,
)
from escalade.tickets.attachments import Upload
from escalade.tickets.errors import TicketNotFound
from escalade.validations import workflow
from escalade.validations.access import visible_validations
from escalade.validations.models import Threshold, TicketValidation, ValidationStatus


class ValidationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    ticket = serializers.IntegerField(source="ticket_id")
    requester = serializers.IntegerField(source="requester_id", allow_null=True)
    validator = serializers.IntegerField(source="validator_id")
    group = serializers.IntegerField(source="group_id", allow_null=True)
    status = serializers.IntegerField(
        help_text="2 en attente de validation, 3 accordée, 4 refusée (codes de GLPI)."
    )
    comment_submission = serializers.CharField(help_text=_("HTML nettoyé."))
    comment_validation = serializers.CharField(help_text=_("HTML nettoyé."))
    submission_date = serializers.DateTimeField()
    validation_date = serializers.DateTimeField(allow_null=True)
    documents = serializers.SerializerMethodField(
        help_text=_("Les documents joints à la demande (GET /api/v1/attachments/{id}/).")
    )

    def get_documents(self, row: TicketValidation) -> list[int]:
        return [link.attachment_id for link in row.document_links.all()]


class ValidationRequestSerializer(serializers.Serializer):
    users = serializers.ListField(child=serializers.IntegerField(min_value=1), required=False)
    groups = serializers.ListField(child=serializers.IntegerField(min_value=1), required=False)
    comment = serializers.CharField(required=False, allow_blank=True, default="", max_length=10000)
    validation_percent = serializers.ChoiceField(
        choices=Threshold.choices,
        default=Threshold.ANY,
        help_text=_("0 : une réponse suffit ; 50 ; 100 : toutes les approbations."),
    )
    attachments = serializers.ListField(
        child=serializers.FileField(),
        required=False,
        max_length=workflow.MAX_DOCUMENTS,
        help_text=_("Documents joints (multipart/form-data)."),
    )


class ValidationAnswerSerializer(serializers.Serializer):
    accept = serializers.BooleanField()
    comment = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=10000,
        help_text=_("Obligatoire pour refuser."),
    )


def _out(rows: Any) -> list[dict[str, Any]]:
    return ValidationSerializer(rows, many=True).data  # type: ignore[return-value]


def _with_documents(rows: Any) -> Any:
    return rows.prefetch_related("document_links")


class TicketValidations(ApiView):
    parser_classes = [JSONBodyParser, MultiPartParser]

    @extend_schema(
        operation_id="tickets_validations_list",
        parameters=WITH_ID,
        responses={200: ValidationSerializer(many=True), **ERRORS},
        summary="Les validations du ticket",
    )
    def get(self, request: Request, pk: int) -> Response:
        ticket = self.ticket(pk)
        return Response(_out(_with_documents(TicketValidation.objects.filter(ticket=ticket))))

    @extend_schema(
        operation_id="tickets_validations_request",
        request={
            "application/json": ValidationRequestSerializer,
            "multipart/form-data": ValidationRequestSerializer,
        },
        parameters=WITH_ID,
        responses={201: ValidationSerializer(many=True), **WRITE_ERRORS},
        summary="Demander une validation à des utilisateurs ou aux membres de groupes",
    )
    def post(self, request: Request, pk: int) -> Response:
        who = self.who()
        ticket = self.ticket(pk)
        raw: Any = request.data
        if hasattr(raw, "getlist"):  # multipart: lists under repeated names
            raw = {
                **raw.dict(),
                **{k: raw.getlist(k) for k in ("users", "groups", "attachments") if k in raw},
            }
        data = self.valid(ValidationRequestSerializer, raw)
        users = _many(
            access.visible_users(who), data.get("users"), "users", _("Utilisateur introuvable.")
        )
        groups = _many(
            access.visible_groups(who), data.get("groups"), "groups", _("Groupe introuvable.")
        )
        rows = workflow.request_validation(
            ticket,
            by=who,
            users=users,
            groups=groups,
            comment=data["comment"],
            threshold=int(data["validation_percent"]),
            attachments=[Upload.from_file(f, name=f.name) for f in data.get("attachments", [])],
        )
        ids = [r.pk for r in rows]
        return Response(
            _out(_with_documents(TicketValidation.objects.filter(pk__in=ids))), status=201
        )


class MyValidations(ApiView):
    @extend_schema(
        operation_id="validations_mine",
        parameters=CONTEXT_HEADERS,
        responses={200: ValidationSerializer(many=True), **ERRORS},
        summary="Tickets à valider : mes demandes de validation en attente",
    )
    def get(self, request: Request) -> Response:
        who = self.who()
        rows = _with_documents(
            TicketValidation.objects.filter(
                validator=who.user, status=ValidationStatus.WAITING
            ).order_by("submission_date", "pk")
        )
        return Response(_out(rows))


class ValidationAnswer(ApiView):
    @extend_schema(
        operation_id="validations_answer",
        request=ValidationAnswerSerializer,
        parameters=[
            OpenApiParameter("id", {"type": "integer", "minimum": 1}, OpenApiParameter.PATH),
            *CONTEXT_HEADERS,
        ],
        responses={200: ValidationSerializer, **WRITE_ERRORS},
        summary="Répondre à une demande de validation (accorder ou refuser)",
    )
    def post(self, request: Request, pk: int) -> Response:
        who = self.who()
        row = visible_validations(who).filter(pk=pk).select_related("ticket").first()
        if row is None:
            raise TicketNotFound()
        data = self.valid(ValidationAnswerSerializer, request.data)
        workflow.answer_validation(row, by=who, accept=data["accept"], comment=data["comment"])
        return Response(ValidationSerializer(row).data)
