"""The timeline of a ticket as ``who`` may read it: one module, rendered by the page and
by /api/v1.

Followups, tasks, solutions and documents (with the documents of each followup and task),
then, for the page, status changes and the entries of « Fil du ticket »
(``escalade.tickets.thread``), oldest first. Privacy is applied here, through the access
module, and nowhere else. A fixed number of queries whatever the number of items.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from escalade.accounts.who import Who
from escalade.tickets import access, thread
from escalade.tickets.models import Attachment, Ticket

# What was written (the API's timeline); the page adds what happened.
WRITTEN = frozenset({"followup", "task", "solution", "document"})
EVERYTHING = WRITTEN | {"status", "routed", "escalated", "linked"}

# Among items at the same instant: how the ticket was routed or escalated comes first,
# then what was written, then the status it led to.
_ORDER = {"routed": -2, "escalated": -1, "followup": 0, "task": 1, "document": 2}
_ORDER |= {"solution": 3, "status": 4, "linked": 5}


@dataclass
class TimelineItem:
    kind: str  # followup, task, solution, document, status, routed, escalated
    at: datetime
    obj: Any  # the Followup, Task, Solution, Attachment, TicketEvent or thread.Entry
    attachments: list[Attachment] = field(default_factory=list)


@dataclass
class Timeline:
    items: list[TimelineItem]
    attachments: list[Attachment]  # every document ``who`` may see, wherever it hangs


def build(who: Who, ticket: Ticket, *, kinds: Collection[str] = EVERYTHING) -> Timeline:
    """The items of ``kinds`` that ``who`` may see, in reading order."""
    attachments = list(access.visible_attachments(who, ticket).select_related("uploaded_by"))
    by_followup: dict[int, list[Attachment]] = {}
    by_task: dict[int, list[Attachment]] = {}
    items: list[TimelineItem] = []
    for attachment in attachments:
        if attachment.followup_id:
            by_followup.setdefault(attachment.followup_id, []).append(attachment)
        elif attachment.task_id:
            by_task.setdefault(attachment.task_id, []).append(attachment)
        elif "document" in kinds:
            items.append(TimelineItem("document", attachment.created_at, attachment))
    if "followup" in kinds:
        followups = access.visible_followups(who, ticket).select_related("author")
        items += [
            TimelineItem("followup", f.created_at, f, by_followup.get(f.pk, [])) for f in followups
        ]
    if "task" in kinds:
        tasks = access.visible_tasks(who, ticket).select_related("author")
        items += [TimelineItem("task", t.created_at, t, by_task.get(t.pk, [])) for t in tasks]
    if "solution" in kinds:
        solutions = ticket.solutions.select_related("author", "decided_by", "solution_type")
        items += [TimelineItem("solution", s.created_at, s) for s in solutions]
    if "status" in kinds:
        statuses = ticket.events.filter(kind="status_changed").select_related("actor")
        items += [TimelineItem("status", e.created_at, e) for e in statuses]
    if {"routed", "escalated", "linked"} & set(kinds):
        items += [TimelineItem(e.kind, e.at, e) for e in thread.entries(ticket) if e.kind in kinds]
    items.sort(key=lambda i: (i.at, _ORDER[i.kind], i.obj.pk))
    return Timeline(items, attachments)
