"""Who reads and writes the knowledge base (GLPI's KnowbaseItem rules).

- Reading needs ``knowbase.read`` (every article) or ``knowbase.read_faq`` (FAQ articles
  only), and the article must target ``who``: the user, one of their groups, their active
  profile, or one of their active entities (or an entity above, when the target includes
  sub-entities). A group or profile target may be limited to an entity.
- Outside its visibility dates an article is read only by its author and its editors.
- ``knowbase.admin`` reads and edits every article, whatever its targets.
- Writing: creating needs ``knowbase.create`` (``knowbase.publish_faq`` for a FAQ
  article); editing a visible article needs ``knowbase.update``, or ``publish_faq`` for a
  FAQ article, or being its author.
- Anything outside these rules answers as if it did not exist (404).
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from escalade.accounts.rights import Right
from escalade.accounts.who import Who
from escalade.knowbase.models import (
    Article,
    ArticleAttachment,
    EntityTarget,
    GroupTarget,
    KnowbaseCategory,
    ProfileTarget,
    UserTarget,
)
from escalade.tickets import access
from escalade.tickets.errors import TicketNotFound
from escalade.tickets.models import Category


class ArticleNotFound(TicketNotFound):
    """No such article, or one ``who`` may not read: they answer alike (404)."""


def can_read(who: Who | None) -> bool:
    return who is not None and who.has_any(
        Right.KNOWBASE_READ, Right.KNOWBASE_READ_FAQ, Right.KNOWBASE_ADMIN
    )


def reads_all_kinds(who: Who) -> bool:
    """Whether ``who`` reads non-FAQ articles too (READ), not only the FAQ (READFAQ)."""
    return who.has_any(Right.KNOWBASE_READ, Right.KNOWBASE_ADMIN)


def can_create(who: Who | None) -> bool:
    return who is not None and who.has_any(
        Right.KNOWBASE_CREATE, Right.KNOWBASE_PUBLISH_FAQ, Right.KNOWBASE_ADMIN
    )


def can_publish_faq(who: Who | None) -> bool:
    return who is not None and who.has_any(Right.KNOWBASE_PUBLISH_FAQ, Right.KNOWBASE_ADMIN)


def sees_deflection(who: Who | None) -> bool:
    """Supervisors (and whoever edits the base) see what the suggestions achieved."""
    return who is not None and who.has_any(
        Right.KNOWBASE_UPDATE, Right.KNOWBASE_PUBLISH_FAQ, Right.KNOWBASE_ADMIN
    )


def _limited_to_reach(who: Who) -> Q:
    """A group or profile target: anywhere (no entity) or in ``who``'s reach."""
    return Q(entity__isnull=True) | access.shared_with_reach(who)


def targeted(who: Who) -> Q:
    """Articles one of whose targets is ``who``."""
    article = OuterRef("pk")
    return (
        Q(Exists(UserTarget.objects.filter(article=article, user_id=who.user_id)))
        | Q(
            Exists(
                GroupTarget.objects.filter(
                    _limited_to_reach(who), article=article, group_id__in=who.group_ids
                )
            )
        )
        | Q(
            Exists(
                ProfileTarget.objects.filter(
                    _limited_to_reach(who), article=article, profile_id=who.profile.pk
                )
            )
        )
        | Q(Exists(EntityTarget.objects.filter(access.shared_with_reach(who), article=article)))
    )


def _edits_all(who: Who) -> bool:
    return who.has_any(Right.KNOWBASE_UPDATE, Right.KNOWBASE_ADMIN)


def visible_articles(who: Who | None, *, faq_only: bool = False) -> QuerySet[Article]:
    """The articles ``who`` may read (``faq_only``: the FAQ's, as the simplified interface
    shows them)."""
    articles = Article.objects.all()
    if not can_read(who):
        return articles.none()
    assert who is not None
    if faq_only:
        articles = articles.filter(is_faq=True)
    if who.has(Right.KNOWBASE_ADMIN):
        return articles
    now = timezone.now()
    condition = targeted(who)
    if not reads_all_kinds(who):
        condition &= Q(is_faq=True)
    if not _edits_all(who):
        condition &= Q(begin_date__isnull=True) | Q(begin_date__lte=now)
        condition &= Q(end_date__isnull=True) | Q(end_date__gt=now)
    return articles.filter(condition | Q(author_id=who.user_id))


def get_article_for(who: Who | None, article_id: object, *, write: bool = False) -> Article:
    """The article, if ``who`` reads it (and may edit it with ``write``); 404 otherwise."""
    try:
        number = int(str(article_id))
    except (TypeError, ValueError):
        raise ArticleNotFound() from None
    article = visible_articles(who).filter(pk=number).select_related("author").first()
    if article is None or (write and not can_edit(who, article)):
        raise ArticleNotFound()
    return article


def editable_articles(who: Who | None) -> QuerySet[Article]:
    """The visible articles ``who`` may edit (the same rule as ``can_edit``, as a filter)."""
    articles = visible_articles(who)
    if who is None:
        return articles.none()
    if who.has_any(Right.KNOWBASE_ADMIN, Right.KNOWBASE_UPDATE):
        return articles
    condition = Q(author_id=who.user_id)
    if who.has(Right.KNOWBASE_PUBLISH_FAQ):
        condition |= Q(is_faq=True)
    return articles.filter(condition)


def can_edit(who: Who | None, article: Article) -> bool:
    """On an article ``who`` already reads (visible_articles)."""
    if who is None:
        return False
    if who.has(Right.KNOWBASE_ADMIN) or article.author_id == who.user_id:
        return True
    if article.is_faq and who.has(Right.KNOWBASE_PUBLISH_FAQ):
        return True
    return who.has(Right.KNOWBASE_UPDATE)


def visible_categories(who: Who | None) -> QuerySet[KnowbaseCategory]:
    """Categories of ``who``'s entities, or shared from above."""
    if not can_read(who):
        return KnowbaseCategory.objects.none()
    assert who is not None
    return KnowbaseCategory.objects.filter(access.shared_with_reach(who))


def visible_attachments(who: Who | None) -> QuerySet[ArticleAttachment]:
    return ArticleAttachment.objects.filter(article__in=visible_articles(who).values("pk"))


def get_attachment_for(who: Who | None, attachment_id: object) -> ArticleAttachment:
    try:
        number = int(str(attachment_id))
    except (TypeError, ValueError):
        raise ArticleNotFound() from None
    found = visible_attachments(who).filter(pk=number).first()
    if found is None:
        raise ArticleNotFound()
    return found


def suggestions(who: Who | None, category: Category | None, title: str, *, limit: int = 5):
    """Up to ``limit`` FAQ articles ``who`` reads, of the knowledge base categories linked
    to the ticket ``category`` (or one above it) that share a word with ``title``, best
    matches first (no word yet: no suggestion)."""
    from escalade.knowbase import search

    if category is None or not can_read(who) or not search.words(title):
        return []
    above = [int(pk) for pk in category.path.strip("/").split("/") if pk] or [category.pk]
    linked = Article.objects.filter(categories__ticket_categories__in=above).values("pk")
    articles = visible_articles(who, faq_only=True).filter(pk__in=linked)
    return list(search.ranked(articles, title)[:limit])
