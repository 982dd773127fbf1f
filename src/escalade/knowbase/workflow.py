"""The only writer of the knowledge base: articles, their targets, files and revisions,
what the suggestions achieved. Every function takes the acting ``Who``; rights come from
escalade.knowbase.access, errors are escalade.tickets.errors' typed ones."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from escalade.accounts.models import Entity, Profile, SupportGroup, User
from escalade.accounts.who import Who
from escalade.knowbase import access
from escalade.knowbase.models import (
    Article,
    ArticleAttachment,
    Deflection,
    EntityTarget,
    GroupTarget,
    KnowbaseCategory,
    ProfileTarget,
    Revision,
    UserTarget,
)
from escalade.tickets import richtext
from escalade.tickets.attachments import Upload, check
from escalade.tickets.errors import Forbidden, InvalidInput
from escalade.tickets.models import Category, Solution

MAX_NAME = 255


@dataclass
class Targets:
    """Who an article is for: entities (with or without sub-entities), groups, profiles,
    users. Groups and profiles may be limited to an entity (``None``: anywhere)."""

    entities: list[tuple[Entity, bool]] = field(default_factory=list)
    groups: list[tuple[SupportGroup, Entity | None, bool]] = field(default_factory=list)
    profiles: list[tuple[Profile, Entity | None, bool]] = field(default_factory=list)
    users: list[User] = field(default_factory=list)


def answer_html(text: str) -> str:
    """The answer as stored: real HTML sanitized (nh3 allowlist), plain text escaped."""
    return richtext.from_input(richtext.from_glpi(text or ""))


def _name(name: str) -> str:
    name = richtext.normalize_plain(name or "").replace("\n", " ")
    if not name.strip():
        raise InvalidInput(_("Le sujet de l'article est obligatoire."), field="name")
    if len(name) > MAX_NAME:
        raise InvalidInput(_("Le sujet ne dépasse pas %d caractères.") % MAX_NAME, field="name")
    return name


def _dates(begin: datetime | None, end: datetime | None) -> None:
    if begin is not None and end is not None and end <= begin:
        raise InvalidInput(_("La fin de visibilité doit suivre son début."), field="end_date")


def _faq_allowed(who: Who, is_faq: bool) -> None:
    if is_faq and not access.can_publish_faq(who):
        raise Forbidden(_("Vous ne pouvez pas publier dans la FAQ."), field="is_faq")


def _set_targets(article: Article, targets: Targets) -> None:
    article.entity_targets.all().delete()
    article.group_targets.all().delete()
    article.profile_targets.all().delete()
    article.user_targets.all().delete()
    EntityTarget.objects.bulk_create(
        EntityTarget(article=article, entity=e, is_recursive=r) for e, r in targets.entities
    )
    GroupTarget.objects.bulk_create(
        GroupTarget(article=article, group=g, entity=e, is_recursive=r)
        for g, e, r in targets.groups
    )
    ProfileTarget.objects.bulk_create(
        ProfileTarget(article=article, profile=p, entity=e, is_recursive=r)
        for p, e, r in targets.profiles
    )
    UserTarget.objects.bulk_create(UserTarget(article=article, user=u) for u in targets.users)


def _store(article: Article, by: Who, uploads: Sequence[Upload]) -> None:
    for checked in [check(u) for u in uploads]:
        ArticleAttachment.objects.create(
            article=article,
            uploaded_by=by.user,
            file=checked.content,
            filename=checked.filename,
            content_type=checked.content_type,
            size=checked.size,
            sha256=checked.sha256,
        )


def create_article(
    *,
    by: Who,
    name: str,
    answer: str,
    is_faq: bool = False,
    categories: Sequence[KnowbaseCategory] = (),
    begin_date: datetime | None = None,
    end_date: datetime | None = None,
    targets: Targets | None = None,
    attachments: Sequence[Upload] = (),
    source_solution: Solution | None = None,
) -> Article:
    if not access.can_create(by):
        raise Forbidden(_("Vous ne pouvez pas créer d'article."))
    _faq_allowed(by, is_faq)
    clean_name = _name(name)
    _dates(begin_date, end_date)
    html = answer_html(answer)
    now = timezone.now()
    with transaction.atomic():
        article = Article.objects.create(
            name=clean_name,
            answer=html,
            is_faq=is_faq,
            author=by.user,
            begin_date=begin_date,
            end_date=end_date,
            created_at=now,
            updated_at=now,
            source_solution=source_solution,
        )
        article.categories.set(categories)
        if targets is not None:
            _set_targets(article, targets)
        _store(article, by, attachments)
    return article


_UNSET: object = object()


def update_article(
    article: Article,
    *,
    by: Who,
    name: str | None = None,
    answer: str | None = None,
    is_faq: bool | None = None,
    categories: Sequence[KnowbaseCategory] | None = None,
    begin_date: datetime | object | None = _UNSET,
    end_date: datetime | object | None = _UNSET,
    targets: Targets | None = None,
    attachments: Sequence[Upload] = (),
) -> Article:
    """Change what is given; the previous subject and answer become a revision."""
    with transaction.atomic():
        locked = Article.objects.select_for_update().get(pk=article.pk)
        if not access.can_edit(by, locked):
            raise Forbidden(_("Vous ne pouvez pas modifier cet article."))
        if is_faq is not None and is_faq != locked.is_faq:
            if not access.can_publish_faq(by):
                raise Forbidden(_("Vous ne pouvez pas publier dans la FAQ."), field="is_faq")
            locked.is_faq = is_faq
        new_name = _name(name) if name is not None else locked.name
        new_answer = answer_html(answer) if answer is not None else locked.answer
        if (new_name, new_answer) != (locked.name, locked.answer):
            last = locked.revisions.aggregate(n=Max("number"))["n"] or 0
            Revision.objects.create(
                article=locked,
                number=last + 1,
                name=locked.name,
                answer=locked.answer,
                author=locked.author,
                created_at=locked.updated_at,
            )
            locked.name, locked.answer = new_name, new_answer
        if begin_date is not _UNSET:
            locked.begin_date = begin_date  # type: ignore[assignment]
        if end_date is not _UNSET:
            locked.end_date = end_date  # type: ignore[assignment]
        _dates(locked.begin_date, locked.end_date)
        locked.updated_at = timezone.now()
        locked.save()
        if categories is not None:
            locked.categories.set(categories)
        if targets is not None:
            _set_targets(locked, targets)
        _store(locked, by, attachments)
    return locked


def delete_article(article: Article, *, by: Who) -> None:
    if not access.can_edit(by, article):
        raise Forbidden(_("Vous ne pouvez pas supprimer cet article."))
    files = [a.file for a in article.attachments.all()]

    def remove_files() -> None:
        for stored in files:
            stored.delete(save=False)

    with transaction.atomic():
        article.delete()
        transaction.on_commit(remove_files)


def add_target(article: Article, *, by: Who, target: object) -> object:
    """One more target (an unsaved EntityTarget, GroupTarget, ProfileTarget or UserTarget
    for ``article``), as GLPI's API adds them one by one."""
    if not access.can_edit(by, article):
        raise Forbidden(_("Vous ne pouvez pas modifier cet article."))
    target.article = article  # type: ignore[attr-defined]
    target.save()  # type: ignore[attr-defined]
    return target


def remove_target(target: object, *, by: Who) -> None:
    article = target.article  # type: ignore[attr-defined]
    if not access.can_edit(by, article):
        raise Forbidden(_("Vous ne pouvez pas modifier cet article."))
    target.delete()  # type: ignore[attr-defined]


def count_view(article: Article) -> None:
    Article.objects.filter(pk=article.pk).update(views=F("views") + 1)


def count_suggested(articles: Sequence[Article]) -> None:
    if articles:
        Article.objects.filter(pk__in=[a.pk for a in articles]).update(suggested=F("suggested") + 1)


def mark_resolved(article: Article, *, by: Who, category: Category | None = None) -> bool:
    """« Cet article a résolu mon problème »: counted once per person (False: already)."""
    try:
        with transaction.atomic():
            Deflection.objects.create(article=article, user=by.user, ticket_category=category)
    except IntegrityError:
        return False
    return True


def article_from_solution(solution: Solution, *, by: Who) -> Article:
    """« Ajouter à la base de connaissances »: the ticket's title and the solution's text
    as a new article (not in the FAQ, for its author to review and target)."""
    ticket = solution.ticket
    categories: list[KnowbaseCategory] = []
    if ticket.category_id:
        categories = list(
            access.visible_categories(by).filter(ticket_categories=ticket.category_id)
        )
    return create_article(
        by=by,
        name=ticket.title,
        answer=richtext.Html(solution.content),
        categories=categories,
        source_solution=solution,
    )
