"""The only writers of ticket links, merges and known incidents.

Each runs inside the ticket workflow's change context (``tickets.workflow._changing``):
one transaction, the tickets locked (in id order when there are two), events recorded on
each ticket, mails written to the outbox with the change.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from escalade.accounts.models import Entity
from escalade.accounts.rights import Right
from escalade.accounts.who import Who
from escalade.links import access as links_access
from escalade.links.models import KnownIncident, LinkKind, TicketLink
from escalade.tickets import access, events
from escalade.tickets.errors import Conflict, InvalidInput, TicketNotFound
from escalade.tickets.models import (
    Attachment,
    Category,
    Followup,
    Role,
    Solution,
    SolutionStatus,
    Task,
    Ticket,
    TicketActor,
)
from escalade.tickets.status import OPEN, Status
from escalade.tickets.workflow import (
    Change,
    _add_actor,
    _changing,
    _not_closed,
    _require,
    _set_status,
)

MESSAGE_MAX = 500


def _kind(value: object) -> int:
    try:
        kind = int(str(value))
    except (TypeError, ValueError):
        kind = 0
    if kind not in LinkKind.values:
        raise InvalidInput(
            _("Type de lien inconnu : 1 lié à, 2 doublon de, 3 enfant de, 4 parent de."),
            field="link",
        )
    return kind


@contextmanager
def _lock_in_order(*tickets: Ticket) -> Iterator[None]:
    """One transaction with both tickets locked in id order (no deadlock between two
    people linking the same pair from either side)."""
    with transaction.atomic():
        ids = sorted({t.pk for t in tickets})
        list(Ticket.objects.select_for_update(of=("self",)).filter(pk__in=ids).order_by("pk"))
        yield


def _between(a: int, b: int) -> TicketLink | None:
    return TicketLink.objects.filter(
        Q(ticket_1_id=a, ticket_2_id=b) | Q(ticket_1_id=b, ticket_2_id=a)
    ).first()


def _side(link: TicketLink, ticket_id: int) -> dict[str, int | bool]:
    """The event data of ``link`` read from ``ticket_id``'s side."""
    data: dict[str, int | bool] = {
        "other": link.other(ticket_id),
        "link": link.kind_from(ticket_id),
    }
    if link.link == LinkKind.DUPLICATE_WITH and link.ticket_2_id == ticket_id:
        data["inverted"] = True  # « a pour doublon »
    return data


def _record_link(change: Change, event_maker: object, link: TicketLink) -> None:
    data = _side(link, change.ticket.pk)
    event = event_maker(other=data["other"], link=data["link"])  # type: ignore[operator]
    if data.get("inverted"):
        event.data["inverted"] = True
    change.record(event)


def _store(a: Change, b: Change, kind: int) -> TicketLink:
    """Write the link from ``a``'s ticket to ``b``'s as GLPI stores it."""
    one, two = a.ticket, b.ticket
    if kind == LinkKind.PARENT_OF:
        one, two, kind = two, one, LinkKind.SON_OF
    existing = _between(one.pk, two.pk)
    if existing is not None:
        if kind == LinkKind.DUPLICATE_WITH and existing.link == LinkKind.LINK_TO:
            existing.delete()  # GLPI: a duplicate replaces the simple link
            _record_link(a, events.link_removed, existing)
            _record_link(b, events.link_removed, existing)
        else:
            raise Conflict(
                _("Les tickets n° %(a)s et n° %(b)s sont déjà liés.") % {"a": one.pk, "b": two.pk}
            )
    if kind == LinkKind.SON_OF and _is_ancestor(one.pk, of=two.pk):
        raise InvalidInput(
            _("Le ticket n° %(a)s est déjà un parent du ticket n° %(b)s.")
            % {"a": one.pk, "b": two.pk},
            field="link",
        )
    link = TicketLink.objects.create(
        ticket_1=one, ticket_2=two, link=kind, created_by=a.user, created_at=a.now
    )
    _record_link(a, events.link_added, link)
    _record_link(b, events.link_added, link)
    return link


def _is_ancestor(ticket_id: int, *, of: int) -> bool:
    """Whether ``ticket_id`` is a parent, grand-parent… of ``of`` (no cycle of parents)."""
    seen: set[int] = set()
    frontier = {of}
    while frontier:
        parents = set(
            TicketLink.objects.filter(ticket_1_id__in=frontier, link=LinkKind.SON_OF).values_list(
                "ticket_2_id", flat=True
            )
        )
        if ticket_id in parents:
            return True
        seen |= frontier
        frontier = parents - seen
    return False


# --- Links --------------------------------------------------------------------------------


def add_link(ticket: Ticket, *, by: Who | None, other: Ticket, link: int | str) -> TicketLink:
    """Link ``ticket`` to ``other``: lié à (1), doublon de (2), enfant de (3), parent de (4).

    Both tickets must be visible to ``by`` (an unseen one is not found) and ``ticket``
    modifiable by them. One event on each ticket.
    """
    kind = _kind(link)
    if other.pk == ticket.pk:
        raise InvalidInput(_("Un ticket ne peut pas être lié à lui-même."), field="tickets_id")
    with _lock_in_order(ticket, other), _changing(ticket, by) as a, _changing(other, by) as b:
        _not_closed(a.ticket)
        _require(links_access.can_link(by, a.ticket), _("Vous ne pouvez pas lier ce ticket."))
        return _store(a, b, kind)


def remove_link(ticket: Ticket, *, by: Who | None, link: TicketLink) -> None:
    """Remove a link of ``ticket`` (seen from it: both tickets visible, it modifiable)."""
    other = Ticket.objects.get(pk=link.other(ticket.pk))
    with _lock_in_order(ticket, other), _changing(ticket, by) as a, _changing(other, by) as b:
        current = (
            TicketLink.objects.filter(pk=link.pk)
            .filter(Q(ticket_1=a.ticket) | Q(ticket_2=a.ticket))
            .first()
        )
        if current is None:
            return
        _require(links_access.can_link(by, a.ticket), _("Vous ne pouvez pas délier ce ticket."))
        current.delete()
        _record_link(a, events.link_removed, current)
        _record_link(b, events.link_removed, current)


# --- Solving a ticket solves its duplicates and children --------------------------------


def open_children(ticket: Ticket) -> list[Ticket]:
    """The children of ``ticket`` neither solved nor closed (GLPI's countOpenChildren)."""
    ids = TicketLink.objects.filter(ticket_2=ticket, link=LinkKind.SON_OF).values("ticket_1")
    return list(Ticket.objects.filter(pk__in=ids, status__in=OPEN).order_by("pk"))


def _followers(ticket_id: int) -> list[tuple[int, int]]:
    """(ticket id, link) of the tickets solved with ``ticket_id``: its duplicates (either
    side) and its children."""
    rows = TicketLink.objects.filter(
        Q(ticket_1_id=ticket_id, link=LinkKind.DUPLICATE_WITH)
        | Q(ticket_2_id=ticket_id, link__in=[LinkKind.DUPLICATE_WITH, LinkKind.SON_OF])
    ).values_list("ticket_1_id", "ticket_2_id", "link")
    return [(b if a == ticket_id else a, kind) for a, b, kind in rows]


def solve_linked(change: Change, html: str) -> None:
    """Called by ``tickets.workflow._solve`` in the solving change: every open duplicate and
    child (and theirs, transitively) gets the same solution in the same transaction, with
    its own events and mails (each requester is told: GLPI mails only the first duplicate).
    """
    solved = {change.ticket.pk}
    frontier = [(change.ticket.pk, other, kind) for other, kind in _followers(change.ticket.pk)]
    while frontier:
        source, target, kind = frontier.pop(0)
        if target in solved:
            continue
        solved.add(target)
        ticket = Ticket.objects.filter(pk=target, status__in=OPEN, is_deleted=False).first()
        if ticket is None:
            continue
        with _changing(ticket, None) as linked:
            linked.by = change.by  # the solver is named; the rights were checked on the source
            _solve_with(linked, html, source, kind)
        frontier += [(target, other, k) for other, k in _followers(target)]


def _solve_with(change: Change, html: str, source: int, kind: int) -> None:
    t = change.ticket
    if t.status not in OPEN:
        return
    solution = Solution.objects.create(
        ticket=t,
        author=change.user,
        content=html,
        status=SolutionStatus.WAITING,
        created_at=change.now,
    )
    change.record(events.solution_added(solution.pk))
    change.record(events.solved_with(other=source, link=kind, solution=solution.pk))
    _set_status(change, Status.SOLVED)
    if t.entity.effective_autoclose_days() == 0:
        solution.status = SolutionStatus.ACCEPTED
        solution.decided_at = change.now
        solution.save(update_fields=["status", "decided_at"])
        change.record(events.solution_approved(solution.pk))
        _set_status(change, Status.CLOSED)


# --- Merging ---------------------------------------------------------------------------------


def merge(source: Ticket, *, by: Who | None, target: Ticket) -> Ticket:
    """« Fusionner »: the source's followups, tasks, documents, requesters and observers
    go to ``target``; the source is closed as its duplicate. One transaction."""
    if source.pk == target.pk:
        raise InvalidInput(_("Un ticket ne peut pas être fusionné avec lui-même."), field="target")
    with _lock_in_order(source, target), _changing(source, by) as s, _changing(target, by) as t:
        _not_closed(s.ticket)
        _not_closed(t.ticket)
        _require(
            links_access.can_merge(by, s.ticket, t.ticket),
            _("Vous ne pouvez pas fusionner ces tickets."),
        )
        moved = {
            "followups": Followup.objects.filter(ticket=s.ticket).update(ticket=t.ticket),
            "tasks": Task.objects.filter(ticket=s.ticket).update(ticket=t.ticket),
            "attachments": Attachment.objects.filter(ticket=s.ticket).update(ticket=t.ticket),
        }
        added = 0
        for actor in TicketActor.objects.filter(
            ticket=s.ticket, role__in=[Role.REQUESTER, Role.OBSERVER]
        ).select_related("user", "group"):
            if _add_actor(t, actor.role, user=actor.user, group=actor.group) is not None:
                added += 1
        t.record(events.merged_from(other=s.ticket.pk, actors=added, **moved))
        s.record(events.merged_into(other=t.ticket.pk))
        existing = _between(s.ticket.pk, t.ticket.pk)
        if existing is not None:  # the merge's link replaces any other
            existing.delete()
            _record_link(s, events.link_removed, existing)
            _record_link(t, events.link_removed, existing)
        _store(s, t, LinkKind.DUPLICATE_WITH)
        _set_status(s, Status.CLOSED)
    return target


# --- Known incidents -----------------------------------------------------------------------


def mark_known_incident(
    ticket: Ticket,
    *,
    by: Who | None,
    category: Category | None = None,
    entities: Sequence[Entity] = (),
    is_recursive: bool = True,
    message: str = "",
) -> KnownIncident:
    """« Incident en cours »: shown on the create form of ``entities`` (default: the
    ticket's) for ``category`` (default: the ticket's)."""
    message = " ".join((message or "").split())
    if len(message) > MESSAGE_MAX:
        raise InvalidInput(_("Message trop long."), field="message")
    with _changing(ticket, by) as change:
        t = change.ticket
        _require(
            links_access.can_mark_known(by, t),
            _("Vous ne pouvez pas déclarer ce ticket incident en cours."),
        )
        category = category or t.category
        if category is None:
            raise InvalidInput(_("Choisissez une catégorie."), field="category")
        if not access.category_allowed_in(category, t.entity):
            raise InvalidInput(
                _("Cette catégorie n'existe pas dans cette entité."), field="category"
            )
        chosen = list(entities) or [t.entity]
        if by is not None and any(e.pk not in by.entity_ids for e in chosen):
            raise InvalidInput(_("Entité hors de vos entités actives."), field="entities")
        row, _created = KnownIncident.objects.update_or_create(
            ticket=t,
            defaults={
                "category": category,
                "is_recursive": is_recursive,
                "message": message,
                "created_by": change.user,
                "created_at": change.now,
            },
        )
        row.entities.set(chosen)
        change.record(events.known_incident(active=True, category=category.pk))
    return row


def unmark_known_incident(ticket: Ticket, *, by: Who | None) -> None:
    with _changing(ticket, by) as change:
        t = change.ticket
        _require(
            by is None or by.has(Right.TICKET_ASSIGN),
            _("Vous ne pouvez pas modifier cet incident en cours."),
        )
        deleted, _rows = KnownIncident.objects.filter(ticket=t).delete()
        if deleted:
            change.record(events.known_incident(active=False, category=None))


def join_known_incident(incident: KnownIncident, *, by: Who) -> Ticket:
    """« Je suis aussi concerné »: ``by`` becomes a requester of the incident's ticket
    instead of opening a new one (the incident must concern their entities)."""
    links_access.get_known_incident_for(by, incident.pk)  # not found when out of reach
    with _changing(incident.ticket, None) as change:
        change.by = by  # not yet an actor, so not yet able to see it: now they will
        t = change.ticket
        if t.status not in OPEN:
            raise TicketNotFound()
        added = _add_actor(change, Role.REQUESTER, user=by.user)
        if added is not None:
            change.record(events.concerned(user=by.user.pk))
    return incident.ticket
