"""/api/v1: the knowledge base, read and written as on its pages."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from escalade.accounts.models import Profile
from escalade.accounts.who import Who
from escalade.knowbase import access, search, workflow
from escalade.knowbase.models import Article, KnowbaseCategory
from escalade.tickets import access as ticket_access
from escalade.tickets import richtext
from escalade.tickets.api import (
    CONTEXT_HEADERS,
    ERRORS,
    WITH_ID,
    WRITE_ERRORS,
    ApiView,
    _many,
    _pick,
    paged,
)
from escalade.tickets.api.serializers import BoundedInteger, PageQuerySerializer, page_of
from escalade.tickets.errors import TicketNotFound


class ArticleSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    answer = serializers.CharField(help_text="HTML nettoyé (liste blanche nh3).")
    answer_text = serializers.SerializerMethodField(help_text="La réponse en texte brut.")
    is_faq = serializers.BooleanField()
    categories = serializers.SerializerMethodField()
    author = serializers.IntegerField(source="author_id", allow_null=True)
    views = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
    begin_date = serializers.DateTimeField(allow_null=True)
    end_date = serializers.DateTimeField(allow_null=True)

    def get_answer_text(self, a: Article) -> str:
        return richtext.to_plain(a.answer)

    def get_categories(self, a: Article) -> list[int]:
        return [c.pk for c in a.categories.all()]


class EntityTargetSerializer(serializers.Serializer):
    entity = BoundedInteger(min_value=1)
    is_recursive = serializers.BooleanField(default=False)


class TargetsSerializer(serializers.Serializer):
    entities = EntityTargetSerializer(many=True, required=False, default=list)
    groups = serializers.ListField(child=BoundedInteger(min_value=1), required=False, default=list)
    profiles = serializers.ListField(
        child=BoundedInteger(min_value=1), required=False, default=list
    )
    users = serializers.ListField(child=BoundedInteger(min_value=1), required=False, default=list)


class ArticleDetailSerializer(ArticleSerializer):
    attachments = serializers.SerializerMethodField()
    can_edit = serializers.SerializerMethodField()
    resolved_count = serializers.SerializerMethodField(
        help_text="« Cet article a résolu mon problème » (null : réservé aux rédacteurs)."
    )
    suggested = serializers.SerializerMethodField(
        help_text="Suggestions affichées (null : réservé aux rédacteurs)."
    )
    targets = serializers.SerializerMethodField(help_text="Null : réservé aux rédacteurs.")

    def _who(self) -> Who:
        return self.context["who"]

    def get_attachments(self, a: Article) -> list[dict[str, Any]]:
        return [{"id": f.pk, "filename": f.filename, "size": f.size} for f in a.attachments.all()]

    def get_can_edit(self, a: Article) -> bool:
        return access.can_edit(self._who(), a)

    def get_resolved_count(self, a: Article) -> int | None:
        return a.deflections.count() if access.sees_deflection(self._who()) else None

    def get_suggested(self, a: Article) -> int | None:
        return a.suggested if access.sees_deflection(self._who()) else None

    def get_targets(self, a: Article) -> dict[str, Any] | None:
        if not access.can_edit(self._who(), a):
            return None
        return {
            "entities": [
                {"entity": t.entity_id, "is_recursive": t.is_recursive}
                for t in a.entity_targets.all()
            ],
            "groups": [t.group_id for t in a.group_targets.all()],
            "profiles": [t.profile_id for t in a.profile_targets.all()],
            "users": [t.user_id for t in a.user_targets.all()],
        }


class ArticleInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=255, trim_whitespace=False)
    answer = serializers.CharField(
        allow_blank=True,
        trim_whitespace=False,
        max_length=200_000,
        help_text="Texte brut (gardé tel quel) ou HTML (nettoyé).",
    )
    is_faq = serializers.BooleanField(required=False, default=False)
    categories = serializers.ListField(
        child=BoundedInteger(min_value=1), required=False, default=list
    )
    begin_date = serializers.DateTimeField(required=False, allow_null=True, default=None)
    end_date = serializers.DateTimeField(required=False, allow_null=True, default=None)
    targets = TargetsSerializer(required=False)


class ArticleChangeSerializer(ArticleInputSerializer):
    name = serializers.CharField(max_length=255, trim_whitespace=False, required=False)
    answer = serializers.CharField(
        allow_blank=True, trim_whitespace=False, max_length=200_000, required=False
    )
    is_faq = serializers.BooleanField(required=False)
    categories = serializers.ListField(child=BoundedInteger(min_value=1), required=False)
    begin_date = serializers.DateTimeField(required=False, allow_null=True)
    end_date = serializers.DateTimeField(required=False, allow_null=True)


class ArticleQuerySerializer(PageQuerySerializer):
    q = serializers.CharField(required=False, max_length=200, help_text="Recherche plein texte.")
    category = BoundedInteger(required=False, min_value=1)
    faq = serializers.BooleanField(required=False, default=False, help_text="FAQ seulement.")


class KnowbaseCategorySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    full_name = serializers.CharField()
    parent = serializers.IntegerField(source="parent_id", allow_null=True)  # type: ignore[assignment]
    entity = serializers.IntegerField(source="entity_id")
    is_recursive = serializers.BooleanField()


class SuggestionQuerySerializer(serializers.Serializer):
    category = BoundedInteger(min_value=1, help_text="Catégorie du ticket.")
    title = serializers.CharField(required=False, allow_blank=True, max_length=255, default="")


class ResolvedSerializer(serializers.Serializer):
    category = BoundedInteger(required=False, min_value=1, allow_null=True, default=None)


class ResolvedAnswerSerializer(serializers.Serializer):
    counted = serializers.BooleanField(help_text="False : déjà compté pour vous.")


class FromSolutionSerializer(serializers.Serializer):
    ticket = BoundedInteger(min_value=1)
    solution = BoundedInteger(min_value=1)


ArticlePageSerializer = page_of(ArticleSerializer(), "KnowbaseArticlePage")
CategoryPageSerializer = page_of(KnowbaseCategorySerializer(), "KnowbaseCategoryPage")


def _targets(who: Who, data: dict[str, Any] | None) -> workflow.Targets | None:
    if data is None:
        return None
    entities = ticket_access.visible_entities(who)
    unknown = _("Cible introuvable.")
    return workflow.Targets(
        entities=[
            (_pick(entities, e["entity"], "targets", unknown), e["is_recursive"])
            for e in data.get("entities") or []
        ],
        groups=[
            (g, None, False)
            for g in _many(
                ticket_access.visible_groups(who), data.get("groups"), "targets", unknown
            )
        ],
        profiles=[
            (p, None, False)
            for p in _many(Profile.objects.all(), data.get("profiles"), "targets", unknown)
        ],
        users=_many(ticket_access.visible_users(who), data.get("users"), "targets", unknown),
    )


def _categories(who: Who, ids: list[int] | None) -> list[KnowbaseCategory]:
    return _many(access.visible_categories(who), ids, "categories", _("Catégorie introuvable."))


def _detail(who: Who, article: Article) -> dict[str, Any]:
    fresh = (
        Article.objects.filter(pk=article.pk)
        .prefetch_related(
            "categories",
            "attachments",
            "entity_targets",
            "group_targets",
            "profile_targets",
            "user_targets",
        )
        .get()
    )
    return dict(ArticleDetailSerializer(fresh, context={"who": who}).data)


class ArticleCollection(ApiView):
    @extend_schema(
        operation_id="knowbase_articles_list",
        parameters=[ArticleQuerySerializer, *CONTEXT_HEADERS],
        responses={200: ArticlePageSerializer, **ERRORS},
        summary="Articles de la base de connaissances (ou de la FAQ) lisibles",
    )
    def get(self, request: Request) -> Response:
        who = self.who()
        data = self.valid(ArticleQuerySerializer, request.query_params)
        faq_only = data["faq"] or not access.reads_all_kinds(who)
        articles = access.visible_articles(who, faq_only=faq_only)
        if data.get("category"):
            under = access.visible_categories(who).filter(pk=data["category"]).first()
            inside = KnowbaseCategory.objects.filter(path__startswith=under.path) if under else []
            articles = articles.filter(
                pk__in=Article.objects.filter(categories__in=inside).values("pk")
            )
        articles = search.matching(articles, data.get("q") or "")
        rows = articles.prefetch_related("categories").order_by("name", "pk")
        return paged(request, rows, ArticleSerializer)

    @extend_schema(
        operation_id="knowbase_articles_create",
        request=ArticleInputSerializer,
        parameters=CONTEXT_HEADERS,
        responses={201: ArticleDetailSerializer, **WRITE_ERRORS},
        summary="Créer un article (knowbase.create ; knowbase.publish_faq pour la FAQ)",
    )
    def post(self, request: Request) -> Response:
        who = self.who()
        data = self.valid(ArticleInputSerializer, request.data)
        article = workflow.create_article(
            by=who,
            name=data["name"],
            answer=data["answer"],
            is_faq=data["is_faq"],
            categories=_categories(who, data["categories"]),
            begin_date=data["begin_date"],
            end_date=data["end_date"],
            targets=_targets(who, data.get("targets")),
        )
        return Response(_detail(who, article), status=201)


class ArticleDetail(ApiView):
    @extend_schema(
        operation_id="knowbase_articles_read",
        parameters=WITH_ID,
        responses={200: ArticleDetailSerializer, **ERRORS},
        summary="Un article",
    )
    def get(self, request: Request, pk: int) -> Response:
        who = self.who()
        article = access.get_article_for(who, pk)
        workflow.count_view(article)
        return Response(_detail(who, article))

    @extend_schema(
        operation_id="knowbase_articles_update",
        request=ArticleChangeSerializer,
        parameters=WITH_ID,
        responses={200: ArticleDetailSerializer, **WRITE_ERRORS},
        summary="Modifier un article (la version précédente devient une révision)",
    )
    def patch(self, request: Request, pk: int) -> Response:
        who = self.who()
        article = access.get_article_for(who, pk, write=True)
        data = self.valid(ArticleChangeSerializer, request.data)
        changes: dict[str, Any] = {
            k: data[k] for k in ("name", "answer", "is_faq", "begin_date", "end_date") if k in data
        }
        if "categories" in data:
            changes["categories"] = _categories(who, data["categories"])
        if "targets" in data:
            changes["targets"] = _targets(who, data["targets"])
        article = workflow.update_article(article, by=who, **changes)
        return Response(_detail(who, article))

    @extend_schema(
        operation_id="knowbase_articles_delete",
        parameters=WITH_ID,
        responses={204: None, **WRITE_ERRORS},
        summary="Supprimer un article",
    )
    def delete(self, request: Request, pk: int) -> Response:
        who = self.who()
        workflow.delete_article(access.get_article_for(who, pk, write=True), by=who)
        return Response(status=204)


class ArticleResolved(ApiView):
    @extend_schema(
        operation_id="knowbase_articles_resolved",
        request=ResolvedSerializer,
        parameters=WITH_ID,
        responses={200: ResolvedAnswerSerializer, **WRITE_ERRORS},
        summary="« Cet article a résolu mon problème » (compté une fois par personne)",
    )
    def post(self, request: Request, pk: int) -> Response:
        who = self.who()
        article = access.get_article_for(who, pk)
        data = self.valid(ResolvedSerializer, request.data)
        category = None
        if data["category"]:
            category = ticket_access.visible_categories(who).filter(pk=data["category"]).first()
        counted = workflow.mark_resolved(article, by=who, category=category)
        return Response({"counted": counted})


class CategoryList(ApiView):
    @extend_schema(
        operation_id="knowbase_categories_list",
        parameters=[PageQuerySerializer, *CONTEXT_HEADERS],
        responses={200: CategoryPageSerializer, **ERRORS},
        summary="Catégories de la base de connaissances",
    )
    def get(self, request: Request) -> Response:
        categories = access.visible_categories(self.who()).order_by("full_name", "pk")
        return paged(request, categories, KnowbaseCategorySerializer)


class Suggestions(ApiView):
    @extend_schema(
        operation_id="knowbase_suggestions",
        parameters=[SuggestionQuerySerializer, *CONTEXT_HEADERS],
        responses={200: ArticleSerializer(many=True), **ERRORS},
        summary="Jusqu'à cinq articles FAQ pour la catégorie et le titre d'un futur ticket",
    )
    def get(self, request: Request) -> Response:
        who = self.who()
        data = self.valid(SuggestionQuerySerializer, request.query_params)
        category = ticket_access.visible_categories(who).filter(pk=data["category"]).first()
        found = access.suggestions(who, category, data["title"])
        workflow.count_suggested(found)
        rows = Article.objects.filter(pk__in=[a.pk for a in found]).prefetch_related("categories")
        by_pk = {a.pk: a for a in rows}
        return Response(ArticleSerializer([by_pk[a.pk] for a in found], many=True).data)


class FromSolution(ApiView):
    @extend_schema(
        operation_id="knowbase_articles_from_solution",
        request=FromSolutionSerializer,
        parameters=CONTEXT_HEADERS,
        responses={201: ArticleDetailSerializer, **WRITE_ERRORS},
        summary="« Ajouter à la base de connaissances » : un article depuis une solution",
    )
    def post(self, request: Request) -> Response:
        who = self.who()
        data = self.valid(FromSolutionSerializer, request.data)
        ticket = self.ticket(data["ticket"])
        solution = ticket.solutions.filter(pk=data["solution"]).first()
        if solution is None or not access.can_create(who):
            raise TicketNotFound()
        article = workflow.article_from_solution(solution, by=who)
        return Response(_detail(who, article), status=201)
