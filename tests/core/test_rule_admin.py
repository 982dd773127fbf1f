"""Business rules in the admin, for a desk's administrator: values picked and shown by name
(« Catégorie est Scolarité > LSU », « Ajouter le groupe observateur DSI-BAI »), never raw
ids; « Tester cette règle » says which rules a sample ticket would match and what they would
do, without writing anything; only those who may see the rules reach it."""

from __future__ import annotations

import re
from urllib.parse import urlencode

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from escalade.accounts.models import User
from escalade.notifications.models import Notification
from escalade.tickets.models import (
    Rule,
    RuleAction,
    RuleActionKind,
    RuleCriterion,
    RuleField,
    RuleOperator,
    Ticket,
    TicketActor,
    TicketEvent,
)
from tests.web.conftest import signed_in

pytestmark = pytest.mark.django_db


def demo_rule() -> Rule:
    return Rule.objects.get(name="LSU très urgent : informer DSI-BAI")


def test_rule_page_shows_criteria_and_actions_by_name(demo):
    rule = demo_rule()
    body = signed_in(demo, "admin").get(f"/admin/tickets/rule/{rule.pk}/change/").content.decode()
    assert "Catégorie est Scolarité &gt; LSU" in body
    assert "Urgence est Très haute" in body
    assert "Ajouter le groupe observateur DSI-BAI" in body
    # The pickers show the names, the stored id is the selected option's value.
    assert re.search(rf'<option value="category:{demo.lsu.pk}" selected>Scolarité &gt; LSU<', body)
    assert re.search(rf'<option value="group:{demo.dsi_bai.pk}" selected>DSI-BAI<', body)
    assert 'name="criteria-0-value"' not in body  # no raw id to type
    assert "Tester cette règle" in body


def _formset(prefix: str, rows: list[dict[str, str]]) -> dict[str, str]:
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for i, row in enumerate(rows):
        data.update({f"{prefix}-{i}-{k}": v for k, v in row.items()})
    return data


def _new_rule(demo, criteria: list[dict[str, str]], actions: list[dict[str, str]]) -> dict:
    return {
        "name": "Titre « bulletin » : DSI-BAI",
        "description": "",
        "entity": str(demo.academie.pk),
        "is_recursive": "on",
        "ranking": "20",
        "is_active": "on",
        "match": "and",
        "trigger": "1",
        **_formset("criteria", criteria),
        **_formset("actions", actions),
    }


def test_admin_creates_a_rule_with_pickers_and_texts(demo):
    client = signed_in(demo, "admin")
    data = _new_rule(
        demo,
        [
            {"field": "title", "operator": "contains", "text": "bulletin"},
            {"field": "category", "operator": "under", "picked": f"category:{demo.lsu.pk}"},
        ],
        [{"kind": "assign_group", "picked": f"group:{demo.dsi_bai.pk}"}, {"kind": "stop"}],
    )
    response = client.post("/admin/tickets/rule/add/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    rule = Rule.objects.get(name="Titre « bulletin » : DSI-BAI")
    assert {(c.field, c.operator, c.value) for c in rule.criteria.all()} == {
        ("title", "contains", "bulletin"),
        ("category", "under", str(demo.lsu.pk)),
    }
    assert [(a.kind, a.value) for a in rule.actions.all()] == [
        ("assign_group", str(demo.dsi_bai.pk)),
        ("stop", ""),
    ]


def test_a_value_of_the_wrong_kind_is_refused_with_a_message(demo):
    client = signed_in(demo, "admin")
    data = _new_rule(
        demo,
        [{"field": "category", "operator": "is", "picked": f"group:{demo.dsi_bai.pk}"}],
        [{"kind": "add_observer_group", "picked": ""}],
    )
    body = client.post("/admin/tickets/rule/add/", data).content.decode()
    assert "Choisissez une valeur parmi : Catégories." in body
    assert "Choisissez une valeur parmi : Groupes." in body
    assert not Rule.objects.filter(name="Titre « bulletin » : DSI-BAI").exists()


def _snapshot() -> tuple[int, ...]:
    return (
        Ticket.objects.count(),
        TicketActor.objects.count(),
        TicketEvent.objects.count(),
        Notification.objects.count(),
        Rule.objects.count(),
        RuleCriterion.objects.count(),
        RuleAction.objects.count(),
    )


def _tester(client: Client, **params) -> str:
    return client.get("/admin/tickets/rule/tester/?" + urlencode(params)).content.decode()


def test_tester_says_which_rules_match_and_what_they_would_do_without_writing(demo):
    rule = demo_rule()
    client = signed_in(demo, "admin")
    before = _snapshot()
    sample = {
        "rule": rule.pk,
        "entity": demo.college.pk,
        "category": demo.lsu.pk,
        "type": 1,
        "urgency": 5,
        "title": "LSU inaccessible",
        "requester": demo.users["chef.etab"].pk,
    }
    body = _tester(client, **sample)
    assert "La règle « LSU très urgent : informer DSI-BAI » s'appliquerait." in body
    assert "✓ rempli : Catégorie est Scolarité &gt; LSU" in body
    assert "✓ rempli : Urgence est Très haute" in body
    outcome = body[body.index('id="ticket-obtenu"') :]
    assert "Référents-LSU (groupe en charge de la catégorie)" in outcome
    assert "DSI-BAI" in outcome[outcome.index("Observateurs") :]
    body = _tester(client, **{**sample, "urgency": 3})
    assert "ne s'appliquerait pas" in body
    assert "✗ non rempli : Urgence est Très haute" in body
    assert _snapshot() == before


def test_tester_explains_a_rule_that_is_not_examined(demo):
    rule = demo_rule()
    Rule.objects.filter(pk=rule.pk).update(is_active=False)
    body = _tester(
        signed_in(demo, "admin"), rule=rule.pk, entity=demo.college.pk, type=1, urgency=5
    )
    assert "Cette règle est inactive" in body


def test_tester_queries_do_not_grow_with_rules(demo):
    client = signed_in(demo, "admin")
    params = {"entity": demo.college.pk, "category": demo.lsu.pk, "type": 1, "urgency": 5}

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            _tester(client, **params)
        return len(ctx.captured_queries)

    few = queries()
    for n in range(6):
        extra = Rule.objects.create(name=f"Règle {n}", entity=demo.academie, ranking=30 + n)
        RuleCriterion.objects.create(
            rule=extra, field=RuleField.CATEGORY, operator=RuleOperator.IS, value=str(demo.lsu.pk)
        )
        RuleAction.objects.create(
            rule=extra, kind=RuleActionKind.ADD_OBSERVER_GROUP, value=str(demo.referents.pk)
        )
    assert queries() == few


def test_someone_else_gets_the_answer_of_a_missing_page(demo):
    url = f"/admin/tickets/rule/tester/?entity={demo.college.pk}&type=1&urgency=3"
    # Not staff: Django's admin answers its missing pages with its sign-in page.
    chef = signed_in(demo, "chef.etab")
    tester, missing = chef.get(url), chef.get("/admin/tickets/nexiste-pas/")
    assert tester.status_code == missing.status_code == 302
    assert tester["Location"].split("?")[0] == missing["Location"].split("?")[0]
    # Staff without the right to see the rules: 404, like any missing page.
    staff = User.objects.create_user("assistant", password="x", is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="view_category"))
    client = Client()
    client.force_login(staff)
    assert client.get(url).status_code == 404
    assert client.get("/admin/tickets/rule/").status_code == 403
    assert Client().get(url).status_code == 302  # signed out: the sign-in page


def test_the_rule_list_links_to_the_tester(demo):
    body = signed_in(demo, "admin").get("/admin/tickets/rule/").content.decode()
    assert 'href="/admin/tickets/rule/tester/"' in body and "Tester les règles" in body


def test_the_rule_list_shows_each_rule_in_words_in_constant_queries(demo):
    client = signed_in(demo, "admin")

    def add_rule(n: int) -> None:
        extra = Rule.objects.create(name=f"Règle {n}", entity=demo.academie, ranking=30 + n)
        RuleCriterion.objects.create(
            rule=extra,
            field=RuleField.ENTITY,
            operator=RuleOperator.UNDER,
            value=str(demo.academie.pk),
        )
        RuleAction.objects.create(
            rule=extra, kind=RuleActionKind.ASSIGN_GROUP, value=str(demo.dsi_bai.pk)
        )

    def page() -> tuple[str, int]:
        with CaptureQueriesContext(connection) as ctx:
            body = client.get("/admin/tickets/rule/").content.decode()
        return body, len(ctx.captured_queries)

    add_rule(0)
    body, few = page()
    assert "Catégorie est Scolarité &gt; LSU et Urgence est Très haute" in body
    assert "Ajouter le groupe observateur DSI-BAI" in body
    assert "Entité sous Académie de Normandie" in body and "Attribuer au groupe DSI-BAI" in body
    for n in range(1, 6):
        add_rule(n)
    assert page()[1] == few  # the names of a page: one query per kind, whatever its rules
