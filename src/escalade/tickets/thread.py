"""Entries of « Fil du ticket » told from the ticket's events, for everyone who sees it:

- an escalation: « Transmis à DSI-BAI par Karim Benali » (its comment is the public Suivi
  written with it, shown next);
- the routing of a new ticket, credited to what routed it, never to the requester:
  « Attribué à Référents-LSU par la règle « LSU → Référents » », or « … par la catégorie
  « Scolarité > LSU » ».

Three queries whatever the number of events: the events, then the names of the groups and
users they refer to.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from escalade.accounts.models import SupportGroup, User
from escalade.tickets.events import EventKind
from escalade.tickets.models import Category, Role, Ticket


@dataclass
class Entry:
    kind: str  # "escalated" or "routed"
    at: Any
    pk: int
    text: str
    actor: Any = None  # who did it (escalation); None for the routing


def entries(ticket: Ticket) -> list[Entry]:
    at_creation = [EventKind.CREATED, EventKind.RULE_APPLIED, EventKind.ACTOR_ADDED]
    linked = [EventKind.SOLVED_WITH, EventKind.MERGED_INTO, EventKind.MERGED_FROM]
    linked += [EventKind.CONCERNED]
    events = list(
        ticket.events.filter(
            Q(kind=EventKind.ESCALATED)
            | Q(kind__in=linked)
            | Q(kind__in=at_creation, created_at=ticket.opened_at)
        )
        .select_related("actor")
        .order_by("created_at", "pk")
    )
    group_ids: set[int] = set()
    user_ids: set[int] = set()
    category_id = None
    for e in events:
        data = e.data or {}
        if e.kind == EventKind.ESCALATED and data.get("to_group"):
            group_ids.add(data["to_group"])
        if e.kind == EventKind.ACTOR_ADDED and data.get("role") == Role.ASSIGNED:
            if data.get("group"):
                group_ids.add(data["group"])
            if data.get("user"):
                user_ids.add(data["user"])
        if e.kind == EventKind.CREATED:
            category_id = data.get("category")
    groups = dict(SupportGroup.objects.filter(pk__in=group_ids).values_list("pk", "name"))
    users = {u.pk: str(u) for u in User.objects.filter(pk__in=user_ids)} if user_ids else {}
    found: list[Entry] = []
    for e in events:
        data = e.data or {}
        if e.kind == EventKind.ESCALATED:
            name = groups.get(int(data.get("to_group") or 0), _("(groupe supprimé)"))
            by = str(e.actor) if e.actor else _("le système")
            text = _("Transmis à %(group)s par %(who)s") % {"group": name, "who": by}
            found.append(Entry("escalated", e.created_at, e.pk, text, e.actor))
        elif e.kind in linked:
            from escalade.links.texts import thread_text

            found.append(Entry("linked", e.created_at, e.pk, thread_text(e), e.actor))
    routed = _routing(ticket, events, groups, users, category_id)
    if routed is not None:
        found.append(routed)
    return found


def _routing(
    ticket: Ticket,
    events: list,
    groups: dict[int, str],
    users: dict[int, str],
    category_id: int | None,
) -> Entry | None:
    assigned = [
        e
        for e in events
        if e.kind == EventKind.ACTOR_ADDED and (e.data or {}).get("role") == Role.ASSIGNED
    ]
    if not assigned:
        return None
    names = [
        groups.get(e.data["group"], "") if e.data.get("group") else users.get(e.data["user"], "")
        for e in assigned
    ]
    parties = ", ".join(n for n in names if n)
    rules = [(e.data or {}).get("name", "") for e in events if e.kind == EventKind.RULE_APPLIED]
    first = assigned[0]
    if rules:
        text = _("Attribué à %(parties)s par la règle « %(rule)s »") % {
            "parties": parties,
            "rule": " », « ".join(rules),
        }
    else:
        category = Category.objects.filter(pk=category_id).first() if category_id else None
        in_charge = category is not None and any(
            e.data.get("group") == category.group_in_charge_id
            or e.data.get("user") == category.user_in_charge_id
            for e in assigned
        )
        if in_charge and category is not None:
            text = _("Attribué à %(parties)s par la catégorie « %(category)s »") % {
                "parties": parties,
                "category": category.full_name,
            }
        else:
            return None  # chosen by the person who opened it: the Acteurs block says so
    return Entry("routed", first.created_at, first.pk, text)
