"""The summary table of working times (``TicketTiming``), filled by the worker.

A ticket's time to own and to solve in working time needs its calendar and its log
(the pauses « En attente »): no SQL aggregate can compute it over a million tickets at
each request. The periodic job ``refresh_timings`` computes it once per change, with
``escalade.slas``'s arithmetic (``slas.workflow.worked``, the clock of the due dates),
for the tickets changed since its cursor, in (updated_at, id) order (index
``ticket_updated``), by batches; the statistics then aggregate the rows by index.

Once, whatever the number of workers: each batch runs in a transaction that holds the
cursor's row lock (``select_for_update``); a second worker waits for it, then starts
where the first one stopped. The rows are written with an upsert, so a batch computed
twice (a crash before the commit) gives the same rows. The cursor stays ``LAG`` behind
the clock, so that a change committed a little after its date is not passed over.
``refresh_timings(full=True)`` (command ``escalade stats_timings --all``) recomputes
everything, e.g. after a calendar's holidays changed.
"""

from __future__ import annotations

import contextlib
import time
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from escalade.slas import workflow as slas
from escalade.slas.clock import WorkCalendar
from escalade.stats.models import TicketTiming, TimingCursor
from escalade.tickets.models import Ticket

CURSOR = "timings"
LAG = timedelta(minutes=2)
BATCH = 500


def _cursor() -> TimingCursor:
    with contextlib.suppress(IntegrityError), transaction.atomic():
        TimingCursor.objects.get_or_create(name=CURSOR)
    return TimingCursor.objects.select_for_update().get(name=CURSOR)


def refresh_timings(
    *,
    now: datetime | None = None,
    batch: int = BATCH,
    budget_seconds: float = 50.0,
    full: bool = False,
) -> int:
    """Compute the working times of the tickets changed since the cursor; the count."""
    now = now or timezone.now()
    upto = now - LAG
    if full:
        with transaction.atomic():
            cursor = _cursor()
            cursor.updated_at, cursor.ticket_id = None, 0
            cursor.save(update_fields=["updated_at", "ticket_id"])
    done = 0
    started = time.monotonic()
    cache: dict[int, WorkCalendar] = {}
    while time.monotonic() - started < budget_seconds:
        with transaction.atomic():
            cursor = _cursor()  # the lock: one worker at a time past this line
            changed = Ticket.objects.filter(updated_at__lte=upto)
            if cursor.updated_at is not None:
                changed = changed.filter(
                    Q(updated_at__gt=cursor.updated_at)
                    | Q(updated_at=cursor.updated_at, pk__gt=cursor.ticket_id)
                )
            tickets = list(
                changed.select_related(
                    "sla_tto__slm__calendar",
                    "sla_ttr__slm__calendar",
                    "sla_tto__calendar",
                    "sla_ttr__calendar",
                )
                .defer("content", "title")
                .order_by("updated_at", "pk")[:batch]
            )
            if not tickets:
                break
            logs = slas.read_logs([t.pk for t in tickets])
            rows = []
            for t in tickets:
                spent = slas.worked(t, logs[t.pk], cache)
                rows.append(
                    TicketTiming(
                        ticket_id=t.pk,
                        own_seconds=spent.own_seconds,
                        solve_seconds=spent.solve_seconds,
                        computed_at=now,
                    )
                )
            TicketTiming.objects.bulk_create(
                rows,
                update_conflicts=True,
                unique_fields=["ticket"],
                update_fields=["own_seconds", "solve_seconds", "computed_at"],
            )
            last = tickets[-1]
            cursor.updated_at, cursor.ticket_id = last.updated_at, last.pk
            cursor.save(update_fields=["updated_at", "ticket_id"])
            done += len(tickets)
        if len(tickets) < batch:
            break
    return done
