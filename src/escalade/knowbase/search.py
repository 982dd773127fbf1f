"""Text search in articles, as for tickets (escalade.tickets.fulltext).

On PostgreSQL: full-text search with the French configuration over the subject and the
answer (« imprimantes » finds « imprimante »), ``websearch_to_tsquery`` for the search
box. On SQLite each word is looked for as a substring. The suggestions made while a
requester types a title need any word, not all: they are ranked by how many words match.
"""

from __future__ import annotations

import re

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce

from escalade.knowbase.models import Article

CONFIG = "french"
MAX_WORDS = 10
# Words that say nothing about a problem (a title « Je n'arrive pas à … »).
STOP_WORDS = frozenset(
    [
        "les",
        "des",
        "une",
        "pour",
        "pas",
        "avec",
        "dans",
        "sur",
        "est",
        "sont",
        "que",
        "qui",
        "par",
        "plus",
        "mon",
        "mes",
        "ma",
        "nos",
        "vos",
        "votre",
        "notre",
        "cette",
        "ces",
        "aux",
        "elle",
        "ils",
        "nous",
        "vous",
        "arrive",
        "impossible",
        "problème",
        "probleme",
    ]
)


def _vector() -> SearchVector:
    return SearchVector("name", "answer", config=CONFIG)


def words(text: str) -> list[str]:
    found = [w for w in re.findall(r"\w+", text or "") if len(w) >= 3]
    return [w for w in found if w.lower() not in STOP_WORDS][:MAX_WORDS]


def matching(articles: QuerySet[Article], text: str) -> QuerySet[Article]:
    """Articles with every word of ``text`` (the FAQ's and the base's search box)."""
    text = (text or "").strip()
    if not text:
        return articles
    if connection.vendor == "postgresql":
        query = SearchQuery(text[:500], config=CONFIG, search_type="websearch")
        return articles.annotate(document=_vector()).filter(document=query)
    condition = Q()
    for word in [w.strip("\"'") for w in text.split()[:MAX_WORDS]]:
        if word and word.lower() != "or":
            condition &= Q(name__icontains=word) | Q(answer__icontains=word)
    return articles.filter(condition)


def ranked(articles: QuerySet[Article], text: str) -> QuerySet[Article]:
    """Articles with any word of ``text``, best first (no words: the most read first)."""
    found = words(text)
    if not found:
        return articles.order_by("-views", "name", "pk")
    if connection.vendor == "postgresql":
        query = SearchQuery(found[0], config=CONFIG)
        for word in found[1:]:
            query |= SearchQuery(word, config=CONFIG)
        return (
            articles.annotate(document=_vector())
            .filter(document=query)
            .annotate(rank=SearchRank(F("document"), query))
            .order_by("-rank", "-views", "pk")
        )
    condition = Q()
    score = Value(0)
    for word in found:
        condition |= Q(name__icontains=word) | Q(answer__icontains=word)
        score = score + Case(  # type: ignore[assignment]
            When(name__icontains=word, then=Value(2)),
            When(answer__icontains=word, then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
    return (
        articles.filter(condition)
        .annotate(rank=Coalesce(score, Value(0)))
        .order_by("-rank", "-views", "pk")
    )
