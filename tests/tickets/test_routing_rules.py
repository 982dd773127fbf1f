"""Business rules route tickets; then the category's group in charge."""

import pytest
from django.core.exceptions import ValidationError

from escalade.tickets import workflow
from escalade.tickets.models import (
    Role,
    Rule,
    RuleAction,
    RuleActionKind,
    RuleCriterion,
    RuleField,
    RuleMatch,
    RuleOperator,
    RuleTrigger,
    TicketActor,
)
from tests.conftest import open_lsu_ticket


def groups(ticket, role):
    return set(
        TicketActor.objects.filter(ticket=ticket, role=role, group__isnull=False).values_list(
            "group__name", flat=True
        )
    )


def rule(
    demo,
    name,
    criteria,
    actions,
    *,
    ranking=1,
    match=RuleMatch.ALL,
    trigger=RuleTrigger.CREATE,
    entity=None,
):
    r = Rule.objects.create(
        name=name, entity=entity or demo.academie, ranking=ranking, match=match, trigger=trigger
    )
    for field, operator, value in criteria:
        RuleCriterion.objects.create(rule=r, field=field, operator=operator, value=str(value))
    for kind, value in actions:
        RuleAction.objects.create(rule=r, kind=kind, value=str(value))
    return r


def test_category_group_in_charge_assigns_referents(lsu_ticket):
    assert groups(lsu_ticket, Role.ASSIGNED) == {"Référents-LSU"}


def test_demo_rule_adds_dsi_bai_as_observer_for_very_urgent_lsu(demo, chef):
    ticket = open_lsu_ticket(demo, chef, urgency=5)
    assert groups(ticket, Role.OBSERVER) == {"DSI-BAI"}
    assert groups(ticket, Role.ASSIGNED) == {"Référents-LSU"}
    assert ticket.events.filter(kind="rule_applied").count() == 1


def test_title_regex_rule_assigns_a_group_before_the_category(demo, chef):
    rule(
        demo,
        "Mot de passe -> DSI",
        [(RuleField.TITLE, RuleOperator.REGEX, r"(?i)mot de passe")],
        [(RuleActionKind.ASSIGN_GROUP, demo.dsi_bai.pk)],
    )
    ticket = open_lsu_ticket(demo, chef, title="Mot de passe oublié")
    # A rule assigned a group: the category's group in charge is not added.
    assert groups(ticket, Role.ASSIGNED) == {"DSI-BAI"}


def test_rules_run_in_ranking_order_and_stop_ends_the_chain(demo, chef):
    rule(
        demo,
        "first",
        [(RuleField.CONTENT, RuleOperator.CONTAINS, "imprimante")],
        [(RuleActionKind.SET_URGENCY, 5), (RuleActionKind.STOP, "")],
        ranking=1,
    )
    rule(
        demo,
        "second",
        [(RuleField.CONTENT, RuleOperator.CONTAINS, "imprimante")],
        [(RuleActionKind.ASSIGN_GROUP, demo.dsi_bai.pk)],
        ranking=2,
    )
    ticket = open_lsu_ticket(demo, chef, content="L'imprimante est en panne")
    assert ticket.urgency == 5
    assert groups(ticket, Role.ASSIGNED) == {"Référents-LSU"}


def test_each_rule_sees_what_the_previous_one_decided(demo, chef):
    onde = demo.lsu.parent.children.get(name="ONDE")
    rule(
        demo,
        "recategorise",
        [(RuleField.TITLE, RuleOperator.CONTAINS, "ONDE")],
        [(RuleActionKind.SET_CATEGORY, onde.pk)],
        ranking=1,
    )
    rule(
        demo,
        "onde urgent",
        [(RuleField.CATEGORY, RuleOperator.IS, onde.pk)],
        [(RuleActionKind.SET_URGENCY, 4)],
        ranking=2,
    )
    ticket = open_lsu_ticket(demo, chef, title="Souci ONDE")
    assert ticket.category_id == onde.pk
    assert ticket.urgency == 4


def test_under_operator_matches_sub_categories_and_sub_entities(demo, chef):
    rule(
        demo,
        "scolarité",
        [
            (RuleField.CATEGORY, RuleOperator.UNDER, demo.lsu.parent_id),
            (RuleField.ENTITY, RuleOperator.UNDER, demo.academie.pk),
        ],
        [(RuleActionKind.ADD_OBSERVER_GROUP, demo.dsi_bai.pk)],
    )
    ticket = open_lsu_ticket(demo, chef)
    assert groups(ticket, Role.OBSERVER) == {"DSI-BAI"}


def test_or_rule_matches_on_any_criterion(demo, chef):
    rule(
        demo,
        "any",
        [(RuleField.TITLE, RuleOperator.CONTAINS, "zzz"), (RuleField.TYPE, RuleOperator.IS, 1)],
        [(RuleActionKind.ADD_OBSERVER_GROUP, demo.dsi_bai.pk)],
        match=RuleMatch.ANY,
    )
    assert groups(open_lsu_ticket(demo, chef), Role.OBSERVER) == {"DSI-BAI"}


def test_requester_group_criterion(demo, referent, chef):
    rule(
        demo,
        "from referents",
        [(RuleField.REQUESTER_GROUP, RuleOperator.IS, demo.referents.pk)],
        [(RuleActionKind.ASSIGN_GROUP, demo.dsi_bai.pk)],
    )
    assert groups(open_lsu_ticket(demo, referent), Role.ASSIGNED) == {"DSI-BAI"}
    assert groups(open_lsu_ticket(demo, chef), Role.ASSIGNED) == {"Référents-LSU"}


def test_update_rule_runs_when_a_criterion_field_changes(demo, chef, referent):
    rule(
        demo,
        "urgent on update",
        [(RuleField.URGENCY, RuleOperator.IS, 5)],
        [(RuleActionKind.ADD_OBSERVER_GROUP, demo.dsi_bai.pk)],
        trigger=RuleTrigger.UPDATE,
    )
    ticket = open_lsu_ticket(demo, chef)
    assert groups(ticket, Role.OBSERVER) == set()
    workflow.update_ticket(ticket, by=referent, changes={"title": "Autre titre"})
    assert groups(ticket, Role.OBSERVER) == set()
    workflow.update_ticket(ticket, by=referent, changes={"urgency": 5})
    assert groups(ticket, Role.OBSERVER) == {"DSI-BAI"}


def test_rules_of_another_entity_do_not_apply(demo, chef):
    rule(
        demo,
        "lycée only",
        [(RuleField.TYPE, RuleOperator.IS, 1)],
        [(RuleActionKind.ADD_OBSERVER_GROUP, demo.dsi_bai.pk)],
        entity=demo.lycee,
    )
    assert groups(open_lsu_ticket(demo, chef), Role.OBSERVER) == set()


def test_inactive_rules_do_not_apply(demo, chef):
    r = rule(
        demo,
        "off",
        [(RuleField.TYPE, RuleOperator.IS, 1)],
        [(RuleActionKind.ADD_OBSERVER_GROUP, demo.dsi_bai.pk)],
    )
    Rule.objects.filter(pk=r.pk).update(is_active=False)
    assert groups(open_lsu_ticket(demo, chef), Role.OBSERVER) == set()


@pytest.mark.parametrize(
    "field,operator,value,message",
    [
        (RuleField.TITLE, RuleOperator.REGEX, "(unclosed", "invalide"),
        (RuleField.CATEGORY, RuleOperator.CONTAINS, "1", "ne s'applique pas"),
        (RuleField.URGENCY, RuleOperator.IS, "haute", "identifiant numérique"),
    ],
)
def test_admin_gets_a_clear_error_for_a_bad_criterion(demo, field, operator, value, message):
    r = Rule.objects.create(name="bad", entity=demo.academie)
    criterion = RuleCriterion(rule=r, field=field, operator=operator, value=value)
    with pytest.raises(ValidationError) as caught:
        criterion.full_clean()
    assert message in str(caught.value)


def test_routing_without_workflow_is_skipped_when_asked(demo, chef):
    ticket = workflow.create_ticket(
        by=chef, title="x", content="y", category=demo.lsu, run_routing=False
    )
    assert groups(ticket, Role.ASSIGNED) == set()
