"""Business rules in words: « Catégorie est Scolarité > LSU », « Ajouter le groupe
observateur DSI-BAI ». The rules keep raw ids (``RuleCriterion.value``,
``RuleAction.value``); the administration shows and picks them by name through this module.

Each criterion field and action kind reads its value in one *namespace* (category, entity,
group, user, type, urgency, slm), or as text (title, description) or not at all (stop).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from escalade.accounts.models import Entity, SupportGroup, User
from escalade.accounts.rights import Interface
from escalade.tickets.models import (
    Category,
    Level,
    Rule,
    RuleAction,
    RuleActionKind,
    RuleCriterion,
    RuleField,
    RuleOperator,
    TicketType,
)

TEXT = "text"
CRITERION_NAMESPACES: dict[str, str] = {
    RuleField.CATEGORY: "category",
    RuleField.ENTITY: "entity",
    RuleField.REQUESTER_GROUP: "group",
    RuleField.TYPE: "type",
    RuleField.URGENCY: "urgency",
    RuleField.TITLE: TEXT,
    RuleField.CONTENT: TEXT,
}
ACTION_NAMESPACES: dict[str, str | None] = {
    RuleActionKind.ASSIGN_GROUP: "group",
    RuleActionKind.ADD_OBSERVER_GROUP: "group",
    RuleActionKind.ASSIGN_USER: "user",
    RuleActionKind.ADD_OBSERVER_USER: "user",
    RuleActionKind.SET_CATEGORY: "category",
    RuleActionKind.SET_URGENCY: "urgency",
    RuleActionKind.SET_TYPE: "type",
    RuleActionKind.SET_SLM: "slm",
    RuleActionKind.STOP: None,
}
NAMESPACE_LABELS = {
    "category": gettext_lazy("Catégories"),
    "entity": gettext_lazy("Entités"),
    "group": gettext_lazy("Groupes"),
    "user": gettext_lazy("Techniciens"),
    "type": gettext_lazy("Types"),
    "urgency": gettext_lazy("Urgences"),
    "slm": gettext_lazy("Niveaux de service"),
}
URGENCIES = [(v, label) for v, label in Level.choices if v <= 5]


def desk_users() -> Any:
    """Who an action may assign or add as observer: members of a support group, or
    holders of a profile of the standard interface (not every requester of the académie)."""
    return (
        User.objects.filter(
            Q(support_groups__isnull=False) | Q(grants__profile__interface=Interface.STANDARD),
            is_active=True,
        )
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


def _slms() -> Any:
    from escalade.slas.models import Slm

    return Slm.objects.order_by("name")


def _user_label(user: User) -> str:
    name = user.get_full_name()
    return f"{name} ({user.username})" if name else user.username


def namespace_choices(namespaces: Iterable[str]) -> dict[str, list[tuple[str, str]]]:
    """Every value a picker of these namespaces offers, by name (one query each)."""
    out: dict[str, list[tuple[str, str]]] = {}
    for ns in namespaces:
        if ns == "category":
            rows = [(c.pk, c.full_name) for c in Category.objects.order_by("full_name")]
        elif ns == "entity":
            rows = [(e.pk, e.full_name) for e in Entity.objects.order_by("full_name")]
        elif ns == "group":
            rows = list(SupportGroup.objects.order_by("name").values_list("pk", "name"))
        elif ns == "user":
            rows = [(u.pk, _user_label(u)) for u in desk_users()]
        elif ns == "slm":
            rows = list(_slms().values_list("pk", "name"))
        elif ns == "type":
            rows = [(v, str(label)) for v, label in TicketType.choices]
        elif ns == "urgency":
            rows = [(v, str(label)) for v, label in URGENCIES]
        else:
            continue
        out[ns] = [(f"{ns}:{pk}", str(label)) for pk, label in rows]
    return out


def grouped_choices(namespaces: Iterable[str]) -> list[tuple[str, Any]]:
    """A select's choices: « — » then one option group per namespace."""
    by_ns = namespace_choices(namespaces)
    return [("", "—"), *((str(NAMESPACE_LABELS[ns]), rows) for ns, rows in by_ns.items())]


class Names:
    """The names behind the ids of some rules' criteria and actions, fetched at once."""

    def __init__(self, rules: Iterable[Rule] = (), extra: dict[str, set[int]] | None = None):
        wanted: dict[str, set[int]] = {ns: set() for ns in NAMESPACE_LABELS}
        for rule in rules:
            for c in rule.criteria.all():
                ns = CRITERION_NAMESPACES.get(c.field)
                if ns in wanted and c.value.isdigit():
                    wanted[ns].add(int(c.value))
            for a in rule.actions.all():
                ns_a = ACTION_NAMESPACES.get(a.kind)
                if ns_a in wanted and a.value.isdigit():
                    wanted[ns_a].add(int(a.value))
        for ns, ids in (extra or {}).items():
            wanted[ns] |= ids
        self.names: dict[str, dict[int, str]] = {
            "type": {v: str(label) for v, label in TicketType.choices},
            "urgency": {v: str(label) for v, label in URGENCIES},
        }
        if wanted["category"]:
            self.names["category"] = dict(
                Category.objects.filter(pk__in=wanted["category"]).values_list("pk", "full_name")
            )
        if wanted["entity"]:
            self.names["entity"] = dict(
                Entity.objects.filter(pk__in=wanted["entity"]).values_list("pk", "full_name")
            )
        if wanted["group"]:
            self.names["group"] = dict(
                SupportGroup.objects.filter(pk__in=wanted["group"]).values_list("pk", "name")
            )
        if wanted["user"]:
            self.names["user"] = {
                u.pk: _user_label(u) for u in User.objects.filter(pk__in=wanted["user"])
            }
        if wanted["slm"]:
            self.names["slm"] = dict(_slms().filter(pk__in=wanted["slm"]).values_list("pk", "name"))

    def name(self, ns: str | None, value: str) -> str:
        if ns is None:
            return ""
        if ns == TEXT:
            return f"« {value} »"
        try:
            key = int(value)
        except ValueError:
            return _("(valeur invalide : %s)") % value
        found = self.names.get(ns, {}).get(key)
        return found if found is not None else _("(n° %s, supprimé)") % value


def describe_criterion(criterion: RuleCriterion, names: Names) -> str:
    """« Catégorie est Scolarité > LSU »."""
    ns = CRITERION_NAMESPACES.get(criterion.field, TEXT)
    field = RuleField(criterion.field).label if criterion.field in RuleField.values else "?"
    operator = (
        RuleOperator(criterion.operator).label if criterion.operator in RuleOperator.values else "?"
    )
    return f"{field} {operator} {names.name(ns, criterion.value)}"


def describe_action(action: RuleAction, names: Names) -> str:
    """« Ajouter le groupe observateur DSI-BAI »."""
    label = (
        RuleActionKind(action.kind).label if action.kind in RuleActionKind.values else action.kind
    )
    value = names.name(ACTION_NAMESPACES.get(action.kind), action.value)
    return f"{label} {value}".strip()
