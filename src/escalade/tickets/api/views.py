"""Escalade's REST API (/api/v1/): one thin APIView per operation.

Each view checks the input's shape with a serializer, fetches through
``escalade.tickets.access`` and changes through ``escalade.tickets.workflow``;
the workflow's typed errors become 400 / 403 / 409, a ticket out of reach is
404 exactly as a missing one.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.http.response import HttpResponseBase
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from escalade.accounts.who import Who
from escalade.core.drf import JSONBodyParser
from escalade.onbehalf import access as onbehalf_access
from escalade.tickets import (
    access,
    attachments,
    parties,
    richtext,
    timeline,
    workflow,
)
from escalade.tickets.api import filters as api_filters
from escalade.tickets.api import serializers as s
from escalade.tickets.api.base import (
    ACTOR_ID,
    CONTEXT_HEADERS,
    ERRORS,
    ID,
    WITH_ID,
    WRITE_ERRORS,
    ApiView,
    _many,
    _pick,
    paged,
)
from escalade.tickets.attachments import Upload
from escalade.tickets.errors import InvalidInput
from escalade.tickets.models import Role, Solution, Source, Ticket, TicketActor


def ticket_rows(queryset: Any) -> Any:
    return queryset.select_related("entity", "category").prefetch_related(
        "actors__user", "actors__group"
    )


# --- Tickets -------------------------------------------------------------------------------------


class TicketCollection(ApiView):
    @extend_schema(
        operation_id="tickets_list",
        parameters=[s.TicketFilterSerializer, *CONTEXT_HEADERS],
        responses={200: s.TicketPageSerializer, **ERRORS},
        summary="Lister et filtrer les tickets visibles",
    )
    def get(self, request: Request) -> Response:
        data = self.valid(s.TicketFilterSerializer, request.query_params)
        who = self.who()
        try:
            tickets = api_filters.apply(access.visible_tickets(who), data, who)
        except api_filters.BadFilter as error:
            raise InvalidInput(_("Filtre invalide : %s") % error, field=str(error)) from None
        return paged(request, ticket_rows(tickets), s.TicketSummarySerializer)

    @extend_schema(
        operation_id="tickets_create",
        request=s.TicketCreateSerializer,
        parameters=CONTEXT_HEADERS,
        responses={201: s.TicketDetailSerializer, **WRITE_ERRORS},
        summary=(
            "Ouvrir un ticket, pour soi ou pour le compte d'un demandeur (source au choix ; "
            "routage appliqué)"
        ),
    )
    def post(self, request: Request) -> Response:
        data = self.valid(s.TicketCreateSerializer, request.data)
        who = self.who()
        users, groups = access.visible_users(who), access.visible_groups(who)
        requesters = onbehalf_access.requester_choices(who)
        unknown_user, unknown_group = _("Utilisateur introuvable."), _("Groupe introuvable.")
        ticket = workflow.create_ticket(
            by=who,
            title=data["title"],
            content=data["content"],
            type=data["type"],
            category=_pick(
                access.visible_categories(who),
                data.get("category"),
                "category",
                _("Catégorie introuvable."),
            ),
            urgency=data["urgency"],
            impact=data.get("impact"),
            priority=data.get("priority"),
            entity=_pick(
                access.visible_entities(who),
                data.get("entity"),
                "entity",
                _("Entité introuvable ou inactive."),
            ),
            actors=workflow.Actors(
                requesters=[
                    *_many(requesters, data.get("requesters"), "requesters", unknown_user),
                    *_many(groups, data.get("requester_groups"), "requester_groups", unknown_group),
                ],
                observers=[
                    *_many(users, data.get("observers"), "observers", unknown_user),
                    *_many(groups, data.get("observer_groups"), "observer_groups", unknown_group),
                ],
                assignees=[
                    *_many(users, data.get("assigned_users"), "assigned_users", unknown_user),
                    *_many(groups, data.get("assigned_groups"), "assigned_groups", unknown_group),
                ],
            ),
            source=onbehalf_access.check_source(
                who, data.get("source") or Source.API, default=Source.API
            ),
        )
        return Response(ticket_detail(request, who, ticket), status=201)


def ticket_detail(request: Request, who: Who, ticket: Ticket) -> dict[str, Any]:
    """The ticket with its actors and the timeline ``who`` may see."""
    ticket = ticket_rows(Ticket.objects.filter(pk=ticket.pk)).select_related("created_by").get()
    written = timeline.build(who, ticket, kinds={"followup", "task", "solution"})
    for a in written.attachments:
        a.url = request.build_absolute_uri(  # type: ignore[attr-defined]
            reverse("api:attachment", args=[a.pk])
        )
    ticket.timeline = [_timeline_item(item) for item in written.items]  # type: ignore[attr-defined]
    ticket.attachments_list = written.attachments  # type: ignore[attr-defined]
    ticket.allowed_statuses = access.allowed_statuses(who, ticket)  # type: ignore[attr-defined]
    ticket.content_html = ticket.content  # type: ignore[attr-defined]
    ticket.content = richtext.to_plain(ticket.content)
    return s.TicketDetailSerializer(ticket).data


def _timeline_item(item: timeline.TimelineItem) -> dict[str, Any]:
    """One written item of the timeline, as TimelineItemSerializer describes it."""
    obj = item.obj
    return {
        "kind": item.kind,
        "id": obj.pk,
        "created_at": item.at,
        "author": obj.author,
        "content": richtext.to_plain(obj.content),
        "content_html": obj.content,
        "is_private": getattr(obj, "is_private", False),
        "state": obj.state if item.kind == "task" else None,
        "duration_seconds": obj.duration_seconds if item.kind == "task" else None,
        "solution_status": obj.status if item.kind == "solution" else None,
        "solution_type": obj.solution_type_id if item.kind == "solution" else None,
        "attachments": [a.pk for a in item.attachments],
    }


class TicketDetail(ApiView):
    @extend_schema(
        operation_id="tickets_read",
        parameters=WITH_ID,
        responses={200: s.TicketDetailSerializer, **ERRORS},
        summary="Lire un ticket, ses acteurs et sa chronologie",
    )
    def get(self, request: Request, pk: int) -> Response:
        who = self.who()
        return Response(ticket_detail(request, who, access.get_ticket_for(who, pk)))

    @extend_schema(
        operation_id="tickets_update",
        request=s.TicketUpdateSerializer,
        parameters=WITH_ID,
        responses={200: s.TicketDetailSerializer, **WRITE_ERRORS},
        summary="Modifier des champs, le statut et les acteurs, en une seule fois",
        description=(
            "Tout ou rien : si une partie est refusée (champ, statut, acteur), rien n'est "
            "enregistré. Passer à Résolu (5) demande le texte de la solution (`solution`)."
        ),
    )
    def patch(self, request: Request, pk: int) -> Response:
        return self.edit(request, pk)

    @extend_schema(
        operation_id="tickets_replace",
        request=s.TicketUpdateSerializer,
        parameters=WITH_ID,
        responses={200: s.TicketDetailSerializer, **WRITE_ERRORS},
        summary="Modifier un ticket (comme PATCH : seuls les champs donnés changent)",
    )
    def put(self, request: Request, pk: int) -> Response:
        return self.edit(request, pk)

    def edit(self, request: Request, pk: int) -> Response:
        who = self.who()
        ticket = access.get_ticket_for(who, pk)
        data = self.valid(s.TicketUpdateSerializer, request.data)
        solution = data.pop("solution", None)
        wanted_actors = data.pop("add_actors", [])
        removed_ids = data.pop("remove_actors", [])
        if "category" in data:
            data["category"] = _pick(
                access.visible_categories(who),
                data["category"],
                "category",
                _("Catégorie introuvable."),
            )
        users, groups = access.visible_users(who), access.visible_groups(who)
        parties: dict[int, list[Any]] = {role: [] for role in Role.values}
        for item in wanted_actors:
            if item.get("user") is not None:
                party = _pick(users, item["user"], "add_actors", _("Utilisateur introuvable."))
            else:
                party = _pick(groups, item["group"], "add_actors", _("Groupe introuvable."))
            parties[item["role"]].append(party)
        removed = list(TicketActor.objects.filter(ticket=ticket, pk__in=removed_ids))
        if len(removed) != len(set(removed_ids)):
            raise InvalidInput(_("Acteur introuvable sur ce ticket."), field="remove_actors")
        workflow.edit_ticket(
            ticket,
            by=who,
            changes=data,
            solution=solution,
            add_actors=workflow.Actors(
                requesters=parties[Role.REQUESTER],
                observers=parties[Role.OBSERVER],
                assignees=parties[Role.ASSIGNED],
            ),
            remove_actors=removed,
        )
        return Response(ticket_detail(request, who, ticket))


class ActorAdd(ApiView):
    @extend_schema(
        operation_id="tickets_actors_add",
        request=s.ActorInputSerializer,
        parameters=WITH_ID,
        responses={201: s.ActorSerializer, 200: s.ActorSerializer, **WRITE_ERRORS},
        summary="Ajouter un demandeur, un observateur ou un attribué (utilisateur ou groupe)",
    )
    def post(self, request: Request, pk: int) -> Response:
        who = self.who()
        ticket = self.ticket(pk)
        data = self.valid(s.ActorInputSerializer, request.data)
        user = _pick(
            access.visible_users(who), data.get("user"), "user", _("Utilisateur introuvable.")
        )
        group = _pick(
            access.visible_groups(who), data.get("group"), "group", _("Groupe introuvable.")
        )
        actor = workflow.add_actor(
            ticket,
            by=who,
            role=data["role"],
            user=user,
            group=group,
            use_notification=data["use_notification"],
            alternative_email=data["alternative_email"],
        )
        code = 201 if actor.added else 200  # type: ignore[attr-defined]
        return Response(s.ActorSerializer(actor).data, status=code)


class ActorRemove(ApiView):
    @extend_schema(
        operation_id="tickets_actors_remove",
        parameters=[ID, ACTOR_ID, *CONTEXT_HEADERS],
        responses={204: None, **WRITE_ERRORS},
        summary="Retirer un acteur",
    )
    def delete(self, request: Request, pk: int, actor_id: int) -> Response:
        who = self.who()
        ticket = self.ticket(pk)
        actor = TicketActor.objects.filter(ticket=ticket, pk=actor_id).first()
        if actor is None:
            raise Http404
        workflow.remove_actor(ticket, by=who, actor=actor)
        return Response(status=204)


class Take(ApiView):
    @extend_schema(
        operation_id="tickets_take",
        request=None,
        parameters=WITH_ID,
        responses={200: s.TicketDetailSerializer, **WRITE_ERRORS},
        summary="M'attribuer le ticket",
    )
    def post(self, request: Request, pk: int) -> Response:
        who = self.who()
        ticket = self.ticket(pk)
        workflow.take(ticket, by=who)
        return Response(ticket_detail(request, who, ticket))


class Escalate(ApiView):
    @extend_schema(
        operation_id="tickets_escalate",
        request=s.EscalateSerializer,
        parameters=WITH_ID,
        responses={200: s.TicketDetailSerializer, **WRITE_ERRORS},
        summary="Escalader vers un groupe (les attribués actuels deviennent observateurs)",
    )
    def post(self, request: Request, pk: int) -> Response:
        who = self.who()
        ticket = self.ticket(pk)
        data = self.valid(s.EscalateSerializer, request.data)
        group = _pick(access.visible_groups(who), data["group"], "group", _("Groupe introuvable."))
        workflow.escalate(ticket, by=who, group=group, content=data["content"])
        return Response(ticket_detail(request, who, ticket))


class FollowupAdd(ApiView):
    parser_classes = [JSONBodyParser, MultiPartParser]

    @extend_schema(
        operation_id="tickets_followups_add",
        request={
            "application/json": s.FollowupInputSerializer,
            "multipart/form-data": s.FollowupInputSerializer,
        },
        parameters=WITH_ID,
        responses={201: s.CreatedSerializer, **WRITE_ERRORS},
        summary="Ajouter un suivi (public ou privé, documents, statut ; Résolu = solution)",
    )
    def post(self, request: Request, pk: int) -> Response:
        who = self.who()
        ticket = self.ticket(pk)
        data: Any = request.data
        if hasattr(data, "getlist"):  # multipart: several files under one name
            data = {**data.dict(), "attachments": data.getlist("attachments")}
        valid = self.valid(s.FollowupInputSerializer, data)
        uploads = [Upload.from_file(f, name=f.name) for f in valid.get("attachments", [])]
        created = workflow.add_followup(
            ticket,
            by=who,
            content=valid["content"],
            is_private=valid["is_private"],
            status=valid.get("status"),
            attachments=uploads,
            source=Source.API,
        )
        kind = "solution" if isinstance(created, Solution) else "followup"
        return Response({"id": created.pk, "kind": kind}, status=201)


class TaskAdd(ApiView):
    @extend_schema(
        operation_id="tickets_tasks_add",
        request=s.TaskInputSerializer,
        parameters=WITH_ID,
        responses={201: s.CreatedSerializer, **WRITE_ERRORS},
        summary="Ajouter une tâche",
    )
    def post(self, request: Request, pk: int) -> Response:
        who = self.who()
        ticket = self.ticket(pk)
        data = self.valid(s.TaskInputSerializer, request.data)
        task = workflow.add_task(
            ticket,
            by=who,
            content=data["content"],
            is_private=data["is_private"],
            state=data["state"],
            duration_seconds=data["duration_seconds"],
            status=data.get("status"),
        )
        return Response({"id": task.pk, "kind": "task"}, status=201)


class SolutionAdd(ApiView):
    @extend_schema(
        operation_id="tickets_solution_add",
        request=s.SolutionInputSerializer,
        parameters=WITH_ID,
        responses={201: s.CreatedSerializer, **WRITE_ERRORS},
        summary="Résoudre : ajouter la solution",
    )
    def post(self, request: Request, pk: int) -> Response:
        who = self.who()
        ticket = self.ticket(pk)
        data = self.valid(s.SolutionInputSerializer, request.data)
        solution_type = None
        if data["solution_type"]:
            from escalade.itiltemplates.access import solution_types_for

            solution_type = _pick(
                solution_types_for(ticket),
                data["solution_type"],
                "solution_type",
                _("Ce type de solution n'est pas proposé pour ce ticket."),
            )
        solution = workflow.add_solution(
            ticket, by=who, content=data["content"], solution_type=solution_type
        )
        return Response({"id": solution.pk, "kind": "solution"}, status=201)


class Approve(ApiView):
    @extend_schema(
        operation_id="tickets_solution_approve",
        request=s.ApproveSerializer,
        parameters=WITH_ID,
        responses={200: s.TicketDetailSerializer, **WRITE_ERRORS},
        summary="Approuver la solution (le ticket est clos)",
    )
    def post(self, request: Request, pk: int) -> Response:
        who = self.who()
        ticket = self.ticket(pk)
        data = self.valid(s.ApproveSerializer, request.data)
        workflow.approve_solution(ticket, by=who, comment=data["comment"])
        return Response(ticket_detail(request, who, ticket))


class Refuse(ApiView):
    @extend_schema(
        operation_id="tickets_solution_refuse",
        request=s.RefuseSerializer,
        parameters=WITH_ID,
        responses={200: s.TicketDetailSerializer, **WRITE_ERRORS},
        summary="Refuser la solution, en disant pourquoi (le ticket est rouvert)",
    )
    def post(self, request: Request, pk: int) -> Response:
        who = self.who()
        ticket = self.ticket(pk)
        data = self.valid(s.RefuseSerializer, request.data)
        workflow.refuse_solution(ticket, by=who, reason=data["reason"])
        return Response(ticket_detail(request, who, ticket))


class AttachmentDownload(ApiView):
    @extend_schema(
        operation_id="attachments_download",
        parameters=WITH_ID,
        responses={(200, "application/octet-stream"): OpenApiTypes.BINARY, **ERRORS},
        summary="Télécharger un document",
    )
    def get(self, request: Request, pk: int) -> HttpResponseBase:
        return attachments.download(access.get_attachment_for(self.who(), pk))


# --- Directory ------------------------------------------------------------------------------------


class CategoryList(ApiView):
    @extend_schema(
        operation_id="categories_list",
        parameters=[s.CategoryQuerySerializer, *CONTEXT_HEADERS],
        responses={200: s.CategoryPageSerializer, **ERRORS},
        summary="Catégories proposées",
    )
    def get(self, request: Request) -> Response:
        data = self.valid(s.CategoryQuerySerializer, request.query_params)
        categories = access.visible_categories(self.who(), ticket_type=data.get("type"))
        return paged(request, categories.order_by("full_name", "pk"), s.CategorySerializer)


class GroupList(ApiView):
    @extend_schema(
        operation_id="groups_list",
        parameters=[s.DirectoryQuerySerializer, *CONTEXT_HEADERS],
        responses={200: s.GroupPageSerializer, **ERRORS},
        summary="Groupes visibles",
    )
    def get(self, request: Request) -> Response:
        data = self.valid(s.DirectoryQuerySerializer, request.query_params)
        groups = parties.matching_groups(self.who(), data.get("q") or "")
        return paged(request, groups, s.GroupSerializer)


class UserList(ApiView):
    @extend_schema(
        operation_id="users_list",
        parameters=[s.DirectoryQuerySerializer, *CONTEXT_HEADERS],
        responses={200: s.UserPageSerializer, **ERRORS},
        summary="Utilisateurs que vous pouvez choisir comme acteurs",
    )
    def get(self, request: Request) -> Response:
        data = self.valid(s.DirectoryQuerySerializer, request.query_params)
        users = parties.matching_users(self.who(), data.get("q") or "", list_all=True)
        return paged(request, users, s.UserSerializer)
