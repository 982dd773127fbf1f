"""/api/v1's « Actions massives »: the list of actions, and one action on many tickets."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from escalade.bulk import actions
from escalade.tickets.api import CONTEXT_HEADERS, ERRORS, ApiView


class ActionSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]


class MassiveInputSerializer(serializers.Serializer):
    action = serializers.ChoiceField(choices=list(actions.ACTIONS))
    ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1), min_length=1, max_length=actions.MAX_TICKETS
    )
    party = serializers.CharField(
        required=False,
        max_length=20,
        help_text=_("« u<id> » ou « g<id> » (attribuer, observateur)."),
    )
    status = serializers.IntegerField(required=False)
    category = serializers.IntegerField(required=False)
    urgency = serializers.IntegerField(required=False)
    content = serializers.CharField(required=False, max_length=100000)
    is_private = serializers.BooleanField(required=False, default=False)
    ticket = serializers.IntegerField(
        required=False, help_text=_("Lier, fusionner : l'autre ticket.")
    )
    link = serializers.IntegerField(
        required=False, help_text="1 lié à, 2 doublon de, 3 enfant de, 4 parent de."
    )


class FailedSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    message = serializers.CharField()


class MassiveResultSerializer(serializers.Serializer):
    done = serializers.ListField(child=serializers.IntegerField())
    refused = serializers.ListField(
        child=serializers.IntegerField(), help_text=_("Droits insuffisants, ou hors de portée.")
    )
    failed = FailedSerializer(many=True)
    summary = serializers.CharField(help_text=_("« 12 faits, 2 refusés (droits) »."))


class MassiveActions(ApiView):
    @extend_schema(
        operation_id="tickets_massive_actions_list",
        parameters=CONTEXT_HEADERS,
        responses={200: ActionSerializer(many=True), **ERRORS},
        summary="Les actions massives possibles sur les tickets",
    )
    def get(self, request: Request) -> Response:
        self.who()
        return Response([{"key": k, "label": str(v)} for k, v in actions.ACTIONS.items()])

    @extend_schema(
        operation_id="tickets_massive_actions_apply",
        request=MassiveInputSerializer,
        parameters=CONTEXT_HEADERS,
        responses={200: MassiveResultSerializer, **ERRORS},
        summary="Appliquer une action à plusieurs tickets (droits vérifiés ticket par ticket)",
    )
    def post(self, request: Request) -> Response:
        who = self.who()
        data = self.valid(MassiveInputSerializer, request.data)
        action, ids = data.pop("action"), data.pop("ids")
        result = actions.apply(action, ids, by=who, params=data)
        return Response(result.as_dict())
