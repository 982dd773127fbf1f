"""From a change's events to the people who get a mail about it.

A change (one workflow call) records ``TicketEvent`` rows; ``occurrences``
picks those that are notification events, and ``resolve`` decides, for each
one, who is told:

1. the kinds of recipients the administrators chose for the event
   (``NotificationSetting``, defaults in ``models.DEFAULT_RECIPIENTS``);
2. minus muted groups (``SupportGroup.is_notified``), people who turned the
   ticket's notifications off (``TicketActor.use_notification``), inactive
   users, users without an address, and the author of the change unless they
   asked for their own changes (``User.notify_own_changes``);
3. minus anybody who could not see it in the app (NEVER LEAK): the recipient
   must see the ticket, and a private followup or task, with at least one of
   the profiles they hold on the ticket's entity. A user switches profile at
   will in the app, so the most permissive of their profiles there is what
   they "could see". ``escalade.tickets.access`` decides, nothing here does.

"Entity administrators" are the users holding, on the ticket's entity (or
recursively on one above it), a profile with the right ``ticket.delete``
(the Super-Admin profile has it).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, OuterRef

from escalade.accounts.models import Membership, ProfileGrant, User
from escalade.accounts.who import Who
from escalade.notifications.models import (
    DEFAULT_RECIPIENTS,
    Event,
    NotificationSetting,
    RecipientKind,
)
from escalade.tickets import access
from escalade.tickets.events import EventKind
from escalade.tickets.models import Followup, Role, Task, Ticket, TicketActor, TicketEvent
from escalade.tickets.status import Status

# The main event of a mail (its subject) is the first of these it tells about.
MAIN_ORDER = [
    Event.RECEIVED,
    Event.NEW,
    Event.CLOSED,
    Event.SOLVED,
    Event.SOLUTION_REFUSED,
    Event.ESCALATED,
    Event.LEVEL_REACHED,
    Event.VALIDATION,
    Event.ASSIGN_GROUP,
    Event.ASSIGN_USER,
    Event.FOLLOWUP,
    Event.TASK,
    Event.UPDATED,
    Event.SURVEY,
]


@dataclass
class Occurrence:
    """One notification event within a change, with the raw data it needs."""

    event: str
    kind: str
    data: dict[str, Any]

    def as_item(self) -> dict[str, Any]:
        return {"event": self.event, "kind": self.kind, "data": self.data}


def occurrences(events: Iterable[TicketEvent]) -> list[Occurrence]:
    found = []
    for e in events:
        event = _event_of(e.kind, e.data or {})
        if event is not None:
            found.append(Occurrence(event, e.kind, dict(e.data or {})))
        if event == Event.NEW:  # the requesters' receipt, "Ticket n° N bien reçu"
            found.append(Occurrence(Event.RECEIVED, e.kind, dict(e.data or {})))
    return found


def _event_of(kind: str, data: dict[str, Any]) -> str | None:
    if kind == EventKind.CREATED:
        return Event.NEW
    if kind == EventKind.ACTOR_ADDED and data.get("role") == Role.ASSIGNED:
        return Event.ASSIGN_USER if data.get("user") else Event.ASSIGN_GROUP
    if kind == EventKind.STATUS_CHANGED and data.get("new") == Status.CLOSED:
        return Event.CLOSED
    if kind == EventKind.VALIDATION_REQUESTED:
        return Event.VALIDATION
    if kind == EventKind.LEVEL_REACHED:
        return Event.LEVEL_REACHED if data.get("notify_supervisor") else None
    simple: dict[str, str] = {
        EventKind.FOLLOWUP_ADDED: Event.FOLLOWUP,
        EventKind.TASK_ADDED: Event.TASK,
        EventKind.SOLUTION_ADDED: Event.SOLVED,
        EventKind.SOLUTION_REFUSED: Event.SOLUTION_REFUSED,
        EventKind.FIELD_CHANGED: Event.UPDATED,
        EventKind.ESCALATED: Event.ESCALATED,
        EventKind.SURVEY_OPENED: Event.SURVEY,
    }
    return simple.get(kind)


def _validators(occurrence: Occurrence) -> set[int]:
    if occurrence.event != Event.VALIDATION:
        return set()
    return {int(u) for u in occurrence.data.get("users") or [] if str(u).isdigit()}


def ref(data: dict[str, Any], key: str) -> int:
    """The id stored under ``key`` in an event's data (0, which matches nothing, if none)."""
    try:
        return int(data.get(key) or 0)
    except (TypeError, ValueError):
        return 0


def settings_by_event() -> dict[str, tuple[bool, list[str]]]:
    chosen = dict(DEFAULT_RECIPIENTS)
    for setting in NotificationSetting.objects.all():
        chosen[setting.event] = (setting.enabled, list(setting.recipients or []))
    return chosen


@dataclass
class Recipient:
    user: User
    email: str
    occurrences: list[Occurrence] = field(default_factory=list)

    @property
    def events(self) -> list[str]:
        codes = {o.event for o in self.occurrences}
        return [e for e in MAIN_ORDER if e in codes]


class Audience:
    """Who stands where on one ticket, read once per change."""

    def __init__(self, ticket: Ticket):
        self.ticket = ticket
        self.actors = list(TicketActor.objects.filter(ticket=ticket).select_related("group"))
        self.opted_out = {a.user_id for a in self.actors if a.user_id and not a.use_notification}
        self.alternative = {
            a.user_id: a.alternative_email
            for a in self.actors
            if a.user_id and a.alternative_email and a.use_notification
        }
        notified = {
            a.group_id
            for a in self.actors
            if a.group_id and a.use_notification and a.group and a.group.is_notified
        }
        self.members: dict[int, set[int]] = {g: set() for g in notified}
        # Every actor group's members, in the same query: which of a user's groups are
        # actors is all the visibility rules need to know of their groups.
        self.actor_groups_of: dict[int, set[int]] = {}
        actor_groups = {a.group_id for a in self.actors if a.group_id}
        for group_id, user_id in Membership.objects.filter(group_id__in=actor_groups).values_list(
            "group_id", "user_id"
        ):
            self.actor_groups_of.setdefault(user_id, set()).add(group_id)
            if group_id in self.members:
                self.members[group_id].add(user_id)

    def _users(self, role: int) -> set[int]:
        return {
            a.user_id for a in self.actors if a.role == role and a.user_id and a.use_notification
        }

    def _group_members(self, role: int) -> set[int]:
        found: set[int] = set()
        for a in self.actors:
            if a.role == role and a.group_id in self.members:
                found |= self.members[a.group_id]
        return found

    def of_kind(self, kind: str, author_id: int | None) -> set[int]:
        if kind == RecipientKind.REQUESTERS:
            return self._users(Role.REQUESTER) | self._group_members(Role.REQUESTER)
        if kind == RecipientKind.OBSERVERS:
            return self._users(Role.OBSERVER) | self._group_members(Role.OBSERVER)
        if kind == RecipientKind.ASSIGNED_USERS:
            return self._users(Role.ASSIGNED)
        if kind == RecipientKind.ASSIGNED_GROUPS:
            return self._group_members(Role.ASSIGNED)
        if kind == RecipientKind.GROUP_SUPERVISORS:
            groups = [
                a.group
                for a in self.actors
                if a.role == Role.ASSIGNED and a.group_id in self.members
            ]
            return {g.supervisor_id for g in groups if g and g.supervisor_id}
        if kind == RecipientKind.AUTHOR:
            return {author_id} if author_id else set()
        if kind == RecipientKind.ENTITY_ADMINS:
            return access.entity_administrators(self.ticket.entity)
        return set()


Items = dict[tuple[str, int], Any]


def _items(found: Sequence[Occurrence]) -> Items:
    """The followups and tasks the change tells about, one query per kind."""
    items: Items = {}
    for key, model, event in (("followup", Followup, Event.FOLLOWUP), ("task", Task, Event.TASK)):
        ids = {ref(o.data, key) for o in found if o.event == event}
        if ids:
            loaded = model.objects.in_bulk(ids)
            items.update({(key, pk): loaded.get(pk) for pk in ids})
    return items


class Viewer:
    """What one recipient could see of the ticket in the app, with any profile they hold.

    Decided from rows loaded once for every recipient (their grants, and which of their
    groups are actors of the ticket): no query per recipient.
    """

    def __init__(
        self,
        user: User,
        audience: Audience,
        grants: Sequence[ProfileGrant],  # those reaching the ticket's entity
        items: Items,
    ):
        ticket = audience.ticket
        groups = frozenset(audience.actor_groups_of.get(user.pk, ()))
        holds = bool(getattr(user, "holds_grants", True))  # annotated by ``resolve``
        profiles = access.profiles_seeing(
            ticket, audience.actors, user, grants, groups, holds_grants=holds
        )
        # Light acting contexts, only for the private-item rules (``can_see_followup`` and
        # ``can_see_task`` read the profile's rights and the user): their entities are
        # the ticket's alone and their groups the ticket's actor groups. Never use them
        # for anything else.
        self.whos = [Who(user, p, frozenset({ticket.entity_id}), groups) for p in profiles]
        self.items = items

    @property
    def sees_ticket(self) -> bool:
        return bool(self.whos)

    def sees(self, occurrence: Occurrence) -> bool:
        if occurrence.event == Event.FOLLOWUP:
            followup = self.items.get(("followup", ref(occurrence.data, "followup")))
            return followup is not None and any(
                access.can_see_followup(w, followup) for w in self.whos
            )
        if occurrence.event == Event.TASK:
            task = self.items.get(("task", ref(occurrence.data, "task")))
            return task is not None and any(access.can_see_task(w, task) for w in self.whos)
        return True


def _is_known_incident(ticket: Ticket) -> bool:
    from escalade.links.models import KnownIncident

    return KnownIncident.objects.filter(ticket_id=ticket.pk).exists()


def resolve(ticket: Ticket, found: Sequence[Occurrence], author: User | None) -> list[Recipient]:
    """The people to mail about this change, each with the events they may be told about.

    A constant number of queries whatever the number of recipients: the settings, the
    actors, the actor groups' members, (the entity administrators,) the users, their
    grants, and the followups and tasks told about.
    """
    if not found:
        return []
    chosen = settings_by_event()
    audience = Audience(ticket)
    author_id = author.pk if author else None
    wanted: dict[int, list[Occurrence]] = {}
    known_incident: bool | None = None
    for occurrence in found:
        enabled, kinds = chosen.get(occurrence.event, (False, []))
        if not enabled:
            continue
        if occurrence.event == Event.FOLLOWUP:
            # A known incident's followups reach its (many) requesters only when marked
            # « diffusé »; a « diffusé » followup reaches every requester (escalade.links).
            if occurrence.data.get("broadcast"):
                kinds = [*kinds, RecipientKind.REQUESTERS]
            else:
                if known_incident is None:
                    known_incident = _is_known_incident(ticket)
                if known_incident:
                    kinds = [k for k in kinds if k != RecipientKind.REQUESTERS]
        user_ids: set[int] = set()
        for kind in kinds:
            if kind == RecipientKind.VALIDATORS:
                user_ids |= _validators(occurrence)
            else:
                user_ids |= audience.of_kind(kind, author_id)
        for user_id in user_ids - audience.opted_out:
            wanted.setdefault(user_id, []).append(occurrence)
    if author is not None and not author.notify_own_changes and author.pk in wanted:
        # The author hears of their own change only through its receipt.
        kept = [o for o in wanted[author.pk] if o.event == Event.RECEIVED]
        if kept:
            wanted[author.pk] = kept
        else:
            del wanted[author.pk]
    if not wanted:
        return []

    users = [
        user
        for user in User.objects.filter(pk__in=wanted, is_active=True)
        .annotate(holds_grants=Exists(ProfileGrant.objects.filter(user=OuterRef("pk"))))
        .order_by("pk")
        if audience.alternative.get(user.pk) or user.email
    ]
    if not users:
        return []
    # Only the grants reaching the ticket's entity matter (a user may hold hundreds).
    grants: dict[int, list[ProfileGrant]] = {user.pk: [] for user in users}
    reaching = ProfileGrant.objects.filter(access.grants_on(ticket.entity), user_id__in=grants)
    for grant in reaching.select_related("profile", "entity"):
        grants[grant.user_id].append(grant)
    items = _items(found)

    recipients = []
    for user in users:
        viewer = Viewer(user, audience, grants[user.pk], items)
        # A validator is told of the request addressed to them even without seeing the
        # ticket otherwise (as GLPI): the request is what lets them read and answer it.
        asked = [o for o in wanted[user.pk] if user.pk in _validators(o)]
        if not viewer.sees_ticket and not asked:
            continue
        visible = [
            o for o in wanted[user.pk] if o in asked or (viewer.sees_ticket and viewer.sees(o))
        ]
        if visible:
            email = audience.alternative.get(user.pk) or user.email
            recipients.append(Recipient(user, email, visible))
    return recipients
