"""The business-rules engine (GLPI's RuleTicket, reduced to what routing needs).

Rules are data (``Rule`` rows) edited by administrators. On creation, and on
update when a field used by a criterion changed, every active rule of the
ticket's entity (or an ancestor, when recursive) runs in ranking order. Each
rule sees what the previous ones decided; "stop" ends the chain. The engine
only computes a ``RoutingDraft``: the workflow applies it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from escalade.accounts.models import Entity
from escalade.tickets.models import (
    Category,
    Rule,
    RuleAction,
    RuleActionKind,
    RuleCriterion,
    RuleField,
    RuleMatch,
    RuleOperator,
    RuleTrigger,
    TicketType,
)

TEXT_FIELDS = {RuleField.TITLE, RuleField.CONTENT}
TREE_FIELDS = {RuleField.CATEGORY, RuleField.ENTITY}
ID_FIELDS = {
    RuleField.CATEGORY,
    RuleField.ENTITY,
    RuleField.REQUESTER_GROUP,
    RuleField.TYPE,
    RuleField.URGENCY,
}
TEXT_OPERATORS = {
    RuleOperator.IS,
    RuleOperator.IS_NOT,
    RuleOperator.CONTAINS,
    RuleOperator.NOT_CONTAINS,
    RuleOperator.STARTS,
    RuleOperator.ENDS,
    RuleOperator.REGEX,
    RuleOperator.NOT_REGEX,
}
ID_OPERATORS = {RuleOperator.IS, RuleOperator.IS_NOT}
TREE_OPERATORS = ID_OPERATORS | {RuleOperator.UNDER, RuleOperator.NOT_UNDER}
MAX_REGEX = 300


@dataclass
class RoutingDraft:
    """The values rules read and write, then what they decided to add."""

    entity_id: int
    entity_path: str
    category_id: int | None
    category_path: str
    type: int
    urgency: int
    title: str
    content: str  # plain text
    requester_group_ids: set[int]
    assign_group_ids: list[int] = field(default_factory=list)
    assign_user_ids: list[int] = field(default_factory=list)
    observer_group_ids: list[int] = field(default_factory=list)
    observer_user_ids: list[int] = field(default_factory=list)
    validation_user_ids: list[int] = field(default_factory=list)
    validation_group_ids: list[int] = field(default_factory=list)
    validation_percent: int | None = None
    applied_rules: list[tuple[int, str]] = field(default_factory=list)
    set_slm_ids: list[int] = field(default_factory=list)  # what escalade.slas reads back


@dataclass
class RuleTrace:
    """How one rule fared over a draft: each criterion's result, the actions it applied."""

    rule: Rule
    criteria: list[tuple[RuleCriterion, bool]]
    matched: bool
    actions: list[RuleAction]
    stopped: bool = False


# --- Validation (admin forms call these through model clean()) -----------------


def validate_criterion(field_name: str, operator: str, value: str) -> None:
    if field_name in TEXT_FIELDS:
        allowed = TEXT_OPERATORS
    elif field_name in TREE_FIELDS:
        allowed = TREE_OPERATORS
    else:
        allowed = ID_OPERATORS
    if operator not in allowed:
        raise ValidationError({"operator": _("Cette condition ne s'applique pas à ce champ.")})
    if field_name in ID_FIELDS:
        try:
            int(value)
        except ValueError:
            raise ValidationError({"value": _("Indiquez un identifiant numérique.")}) from None
    if operator in (RuleOperator.REGEX, RuleOperator.NOT_REGEX):
        if len(value) > MAX_REGEX:
            raise ValidationError({"value": _("Expression rationnelle trop longue.")})
        try:
            re.compile(value)
        except re.error as exc:
            raise ValidationError(
                {"value": _("Expression rationnelle invalide : %s") % exc}
            ) from None


def validate_action(kind: str, value: str) -> None:
    if kind == RuleActionKind.STOP:
        return
    try:
        number = int(value)
    except ValueError:
        raise ValidationError({"value": _("Indiquez un identifiant numérique.")}) from None
    if kind == RuleActionKind.SET_URGENCY and not 1 <= number <= 5:
        raise ValidationError({"value": _("L'urgence va de 1 à 5.")})
    if kind == RuleActionKind.SET_TYPE and number not in TicketType.values:
        raise ValidationError({"value": _("Type : 1 (Incident) ou 2 (Demande).")})
    if kind == RuleActionKind.VALIDATION_PERCENT and number not in (0, 50, 100):
        raise ValidationError({"value": _("Seuil de validation : 0, 50 ou 100.")})


# --- Evaluation ----------------------------------------------------------------


def rules_for(entity_path: str, *, on_update: bool) -> list[Rule]:
    ancestors = [int(pk) for pk in entity_path.strip("/").split("/") if pk]
    triggers = (
        [RuleTrigger.UPDATE, RuleTrigger.BOTH]
        if on_update
        else [RuleTrigger.CREATE, RuleTrigger.BOTH]
    )
    rules = (
        Rule.objects.filter(is_active=True, trigger__in=triggers, entity_id__in=ancestors)
        .prefetch_related("criteria", "actions")
        .select_related("entity")
    )
    own = ancestors[-1] if ancestors else None
    return [rule for rule in rules if rule.entity_id == own or rule.is_recursive]


def criterion_fields(rule: Rule) -> set[str]:
    return {criterion.field for criterion in rule.criteria.all()}


def _text_matches(operator: str, actual: str, expected: str) -> bool:
    a, e = actual.casefold(), expected.casefold()
    if operator == RuleOperator.IS:
        return a == e
    if operator == RuleOperator.IS_NOT:
        return a != e
    if operator == RuleOperator.CONTAINS:
        return e in a
    if operator == RuleOperator.NOT_CONTAINS:
        return e not in a
    if operator == RuleOperator.STARTS:
        return a.startswith(e)
    if operator == RuleOperator.ENDS:
        return a.endswith(e)
    try:
        found = re.search(expected, actual) is not None
    except re.error:
        return False
    return found if operator == RuleOperator.REGEX else not found


def _tree_matches(
    operator: str, actual_id: int | None, actual_path: str, expected: str, paths: dict[int, str]
) -> bool:
    target = int(expected)
    if operator == RuleOperator.IS:
        return actual_id == target
    if operator == RuleOperator.IS_NOT:
        return actual_id != target
    target_path = paths.get(target)
    under = bool(target_path) and actual_path.startswith(target_path or "\0")
    return under if operator == RuleOperator.UNDER else not under


def _matches(criterion, draft: RoutingDraft, paths: dict[str, dict[int, str]]) -> bool:
    f, op, value = criterion.field, criterion.operator, criterion.value
    try:
        if f == RuleField.TITLE:
            return _text_matches(op, draft.title, value)
        if f == RuleField.CONTENT:
            return _text_matches(op, draft.content, value)
        if f == RuleField.CATEGORY:
            return _tree_matches(
                op, draft.category_id, draft.category_path, value, paths["category"]
            )
        if f == RuleField.ENTITY:
            return _tree_matches(op, draft.entity_id, draft.entity_path, value, paths["entity"])
        if f == RuleField.REQUESTER_GROUP:
            inside = int(value) in draft.requester_group_ids
            return inside if op == RuleOperator.IS else not inside
        actual = draft.type if f == RuleField.TYPE else draft.urgency
        equal = actual == int(value)
        return equal if op == RuleOperator.IS else not equal
    except ValueError:
        return False  # a value that is not a number never matches


def _tree_paths(rules: list[Rule]) -> dict[str, dict[int, str]]:
    """Paths of the categories and entities that "under" criteria name (2 queries)."""
    wanted: dict[str, set[int]] = {"category": set(), "entity": set()}
    for rule in rules:
        for c in rule.criteria.all():
            if c.operator in (RuleOperator.UNDER, RuleOperator.NOT_UNDER) and c.value.isdigit():
                wanted["category" if c.field == RuleField.CATEGORY else "entity"].add(int(c.value))
    return {
        "category": dict(
            Category.objects.filter(pk__in=wanted["category"]).values_list("pk", "path")
        )
        if wanted["category"]
        else {},
        "entity": dict(Entity.objects.filter(pk__in=wanted["entity"]).values_list("pk", "path"))
        if wanted["entity"]
        else {},
    }


def run_rules(
    draft: RoutingDraft,
    *,
    on_update: bool = False,
    changed: set[str] | None = None,
    trace: list[RuleTrace] | None = None,
) -> RoutingDraft:
    """Run the matching rules in order over ``draft`` and return it, completed.

    With ``trace``, every rule examined is appended to it with its criteria's results
    (for the administrator's « Tester cette règle »)."""
    rules = rules_for(draft.entity_path, on_update=on_update)
    if on_update:
        rules = [r for r in rules if criterion_fields(r) & (changed or set())]
    paths = _tree_paths(rules)
    for rule in rules:
        criteria = list(rule.criteria.all())
        if not criteria:
            if trace is not None:
                trace.append(RuleTrace(rule, [], False, []))
            continue
        if trace is None:
            results = (_matches(c, draft, paths) for c in criteria)
            matched = all(results) if rule.match == RuleMatch.ALL else any(results)
        else:
            each = [(c, _matches(c, draft, paths)) for c in criteria]
            found = [ok for _c, ok in each]
            matched = all(found) if rule.match == RuleMatch.ALL else any(found)
            trace.append(RuleTrace(rule, each, matched, list(rule.actions.all())))
        if not matched:
            continue
        draft.applied_rules.append((rule.pk, rule.name))
        if _apply_actions(rule, draft):
            if trace is not None:
                trace[-1].stopped = True
            break
    return draft


@dataclass
class DryRun:
    """What the rules would do to a new ticket, computed without writing anything."""

    draft: RoutingDraft
    traces: list[RuleTrace]
    category_group_id: int | None  # the category's group in charge, when no rule assigned

    def trace_of(self, rule: Rule) -> RuleTrace | None:
        return next((t for t in self.traces if t.rule.pk == rule.pk), None)


def dry_run(
    *,
    entity: Entity,
    category: Category | None = None,
    type: int = TicketType.INCIDENT,
    urgency: int = 3,
    title: str = "",
    content: str = "",
    requester_group_ids: set[int] | None = None,
) -> DryRun:
    """The rules a ticket opened with these values would match, in order, and what they
    would decide (the same engine as ``workflow.create_ticket``; reads only)."""
    draft = RoutingDraft(
        entity_id=entity.pk,
        entity_path=entity.path,
        category_id=category.pk if category else None,
        category_path=category.path if category else "",
        type=type,
        urgency=urgency,
        title=title,
        content=content,
        requester_group_ids=set(requester_group_ids or ()),
    )
    traces: list[RuleTrace] = []
    run_rules(draft, trace=traces)
    group_id = None
    if draft.category_id and not (draft.assign_group_ids or draft.assign_user_ids):
        group_id = (
            Category.objects.filter(pk=draft.category_id)
            .values_list("group_in_charge_id", flat=True)
            .first()
        )
    return DryRun(draft, traces, group_id)


def _apply_actions(rule: Rule, draft: RoutingDraft) -> bool:
    """Apply ``rule``'s actions to the draft; True when processing must stop."""
    stop = False
    for action in rule.actions.all():
        kind = action.kind
        if kind == RuleActionKind.STOP:
            stop = True
            continue
        try:
            value = int(action.value)
        except ValueError:
            continue
        if kind == RuleActionKind.ASSIGN_GROUP and value not in draft.assign_group_ids:
            draft.assign_group_ids.append(value)
        elif kind == RuleActionKind.ASSIGN_USER and value not in draft.assign_user_ids:
            draft.assign_user_ids.append(value)
        elif kind == RuleActionKind.ADD_OBSERVER_GROUP and value not in draft.observer_group_ids:
            draft.observer_group_ids.append(value)
        elif kind == RuleActionKind.ADD_OBSERVER_USER and value not in draft.observer_user_ids:
            draft.observer_user_ids.append(value)
        elif kind == RuleActionKind.SET_CATEGORY:
            category = Category.objects.filter(pk=value).only("pk", "path").first()
            if category is not None:
                draft.category_id, draft.category_path = category.pk, category.path
        elif kind == RuleActionKind.SET_URGENCY and 1 <= value <= 5:
            draft.urgency = value
        elif kind == RuleActionKind.SET_TYPE and value in TicketType.values:
            draft.type = value
        elif kind == RuleActionKind.VALIDATE_USER and value not in draft.validation_user_ids:
            draft.validation_user_ids.append(value)
        elif kind == RuleActionKind.VALIDATE_GROUP and value not in draft.validation_group_ids:
            draft.validation_group_ids.append(value)
        elif kind == RuleActionKind.VALIDATION_PERCENT and value in (0, 50, 100):
            draft.validation_percent = value
        elif kind == RuleActionKind.SET_SLM:
            draft.set_slm_ids.append(value)
    return stop
