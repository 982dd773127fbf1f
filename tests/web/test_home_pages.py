"""Each interface has a home page: counts and last changes for the desk, « Créer un ticket »
and my tickets for requesters; a fixed number of queries whatever the number of tickets."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from escalade.tickets import workflow
from escalade.tickets.status import Status
from tests.conftest import open_lsu_ticket
from tests.web.conftest import signed_in

pytestmark = pytest.mark.django_db


def count_of(body: str, key: str) -> str:
    match = re.search(rf'id="compte-{key}">.*?fs-3 fw-semibold[^"]*">([^<]+)<', body, re.S)
    assert match, key
    return match.group(1).strip()


def test_standard_home_counts_tabs_and_statuses_and_lists_last_changes(demo, chef, referent):
    first = open_lsu_ticket(demo, chef, title="Premier")
    second = open_lsu_ticket(demo, chef, title="Second")
    workflow.take(second, by=referent)
    workflow.add_followup(second, by=referent, content="?", status=Status.WAITING)
    client = signed_in(demo, "referent.lsu", "Référent fonctionnel")
    response = client.get("/")
    body = response.content.decode()
    assert response.status_code == 200
    assert count_of(body, "a-traiter") == "2"  # both assigned to Référents-LSU
    assert count_of(body, "tous") == "2"
    assert count_of(body, "mes") == "0"
    assert re.search(r"En attente <span class=\"badge[^\"]*\">1</span>", body)
    assert re.search(r"En cours \(attribué\) <span class=\"badge[^\"]*\">1</span>", body)
    assert "Derniers tickets modifiés" in body
    assert body.index("Second") < body.index("Premier")  # the last changed first
    assert f"/tickets/{first.pk}/" in body


def test_standard_home_queries_do_not_grow_with_tickets(demo, chef):
    client = signed_in(demo, "referent.lsu", "Référent fonctionnel")
    open_lsu_ticket(demo, chef)
    client.get("/")

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/").status_code == 200
        return len(ctx.captured_queries)

    few = queries()
    for n in range(12):
        observer = workflow.Actors(observers=[demo.users["tech.bai"]])
        open_lsu_ticket(demo, chef, title=f"Ticket {n}", actors=observer)
    assert queries() == few


def test_simplified_home_offers_to_create_and_shows_my_tickets(demo, chef, referent):
    ticket = open_lsu_ticket(demo, chef, title="Bulletins bloqués")
    workflow.add_solution(ticket, by=referent, content="Relancez.")
    client = signed_in(demo, "chef.etab")
    body = client.get("/").content.decode()
    assert "Bonjour Claire" in body
    assert 'id="creer-ticket"' in body and "/tickets/nouveau/" in body
    assert "Bulletins bloqués" in body
    assert "Résolu" in body and "à approuver" in body
    assert 'id="faq"' in body  # the FAQ's place
    assert "0 en cours" in body and "1 au total" in body


def test_simplified_home_queries_do_not_grow_with_tickets(demo, chef):
    client = signed_in(demo, "chef.etab")
    open_lsu_ticket(demo, chef)
    client.get("/")

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/").status_code == 200
        return len(ctx.captured_queries)

    few = queries()
    for n in range(12):
        open_lsu_ticket(demo, chef, title=f"Ticket {n}")
    assert queries() == few


def test_someone_else_sees_nothing_of_the_demo_on_his_home(demo, chef, outsider):
    open_lsu_ticket(demo, chef, title="Accès impossible à LSU")
    client = Client()
    client.force_login(outsider.user)
    body = client.get("/").content.decode()
    assert count_of(body, "tous") == "0"
    assert "Accès impossible à LSU" not in body


def test_home_needs_sign_in():
    response = Client().get("/")
    assert response.status_code == 302 and "/compte/connexion/" in response["Location"]


def _late_ticket(demo, chef, title: str = "Bulletins introuvables"):
    """A ticket opened on a Friday at 16:00 under the demo's LSU service level: late by
    the following Monday (its time to own is counted in office hours)."""
    import time_machine

    from escalade.demo.slas import load_sla_demo
    from tests.slas.conftest import paris

    load_sla_demo(demo)
    with time_machine.travel(paris(2026, 3, 6, 16), tick=False):
        return open_lsu_ticket(demo, chef, title=title)


def test_standard_home_counts_late_tickets_with_the_lists_filter(demo, chef):
    late = _late_ticket(demo, chef)
    open_lsu_ticket(demo, chef, title="Tout juste ouvert")  # due later: not late
    client = signed_in(demo, "referent.lsu", "Référent fonctionnel")
    body = client.get("/").content.decode()
    assert count_of(body, "en-retard") == "1"
    link = re.search(r'href="([^"]+)" id="compte-en-retard"', body)
    assert link
    listed = client.get(link.group(1).replace("&amp;", "&")).content.decode()
    assert f"/tickets/{late.pk}/" in listed and "Tout juste ouvert" not in listed


def test_late_count_queries_do_not_grow_with_late_tickets(demo, chef):
    _late_ticket(demo, chef)
    client = signed_in(demo, "referent.lsu", "Référent fonctionnel")

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/").status_code == 200
        return len(ctx.captured_queries)

    few = queries()
    for n in range(5):
        _late_ticket(demo, chef, title=f"En retard {n}")
    assert queries() == few


def test_someone_else_does_not_count_the_desks_late_tickets(demo, chef, outsider):
    _late_ticket(demo, chef)
    client = Client()
    client.force_login(outsider.user)
    assert count_of(client.get("/").content.decode(), "en-retard") == "0"
