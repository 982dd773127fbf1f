"""/api/v1: a ticket's satisfaction survey, read and answered as on the ticket page."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from escalade.satisfaction import access, workflow
from escalade.satisfaction.models import Survey
from escalade.tickets.api import ERRORS, WITH_ID, WRITE_ERRORS, ApiView


class SurveySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    ticket = serializers.IntegerField(source="ticket_id")
    kind = serializers.IntegerField(help_text="1 : interne (Escalade), 2 : externe.")
    created_at = serializers.DateTimeField()
    expires_at = serializers.DateTimeField()
    answered_at = serializers.DateTimeField(allow_null=True)
    score = serializers.IntegerField(allow_null=True)
    max_score = serializers.IntegerField()
    comment_below = serializers.IntegerField(
        help_text="Une note inférieure demande un commentaire (0 : jamais)."
    )
    comment = serializers.CharField(help_text="Texte brut, tel que saisi.")
    can_answer = serializers.BooleanField(help_text="L'appelant peut répondre maintenant.")


class AnswerSerializer(serializers.Serializer):
    score = serializers.IntegerField(min_value=1, max_value=10)
    comment = serializers.CharField(
        required=False, allow_blank=True, trim_whitespace=False, default="", max_length=10_000
    )


def survey_data(survey: Survey, request: Request) -> dict[str, Any]:
    survey.can_answer = access.refusal(request.user, survey) is None  # type: ignore[arg-type,attr-defined]
    return dict(SurveySerializer(survey).data)


class TicketSurvey(ApiView):
    @extend_schema(
        operation_id="tickets_satisfaction_read",
        parameters=WITH_ID,
        responses={200: SurveySerializer, **ERRORS},
        summary="L'enquête de satisfaction du ticket (404 s'il n'en a pas)",
    )
    def get(self, request: Request, pk: int) -> Response:
        return Response(survey_data(access.get_survey_for(self.who(), pk), request))

    @extend_schema(
        operation_id="tickets_satisfaction_answer",
        request=AnswerSerializer,
        parameters=WITH_ID,
        responses={200: SurveySerializer, **WRITE_ERRORS},
        summary="Répondre à l'enquête (un demandeur, une fois, avant l'expiration)",
    )
    def post(self, request: Request, pk: int) -> Response:
        survey = access.get_survey_for(self.who(), pk)
        data = self.valid(AnswerSerializer, request.data)
        workflow.answer(survey, by=request.user, score=data["score"], comment=data["comment"])  # type: ignore[arg-type]
        return Response(survey_data(survey, request))
