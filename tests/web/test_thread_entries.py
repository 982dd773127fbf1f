"""« Fil du ticket » tells escalations and the routing of a new ticket to everyone who sees
the ticket, credited to who (or what) did it."""

from __future__ import annotations

import pytest

from escalade.tickets.models import Followup, Rule, RuleAction, RuleActionKind, RuleCriterion
from tests.conftest import open_lsu_ticket
from tests.web.conftest import signed_in

pytestmark = pytest.mark.django_db


def thread_of(client, ticket) -> str:
    body = client.get(f"/tickets/{ticket.pk}/").content.decode()
    return body.split('id="titre-fil"', 1)[1].split('id="titre-ajouter"', 1)[0]


def test_escalation_asks_for_a_comment_and_the_requester_reads_it_in_the_thread(
    demo, chef, referent
):
    ticket = open_lsu_ticket(demo, chef)
    client = signed_in(demo, "referent.lsu", "Référent fonctionnel")
    page = client.get(f"/tickets/{ticket.pk}/").content.decode()
    assert "Confirmer l&#x27;escalade" in page or "Confirmer l'escalade" in page
    assert "Commentaire (facultatif)" in page
    response = client.post(
        f"/tickets/{ticket.pk}/escalader/",
        {"group": demo.dsi_bai.pk, "comment": "Droits à corriger côté DSI."},
    )
    assert response.status_code == 302
    followup = Followup.objects.get(ticket=ticket)
    assert not followup.is_private and "Droits à corriger" in followup.content
    for login, profile in (("chef.etab", None), ("tech.bai", None)):
        thread = thread_of(signed_in(demo, login, profile), ticket)
        assert "Transmis à DSI-BAI par Karim Benali" in thread, login
        assert "Droits à corriger côté DSI." in thread, login
        assert thread.index("Transmis à DSI-BAI") < thread.index("Droits à corriger")


def test_escalation_without_comment_adds_no_followup(demo, chef, referent):
    ticket = open_lsu_ticket(demo, chef)
    client = signed_in(demo, "referent.lsu", "Référent fonctionnel")
    client.post(f"/tickets/{ticket.pk}/escalader/", {"group": demo.dsi_bai.pk, "comment": ""})
    assert not Followup.objects.filter(ticket=ticket).exists()
    assert "Transmis à DSI-BAI" in thread_of(signed_in(demo, "chef.etab"), ticket)


def test_routing_by_category_is_credited_to_the_category_not_the_requester(demo, chef):
    ticket = open_lsu_ticket(demo, chef)
    thread = thread_of(signed_in(demo, "chef.etab"), ticket)
    assert "Attribué à Référents-LSU par la catégorie « Scolarité &gt; LSU »" in thread or (
        "Attribué à Référents-LSU par la catégorie « Scolarité > LSU »" in thread
    )
    assert "Claire Dubois" not in thread.split("Attribué à", 1)[1].split("</li>", 1)[0]


def test_routing_by_a_rule_names_the_rule(demo, chef):
    rule = Rule.objects.create(name="LSU → DSI-BAI", entity=demo.academie, is_recursive=True)
    RuleCriterion.objects.create(rule=rule, field="title", operator="contains", value="urgent")
    RuleAction.objects.create(rule=rule, kind=RuleActionKind.ASSIGN_GROUP, value=demo.dsi_bai.pk)
    ticket = open_lsu_ticket(demo, chef, title="LSU urgent")
    thread = thread_of(signed_in(demo, "chef.etab"), ticket)
    assert "par la règle « LSU → DSI-BAI »" in thread
    assert "Attribué à DSI-BAI" in thread


def test_the_thread_costs_the_same_queries_with_more_escalations(
    demo, chef, referent, tech, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from escalade.tickets import workflow

    ticket = open_lsu_ticket(demo, chef)
    client = signed_in(demo, "chef.etab")
    workflow.escalate(ticket, by=referent, group=demo.dsi_bai)
    with CaptureQueriesContext(connection) as first:
        client.get(f"/tickets/{ticket.pk}/")
    workflow.escalate(ticket, by=tech, group=demo.referents)
    workflow.escalate(ticket, by=referent, group=demo.dsi_bai)
    with django_assert_max_num_queries(len(first.captured_queries)):
        client.get(f"/tickets/{ticket.pk}/")
