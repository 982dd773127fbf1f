"""The "Historique" tab: TicketEvent rows (raw ids and codes) told in the reader's language."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from escalade.accounts.models import Entity, SupportGroup, User
from escalade.accounts.who import Who
from escalade.tickets import access
from escalade.tickets.events import EventKind
from escalade.tickets.models import Category, Level, Role, Source, TicketEvent, TicketType
from escalade.tickets.status import Status


@dataclass(frozen=True)
class Line:
    event: TicketEvent
    text: str


@dataclass
class Names:
    users: dict[int, str]
    groups: dict[int, str]
    categories: dict[int, str]
    entities: dict[int, str]

    @classmethod
    def of(cls, events: Iterable[TicketEvent]) -> Names:
        """Every name the events refer to, in four queries whatever their number."""
        users: set[int] = set()
        groups: set[int] = set()
        categories: set[int] = set()
        entities: set[int] = set()
        for event in events:
            data = event.data or {}
            if data.get("user"):
                users.add(data["user"])
            users.update(data.get("removed_users") or [])
            for key in ("group", "to_group"):
                if data.get(key):
                    groups.add(data[key])
            groups.update(data.get("from_groups") or [])
            if data.get("category"):
                categories.add(data["category"])
            if data.get("entity"):
                entities.add(data["entity"])
            if data.get("field") in ("category", "entity"):
                target = categories if data["field"] == "category" else entities
                target.update(v for v in (data.get("old"), data.get("new")) if v)
        return cls(
            users={u.pk: str(u) for u in User.objects.filter(pk__in=users)},
            groups=dict(SupportGroup.objects.filter(pk__in=groups).values_list("pk", "name")),
            categories=dict(
                Category.objects.filter(pk__in=categories).values_list("pk", "full_name")
            ),
            entities=dict(Entity.objects.filter(pk__in=entities).values_list("pk", "full_name")),
        )

    def user(self, pk: Any) -> str:
        return self.users.get(pk, _("utilisateur supprimé"))

    def group(self, pk: Any) -> str:
        return self.groups.get(pk, _("groupe supprimé"))


FIELD_LABELS = {
    "title": lambda: _("Titre"),
    "content": lambda: _("Description"),
    "type": lambda: _("Type"),
    "category": lambda: _("Catégorie"),
    "urgency": lambda: _("Urgence"),
    "impact": lambda: _("Impact"),
    "priority": lambda: _("Priorité"),
    "entity": lambda: _("Entité"),
}


def _label(enum: Any, value: Any) -> str:
    try:
        return str(enum(value).label)
    except (ValueError, TypeError):
        return str(value)


def _field_value(names: Names, field: str, value: Any) -> str:
    if value in (None, ""):
        return "—"
    if field == "type":
        return _label(TicketType, value)
    if field in ("urgency", "impact", "priority"):
        return _label(Level, value)
    if field == "category":
        return names.categories.get(value, str(value))
    if field == "entity":
        return names.entities.get(value, str(value))
    if field == "content":
        return _("(texte modifié)")
    return str(value)


def _party(names: Names, data: dict) -> str:
    role = _label(Role, data.get("role"))
    who = names.user(data["user"]) if data.get("user") else names.group(data.get("group"))
    return f"{role} : {who}"


def describe(event: TicketEvent, names: Names) -> str:
    data = event.data or {}
    kind = event.kind
    if kind == EventKind.CREATED:
        return _(
            "Ticket créé (%(type)s, catégorie %(category)s, urgence %(urgency)s, "
            "source %(source)s)."
        ) % {
            "type": _label(TicketType, data.get("type")),
            "category": names.categories.get(data.get("category") or 0, "—"),
            "urgency": _label(Level, data.get("urgency")),
            "source": _label(Source, data.get("source")),
        }
    if kind == EventKind.FIELD_CHANGED:
        field = data.get("field", "")
        label = FIELD_LABELS[field]() if field in FIELD_LABELS else field
        return _("%(field)s : %(old)s → %(new)s") % {
            "field": label,
            "old": _field_value(names, field, data.get("old")),
            "new": _field_value(names, field, data.get("new")),
        }
    if kind == EventKind.STATUS_CHANGED:
        return _("Statut : %(old)s → %(new)s") % {
            "old": _label(Status, data.get("old")),
            "new": _label(Status, data.get("new")),
        }
    if kind == EventKind.ACTOR_ADDED:
        return _("Acteur ajouté — %s") % _party(names, data)
    if kind == EventKind.ACTOR_REMOVED:
        return _("Acteur retiré — %s") % _party(names, data)
    if kind == EventKind.FOLLOWUP_ADDED:
        return _("Suivi privé ajouté.") if data.get("is_private") else _("Suivi ajouté.")
    if kind == EventKind.TASK_ADDED:
        return _("Tâche privée ajoutée.") if data.get("is_private") else _("Tâche ajoutée.")
    if kind == EventKind.SOLUTION_ADDED:
        return _("Solution proposée.")
    if kind == EventKind.SOLUTION_APPROVED:
        return _("Solution approuvée.")
    if kind == EventKind.SOLUTION_REFUSED:
        return _("Solution refusée.")
    if kind == EventKind.ATTACHMENT_ADDED:
        return _("Document ajouté.")
    if kind == EventKind.ESCALATED:
        previous = ", ".join(names.group(g) for g in data.get("from_groups") or []) or "—"
        return _(
            "Escaladé vers %(to)s (groupes précédents, gardés en observateurs : %(from)s)."
        ) % {"to": names.group(data.get("to_group")), "from": previous}
    if kind == EventKind.RULE_APPLIED:
        return _("Règle métier appliquée : %s") % data.get("name", "")
    if kind == EventKind.DELETED:
        return _("Ticket mis à la corbeille.")
    if kind == EventKind.RESTORED:
        return _("Ticket restauré.")
    if kind == EventKind.SURVEY_OPENED:
        return _("Enquête de satisfaction envoyée aux demandeurs.")
    if kind == EventKind.SURVEY_ANSWERED:
        return _("Enquête de satisfaction : note %(score)s sur %(max)s.") % {
            "score": data.get("score"),
            "max": data.get("max_score"),
        }
    if kind == EventKind.VALIDATION_REQUESTED:
        return _("Validation demandée à %d personne(s).") % len(data.get("users") or [])
    if kind == EventKind.VALIDATION_ANSWERED:
        return _("Réponse à la validation : %s") % (
            _("accordée") if data.get("status") == 3 else _("refusée")
        )
    if kind == EventKind.LEVEL_REACHED:
        return _("Niveau d'escalade atteint : %s") % data.get("name", "")
    if kind in LINK_KINDS:
        from escalade.links.texts import describe_link_event

        return describe_link_event(event, names)
    return kind


LINK_KINDS = {
    EventKind.LINK_ADDED,
    EventKind.LINK_REMOVED,
    EventKind.SOLVED_WITH,
    EventKind.MERGED_INTO,
    EventKind.MERGED_FROM,
    EventKind.KNOWN_INCIDENT,
    EventKind.CONCERNED,
}


def history(who: Who, events: Iterable[TicketEvent]) -> list[Line]:
    shown = [e for e in events if access.can_see_event(who, e)]
    names = Names.of(shown)
    return [Line(e, describe(e, names)) for e in shown]
