"""The ticket state machine: statuses, GLPI's codes, and the allowed transitions.

``allowed_next`` and ``may_move`` say what the table allows; who may make it is decided by
``access.can_change_status`` / ``access.allowed_statuses``, which the pages, both APIs
and the workflow ask.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.IntegerChoices):
    NEW = 1, _("Nouveau")
    ASSIGNED = 2, _("En cours (attribué)")
    PLANNED = 3, _("En cours (planifié)")
    WAITING = 4, _("En attente")
    SOLVED = 5, _("Résolu")
    CLOSED = 6, _("Clos")


OPEN = (Status.NEW, Status.ASSIGNED, Status.PLANNED, Status.WAITING)

# from -> the statuses a ticket may move to. Closed is final.
TRANSITIONS: dict[int, frozenset[int]] = {
    Status.NEW: frozenset(
        {Status.ASSIGNED, Status.PLANNED, Status.WAITING, Status.SOLVED, Status.CLOSED}
    ),
    Status.ASSIGNED: frozenset(
        {Status.NEW, Status.PLANNED, Status.WAITING, Status.SOLVED, Status.CLOSED}
    ),
    Status.PLANNED: frozenset(
        {Status.NEW, Status.ASSIGNED, Status.WAITING, Status.SOLVED, Status.CLOSED}
    ),
    Status.WAITING: frozenset(
        {Status.NEW, Status.ASSIGNED, Status.PLANNED, Status.SOLVED, Status.CLOSED}
    ),
    Status.SOLVED: frozenset({Status.NEW, Status.ASSIGNED, Status.PLANNED, Status.CLOSED}),
    Status.CLOSED: frozenset(),
}


def allowed_next(current: int) -> frozenset[int]:
    return TRANSITIONS[current]


def may_move(current: int, target: int) -> bool:
    return target in TRANSITIONS[current]


class StatusGroup(models.TextChoices):
    """The status meta-values of list filters (GLPI's notold / notclosed / old / all)."""

    NOT_SOLVED = "notold", _("Non résolu")
    NOT_CLOSED = "notclosed", _("Non clos")
    PROCESSING = "process", _("En cours")
    SOLVED_OR_CLOSED = "old", _("Résolu ou clos")
    ALL = "all", _("Tous")


STATUS_GROUPS: dict[str, tuple[int, ...]] = {
    StatusGroup.NOT_SOLVED: OPEN,
    StatusGroup.NOT_CLOSED: (*OPEN, Status.SOLVED),
    StatusGroup.PROCESSING: (Status.ASSIGNED, Status.PLANNED),
    StatusGroup.SOLVED_OR_CLOSED: (Status.SOLVED, Status.CLOSED),
    StatusGroup.ALL: tuple(Status.values),
}
