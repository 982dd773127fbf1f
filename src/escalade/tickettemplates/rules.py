"""Which template applies to a new ticket, and what it does to the values given.

GLPI (``CommonITILObject::getITILTemplateToUse``): the category's template for the ticket's
type, else the active profile's, else the entity's (inherited from the parents). GLPI
applies it to its web form only; Escalade applies it in ``workflow.create_ticket``, so on
every way in. A value the caller gives wins over a predefined one, except for hidden and
read-only fields, which take the predefined value (or none).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from django.utils.translation import gettext as _

from escalade.accounts.models import Entity, SupportGroup, User
from escalade.accounts.who import Who
from escalade.core import parsing
from escalade.tickets import richtext
from escalade.tickets.models import Category, Source, TicketType
from escalade.tickettemplates.models import (
    CategoryTemplates,
    EntityTemplate,
    Field,
    ProfileTemplate,
    TicketTemplate,
)

# GLPI's request types (seeded ids) as Escalade's sources.
GLPI_SOURCES = {
    1: Source.HELPDESK,
    2: Source.EMAIL,
    3: Source.PHONE,
    4: Source.DIRECT,
    6: Source.OTHER,
}
# The name of each governed field in forms and API errors.
FIELD_NAMES = {
    Field.TITLE: "title",
    Field.CONTENT: "content",
    Field.CATEGORY: "category",
    Field.URGENCY: "urgency",
    Field.IMPACT: "impact",
    Field.PRIORITY: "priority",
    Field.SOURCE: "source",
    Field.REQUESTER: "requesters",
    Field.ASSIGNED_USER: "assignees",
    Field.ASSIGNED_GROUP: "assignees",
    Field.OBSERVER_USER: "observers",
    Field.OBSERVER_GROUP: "observers",
}

Party = User | SupportGroup


@dataclass(frozen=True)
class Given:
    """What a way in gives for a new ticket (None, "" or empty: not given)."""

    title: str = ""
    content: str = ""
    category: Category | None = None
    urgency: int | None = None
    impact: int | None = None
    priority: int | None = None
    source: str = ""
    requesters: Sequence[Party] = ()
    observers: Sequence[Party] = ()
    assignees: Sequence[Party] = ()


@dataclass
class Rules:
    """A template, loaded once: its four lists of fields."""

    template: TicketTemplate
    mandatory: set[int] = field(default_factory=set)
    predefined: dict[int, str] = field(default_factory=dict)
    hidden: set[int] = field(default_factory=set)
    read_only: set[int] = field(default_factory=set)

    @classmethod
    def load(cls, template: TicketTemplate) -> Rules:
        return cls(
            template,
            mandatory=set(template.mandatoryfield_set.values_list("num", flat=True)),
            predefined=dict(template.predefinedfield_set.values_list("num", "value")),
            hidden=set(template.hiddenfield_set.values_list("num", flat=True)),
            read_only=set(template.readonlyfield_set.values_list("num", flat=True)),
        )


def template_for(
    by: Who | None, *, ticket_type: int, category: Category | None, entity: Entity
) -> Rules | None:
    """The template of a new ticket: category (per type), then profile, then entity."""
    if category is not None:
        link = CategoryTemplates.objects.filter(category=category).first()
        if link is not None:
            chosen = link.incident_id if ticket_type == TicketType.INCIDENT else link.request_id
            if chosen:
                return Rules.load(TicketTemplate.objects.get(pk=chosen))
    if by is not None and by.profile.pk:
        profile = ProfileTemplate.objects.filter(profile_id=by.profile.pk).first()
        if profile is not None:
            return Rules.load(profile.template)
    ancestors = [int(pk) for pk in entity.path.strip("/").split("/") if pk] or [entity.pk]
    links = {e.entity_id: e for e in EntityTemplate.objects.filter(entity_id__in=ancestors)}
    for pk in reversed(ancestors):  # the closest first
        if pk in links:
            return Rules.load(links[pk].template)
    return None


def _number(value: str) -> int | None:
    try:
        return parsing.integer(value)
    except parsing.BadValue:
        return None


def _party(num: int, value: str) -> Party | None:
    pk = _number(value)
    if not pk:
        return None
    if num in (Field.ASSIGNED_GROUP, Field.OBSERVER_GROUP):
        return SupportGroup.objects.filter(pk=pk).first()
    return User.objects.filter(pk=pk, is_active=True).first()


def _without(parties: Sequence[Party], kind: type) -> list[Party]:
    return [p for p in parties if not isinstance(p, kind)]


def _cleared(given: Given, num: int) -> Given:
    """``given`` without the value of field ``num`` (hidden or read-only)."""
    simple: dict[int, dict[str, Any]] = {
        Field.TITLE: {"title": ""},
        Field.CONTENT: {"content": ""},
        Field.URGENCY: {"urgency": None},
        Field.IMPACT: {"impact": None},
        Field.PRIORITY: {"priority": None},
        Field.SOURCE: {"source": ""},
        Field.REQUESTER: {"requesters": _without(given.requesters, User)},
        Field.ASSIGNED_USER: {"assignees": _without(given.assignees, User)},
        Field.ASSIGNED_GROUP: {"assignees": _without(given.assignees, SupportGroup)},
        Field.OBSERVER_USER: {"observers": _without(given.observers, User)},
        Field.OBSERVER_GROUP: {"observers": _without(given.observers, SupportGroup)},
    }
    return replace(given, **simple.get(Field(num), {}))  # the category chose the template


def _has(given: Given, num: int) -> bool:
    kinds = {
        Field.REQUESTER: ("requesters", User),
        Field.ASSIGNED_USER: ("assignees", User),
        Field.ASSIGNED_GROUP: ("assignees", SupportGroup),
        Field.OBSERVER_USER: ("observers", User),
        Field.OBSERVER_GROUP: ("observers", SupportGroup),
    }
    if num in kinds:
        name, kind = kinds[Field(num)]
        return any(isinstance(p, kind) for p in getattr(given, name))
    value: Any = {
        Field.TITLE: given.title.strip(),
        Field.CONTENT: richtext.to_plain(richtext.from_input(given.content)).strip(),
        Field.CATEGORY: given.category,
        Field.URGENCY: given.urgency,
        Field.IMPACT: given.impact,
        Field.PRIORITY: given.priority,
        Field.SOURCE: given.source,
    }[Field(num)]
    return value not in (None, "")


def _predefine(given: Given, num: int, value: str) -> Given:
    changes: dict[str, Any] = {}
    if num in (Field.TITLE, Field.CONTENT):
        changes["title" if num == Field.TITLE else "content"] = value
    elif num in (Field.URGENCY, Field.IMPACT, Field.PRIORITY):
        level = _number(value)
        names = {Field.URGENCY: "urgency", Field.IMPACT: "impact", Field.PRIORITY: "priority"}
        if level:
            changes[names[Field(num)]] = level
    elif num == Field.SOURCE:
        source = GLPI_SOURCES.get(_number(value) or 0, value if value in Source.values else "")
        if source:
            changes["source"] = source
    elif num != Field.CATEGORY:  # the category chose the template: it does not move
        party = _party(num, value)
        roles = {
            Field.REQUESTER: "requesters",
            Field.ASSIGNED_USER: "assignees",
            Field.ASSIGNED_GROUP: "assignees",
            Field.OBSERVER_USER: "observers",
            Field.OBSERVER_GROUP: "observers",
        }
        if party is not None:
            role = roles[Field(num)]
            changes[role] = [*getattr(given, role), party]
    return replace(given, **changes)


def apply(rules: Rules, given: Given) -> tuple[Given, list[int]]:
    """The values after the template, and the mandatory fields still missing."""
    for num in sorted(rules.hidden | rules.read_only):
        given = _cleared(given, num)
    for num, value in sorted(rules.predefined.items()):
        if not _has(given, num):
            given = _predefine(given, num, value)
    missing = [num for num in sorted(rules.mandatory) if not _has(given, num)]
    predefined_text = rules.predefined.get(Field.CONTENT)
    if (
        Field.CONTENT in rules.mandatory
        and Field.CONTENT not in missing
        and predefined_text
        and richtext.to_plain(richtext.from_input(given.content)).strip()
        == richtext.to_plain(richtext.from_input(predefined_text)).strip()
    ):
        missing.append(Field.CONTENT)  # GLPI: the predefined text cannot be sent unchanged
    return given, missing


def missing_message(missing: Sequence[int]) -> str:
    names = ", ".join(str(Field(num).label) for num in missing)
    return _("Les champs obligatoires ne sont pas définis. Merci de corriger : %s") % names
