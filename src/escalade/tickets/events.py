"""Typed constructors for history events (TicketEvent rows).

Data holds raw ids and codes, never translated labels: the history tab, the
notifications and the APIs each render them in their own language.
"""

from __future__ import annotations

from typing import Any

from django.db import models

from escalade.tickets.models import TicketActor, TicketEvent


class EventKind(models.TextChoices):
    CREATED = "created"
    FIELD_CHANGED = "field_changed"
    STATUS_CHANGED = "status_changed"
    ACTOR_ADDED = "actor_added"
    ACTOR_REMOVED = "actor_removed"
    FOLLOWUP_ADDED = "followup_added"
    FOLLOWUP_UPDATED = "followup_updated"
    TASK_ADDED = "task_added"
    TASK_UPDATED = "task_updated"
    SOLUTION_ADDED = "solution_added"
    SOLUTION_APPROVED = "solution_approved"
    SOLUTION_REFUSED = "solution_refused"
    ATTACHMENT_ADDED = "attachment_added"
    ESCALATED = "escalated"
    RULE_APPLIED = "rule_applied"
    DELETED = "deleted"
    RESTORED = "restored"
    SURVEY_OPENED = "survey_opened"
    SURVEY_ANSWERED = "survey_answered"
    LEVEL_REACHED = "level_reached"
    VALIDATION_REQUESTED = "validation_requested"
    VALIDATION_ANSWERED = "validation_answered"
    LINK_ADDED = "link_added"
    LINK_REMOVED = "link_removed"
    SOLVED_WITH = "solved_with"
    MERGED_INTO = "merged_into"
    MERGED_FROM = "merged_from"
    KNOWN_INCIDENT = "known_incident"
    CONCERNED = "concerned"


def _event(kind: EventKind, **data: Any) -> TicketEvent:
    return TicketEvent(kind=kind.value, data=data)


def created(
    *,
    status: int,
    type: int,
    category: int | None,
    urgency: int,
    impact: int,
    priority: int,
    entity: int,
    source: str,
) -> TicketEvent:
    return _event(
        EventKind.CREATED,
        status=status,
        type=type,
        category=category,
        urgency=urgency,
        impact=impact,
        priority=priority,
        entity=entity,
        source=source,
    )


def field_changed(field: str, old: Any, new: Any) -> TicketEvent:
    return _event(EventKind.FIELD_CHANGED, field=field, old=old, new=new)


def status_changed(old: int, new: int) -> TicketEvent:
    return _event(EventKind.STATUS_CHANGED, old=old, new=new)


def _party(actor: TicketActor) -> dict[str, Any]:
    if actor.user_id:
        return {"role": actor.role, "user": actor.user_id}
    return {"role": actor.role, "group": actor.group_id}


def actor_added(actor: TicketActor) -> TicketEvent:
    return _event(EventKind.ACTOR_ADDED, **_party(actor))


def actor_removed(actor: TicketActor) -> TicketEvent:
    return _event(EventKind.ACTOR_REMOVED, **_party(actor))


def followup_added(followup_id: int, *, is_private: bool, broadcast: bool = False) -> TicketEvent:
    if broadcast:  # « diffusé »: reaches every requester (escalade.links)
        return _event(
            EventKind.FOLLOWUP_ADDED, followup=followup_id, is_private=False, broadcast=True
        )
    return _event(EventKind.FOLLOWUP_ADDED, followup=followup_id, is_private=is_private)


def followup_updated(followup_id: int, *, is_private: bool) -> TicketEvent:
    return _event(EventKind.FOLLOWUP_UPDATED, followup=followup_id, is_private=is_private)


def task_updated(task_id: int, *, is_private: bool) -> TicketEvent:
    return _event(EventKind.TASK_UPDATED, task=task_id, is_private=is_private)


def task_added(task_id: int, *, is_private: bool) -> TicketEvent:
    return _event(EventKind.TASK_ADDED, task=task_id, is_private=is_private)


def solution_added(solution_id: int) -> TicketEvent:
    return _event(EventKind.SOLUTION_ADDED, solution=solution_id)


def solution_approved(solution_id: int | None) -> TicketEvent:
    return _event(EventKind.SOLUTION_APPROVED, solution=solution_id)


def solution_refused(solution_id: int | None, followup_id: int | None) -> TicketEvent:
    return _event(EventKind.SOLUTION_REFUSED, solution=solution_id, followup=followup_id)


def attachment_added(
    attachment_id: int, *, followup: int | None, task: int | None, is_private: bool
) -> TicketEvent:
    return _event(
        EventKind.ATTACHMENT_ADDED,
        attachment=attachment_id,
        followup=followup,
        task=task,
        is_private=is_private,
    )


def escalated(*, to_group: int, from_groups: list[int], removed_users: list[int]) -> TicketEvent:
    return _event(
        EventKind.ESCALATED, to_group=to_group, from_groups=from_groups, removed_users=removed_users
    )


def rule_applied(rule_id: int, name: str) -> TicketEvent:
    return _event(EventKind.RULE_APPLIED, rule=rule_id, name=name)


def deleted() -> TicketEvent:
    return _event(EventKind.DELETED)


def restored() -> TicketEvent:
    return _event(EventKind.RESTORED)


def survey_opened(survey_id: int, *, kind: int) -> TicketEvent:
    return _event(EventKind.SURVEY_OPENED, survey=survey_id, survey_kind=kind)


def survey_answered(survey_id: int, *, score: int, max_score: int) -> TicketEvent:
    return _event(EventKind.SURVEY_ANSWERED, survey=survey_id, score=score, max_score=max_score)


def level_reached(
    *, level_kind: str, level: int, name: str, notify_supervisor: bool
) -> TicketEvent:
    """An escalation level (SLA or OLA) fired on the ticket."""
    return _event(
        EventKind.LEVEL_REACHED,
        level_kind=level_kind,
        level=level,
        name=name,
        notify_supervisor=notify_supervisor,
    )


def validation_requested(
    *, validations: list[int], users: list[int], threshold: int
) -> TicketEvent:
    return _event(
        EventKind.VALIDATION_REQUESTED, validations=validations, users=users, threshold=threshold
    )


def validation_answered(*, validation: int, status: int, global_status: int) -> TicketEvent:
    return _event(
        EventKind.VALIDATION_ANSWERED,
        validation=validation,
        status=status,
        global_status=global_status,
    )


# --- Tickets liés (escalade.links) ---------------------------------------------------------


def link_added(*, other: int, link: int) -> TicketEvent:
    """``link`` as read from this ticket (GLPI's codes: 1 lié, 2 doublon, 3 enfant, 4 parent)."""
    return _event(EventKind.LINK_ADDED, other=other, link=link)


def link_removed(*, other: int, link: int) -> TicketEvent:
    return _event(EventKind.LINK_REMOVED, other=other, link=link)


def solved_with(*, other: int, link: int, solution: int) -> TicketEvent:
    """Solved because ``other`` was: this ticket is its duplicate (2) or child (3)."""
    return _event(EventKind.SOLVED_WITH, other=other, link=link, solution=solution)


def merged_into(*, other: int) -> TicketEvent:
    return _event(EventKind.MERGED_INTO, other=other)


def merged_from(
    *, other: int, followups: int, tasks: int, attachments: int, actors: int
) -> TicketEvent:
    return _event(
        EventKind.MERGED_FROM,
        other=other,
        followups=followups,
        tasks=tasks,
        attachments=attachments,
        actors=actors,
    )


def known_incident(*, active: bool, category: int | None) -> TicketEvent:
    return _event(EventKind.KNOWN_INCIDENT, active=active, category=category)


def concerned(*, user: int) -> TicketEvent:
    """« Je suis aussi concerné »: ``user`` joined the known incident as a requester."""
    return _event(EventKind.CONCERNED, user=user)
