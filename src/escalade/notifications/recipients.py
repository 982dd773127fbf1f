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

from escalade.accounts.models import Membership, ProfileGrant, User
from escalade.accounts.who import NoProfile, Who, build_who
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
    Event.NEW,
    Event.CLOSED,
    Event.SOLVED,
    Event.SOLUTION_REFUSED,
    Event.ESCALATED,
    Event.ASSIGN_GROUP,
    Event.ASSIGN_USER,
    Event.FOLLOWUP,
    Event.TASK,
    Event.UPDATED,
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
    return found


def _event_of(kind: str, data: dict[str, Any]) -> str | None:
    if kind == EventKind.CREATED:
        return Event.NEW
    if kind == EventKind.ACTOR_ADDED and data.get("role") == Role.ASSIGNED:
        return Event.ASSIGN_USER if data.get("user") else Event.ASSIGN_GROUP
    if kind == EventKind.STATUS_CHANGED and data.get("new") == Status.CLOSED:
        return Event.CLOSED
    simple: dict[str, str] = {
        EventKind.FOLLOWUP_ADDED: Event.FOLLOWUP,
        EventKind.TASK_ADDED: Event.TASK,
        EventKind.SOLUTION_ADDED: Event.SOLVED,
        EventKind.SOLUTION_REFUSED: Event.SOLUTION_REFUSED,
        EventKind.FIELD_CHANGED: Event.UPDATED,
        EventKind.ESCALATED: Event.ESCALATED,
    }
    return simple.get(kind)


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
        group_ids = {
            a.group_id
            for a in self.actors
            if a.group_id and a.use_notification and a.group and a.group.is_notified
        }
        self.members: dict[int, set[int]] = {g: set() for g in group_ids}
        for group_id, user_id in Membership.objects.filter(group_id__in=group_ids).values_list(
            "group_id", "user_id"
        ):
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


class Viewer:
    """What one recipient could see of the ticket in the app, with any profile they hold."""

    def __init__(self, user: User, ticket: Ticket, items: dict[tuple[str, int], Any]):
        self.whos = _seeing_whos(user, ticket)
        self.items = items  # followups and tasks, read once per change

    def _item(self, model: type[Followup] | type[Task], key: str, data: dict[str, Any]) -> Any:
        pk = ref(data, key)
        if (key, pk) not in self.items:
            self.items[(key, pk)] = model.objects.filter(pk=pk).first()
        return self.items[(key, pk)]

    @property
    def sees_ticket(self) -> bool:
        return bool(self.whos)

    def sees(self, occurrence: Occurrence) -> bool:
        if occurrence.event == Event.FOLLOWUP:
            followup = self._item(Followup, "followup", occurrence.data)
            return followup is not None and any(
                access.can_see_followup(w, followup) for w in self.whos
            )
        if occurrence.event == Event.TASK:
            task = self._item(Task, "task", occurrence.data)
            return task is not None and any(access.can_see_task(w, task) for w in self.whos)
        return True


def _seeing_whos(user: User, ticket: Ticket) -> list[Who]:
    """One Who per profile ``user`` holds on the ticket's entity, keeping those that see it."""
    grants = list(ProfileGrant.objects.filter(user=user).select_related("entity"))
    profile_ids: list[int | None] = []
    for grant in grants:
        covers = grant.entity_id == ticket.entity_id or (
            grant.is_recursive and ticket.entity.path.startswith(grant.entity.path)
        )
        if covers and grant.profile_id not in profile_ids:
            profile_ids.append(grant.profile_id)
    if not grants and user.is_superuser:
        profile_ids = [None]
    whos = []
    for profile_id in profile_ids:
        try:
            who = build_who(user, profile_id=profile_id)
        except NoProfile:
            continue
        if access.visible_tickets(who).filter(pk=ticket.pk).exists():
            whos.append(who)
    return whos


def resolve(ticket: Ticket, found: Sequence[Occurrence], author: User | None) -> list[Recipient]:
    """The people to mail about this change, each with the events they may be told about."""
    if not found:
        return []
    chosen = settings_by_event()
    audience = Audience(ticket)
    author_id = author.pk if author else None
    wanted: dict[int, list[Occurrence]] = {}
    for occurrence in found:
        enabled, kinds = chosen.get(occurrence.event, (False, []))
        if not enabled:
            continue
        user_ids: set[int] = set()
        for kind in kinds:
            user_ids |= audience.of_kind(kind, author_id)
        for user_id in user_ids - audience.opted_out:
            wanted.setdefault(user_id, []).append(occurrence)
    if author is not None and not author.notify_own_changes:
        wanted.pop(author.pk, None)
    if not wanted:
        return []

    recipients = []
    items: dict[tuple[str, int], Any] = {}
    users = User.objects.filter(pk__in=wanted, is_active=True).order_by("pk")
    for user in users:
        email = audience.alternative.get(user.pk) or user.email
        if not email:
            continue
        viewer = Viewer(user, ticket, items)
        if not viewer.sees_ticket:
            continue
        visible = [o for o in wanted[user.pk] if viewer.sees(o)]
        if visible:
            recipients.append(Recipient(user, email, visible))
    return recipients
