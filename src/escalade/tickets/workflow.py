"""The only code that changes tickets.

Every function takes the ticket first (when there is one), keyword-only
arguments, and ``by``: the acting ``Who``, or None for the system. Each runs
in one transaction, locks the ticket row, checks the rights through
``access``, does nothing when nothing changes, records ``TicketEvent`` rows,
and writes the notification outbox rows in the same transaction.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from escalade.accounts.models import Entity, SupportGroup, User
from escalade.accounts.who import Who
from escalade.core import parsing
from escalade.notifications import outbox
from escalade.onbehalf import access as onbehalf_access
from escalade.slas import workflow as slas_workflow
from escalade.tickets import access, events, parties, richtext
from escalade.tickets.attachments import CheckedUpload, Upload, check
from escalade.tickets.errors import Conflict, Forbidden, InvalidInput, TicketNotFound
from escalade.tickets.models import (
    Attachment,
    Category,
    Followup,
    Level,
    PriorityCell,
    Role,
    Solution,
    SolutionStatus,
    Source,
    Task,
    TaskState,
    Ticket,
    TicketActor,
    TicketEvent,
    TicketType,
)
from escalade.tickets.rules import RoutingDraft, run_rules
from escalade.tickets.status import Status, may_move
from escalade.tickettemplates import rules as template_rules
from escalade.tickettemplates.models import Field

if TYPE_CHECKING:
    from escalade.itiltemplates.models import SolutionType

TITLE_MAX = 255
CONTENT_MAX = 100_000
UPDATABLE_FIELDS = ("title", "content", "type", "category", "urgency", "impact", "priority")
RULE_FIELDS = {"title", "content", "type", "category", "urgency"}
CHANNEL_SOURCES = {Source.HELPDESK, Source.EMAIL, Source.API}


# --- The change context ----------------------------------------------------------


@dataclass
class Change:
    ticket: Ticket
    by: Who | None
    events: list[TicketEvent] = field(default_factory=list)
    now: datetime = field(default_factory=timezone.now)
    written_files: list[str] = field(default_factory=list)

    @property
    def user(self) -> User | None:
        return self.by.user if self.by else None

    def record(self, event: TicketEvent) -> None:
        event.ticket = self.ticket
        event.actor = self.user
        event.created_at = self.now
        self.events.append(event)


@contextmanager
def _changing(ticket: Ticket, by: Who | None) -> Iterator[Change]:
    """Lock the ticket, yield a Change, then save, record events and queue mails.

    A ticket outside ``by``'s reach is not found, whatever the caller did before:
    every way in (pages, APIs, mail) gets the same answer.
    """
    with transaction.atomic():
        _require_visible(ticket.pk, by)
        locked = (
            Ticket.objects.select_for_update(of=("self",))
            .select_related("entity", "category")
            .get(pk=ticket.pk)
        )
        change = Change(locked, by)
        try:
            yield change
            _commit(change)
        except BaseException:
            _discard_files(change)
            raise
    # Give the caller's object the stored state.
    ticket.__dict__.update({k: v for k, v in locked.__dict__.items() if not k.startswith("_")})
    access.forget_relations(ticket)


def _require_visible(ticket_id: int, by: Who | None) -> None:
    if by is None:
        return
    if not access.visible_tickets(by, include_deleted=True).filter(pk=ticket_id).exists():
        raise TicketNotFound()


def _commit(change: Change) -> None:
    if not change.events:
        return
    ticket = change.ticket
    ticket.updated_at = change.now
    ticket.last_updated_by = change.user
    slas_workflow.apply_due_dates(ticket, change.events, now=change.now)
    ticket.save()
    TicketEvent.objects.bulk_create(change.events)
    outbox.enqueue(ticket, change.events)


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise Forbidden(message)


def _not_closed(ticket: Ticket) -> None:
    if ticket.is_closed:
        raise Conflict(_("Ce ticket est clos : il ne peut plus être modifié."))


# --- Field checks -------------------------------------------------------------------


def _one_line(text: str) -> str:
    """A title as typed: line breaks become spaces, the ends are trimmed, the rest is kept."""
    text = re.sub(r"[\r\n]+", " ", (text or "").replace("\x00", ""))
    return text.strip()


def _clean_title(title: str, content_html: str) -> str:
    title = _one_line(title)
    if not title:
        title = _one_line(" ".join(richtext.to_plain(content_html).split())[:70])
    if not title:
        raise InvalidInput(_("Le titre est obligatoire."), field="title")
    if len(title) > TITLE_MAX:
        raise InvalidInput(
            _("Le titre ne doit pas dépasser %d caractères.") % TITLE_MAX, field="title"
        )
    return title


def _clean_content(content: str, *, field_name: str = "content", required: bool = True) -> str:
    if content is not None and len(content) > CONTENT_MAX:
        raise InvalidInput(_("Le texte est trop long."), field=field_name)
    html = richtext.from_input(content or "")
    if required and richtext.is_blank(html):
        raise InvalidInput(_("La description est obligatoire."), field=field_name)
    return html


def _level(value: Any, field_name: str, *, maximum: int = 5) -> int:
    try:
        level = parsing.integer(value)
    except parsing.BadValue:
        level = 0
    if not 1 <= level <= maximum:
        raise InvalidInput(
            _("Valeur invalide : choisissez un niveau de 1 à %d.") % maximum, field=field_name
        )
    return level


def _ticket_type(value: Any) -> int:
    try:
        kind = parsing.integer(value)
    except parsing.BadValue:
        kind = 0
    if kind not in TicketType.values:
        raise InvalidInput(_("Type invalide : Incident ou Demande."), field="type")
    return kind


def _check_category(
    category: Category | None, entity: Entity, ticket_type: int, by: Who | None
) -> None:
    if category is None:
        return
    if not access.category_allowed_in(category, entity):
        raise InvalidInput(_("Cette catégorie n'existe pas dans cette entité."), field="category")
    if not category.allows(ticket_type):
        raise InvalidInput(
            _("La catégorie « %s » n'accepte pas ce type de ticket.") % category.full_name,
            field="category",
        )
    if by is not None and by.is_simplified and not category.is_helpdesk_visible:
        raise InvalidInput(_("Cette catégorie n'est pas proposée."), field="category")


def compute_priority(urgency: int, impact: int) -> int:
    cell = PriorityCell.objects.filter(urgency=urgency, impact=impact).first()
    if cell is not None:
        return cell.priority
    return round((urgency + impact) / 2 + 0.01)


# --- Actors ---------------------------------------------------------------------


def _add_actor(
    change: Change,
    role: int,
    *,
    user: User | None = None,
    group: SupportGroup | None = None,
    use_notification: bool = True,
    alternative_email: str = "",
) -> TicketActor | None:
    """Add an actor unless already there; move New to Processing on assignment."""
    ticket = change.ticket
    existing = TicketActor.objects.filter(ticket=ticket, role=role, user=user, group=group)
    if existing.exists():
        return None
    if group is not None and not parties.group_may_be(group, role):
        raise InvalidInput(
            _("Le groupe « %s » ne peut pas tenir ce rôle.") % group.name, field="group"
        )
    actor = TicketActor.objects.create(
        ticket=ticket,
        role=role,
        user=user,
        group=group,
        use_notification=use_notification,
        alternative_email=alternative_email or "",
    )
    change.record(events.actor_added(actor))
    if role == Role.ASSIGNED:
        if ticket.status == Status.NEW:
            _set_status(change, Status.ASSIGNED)
        if ticket.taken_at is None:
            ticket.taken_at = change.now
    return actor


def _remove_actor(change: Change, actor: TicketActor) -> None:
    actor.delete()
    change.record(events.actor_removed(actor))
    ticket = change.ticket
    if (
        actor.role == Role.ASSIGNED
        and ticket.status in (Status.ASSIGNED, Status.PLANNED)
        and not TicketActor.objects.filter(ticket=ticket, role=Role.ASSIGNED).exists()
    ):
        _set_status(change, Status.NEW)


def _has_assignee(ticket: Ticket) -> bool:
    return TicketActor.objects.filter(ticket=ticket, role=Role.ASSIGNED).exists()


# --- Status ----------------------------------------------------------------------


def _set_status(change: Change, new: int) -> None:
    """Move to ``new`` (already checked), keeping GLPI's dates in step."""
    ticket, now = change.ticket, change.now
    old = ticket.status
    if old == new:
        return
    if not may_move(old, new):
        raise Conflict(
            _("Passage de « %(old)s » à « %(new)s » impossible.")
            % {"old": Status(old).label, "new": Status(new).label}
        )
    if old == Status.WAITING and ticket.waiting_since:
        ticket.waiting_seconds += int((now - ticket.waiting_since).total_seconds())
        ticket.waiting_since = None
    if new == Status.WAITING:
        ticket.waiting_since = now
    if new == Status.SOLVED:
        ticket.solved_at = now
    if new == Status.CLOSED:
        ticket.closed_at = now
        ticket.solved_at = ticket.solved_at or now
    else:
        ticket.closed_at = None
    if new not in (Status.SOLVED, Status.CLOSED):
        ticket.solved_at = None
    ticket.status = new
    change.record(events.status_changed(old, new))


def _reopened_status(ticket: Ticket) -> int:
    if not _has_assignee(ticket):
        return Status.NEW
    return Status.ASSIGNED


def _mark_taken(change: Change) -> None:
    """GLPI's "taken into account": the first action by someone who handles it."""
    by = change.by
    if (
        change.ticket.taken_at is None
        and by is not None
        and not access.is_requester_only(by, change.ticket)
    ):
        change.ticket.taken_at = change.now


# --- Attachments ------------------------------------------------------------------


def _store_attachments(
    change: Change,
    checked: Sequence[CheckedUpload],
    *,
    followup: Followup | None = None,
    task: Task | None = None,
) -> list[Attachment]:
    stored = []
    is_private = bool((followup and followup.is_private) or (task and task.is_private))
    for item in checked:
        attachment = Attachment(
            ticket=change.ticket,
            followup=followup,
            task=task,
            uploaded_by=change.user,
            filename=item.filename,
            content_type=item.content_type,
            size=item.size,
            sha256=item.sha256,
            created_at=change.now,
        )
        attachment.file.save(item.filename, item.content, save=False)
        change.written_files.append(str(attachment.file.name))
        attachment.save()
        change.record(
            events.attachment_added(
                attachment.pk,
                followup=followup.pk if followup else None,
                task=task.pk if task else None,
                is_private=is_private,
            )
        )
        stored.append(attachment)
    return stored


def _discard_files(change: Change) -> None:
    """A change that failed leaves no orphan file behind."""
    storage = Attachment._meta.get_field("file").storage
    for name in change.written_files:
        if storage.exists(name):
            storage.delete(name)


# --- Creating -----------------------------------------------------------------------


Party = User | SupportGroup


@dataclass(frozen=True)
class Actors:
    """The actors of a new ticket: each role holds users and support groups, mixed."""

    requesters: Sequence[Party] = ()
    observers: Sequence[Party] = ()
    assignees: Sequence[Party] = ()

    def of(self, role: int) -> Sequence[Party]:
        return {
            Role.REQUESTER: self.requesters,
            Role.OBSERVER: self.observers,
            Role.ASSIGNED: self.assignees,
        }[Role(role)]

    def users(self, role: int) -> list[User]:
        return [p for p in self.of(role) if isinstance(p, User)]

    def groups(self, role: int) -> list[SupportGroup]:
        return [p for p in self.of(role) if isinstance(p, SupportGroup)]


def create_ticket(
    *,
    by: Who | None,
    title: str,
    content: str,
    type: int = TicketType.INCIDENT,
    category: Category | None = None,
    urgency: int | None = None,
    impact: int | None = None,
    priority: int | None = None,
    entity: Entity | None = None,
    actors: Actors | None = None,
    attachments: Sequence[Upload] = (),
    source: str = Source.HELPDESK,
    linked_to: Ticket | None = None,
    run_routing: bool = True,
    incomplete_ok: bool = False,
) -> Ticket:
    """Open a ticket: check, route (rules, then the category's group), record, notify.

    Without requesters, the person who opens it is the Demandeur. Returns the new ticket.
    ``incomplete_ok`` (the mail gateway): a mandatory field of the ticket template may be
    missing; the ticket is then « À compléter » and the requester gets a link to complete it.
    """
    actors = actors or Actors()
    if by is not None:
        _require(access.can_create(by), _("Votre profil ne permet pas de créer un ticket."))
    if actors.assignees and by is not None:
        _require(access.can_assign_at_creation(by), _("Votre profil ne permet pas d'attribuer."))
    by_template_priority = False
    missing: list[int] = []
    on_behalf = None
    if by is not None:
        # For someone else: who may be named, and an entity where they may open tickets.
        onbehalf_access.check_requesters(
            by, actors.users(Role.REQUESTER), actors.groups(Role.REQUESTER)
        )
        on_behalf = onbehalf_access.creation_entity(by, actors.users(Role.REQUESTER), entity)
    entity = on_behalf or _creation_entity(by, entity)
    ticket_type = _ticket_type(type)
    if by is not None and not actors.requesters:
        actors = Actors(
            requesters=[by.user], observers=actors.observers, assignees=actors.assignees
        )
    # The ticket template (category, profile, entity), on every way in.
    template = template_rules.template_for(
        by, ticket_type=ticket_type, category=category, entity=entity
    )
    if template is not None:
        filled, missing = template_rules.apply(
            template,
            template_rules.Given(
                title=title or "",
                content=content or "",
                category=category,
                urgency=urgency,
                impact=impact,
                priority=priority,
                source=source,
                requesters=actors.requesters,
                observers=actors.observers,
                assignees=actors.assignees,
            ),
        )
        if missing and not incomplete_ok:
            raise InvalidInput(
                template_rules.missing_message(missing),
                field=template_rules.FIELD_NAMES[Field(missing[0])],
            )
        if filled.priority != priority:  # predefined, hidden or read-only
            priority, by_template_priority = filled.priority, filled.priority is not None
        title, content, urgency, impact = (
            filled.title,
            filled.content,
            filled.urgency,
            filled.impact,
        )
        # A hidden or read-only source: the way in's own (mail, API), never a person's choice.
        source = filled.source or (source if source in CHANNEL_SOURCES else Source.HELPDESK)
        actors = Actors(
            requesters=filled.requesters, observers=filled.observers, assignees=filled.assignees
        )
    urgency = _level(urgency if urgency is not None else Level.MEDIUM, "urgency")
    impact = _level(impact if impact is not None else Level.MEDIUM, "impact")
    content_html = _clean_content(content)
    title = _clean_title(title, content_html)
    _check_category(category, entity, ticket_type, by)
    checked = [check(u) for u in attachments]

    draft = RoutingDraft(
        entity_id=entity.pk,
        entity_path=entity.path,
        category_id=category.pk if category else None,
        category_path=category.path if category else "",
        type=ticket_type,
        urgency=urgency,
        title=title,
        content=richtext.to_plain(content_html),
        requester_group_ids=_requester_group_ids(
            actors.users(Role.REQUESTER), actors.groups(Role.REQUESTER)
        ),
    )
    if run_routing:
        run_rules(draft)
    if draft.category_id != (category.pk if category else None):
        category = (
            Category.objects.filter(pk=draft.category_id).first() if draft.category_id else None
        )

    explicit_priority = priority is not None and (
        by_template_priority or access.can_choose_priority(by)
    )
    now = timezone.now()
    ticket = Ticket(
        entity=entity,
        type=draft.type,
        category=category,
        title=title,
        content=content_html,
        urgency=draft.urgency,
        impact=impact,
        priority=_level(priority, "priority", maximum=6)
        if explicit_priority
        else compute_priority(draft.urgency, impact),
        source=source,
        created_by=by.user if by else None,
        last_updated_by=by.user if by else None,
        opened_at=now,
        updated_at=now,
        linked_to=linked_to,
    )
    change = Change(ticket, by, now=now)
    try:
        with transaction.atomic():
            ticket.save()
            change.record(
                events.created(
                    status=ticket.status,
                    type=ticket.type,
                    category=ticket.category_id,
                    urgency=ticket.urgency,
                    impact=ticket.impact,
                    priority=ticket.priority,
                    entity=entity.pk,
                    source=source,
                )
            )
            for rule_id, name in draft.applied_rules:
                change.record(events.rule_applied(rule_id, name))
            if missing:
                # The mark's writer imports this module: imported here, not at the top.
                from escalade.tickettemplates.workflow import mark_incomplete

                mark_incomplete(ticket, missing)
            wanted: list[tuple[int, User | None, SupportGroup | None]] = [
                *((Role.REQUESTER, u, None) for u in actors.users(Role.REQUESTER)),
                *((Role.REQUESTER, None, g) for g in actors.groups(Role.REQUESTER)),
                *((Role.OBSERVER, u, None) for u in actors.users(Role.OBSERVER)),
                *((Role.OBSERVER, None, g) for g in actors.groups(Role.OBSERVER)),
                *((Role.ASSIGNED, u, None) for u in actors.users(Role.ASSIGNED)),
                *(
                    (Role.ASSIGNED, u, None)
                    for u in User.objects.filter(pk__in=draft.assign_user_ids)
                ),
                *((Role.ASSIGNED, None, g) for g in actors.groups(Role.ASSIGNED)),
                *(
                    (Role.ASSIGNED, None, g)
                    for g in SupportGroup.objects.filter(pk__in=draft.assign_group_ids)
                ),
                *(
                    (Role.OBSERVER, None, g)
                    for g in SupportGroup.objects.filter(pk__in=draft.observer_group_ids)
                ),
                *(
                    (Role.OBSERVER, u, None)
                    for u in User.objects.filter(pk__in=draft.observer_user_ids)
                ),
            ]
            for role, user, group in wanted:
                _add_actor(change, role, user=user, group=group)
            if run_routing and category is not None and not _has_assignee(ticket):
                if category.group_in_charge_id:
                    _add_actor(change, Role.ASSIGNED, group=category.group_in_charge)
                if category.user_in_charge_id:
                    _add_actor(change, Role.ASSIGNED, user=category.user_in_charge)
            _store_attachments(change, checked)
            _commit(change)  # the same end as every other change: save, events, outbox
            if draft.validation_user_ids or draft.validation_group_ids:
                from escalade.validations.workflow import request_from_rules

                request_from_rules(
                    ticket,
                    user_ids=draft.validation_user_ids,
                    group_ids=draft.validation_group_ids,
                    threshold=draft.validation_percent,
                )
    except BaseException:
        _discard_files(change)
        raise
    return ticket


def open_follow_on(
    old: Ticket,
    *,
    by: Who,
    title: str,
    content: str,
    attachments: Sequence[Upload] = (),
    source: str = Source.EMAIL,
) -> Ticket:
    """A new ticket continuing a Closed one: same entity, type and category, linked to it.

    ``by.user`` is its Demandeur. Who opens it (``by`` or the system) is
    ``access.follow_on_acts_as_system``'s decision, not the caller's.
    """
    _require(
        access.can_follow_up_closed(by, old),
        _("Votre profil ne permet pas de rouvrir ce ticket par un nouveau ticket."),
    )
    return create_ticket(
        by=None if access.follow_on_acts_as_system(by, old) else by,
        title=title or old.title,
        content=content,
        type=old.type,
        category=old.category,
        entity=old.entity,
        actors=Actors(requesters=[by.user]),
        attachments=attachments,
        source=source,
        linked_to=old,
    )


def _creation_entity(by: Who | None, entity: Entity | None) -> Entity:
    if by is None:
        if entity is None:
            raise InvalidInput(_("L'entité est obligatoire."), field="entity")
        return entity
    if entity is None:
        if by.active_entity_id is not None:
            return Entity.objects.get(pk=by.active_entity_id)
        grant = (
            by.user.grants.filter(profile_id=by.profile.pk)
            .order_by("-is_default", "pk")
            .select_related("entity")
            .first()
        )
        if grant is not None:
            return grant.entity
        entity = Entity.objects.filter(pk__in=by.entity_ids).order_by("level", "pk").first()
        if entity is None:
            raise InvalidInput(_("Aucune entité active."), field="entity")
        return entity
    if entity.pk not in by.entity_ids:
        raise InvalidInput(_("Cette entité n'est pas parmi vos entités actives."), field="entity")
    return entity


def _requester_group_ids(users: Sequence[User], groups: Sequence[SupportGroup]) -> set[int]:
    ids = {g.pk for g in groups}
    user_ids = [u.pk for u in users]
    if user_ids:
        ids |= set(SupportGroup.objects.filter(members__in=user_ids).values_list("pk", flat=True))
    return ids


# --- Updating fields --------------------------------------------------------------------


def update_ticket(ticket: Ticket, *, by: Who | None, changes: Mapping[str, Any]) -> Ticket:
    """Change some of the ticket's fields: :func:`edit_ticket` with fields only."""
    unknown = set(changes) - set(UPDATABLE_FIELDS)
    if unknown:
        raise InvalidInput(_("Champ non modifiable : %s") % ", ".join(sorted(unknown)))
    return edit_ticket(ticket, by=by, changes=changes)


EDITABLE = (*UPDATABLE_FIELDS, "status")


def edit_ticket(
    ticket: Ticket,
    *,
    by: Who | None,
    changes: Mapping[str, Any] | None = None,
    add_actors: Actors | None = None,
    remove_actors: Sequence[TicketActor] = (),
    solution: str | None = None,
    seen: Mapping[str, Any] | None = None,
) -> Ticket:
    """One request, one change: fields, status and actors together, or nothing.

    ``changes`` holds fields (title, content, type, category, urgency, impact, priority)
    and ``status``; rules with a criterion on a changed field run again. Setting Résolu
    needs a ``solution`` text (it becomes the ticket's Solution, as in GLPI's solution
    form); without one it is refused. ``seen`` holds the values the person was looking at:
    a field they change that someone else changed meanwhile is a :class:`Conflict`
    (« modifié entre-temps »); fields they left alone are not touched, so two people
    changing different fields both keep their change. Returns the ticket.
    """
    changes = dict(changes or {})
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise InvalidInput(_("Champ non modifiable : %s") % ", ".join(sorted(unknown)))
    target = _optional_status(changes.pop("status", None))
    solution_html = _clean_content(solution, field_name="solution") if solution else None
    if solution_html is not None and target is None:
        target = Status.SOLVED
    add_actors = add_actors or Actors()
    with _changing(ticket, by) as change:
        t = change.ticket
        if target == t.status and solution_html is None:
            target = None
        if (
            not changes
            and target is None
            and not remove_actors
            and not any(add_actors.of(role) for role in Role.values)
        ):
            return ticket  # nothing asked: nothing to refuse, nothing recorded
        _not_closed(t)
        if seen:
            _check_seen(t, {**changes, **({"status": target} if target is not None else {})}, seen)
        if changes:
            _require(access.can_update(by, t), _("Vous ne pouvez pas modifier ce ticket."))
            _update_fields(change, changes)
        for role in (Role.REQUESTER, Role.OBSERVER, Role.ASSIGNED):
            for party in add_actors.of(role):
                _require(
                    access.can_manage_actors(by, t, role),
                    _("Vous ne pouvez pas modifier les acteurs de ce ticket."),
                )
                if isinstance(party, User):
                    _add_actor(change, role, user=party)
                else:
                    _add_actor(change, role, group=party)
        for actor in remove_actors:
            current = TicketActor.objects.filter(pk=actor.pk, ticket=t).first()
            if current is None:
                continue
            _require(
                access.can_remove_actor(by, t, current), _("Vous ne pouvez pas retirer cet acteur.")
            )
            _remove_actor(change, current)
        if target == Status.SOLVED and t.status != Status.SOLVED:
            if solution_html is None:
                raise InvalidInput(str(_SOLUTION_NEEDED), field="status")
            _solve(change, solution_html, [])
        elif target is not None:
            _change_status_within(change, target)
        if change.events:
            _mark_taken(change)
    return ticket


def _check_seen(t: Ticket, wanted: Mapping[str, Any], seen: Mapping[str, Any]) -> None:
    """Refuse a change made on a stale page: the field moved since it was shown."""
    moved = []
    for name in wanted:
        if name not in seen:
            continue
        current: Any = t.category_id if name == "category" else getattr(t, name)
        before = seen[name]
        if name == "category" and isinstance(before, Category):
            before = before.pk
        if str(current if current is not None else "") != str(before if before is not None else ""):
            moved.append(name)
    if moved:
        raise Conflict(
            _(
                "Le ticket a été modifié entre-temps par quelqu'un d'autre "
                "(%s) : rechargez la page et refaites votre modification."
            )
            % ", ".join(_field_label(n) for n in moved)
        )


def _field_label(name: str) -> str:
    labels = {
        "title": _("Titre"),
        "content": _("Description"),
        "type": _("Type"),
        "category": _("Catégorie"),
        "urgency": _("Urgence"),
        "impact": _("Impact"),
        "priority": _("Priorité"),
        "status": _("Statut"),
    }
    return str(labels.get(name, name))


def _update_fields(change: Change, changes: Mapping[str, Any]) -> None:
    t, by = change.ticket, change.by
    new: dict[str, Any] = {}
    if "title" in changes:
        new["title"] = _clean_title(changes["title"], "x")
    if "content" in changes:
        new["content"] = _clean_content(changes["content"])
    if "type" in changes:
        new["type"] = _ticket_type(changes["type"])
    if "urgency" in changes:
        new["urgency"] = _level(changes["urgency"], "urgency")
    if "impact" in changes:
        new["impact"] = _level(changes["impact"], "impact")
    if "category" in changes:
        new["category"] = changes["category"]
    if changes.get("priority") is not None:
        _require(
            access.can_change_priority(by, t),
            _("Votre profil ne permet pas de changer la priorité."),
        )
        new["priority"] = _level(changes["priority"], "priority", maximum=6)
    category = new.get("category", t.category)
    _check_category(category, t.entity, new.get("type", t.type), by)

    changed: set[str] = set()
    for name, value in new.items():
        attr = "category_id" if name == "category" else name
        old = getattr(t, attr)
        raw = value.pk if name == "category" and value is not None else value
        if old == raw:
            continue
        setattr(t, name, value)
        change.record(events.field_changed(name, old, raw))
        changed.add(name)
    if changed & {"urgency", "impact"} and "priority" not in changed:
        priority = compute_priority(t.urgency, t.impact)
        if priority != t.priority:
            change.record(events.field_changed("priority", t.priority, priority))
            t.priority = priority
    if changed & RULE_FIELDS:
        _rerun_rules(change, changed)


def _rerun_rules(change: Change, changed: set[str]) -> None:
    t = change.ticket
    draft = RoutingDraft(
        entity_id=t.entity_id,
        entity_path=t.entity.path,
        category_id=t.category_id,
        category_path=t.category.path if t.category else "",
        type=t.type,
        urgency=t.urgency,
        title=t.title,
        content=richtext.to_plain(t.content),
        requester_group_ids=_requester_group_ids(
            list(User.objects.filter(ticket_roles__ticket=t, ticket_roles__role=Role.REQUESTER)),
            list(
                SupportGroup.objects.filter(
                    ticket_roles__ticket=t, ticket_roles__role=Role.REQUESTER
                )
            ),
        ),
    )
    run_rules(draft, on_update=True, changed=changed)
    for rule_id, name in draft.applied_rules:
        change.record(events.rule_applied(rule_id, name))
    for name, value in (
        ("type", draft.type),
        ("urgency", draft.urgency),
        ("category", draft.category_id),
    ):
        attr = "category_id" if name == "category" else name
        if getattr(t, attr) != value:
            change.record(events.field_changed(name, getattr(t, attr), value))
            setattr(t, attr, value)
    for group in SupportGroup.objects.filter(pk__in=draft.assign_group_ids):
        _add_actor(change, Role.ASSIGNED, group=group)
    for user in User.objects.filter(pk__in=draft.assign_user_ids):
        _add_actor(change, Role.ASSIGNED, user=user)
    for group in SupportGroup.objects.filter(pk__in=draft.observer_group_ids):
        _add_actor(change, Role.OBSERVER, group=group)
    for user in User.objects.filter(pk__in=draft.observer_user_ids):
        _add_actor(change, Role.OBSERVER, user=user)


def change_status(ticket: Ticket, *, by: Who | None, status: int) -> Ticket:
    """Set the status by hand: :func:`edit_ticket` with the status only."""
    return edit_ticket(ticket, by=by, changes={"status": status})


def _apply_status(change: Change, target: int) -> None:
    t = change.ticket
    if target == Status.CLOSED:
        _decide_waiting_solution(change, SolutionStatus.ACCEPTED)
    elif t.status == Status.SOLVED and target != Status.SOLVED:
        _decide_waiting_solution(change, SolutionStatus.REFUSED)
    _set_status(change, target)
    _mark_taken(change)


def _decide_waiting_solution(change: Change, decision: int) -> Solution | None:
    solution = (
        Solution.objects.filter(ticket=change.ticket, status=SolutionStatus.WAITING)
        .order_by("-created_at", "-pk")
        .first()
    )
    if solution is None:
        return None
    solution.status = decision
    solution.decided_by = change.user
    solution.decided_at = change.now
    solution.save(update_fields=["status", "decided_by", "decided_at"])
    return solution


# --- Actors, take, escalate ------------------------------------------------------------


def add_actor(
    ticket: Ticket,
    *,
    by: Who | None,
    role: int,
    user: User | None = None,
    group: SupportGroup | None = None,
    use_notification: bool = True,
    alternative_email: str = "",
) -> TicketActor:
    """Add a requester, observer or assignee (user or group).

    Returns the actor: the new one (``added`` True), or the one already there (``added``
    False, nothing recorded)."""
    if role not in Role.values:
        raise InvalidInput(_("Rôle inconnu."), field="role")
    if (user is None) == (group is None):
        raise InvalidInput(_("Choisissez un utilisateur ou un groupe."), field="user")
    with _changing(ticket, by) as change:
        _not_closed(change.ticket)
        _require(
            access.can_manage_actors(by, change.ticket, role),
            _("Vous ne pouvez pas modifier les acteurs de ce ticket."),
        )
        actor = _add_actor(
            change,
            role,
            user=user,
            group=group,
            use_notification=use_notification,
            alternative_email=alternative_email,
        )
        if actor is not None:
            _mark_taken(change)
    return _present(actor, ticket, role, user, group)


def _present(
    actor: TicketActor | None,
    ticket: Ticket,
    role: int,
    user: User | None,
    group: SupportGroup | None,
) -> TicketActor:
    """The actor just added, or the one already there, marked with ``added``."""
    if actor is not None:
        actor.added = True  # type: ignore[attr-defined]
        return actor
    existing = TicketActor.objects.get(ticket=ticket, role=role, user=user, group=group)
    existing.added = False  # type: ignore[attr-defined]
    return existing


def remove_actor(ticket: Ticket, *, by: Who | None, actor: TicketActor) -> Ticket:
    """Remove an actor ("×"); the last assignee leaving puts a processing ticket back to New."""
    with _changing(ticket, by) as change:
        _not_closed(change.ticket)
        current = TicketActor.objects.filter(pk=actor.pk, ticket=change.ticket).first()
        if current is None:
            return ticket
        _require(
            access.can_remove_actor(by, change.ticket, current),
            _("Vous ne pouvez pas retirer cet acteur."),
        )
        _remove_actor(change, current)
    return ticket


def take(ticket: Ticket, *, by: Who) -> TicketActor:
    """ "M'attribuer le ticket": add myself to Attribué à. Returns my actor row, with
    ``added`` False when I already was there (nothing recorded)."""
    with _changing(ticket, by) as change:
        _not_closed(change.ticket)
        if access.relation(by, change.ticket).assigned_user:
            return _present(None, ticket, Role.ASSIGNED, by.user, None)
        _require(
            access.can_take(by, change.ticket), _("Vous ne pouvez pas vous attribuer ce ticket.")
        )
        actor = _add_actor(change, Role.ASSIGNED, user=by.user)
        change.ticket.taken_at = change.ticket.taken_at or change.now
    return _present(actor, ticket, Role.ASSIGNED, by.user, None)


def escalate(ticket: Ticket, *, by: Who | None, group: SupportGroup, content: str = "") -> Ticket:
    """Hand the ticket to ``group``: drop the current assignees, keep their groups observing."""
    with _changing(ticket, by) as change:
        t = change.ticket
        _not_closed(t)
        _require(access.can_escalate(by, t), _("Vous ne pouvez pas escalader ce ticket."))
        if not parties.group_may_be(group, Role.ASSIGNED):
            raise InvalidInput(
                _("Le groupe « %s » ne peut pas être attribué.") % group.name, field="group"
            )
        assigned = list(TicketActor.objects.filter(ticket=t, role=Role.ASSIGNED))
        if [a.group_id for a in assigned] == [group.pk]:
            return ticket
        from_groups = [a.group_id for a in assigned if a.group_id and a.group_id != group.pk]
        removed_users = [a.user_id for a in assigned if a.user_id]
        _add_actor(change, Role.ASSIGNED, group=group)
        for actor in assigned:
            if actor.group_id == group.pk:
                continue
            actor.delete()
            change.record(events.actor_removed(actor))
        for group_id in from_groups:
            previous = SupportGroup.objects.get(pk=group_id)
            if parties.group_may_be(previous, Role.OBSERVER):
                _add_actor(change, Role.OBSERVER, group=previous)
        if t.status in (Status.NEW, Status.WAITING):
            _set_status(change, Status.ASSIGNED)
        change.record(
            events.escalated(
                to_group=group.pk, from_groups=from_groups, removed_users=removed_users
            )
        )
        if content and not richtext.is_blank(richtext.from_input(content)):
            followup = Followup.objects.create(
                ticket=t,
                author=change.user,
                content=_clean_content(content),
                is_private=False,
                created_at=change.now,
                updated_at=change.now,
            )
            change.record(events.followup_added(followup.pk, is_private=False))
        _mark_taken(change)
    return ticket


# --- Followups, tasks, solutions ----------------------------------------------------------


def add_followup(
    ticket: Ticket,
    *,
    by: Who | None,
    content: str,
    is_private: bool = False,
    status: int | None = None,
    attachments: Sequence[Upload] = (),
    source: str = Source.HELPDESK,
    broadcast: bool = False,
) -> Followup | Solution:
    """Add a Suivi, optionally setting a status at the same time ("Ajouter" › "Résolu").

    With status Résolu the text becomes the ticket's Solution. A requester's
    followup on a Pending or Solved ticket reopens it, as in GLPI. ``broadcast``
    (« diffusé », escalade.links): a public followup mailed to every requester.
    """
    target = _optional_status(status)
    checked = [check(u) for u in attachments]
    html = _clean_content(content, required=not checked)
    if richtext.is_blank(html) and checked:
        html = richtext.from_plain(_("Document ajouté."))
    with _changing(ticket, by) as change:
        t = change.ticket
        _not_closed(t)
        _require(
            access.can_add_followup(by, t), _("Vous ne pouvez pas ajouter de suivi à ce ticket.")
        )
        if is_private:
            _require(
                access.sees_private(by, "followup"),
                _("Vous ne pouvez pas ajouter de suivi privé."),
            )
        if target == Status.SOLVED:
            if is_private:
                raise InvalidInput(_("Une solution ne peut pas être privée."), field="is_private")
            return _solve(change, html, checked)
        if broadcast:
            from escalade.links.access import can_broadcast

            if is_private:
                raise InvalidInput(
                    _("Un suivi diffusé ne peut pas être privé."), field="is_private"
                )
            _require(can_broadcast(by, t), _("Vous ne pouvez pas diffuser de suivi sur ce ticket."))
        followup = Followup.objects.create(
            ticket=t,
            author=change.user,
            content=html,
            is_private=is_private,
            source=source,
            created_at=change.now,
            updated_at=change.now,
        )
        change.record(
            events.followup_added(followup.pk, is_private=is_private, broadcast=broadcast)
        )
        _store_attachments(change, checked, followup=followup)
        if target is not None:
            _change_status_within(change, target)
        elif (
            by is not None
            and access.is_requester_only(by, t)
            and t.status in (Status.WAITING, Status.SOLVED)
        ):
            _reopen(change)
        _mark_taken(change)
    return followup


def _optional_status(status: int | str | None) -> Status | None:
    if status in (None, ""):
        return None
    try:
        return Status(parsing.integer(status))
    except ValueError:
        raise InvalidInput(_("Statut inconnu."), field="status") from None


_SOLUTION_NEEDED = _lazy(
    "Pour passer le ticket à « Résolu », écrivez une solution (onglet Solution, "
    "ou « Ajouter » un suivi avec le statut Résolu)."
)


def _change_status_within(change: Change, target: int) -> None:
    """Any status but Résolu, which only a solution sets (see :func:`_solve`)."""
    t = change.ticket
    if t.status == target:
        return
    if target == Status.SOLVED:
        raise InvalidInput(str(_SOLUTION_NEEDED), field="status")
    if not may_move(t.status, target):
        raise Conflict(
            _("Passage de « %(old)s » à « %(new)s » impossible.")
            % {"old": Status(t.status).label, "new": Status(target).label}
        )
    _require(
        access.can_change_status(change.by, t, target),
        _("Vous ne pouvez pas donner ce statut au ticket."),
    )
    _apply_status(change, target)


def _reopen(change: Change) -> None:
    if change.ticket.status == Status.SOLVED:
        solution = _decide_waiting_solution(change, SolutionStatus.REFUSED)
        change.record(events.solution_refused(solution.pk if solution else None, None))
    _set_status(change, _reopened_status(change.ticket))


def add_task(
    ticket: Ticket,
    *,
    by: Who | None,
    content: str,
    is_private: bool = False,
    state: int = TaskState.TODO,
    duration_seconds: int = 0,
    technician: User | None = None,
    group: SupportGroup | None = None,
    status: int | None = None,
    attachments: Sequence[Upload] = (),
) -> Task:
    """Add a Tâche (to do / done, duration, private)."""
    if state not in TaskState.values:
        raise InvalidInput(_("État de tâche inconnu."), field="state")
    try:
        duration = parsing.integer(duration_seconds or 0)
    except parsing.BadValue:
        duration = -1
    if not 0 <= duration <= 10 * 365 * 24 * 3600:
        raise InvalidInput(_("Durée invalide."), field="duration_seconds")
    target = _optional_status(status)
    html = _clean_content(content)
    checked = [check(u) for u in attachments]
    with _changing(ticket, by) as change:
        t = change.ticket
        _not_closed(t)
        _require(access.can_add_task(by, t), _("Vous ne pouvez pas ajouter de tâche."))
        if is_private:
            _require(
                access.sees_private(by, "task"), _("Vous ne pouvez pas ajouter de tâche privée.")
            )
        task = Task.objects.create(
            ticket=t,
            author=change.user,
            content=html,
            is_private=is_private,
            state=state,
            duration_seconds=duration,
            technician=technician,
            group=group,
            created_at=change.now,
            updated_at=change.now,
        )
        change.record(events.task_added(task.pk, is_private=is_private))
        _store_attachments(change, checked, task=task)
        if target is not None:
            _change_status_within(change, target)
        _mark_taken(change)
    return task


def update_followup(
    followup: Followup,
    *,
    by: Who | None,
    content: str | None = None,
    is_private: bool | None = None,
) -> Followup:
    """Edit a Suivi's text or privacy (mine with edit-my, anyone's with edit-all)."""
    html = _clean_content(content) if content is not None else None
    with _changing(followup.ticket, by) as change:
        t = change.ticket
        _not_closed(t)
        current = Followup.objects.select_for_update().get(pk=followup.pk, ticket=t)
        _require(
            access.can_edit_followup(by, t, current), _("Vous ne pouvez pas modifier ce suivi.")
        )
        if is_private:
            _require(
                access.sees_private(by, "followup"),
                _("Vous ne pouvez pas rendre ce suivi privé."),
            )
        changed = []
        if html is not None and html != current.content:
            current.content = html
            changed.append("content")
        if is_private is not None and is_private != current.is_private:
            current.is_private = is_private
            changed.append("is_private")
        if changed:
            current.editor, current.updated_at = change.user, change.now
            current.save(update_fields=[*changed, "editor", "updated_at"])
            change.record(events.followup_updated(current.pk, is_private=current.is_private))
    followup.__dict__.update({k: v for k, v in current.__dict__.items() if k != "_state"})
    return followup


def update_task(
    task: Task,
    *,
    by: Who | None,
    content: str | None = None,
    state: int | None = None,
    duration_seconds: int | None = None,
    is_private: bool | None = None,
) -> Task:
    """Edit a Tâche (mine with edit-my, anyone's with edit-all)."""
    html = _clean_content(content) if content is not None else None
    if state is not None and state not in TaskState.values:
        raise InvalidInput(_("État de tâche inconnu."), field="state")
    if duration_seconds is not None and not 0 <= int(duration_seconds) <= 10 * 365 * 86400:
        raise InvalidInput(_("Durée invalide."), field="duration_seconds")
    with _changing(task.ticket, by) as change:
        t = change.ticket
        _not_closed(t)
        current = Task.objects.select_for_update().get(pk=task.pk, ticket=t)
        _require(
            access.can_edit_task(by, t, current), _("Vous ne pouvez pas modifier cette tâche.")
        )
        if is_private:
            _require(
                access.sees_private(by, "task"),
                _("Vous ne pouvez pas rendre cette tâche privée."),
            )
        wanted = {
            "content": html,
            "state": state,
            "is_private": is_private,
            "duration_seconds": int(duration_seconds) if duration_seconds is not None else None,
        }
        changed = [k for k, v in wanted.items() if v is not None and getattr(current, k) != v]
        for name in changed:
            setattr(current, name, wanted[name])
        if changed:
            current.editor, current.updated_at = change.user, change.now
            current.save(update_fields=[*changed, "editor", "updated_at"])
            change.record(events.task_updated(current.pk, is_private=current.is_private))
    task.__dict__.update({k: v for k, v in current.__dict__.items() if k != "_state"})
    return task


def add_solution(
    ticket: Ticket,
    *,
    by: Who | None,
    content: str,
    attachments: Sequence[Upload] = (),
    solution_type: SolutionType | None = None,
) -> Solution:
    """Solve the ticket: the solution waits for the requester's approval. A solution type
    must be one offered on the ticket's entity (escalade.itiltemplates.access)."""
    html = _clean_content(content)
    checked = [check(u) for u in attachments]
    if solution_type is not None:
        from escalade.itiltemplates.access import solution_types_for

        if not solution_types_for(ticket).filter(pk=solution_type.pk).exists():
            raise InvalidInput(
                _("Ce type de solution n'est pas proposé pour ce ticket."), field="solution_type"
            )
    with _changing(ticket, by) as change:
        return _solve(change, html, checked, solution_type)


def _solve(
    change: Change,
    html: str,
    checked: Sequence[CheckedUpload],
    solution_type: SolutionType | None = None,
) -> Solution:
    t = change.ticket
    _not_closed(t)
    if t.status == Status.SOLVED:
        raise Conflict(_("Ce ticket est déjà résolu."))
    _require(access.can_solve(change.by, t), _("Vous ne pouvez pas résoudre ce ticket."))
    solution = Solution.objects.create(
        ticket=t,
        author=change.user,
        content=html,
        status=SolutionStatus.WAITING,
        created_at=change.now,
        solution_type=solution_type,
    )
    change.record(events.solution_added(solution.pk))
    _store_attachments(change, checked)
    _set_status(change, Status.SOLVED)
    _mark_taken(change)
    if t.entity.effective_autoclose_days() == 0:
        solution.status = SolutionStatus.ACCEPTED
        solution.decided_at = change.now
        solution.save(update_fields=["status", "decided_at"])
        change.record(events.solution_approved(solution.pk))
        _set_status(change, Status.CLOSED)
    # Its open duplicates and children get the same solution, in this transaction.
    from escalade.links.workflow import solve_linked

    solve_linked(change, html)
    return solution


def approve_solution(ticket: Ticket, *, by: Who | None, comment: str = "") -> Ticket:
    """ "Approuver": the requester accepts the solution; the ticket is closed."""
    with _changing(ticket, by) as change:
        t = change.ticket
        if t.status != Status.SOLVED:
            raise Conflict(_("Ce ticket n'attend pas d'approbation."))
        _require(access.can_approve(by, t), _("Vous ne pouvez pas approuver cette solution."))
        solution = _decide_waiting_solution(change, SolutionStatus.ACCEPTED)
        change.record(events.solution_approved(solution.pk if solution else None))
        if comment and not richtext.is_blank(richtext.from_input(comment)):
            followup = Followup.objects.create(
                ticket=t,
                author=change.user,
                content=_clean_content(comment),
                created_at=change.now,
                updated_at=change.now,
            )
            change.record(events.followup_added(followup.pk, is_private=False))
        _set_status(change, Status.CLOSED)
    return ticket


def refuse_solution(ticket: Ticket, *, by: Who | None, reason: str) -> Followup:
    """ "Refuser": the requester says why; the ticket goes back to processing."""
    html = _clean_content(reason, field_name="reason")
    with _changing(ticket, by) as change:
        t = change.ticket
        if t.status != Status.SOLVED:
            raise Conflict(_("Ce ticket n'attend pas d'approbation."))
        _require(access.can_approve(by, t), _("Vous ne pouvez pas refuser cette solution."))
        solution = _decide_waiting_solution(change, SolutionStatus.REFUSED)
        followup = Followup.objects.create(
            ticket=t,
            author=change.user,
            content=html,
            created_at=change.now,
            updated_at=change.now,
        )
        change.record(events.followup_added(followup.pk, is_private=False))
        change.record(events.solution_refused(solution.pk if solution else None, followup.pk))
        _set_status(change, _reopened_status(t))
    return followup


# --- Documents, deletion ---------------------------------------------------------------------


def add_attachments(
    ticket: Ticket, *, by: Who | None, attachments: Sequence[Upload]
) -> list[Attachment]:
    """ "Document": attach files to the ticket itself."""
    if not attachments:
        raise InvalidInput(_("Choisissez au moins un fichier."), field="attachments")
    checked = [check(u) for u in attachments]
    with _changing(ticket, by) as change:
        _not_closed(change.ticket)
        _require(
            access.can_add_attachment(by, change.ticket),
            _("Vous ne pouvez pas ajouter de document à ce ticket."),
        )
        stored = _store_attachments(change, checked)
        _mark_taken(change)
    return stored


def delete_ticket(ticket: Ticket, *, by: Who | None) -> Ticket:
    """Put the ticket in the trash (recoverable)."""
    with _changing(ticket, by) as change:
        _require(access.can_delete(by, change.ticket), _("Vous ne pouvez pas supprimer ce ticket."))
        if not change.ticket.is_deleted:
            change.ticket.is_deleted = True
            change.record(events.deleted())
    return ticket


def restore_ticket(ticket: Ticket, *, by: Who | None) -> Ticket:
    with _changing(ticket, by) as change:
        _require(access.can_delete(by, change.ticket), _("Vous ne pouvez pas restaurer ce ticket."))
        if change.ticket.is_deleted:
            change.ticket.is_deleted = False
            change.record(events.restored())
    return ticket


def purge_ticket(ticket: Ticket, *, by: Who | None) -> None:
    """Delete for good, files included."""
    with transaction.atomic():
        _require_visible(ticket.pk, by)
        locked = Ticket.objects.select_for_update().get(pk=ticket.pk)
        _require(access.can_delete(by, locked), _("Vous ne pouvez pas supprimer ce ticket."))
        files = [(a.file.storage, a.file.name) for a in locked.attachments.all()]
        locked.delete()

        def remove_files() -> None:
            for storage, name in files:
                if name and storage.exists(name):
                    storage.delete(name)

        transaction.on_commit(remove_files)


# --- Periodic ----------------------------------------------------------------------------------


def close_expired_solutions(*, now: datetime | None = None) -> int:
    """Close the Solved tickets whose entity's delay has passed (system action)."""
    now = now or timezone.now()
    closed = 0
    candidates = Ticket.objects.filter(status=Status.SOLVED, solved_at__isnull=False)
    delays: dict[int, int | None] = {}
    for ticket in (
        candidates.select_related("entity").only("pk", "solved_at", "entity", "status").iterator()
    ):
        if ticket.entity_id not in delays:
            delays[ticket.entity_id] = ticket.entity.effective_autoclose_days()
        days = delays[ticket.entity_id]
        if days is None or ticket.solved_at > now - timedelta(days=days):  # type: ignore[operator]
            continue
        with _changing(ticket, None) as change:
            if change.ticket.status != Status.SOLVED:
                continue
            solution = _decide_waiting_solution(change, SolutionStatus.ACCEPTED)
            change.record(events.solution_approved(solution.pk if solution else None))
            _set_status(change, Status.CLOSED)
            closed += 1
    return closed


def record_level_reached(
    ticket: Ticket,
    *,
    level_kind: str,
    level_id: int,
    name: str,
    notify_supervisor: bool = False,
    observer_group: SupportGroup | None = None,
    assigned_group: SupportGroup | None = None,
    priority: int | None = None,
) -> Ticket:
    """An escalation level fires (system action): its actions, one event, the mails."""
    with _changing(ticket, None) as change:
        t = change.ticket
        if t.is_closed:
            return ticket
        change.record(
            events.level_reached(
                level_kind=level_kind,
                level=level_id,
                name=name,
                notify_supervisor=notify_supervisor,
            )
        )
        if observer_group is not None and parties.group_may_be(observer_group, Role.OBSERVER):
            _add_actor(change, Role.OBSERVER, group=observer_group)
        if assigned_group is not None and parties.group_may_be(assigned_group, Role.ASSIGNED):
            _add_actor(change, Role.ASSIGNED, group=assigned_group)
        if priority is not None and priority > t.priority:
            change.record(events.field_changed("priority", t.priority, priority))
            t.priority = priority
    return ticket
