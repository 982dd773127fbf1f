"""/api/v1's account endpoints: who the caller is (``me``) and their personal tokens.

The routes are in ``escalade.tickets.api.urls`` (one ``api`` namespace for /api/v1).
"""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from escalade.accounts.models import ApiToken, Entity, User
from escalade.accounts.serializers import (
    MeSerializer,
    TokenCreatedSerializer,
    TokenInputSerializer,
    TokenSerializer,
)
from escalade.accounts.tokens import create_token, revoke_token
from escalade.accounts.who import NotHeld, build_who
from escalade.tickets.api import serializers as s
from escalade.tickets.api.base import CONTEXT_HEADERS, ERRORS, ID, ApiView, paged
from escalade.tickets.errors import InvalidInput


class Me(ApiView):
    @extend_schema(
        operation_id="me_read",
        parameters=CONTEXT_HEADERS,
        responses={200: MeSerializer, **ERRORS},
        summary="Moi : profil et entités actifs",
    )
    def get(self, request: Request) -> Response:
        who = self.who()
        return Response(
            MeSerializer(
                {
                    "user": who.user,
                    "profile": who.profile,
                    "profiles": list(who.profiles),
                    "entities": sorted(who.entity_ids),
                    "active_entity": who.active_entity_id,
                    "recursive": who.recursive,
                    "groups": sorted(who.group_ids),
                }
            ).data
        )


# --- My tokens ------------------------------------------------------------------------------------


class TokenCollection(ApiView):
    @extend_schema(
        operation_id="tokens_list",
        parameters=[s.PageQuerySerializer],
        responses={200: s.page_of(TokenSerializer(), "TokenPage"), **ERRORS},
        summary="Mes jetons d'API",
    )
    def get(self, request: Request) -> Response:
        tokens = ApiToken.objects.filter(user=request.user.pk).order_by("-created_at", "-pk")
        return paged(request, tokens, TokenSerializer)

    @extend_schema(
        operation_id="tokens_create",
        request=TokenInputSerializer,
        responses={201: TokenCreatedSerializer, **ERRORS},
        summary="Créer un jeton (affiché une seule fois)",
    )
    def post(self, request: Request) -> Response:
        data = self.valid(TokenInputSerializer, request.data)
        user: User = request.user  # type: ignore[assignment]
        profile = entity = None
        if data.get("profile") is not None or data.get("entity") is not None:
            try:
                who = build_who(user, profile_id=data.get("profile"), entity_id=data.get("entity"))
            except NotHeld as refused:
                if refused.what == "profile":
                    raise InvalidInput(_("Vous n'avez pas ce profil."), field="profile") from None
                raise InvalidInput(_("Entité hors de votre profil."), field="entity") from None
            profile = who.profile if data.get("profile") is not None else None
            entity = Entity.objects.get(pk=data["entity"]) if data.get("entity") else None
        token, key = create_token(user, data["name"], profile=profile, entity=entity)
        body = TokenSerializer(token).data
        body["key"] = key
        return Response(body, status=status.HTTP_201_CREATED)


class TokenRevoke(ApiView):
    @extend_schema(
        operation_id="tokens_revoke",
        parameters=[ID],
        responses={204: None, **ERRORS},
        summary="Révoquer un de mes jetons",
    )
    def delete(self, request: Request, pk: int) -> Response:
        token = ApiToken.objects.filter(user=request.user.pk, pk=pk).first()
        if token is None:
            raise Http404
        revoke_token(token)
        return Response(status=204)
