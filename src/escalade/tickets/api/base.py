"""What every /api/v1 view shares: authentication, the acting context, the error shapes,
the OpenAPI parameters of the context headers, paging.

Each app's ``api.py`` derives its views from ``ApiView`` and documents them with
``CONTEXT_HEADERS``, ``ERRORS`` / ``WRITE_ERRORS`` and ``WITH_ID``.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import exceptions
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from escalade.accounts.api_auth import (
    ENTITY_HEADER,
    PROFILE_HEADER,
    RECURSIVE_HEADER,
    SessionAuthentication,
    TokenAuthentication,
    api_who,
)
from escalade.accounts.who import Who
from escalade.core.drf import JSONBodyParser
from escalade.tickets import access, paging
from escalade.tickets.api import serializers as s
from escalade.tickets.errors import InvalidInput, TicketNotFound, WorkflowError
from escalade.tickets.models import Ticket

CONTEXT_HEADERS = [
    OpenApiParameter(
        PROFILE_HEADER,
        OpenApiTypes.INT,
        OpenApiParameter.HEADER,
        description="Profil actif pour cette requête (un profil que vous détenez).",
    ),
    OpenApiParameter(
        ENTITY_HEADER,
        OpenApiTypes.INT,
        OpenApiParameter.HEADER,
        description="Entité active pour cette requête.",
    ),
    OpenApiParameter(
        RECURSIVE_HEADER,
        OpenApiTypes.STR,
        OpenApiParameter.HEADER,
        enum=["0", "1"],
        description="Inclure les sous-entités (1 par défaut).",
    ),
]
ID = OpenApiParameter("id", {"type": "integer", "minimum": 1}, OpenApiParameter.PATH)
ACTOR_ID = OpenApiParameter("actor_id", {"type": "integer", "minimum": 1}, OpenApiParameter.PATH)
WITH_ID = [ID, *CONTEXT_HEADERS]
ERRORS = {
    400: OpenApiResponse(s.ErrorSerializer, description="Données invalides."),
    401: OpenApiResponse(s.ErrorSerializer, description="Authentification manquante."),
    403: OpenApiResponse(s.ErrorSerializer, description="Action non permise."),
    404: OpenApiResponse(s.ErrorSerializer, description="Introuvable (ou hors de portée)."),
}
WRITE_ERRORS = {**ERRORS, 409: OpenApiResponse(s.ErrorSerializer, description="État incompatible.")}


def _pick(queryset: Any, pk: int | None, field: str, message: str) -> Any:
    """An object among the visible ones, or a 400 naming the field."""
    if pk is None:
        return None
    found = queryset.filter(pk=pk).first()
    if found is None:
        raise InvalidInput(message, field=field)
    return found


def _many(queryset: Any, ids: list[int] | None, field: str, message: str) -> list[Any]:
    return [_pick(queryset, pk, field, message) for pk in dict.fromkeys(ids or [])]


class ApiView(APIView):
    """Token (or signed-in session) authentication, and errors as ``{"detail": …}``."""

    authentication_classes = [TokenAuthentication, SessionAuthentication]
    permission_classes = [IsAuthenticated]
    parser_classes = [JSONBodyParser]

    def who(self) -> Who:
        return api_who(self.request)

    def ticket(self, pk: Any) -> Ticket:
        return access.get_ticket_for(self.who(), pk)

    def valid(self, serializer_class: type, data: Any) -> dict[str, Any]:
        serializer = serializer_class(data=data)
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)

    def handle_exception(self, exc: Exception) -> Response:
        if isinstance(exc, WorkflowError):
            body = {"detail": exc.message, "code": exc.code, "field": exc.field}
            return Response(body, status=exc.status_code)
        if isinstance(exc, TicketNotFound | Http404):
            return Response({"detail": _("Introuvable."), "code": "not_found"}, status=404)
        if isinstance(exc, exceptions.ValidationError):
            return Response(
                {
                    "detail": _("Données invalides."),
                    "code": "invalid",
                    "errors": exc.detail
                    if isinstance(exc.detail, dict)
                    else {"non_field_errors": exc.detail},
                },
                status=400,
            )
        response = super().handle_exception(exc)
        if isinstance(response.data, dict) and "detail" in response.data:
            response.data = {
                "detail": str(response.data["detail"]),
                "code": getattr(response.data["detail"], "code", "error"),
            }
        return response


def paged(
    request: Request, queryset: Any, serializer_class: type, context: dict[str, Any] | None = None
) -> Response:
    page = s.PageQuerySerializer(data=request.query_params)
    page.is_valid(raise_exception=True)
    number, size = page.validated_data["page"], page.validated_data["page_size"]
    if page.validated_data.get("count") == "exact":
        total, exact = queryset.count(), True
    else:
        total, exact = paging.count_ahead(queryset, (number - 1) * size, size)
    rows = list(queryset[(number - 1) * size : number * size])
    return Response(
        {
            "count": total,
            "count_exact": exact,
            "page": number,
            "page_size": size,
            "results": serializer_class(rows, many=True, context=context or {}).data,
        }
    )
