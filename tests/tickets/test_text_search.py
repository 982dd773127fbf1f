"""The "Texte" filter: titles, descriptions and followups, with the private-followup rule."""

from __future__ import annotations

import pytest
from django.db import connection

from escalade.tickets import search, workflow
from escalade.tickets.errors import InvalidInput
from escalade.tickets.models import Ticket
from escalade.tickets.search import Criterion
from tests.conftest import open_lsu_ticket


def _found(who, text: str, operator: str = "contains") -> set[int]:
    criteria = [Criterion("status", "is", "all"), Criterion("text", operator, text)]
    return set(search.search_tickets(who, criteria).values_list("pk", flat=True))


def test_text_finds_words_of_titles_descriptions_and_followups(demo, chef, referent):
    by_title = open_lsu_ticket(demo, chef, title="Imprimante du secrétariat", content="Rien")
    by_content = open_lsu_ticket(demo, chef, title="Panne", content="<p>L'imprimante bloque</p>")
    by_followup = open_lsu_ticket(demo, chef, title="Autre", content="Autre chose")
    workflow.add_followup(by_followup, by=referent, content="Vérifiez l'imprimante réseau.")
    unrelated = open_lsu_ticket(demo, chef, title="Accès LSU", content="Erreur 403")

    found = _found(referent, "imprimante")
    assert {by_title.pk, by_content.pk, by_followup.pk} <= found
    assert unrelated.pk not in found
    # "ne contient pas" is the complement within what the referent sees.
    assert unrelated.pk in _found(referent, "imprimante", "not_contains")
    assert by_followup.pk not in _found(referent, "imprimante", "not_contains")
    # Every word must be found in one place: the title and description, or one followup.
    assert _found(referent, "réseau imprimante") == {by_followup.pk}
    assert _found(referent, "secrétariat imprimante") == {by_title.pk}
    assert _found(referent, "autre réseau") == set()


def test_text_search_uses_french_stemming_on_postgresql(demo, chef, referent):
    ticket = open_lsu_ticket(demo, chef, title="L'imprimante ne répond plus", content="—")
    # PostgreSQL's French configuration: plural and singular share a stem. SQLite only
    # finds substrings, and "imprimantes" is not one of "imprimante".
    assert (ticket.pk in _found(referent, "imprimantes")) == (connection.vendor == "postgresql")
    assert ticket.pk in _found(referent, "imprimante")


@pytest.mark.parametrize("max_ids", [20_000, 0])  # rare words by ids, common ones by row
def test_private_followups_are_not_searchable_by_who_cannot_read_them(
    demo, chef, referent, monkeypatch, max_ids
):
    from escalade.tickets import fulltext

    monkeypatch.setattr(fulltext, "MAX_IDS", max_ids)
    ticket = open_lsu_ticket(demo, chef, title="Export PDF", content="Le bulletin ne sort pas")
    workflow.add_followup(ticket, by=referent, content="Mot interne : zorglub", is_private=True)
    assert _found(referent, "zorglub") == {ticket.pk}
    assert _found(chef, "zorglub") == set()  # the requester sees the ticket, not that followup
    assert ticket.pk in _found(chef, "bulletin")


def test_text_search_never_reaches_tickets_outside_reach(demo, chef, outsider):
    open_lsu_ticket(demo, chef, title="Imprimante du collège")
    assert _found(outsider, "imprimante") == set()


@pytest.mark.parametrize("value", ["", "   ", "x" * 201])
def test_bad_text_values_are_refused_with_a_message(referent, value):
    with pytest.raises(InvalidInput) as caught:
        search.search_tickets(referent, [Criterion("text", "contains", value)])
    assert "Texte" in caught.value.message


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's indexes")
def test_text_and_contains_filters_are_answered_from_the_indexes(demo, chef, referent, monkeypatch):
    """The query expressions are those of migration 0004's indexes (else: a full scan)."""
    from django.test.utils import CaptureQueriesContext

    from escalade.tickets import fulltext

    ticket = open_lsu_ticket(demo, chef, title="Imprimante", content="<p>Panne</p>")
    text = Criterion("text", "contains", "imprimante")
    # A rare word: its ids are fetched first (from both GIN indexes), then passed as
    # one array.
    with CaptureQueriesContext(connection) as fetched:
        rare = str(Ticket.objects.filter(search.condition(referent, text)).query)
    assert "= ANY(" in rare and "to_tsvector" not in rare
    assert _found(referent, "imprimante") == {ticket.pk}
    plans = {}
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        cursor.execute("SET enable_indexscan = off")  # GIN indexes are read by bitmap scans
        try:
            cursor.execute("EXPLAIN " + fetched.captured_queries[-1]["sql"])
            plans["text"] = "\n".join(row[0] for row in cursor.fetchall())
            for name, criterion in {
                "title": Criterion("title", "contains", "prim"),
                "content": Criterion("content", "contains", "pann"),
            }.items():
                # The condition alone: the index is then the only way to avoid a scan.
                tickets = Ticket.objects.order_by().filter(search.condition(referent, criterion))
                plans[name] = tickets.explain()
        finally:
            cursor.execute("SET enable_seqscan = on")
            cursor.execute("SET enable_indexscan = on")
    assert "ticket_fulltext" in plans["text"]
    assert "followup_fulltext" in plans["text"]
    assert "ticket_title_trgm" in plans["title"]
    assert "ticket_content_trgm" in plans["content"]
    # A common word (more matches than MAX_IDS) is tested row by row: same answer.
    monkeypatch.setattr(fulltext, "MAX_IDS", 0)
    common = str(Ticket.objects.filter(search.condition(referent, text)).query)
    assert "to_tsvector" in common and "= ANY(" not in common
    assert _found(referent, "imprimante") == {ticket.pk}
