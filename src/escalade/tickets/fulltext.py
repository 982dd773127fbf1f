"""Text search in tickets: titles, descriptions and followups.

On PostgreSQL it is full-text search with the French configuration (stemming:
« imprimantes » finds « imprimante »), over expression GIN indexes created by
migration 0004: the expressions below must stay exactly those of the indexes,
or PostgreSQL reads every row. The query is ``websearch_to_tsquery``: words are
ANDed, "quoted phrases", ``or``, and ``-word`` to exclude, as in a web search box.

Substring filters ("Titre contient", "Description contient") keep their exact
meaning (``icontains``); on PostgreSQL, trigram GIN indexes on ``UPPER(title)``
and ``UPPER(content)`` make them indexable too.

Every word must be found in one place: the title and description together, or one
followup. SQLite (small desks, demos) has no such indexes: there each word is looked
for as a substring.
"""

from __future__ import annotations

from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchVectorExact, SearchVectorField
from django.db import connection
from django.db.models import BooleanField, Exists, F, Func, OuterRef, Q

from escalade.accounts.who import Who
from escalade.tickets import access
from escalade.tickets.models import Followup, Ticket

CONFIG = "french"
MAX_WORDS = 10
MAX_IDS = 20_000  # matches fetched before the search itself; past it, row by row

# The indexed expressions (migration 0004 creates the same ones).
TICKET_DOCUMENT_SQL = (
    "to_tsvector('french'::regconfig, COALESCE(title, '') || ' ' || COALESCE(content, ''))"
)
FOLLOWUP_DOCUMENT_SQL = "to_tsvector('french'::regconfig, COALESCE(content, ''))"


class IdIn(Func):
    """``column = ANY(%s)`` with the ids as ONE array parameter (PostgreSQL): Django's
    ``__in`` would send and process one parameter per id."""

    template = "%(expressions)s = ANY(%%s::bigint[])"
    output_field = BooleanField()

    def __init__(self, column: str, ids: set[int]) -> None:
        super().__init__(F(column))
        self.ids = sorted(ids)

    def as_sql(self, compiler: Any, connection: Any, *args: Any, **extra: Any) -> Any:
        sql, params = super().as_sql(compiler, connection, *args, **extra)
        return sql, [*params, self.ids]


class _Document(Func):
    """``to_tsvector('french', COALESCE(a, '') || ' ' || COALESCE(b, '') …)``."""

    template = "to_tsvector('french'::regconfig, COALESCE(%(expressions)s, ''))"
    arg_joiner = ", '') || ' ' || COALESCE("
    output_field = SearchVectorField()


def _query(text: str) -> SearchQuery:
    return SearchQuery(text, config=CONFIG, search_type="websearch")


def matches(who: Who | None, text: str) -> Q:
    """Tickets whose title, description or a followup ``who`` may read has ``text``."""
    readable = access.readable_items(who, "followup")
    if connection.vendor == "postgresql":
        query = _query(text)
        # One id set from both GIN indexes (an OR of the two would read every ticket).
        in_tickets = (
            Ticket.objects.filter(SearchVectorExact(_Document(F("title"), F("content")), query))
            .order_by()
            .values_list("pk", flat=True)
        )
        in_followups = (
            Followup.objects.filter(readable, SearchVectorExact(_Document(F("content")), query))
            .order_by()
            .values_list("ticket_id", flat=True)
        )
        ids = in_tickets.union(in_followups, all=True)
        # PostgreSQL cannot estimate how many rows a word matches (it assumes 0.5%), and
        # would rather read every ticket than look 30,000 of them up. Most searches are
        # for rare words (a school's code, an error number): fetch their ids first (one
        # read of each GIN index) and hand them over as one array: exact estimates.
        found = list(ids[: MAX_IDS + 1])
        if len(found) <= MAX_IDS:
            return Q(IdIn("pk", set(found)))
        # A common word: most tickets have it, so the list finds its page within the
        # first rows it walks in its order; test the word on those rows only (the
        # union of hundreds of thousands of ids would cost seconds).
        in_its_followups = Followup.objects.filter(
            readable, SearchVectorExact(_Document(F("content")), query), ticket=OuterRef("pk")
        )
        return Q(SearchVectorExact(_Document(F("title"), F("content")), query)) | Q(
            Exists(in_its_followups)
        )
    words = [w.strip("\"'") for w in text.split()[:MAX_WORDS]]
    words = [w for w in words if w and w.lower() != "or"]
    in_ticket = Q()
    in_followup = Q()
    for word in words:
        in_ticket &= Q(title__icontains=word) | Q(content__icontains=word)
        in_followup &= Q(content__icontains=word)
    followups = Followup.objects.filter(readable, in_followup).values("ticket_id")
    return in_ticket | Q(pk__in=followups)
