"""Pages of the knowledge base: the FAQ and the base, an article, its editor, the
suggestions on the ticket form, and « Ajouter à la base de connaissances »."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.db.models import Count, Prefetch
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from escalade.accounts.who import Who
from escalade.core.views import WhoRequest, who_required
from escalade.knowbase import access, search, workflow
from escalade.knowbase.forms import ArticleForm, SearchForm
from escalade.knowbase.models import Article, KnowbaseCategory
from escalade.tickets import access as ticket_access
from escalade.tickets.attachments import download
from escalade.tickets.errors import TicketNotFound, WorkflowError
from escalade.tickets.models import Attachment

PAGE_SIZE = 50


def _who(request: WhoRequest) -> Who:
    return request.who


def _listed(who: Who, faq_only: bool, form: SearchForm):
    articles = access.visible_articles(who, faq_only=faq_only)
    if form.is_valid():
        category = form.cleaned_data.get("categorie")
        if category is not None:
            under = access.visible_categories(who).filter(pk=category).first()
            if under is None:
                return articles.none()
            inside = KnowbaseCategory.objects.filter(path__startswith=under.path)
            articles = articles.filter(
                pk__in=Article.objects.filter(categories__in=inside).values("pk")
            )
        articles = search.matching(articles, form.cleaned_data.get("q") or "")
    categories = Prefetch("categories", queryset=KnowbaseCategory.objects.order_by("full_name"))
    return (
        articles.select_related("author")
        .prefetch_related(categories)
        .annotate(resolved=Count("deflections", distinct=True))
        .order_by("name", "pk")
    )


@require_GET
@who_required
def article_list(request: WhoRequest, *, faq: bool = False) -> HttpResponse:
    """« FAQ » (the simplified interface, or ?faq) and « Base de connaissances »."""
    who = _who(request)
    if not access.can_read(who):
        raise TicketNotFound()
    faq_only = faq or not access.reads_all_kinds(who)
    form = SearchForm(request.GET or None, who=who)
    articles = list(_listed(who, faq_only, form)[: PAGE_SIZE + 1])
    context = {
        "form": form,
        "articles": articles[:PAGE_SIZE],
        "more": len(articles) > PAGE_SIZE,
        "faq_only": faq_only,
        "can_create": access.can_create(who),
        "sees_deflection": access.sees_deflection(who),
    }
    return render(request, "knowbase/article_list.html", context)


@require_GET
@who_required
def article_detail(request: WhoRequest, pk: int) -> HttpResponse:
    who = _who(request)
    article = access.get_article_for(who, pk)
    workflow.count_view(article)
    editor = access.can_edit(who, article)
    context = {
        "article": article,
        "categories": list(article.categories.order_by("full_name")),
        "attachments": list(article.attachments.all()),
        "revisions": list(article.revisions.select_related("author")) if editor else [],
        "can_edit": editor,
        "sees_deflection": access.sees_deflection(who),
        "resolved_count": article.deflections.count(),
        "already_resolved": article.deflections.filter(user_id=who.user_id).exists(),
    }
    return render(request, "knowbase/article_detail.html", context)


def _save(request: WhoRequest, form: ArticleForm, article: Article | None) -> Article | None:
    if not form.is_valid():
        return None
    who = _who(request)
    data = form.cleaned_data
    fields = {
        "name": data["name"],
        "answer": data["answer"],
        "categories": form.chosen_categories(),
        "begin_date": data.get("begin_date"),
        "end_date": data.get("end_date"),
        "targets": form.targets(),
        "attachments": data.get("attachments") or [],
    }
    try:
        if article is None:
            return workflow.create_article(by=who, is_faq=bool(data.get("is_faq")), **fields)
        is_faq = data.get("is_faq") if "is_faq" in form.fields else None
        return workflow.update_article(article, by=who, is_faq=is_faq, **fields)
    except WorkflowError as error:
        form.add_error(error.field if error.field in form.fields else None, error.message)
        return None


@require_http_methods(["GET", "POST"])
@who_required
def article_create(request: WhoRequest) -> HttpResponse:
    who = _who(request)
    if not access.can_create(who):
        raise TicketNotFound()
    form = ArticleForm(request.POST or None, request.FILES or None, who=who)
    if request.method == "POST":
        article = _save(request, form, None)
        if article is not None:
            messages.success(request, _("Article créé."))
            return redirect("knowbase:detail", pk=article.pk)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "article": None}
    return render(request, "knowbase/article_form.html", context, status=status)


@require_http_methods(["GET", "POST"])
@who_required
def article_edit(request: WhoRequest, pk: int) -> HttpResponse:
    who = _who(request)
    article = access.get_article_for(who, pk, write=True)
    form = ArticleForm(request.POST or None, request.FILES or None, who=who, article=article)
    if request.method == "POST":
        saved = _save(request, form, article)
        if saved is not None:
            messages.success(request, _("Article enregistré."))
            return redirect("knowbase:detail", pk=saved.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "knowbase/article_form.html", {"form": form, "article": article}, status=status
    )


@require_POST
@who_required
def article_delete(request: WhoRequest, pk: int) -> HttpResponse:
    who = _who(request)
    article = access.get_article_for(who, pk, write=True)
    workflow.delete_article(article, by=who)
    messages.success(request, _("Article supprimé."))
    return redirect("knowbase:list")


@require_POST
@who_required
def article_resolved(request: WhoRequest, pk: int) -> HttpResponse:
    """« Cet article a résolu mon problème »."""
    who = _who(request)
    article = access.get_article_for(who, pk)
    category = (
        ticket_access.visible_categories(who).filter(pk=_int(request.POST.get("category"))).first()
    )
    workflow.mark_resolved(article, by=who, category=category)
    if request.htmx:
        return render(request, "knowbase/partials/resolved.html", {"article": article})
    messages.success(request, _("Merci : nous sommes ravis que cet article vous ait aidé."))
    return redirect("knowbase:detail", pk=article.pk)


def _int(value: object) -> int:
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return 0


@require_GET
@who_required
def suggestions(request: WhoRequest) -> HttpResponse:
    """The htmx fragment of the ticket form: FAQ articles for the category and title."""
    who = _who(request)
    category = (
        ticket_access.visible_categories(who).filter(pk=_int(request.GET.get("category"))).first()
    )
    title = str(request.GET.get("title") or "")[:255]
    found = access.suggestions(who, category, title)
    workflow.count_suggested(found)
    context = {"suggestions": found, "category": category}
    return render(request, "knowbase/partials/suggestions.html", context)


@require_GET
@who_required
def attachment_download(request: WhoRequest, pk: int) -> HttpResponseBase:
    attachment = access.get_attachment_for(_who(request), pk)
    # An article's document has a ticket attachment's fields: served the same way.
    return download(cast(Attachment, attachment), inline=True)


@require_POST
@who_required
def from_solution(request: WhoRequest, pk: int, solution_id: int) -> HttpResponse:
    """« Ajouter à la base de connaissances » on a ticket's solution."""
    who = _who(request)
    ticket = ticket_access.get_ticket_for(who, pk)
    solution = ticket.solutions.filter(pk=solution_id).first()
    if solution is None or not access.can_create(who):
        raise TicketNotFound()
    article = workflow.article_from_solution(solution, by=who)
    messages.success(
        request, _("Article créé depuis la solution : relisez-le et choisissez ses cibles.")
    )
    return redirect("knowbase:edit", pk=article.pk)
