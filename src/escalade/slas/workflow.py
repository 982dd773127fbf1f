"""Due dates and escalation levels of tickets.

``apply_due_dates`` is called by ``escalade.tickets.workflow`` inside its
transaction, on the locked ticket, with the change's events (not yet saved):
it picks the service levels (on creation and when the category changes) and
recomputes the due dates from the ticket's event log (the pauses « En attente »,
the moment a person took the ticket, the solution). Nothing is accumulated: the
same log always gives the same dates, and the ticket page shows the arithmetic.

``fire_due_levels`` runs in the worker: each escalation level due on a ticket
fires exactly once, whatever the number of workers (a conditional update on its
``LevelRun`` row in the same transaction as the actions).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from escalade.slas import clock
from escalade.slas.calendars import work_calendar
from escalade.slas.models import (
    EscalationLevel,
    LevelRun,
    LevelType,
    Ola,
    OlaLevel,
    ServiceTarget,
    Sla,
    SlaLevel,
    Slm,
)
from escalade.tickets.events import EventKind
from escalade.tickets.models import Category, Role, Ticket, TicketEvent
from escalade.tickets.status import OPEN, Status

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Slot:
    """One of the ticket's four targets: its level field and its due-date field."""

    level_field: str
    due_field: str
    type: int
    internal: bool


SLOTS = (
    Slot("sla_tto", "time_to_own", LevelType.TTO, False),
    Slot("sla_ttr", "time_to_resolve", LevelType.TTR, False),
    Slot("ola_tto", "internal_time_to_own", LevelType.TTO, True),
    Slot("ola_ttr", "internal_time_to_resolve", LevelType.TTR, True),
)
# The events that can move a due date.
RELEVANT = {EventKind.CREATED, EventKind.STATUS_CHANGED, EventKind.ACTOR_ADDED}
# A business rule with the action "set_slm" that ran in the change picks the set.
REASSIGNING_FIELDS = {"category"}


# --- Which service levels -------------------------------------------------------------


def _ids_in(path: str) -> list[int]:
    return [int(p) for p in path.strip("/").split("/") if p]


def slm_for(ticket: Ticket, rule_ids: Sequence[int] = ()) -> Slm | None:
    """The set chosen by the last business rule that ran with "set_slm", else the
    category's (the deepest one up its tree), else the entity's."""
    if rule_ids:
        from escalade.tickets.models import RuleAction, RuleActionKind

        chosen = {
            rule: value
            for rule, value in RuleAction.objects.filter(
                rule_id__in=rule_ids, kind=RuleActionKind.SET_SLM
            ).values_list("rule_id", "value")
        }
        for rule_id in reversed(rule_ids):
            if rule_id in chosen and chosen[rule_id].isdigit():
                slm = Slm.objects.filter(pk=int(chosen[rule_id])).first()
                if slm is not None:
                    return slm
    if ticket.category_id:
        category = ticket.category or Category.objects.get(pk=ticket.category_id)
        ids = _ids_in(category.path) or [category.pk]
        found = list(Slm.objects.filter(categories__in=ids).values_list("pk", "categories"))
        if found:
            depth = {pk: i for i, pk in enumerate(ids)}
            return Slm.objects.get(pk=max(found, key=lambda f: (depth[f[1]], -f[0]))[0])
    entity = ticket.entity
    ids = _ids_in(entity.path) or [entity.pk]
    found = [
        (slm_pk, entity_pk)
        for slm_pk, entity_pk, recursive in Slm.objects.filter(entities__in=ids).values_list(
            "pk", "entities", "is_recursive"
        )
        if recursive or entity_pk == entity.pk
    ]
    if not found:
        return None
    depth = {pk: i for i, pk in enumerate(ids)}
    return Slm.objects.get(pk=max(found, key=lambda f: (depth[f[1]], -f[0]))[0])


def _assign_levels(ticket: Ticket, rule_ids: Sequence[int]) -> None:
    slm = slm_for(ticket, rule_ids)
    for slot in SLOTS:
        model: Any = Ola if slot.internal else Sla
        level = (
            model.objects.filter(slm=slm, type=slot.type).order_by("pk").first() if slm else None
        )
        setattr(ticket, slot.level_field, level)


# --- The event log ----------------------------------------------------------------------


@dataclass
class Log:
    """What the due dates depend on, read from the ticket's events."""

    statuses: list[tuple[datetime, int]] = field(default_factory=list)
    owned_at: datetime | None = None
    solved_at: datetime | None = None

    def pauses(self) -> list[clock.Pause]:
        return clock.pauses_from_statuses(self.statuses, waiting=Status.WAITING)


def read_log(ticket: Ticket, pending: Sequence[TicketEvent] = ()) -> Log:
    """One query over the ticket's events (index ticket, created_at), plus the pending ones."""
    rows: list[tuple[datetime, str, dict[str, Any]]] = []
    if ticket.pk:
        rows = list(
            TicketEvent.objects.filter(ticket_id=ticket.pk, kind__in=RELEVANT)
            .order_by("created_at", "pk")
            .values_list("created_at", "kind", "data")
        )
    rows += [(e.created_at, e.kind, e.data or {}) for e in pending if e.kind in RELEVANT]
    return log_from_rows(rows)


def read_logs(ticket_ids: Sequence[int]) -> dict[int, Log]:
    """The logs of many tickets in one query (the statistics' worker)."""
    rows: dict[int, list[tuple[datetime, str, dict[str, Any]]]] = {pk: [] for pk in ticket_ids}
    events = (
        TicketEvent.objects.filter(ticket_id__in=ticket_ids, kind__in=RELEVANT)
        .order_by("ticket_id", "created_at", "pk")
        .values_list("ticket_id", "created_at", "kind", "data")
    )
    for ticket_id, at, kind, data in events:
        rows[ticket_id].append((at, kind, data or {}))
    return {pk: log_from_rows(found) for pk, found in rows.items()}


def log_from_rows(rows: Sequence[tuple[datetime, str, dict[str, Any]]]) -> Log:
    """A ticket's log from its relevant events (instant, kind, data), in order."""
    log = Log()
    for at, kind, data in rows:
        if kind == EventKind.CREATED:
            log.statuses.append((at, int(data.get("status") or Status.NEW)))
        elif kind == EventKind.STATUS_CHANGED:
            new = int(data.get("new") or 0)
            log.statuses.append((at, new))
            if new in (Status.SOLVED, Status.CLOSED):
                log.solved_at = log.solved_at or at
                log.owned_at = log.owned_at or at
            else:
                log.solved_at = None  # reopened: the resolution clock runs again
        elif (
            kind == EventKind.ACTOR_ADDED and data.get("role") == Role.ASSIGNED and data.get("user")
        ):
            log.owned_at = log.owned_at or at
    return log


# --- Computing --------------------------------------------------------------------------


@dataclass
class Computed:
    slot: Slot
    level: ServiceTarget
    cal: clock.WorkCalendar
    target: clock.Target
    met_at: datetime | None
    pauses: list[clock.Pause]


def _calendar_of(level: ServiceTarget, cache: dict[int, clock.WorkCalendar]) -> clock.WorkCalendar:
    calendar = level.calendar if level.calendar_id else level.slm.calendar  # type: ignore[attr-defined]
    key = calendar.pk if calendar else 0
    if key not in cache:
        cache[key] = work_calendar(calendar)
    return cache[key]


@dataclass(frozen=True)
class Worked:
    """A ticket's time to own and to solve in working time (its SLA's calendar, the
    pauses « En attente » removed), in seconds; None while not reached."""

    own_seconds: int | None
    solve_seconds: int | None


def _stat_calendar(
    levels: Sequence[ServiceTarget | None], cache: dict[int, clock.WorkCalendar]
) -> clock.WorkCalendar:
    for level in levels:
        if level is not None:
            return _calendar_of(level, cache)
    if 0 not in cache:
        cache[0] = work_calendar(None)
    return cache[0]


def worked(ticket: Ticket, log: Log, cache: dict[int, clock.WorkCalendar] | None = None) -> Worked:
    """The same arithmetic as the due dates (``clock.working_seconds`` over the log's
    pauses): to own with the time-to-own SLA's calendar, to solve with the resolution
    one's (the other one, else 24/7, when the ticket has only one or none)."""
    cache = {} if cache is None else cache
    pauses = log.pauses()

    def spent(levels: Sequence[ServiceTarget | None], until: datetime | None) -> int | None:
        if until is None or until < ticket.opened_at:
            return None
        cal = _stat_calendar(levels, cache)
        before = [p for p in pauses if p.start < until]
        return clock.working_seconds(cal, ticket.opened_at, until, before)

    tto, ttr = ticket.sla_tto, ticket.sla_ttr
    return Worked(
        own_seconds=spent((tto, ttr), log.owned_at),
        solve_seconds=spent((ttr, tto), log.solved_at),
    )


def compute(ticket: Ticket, log: Log) -> list[Computed]:
    """The four targets of a ticket (those with a level), from its log."""
    cache: dict[int, clock.WorkCalendar] = {}
    out = []
    for slot in SLOTS:
        level = getattr(ticket, slot.level_field)
        if level is None:
            continue
        cal = _calendar_of(level, cache)
        met_at = log.owned_at if slot.type == LevelType.TTO else log.solved_at
        pauses = [p for p in log.pauses() if met_at is None or p.start < met_at]
        try:
            target = clock.compute_target(
                cal,
                ticket.opened_at,
                seconds=level.seconds,
                days=level.days,
                end_of_working_day=level.end_of_working_day,
                pauses=pauses,
            )
        except clock.NoWorkingTime:
            logger.warning("calendar %s has no working time: no due date", cal.name)
            continue
        out.append(Computed(slot, level, cal, target, met_at, pauses))
    return out


def apply_due_dates(
    ticket: Ticket, pending: Sequence[TicketEvent] = (), *, now: datetime | None = None
) -> None:
    """Set the ticket's levels (on creation, on a new category) and recompute its dates.

    The caller (the ticket workflow) saves the ticket; the escalation rows are
    written here, in the caller's transaction. No query when nothing relevant changed.
    """
    kinds = {e.kind for e in pending}
    rule_ids = [int(e.data["rule"]) for e in pending if e.kind == EventKind.RULE_APPLIED]
    reassign = (
        EventKind.CREATED in kinds
        or bool(rule_ids and _rules_set_slm(rule_ids))
        or any(
            e.kind == EventKind.FIELD_CHANGED and (e.data or {}).get("field") in REASSIGNING_FIELDS
            for e in pending
        )
    )
    if not reassign and not kinds & RELEVANT:
        return
    if reassign:
        _assign_levels(ticket, rule_ids)
    if not any(getattr(ticket, s.level_field + "_id") for s in SLOTS):
        if reassign:
            _clear(ticket, created=EventKind.CREATED in kinds)
        return
    log = read_log(ticket, pending)
    computed = compute(ticket, log)
    for slot in SLOTS:
        setattr(ticket, slot.due_field, None)
    for c in computed:
        setattr(ticket, c.slot.due_field, c.target.due)
    ticket.owned_at = log.owned_at
    ticket.next_due_at = _next_due(ticket, computed)
    _sync_runs(ticket, computed)


def _rules_set_slm(rule_ids: Sequence[int]) -> bool:
    from escalade.tickets.models import RuleAction, RuleActionKind

    return RuleAction.objects.filter(rule_id__in=rule_ids, kind=RuleActionKind.SET_SLM).exists()


def _clear(ticket: Ticket, *, created: bool) -> None:
    for slot in SLOTS:
        setattr(ticket, slot.due_field, None)
    ticket.next_due_at = None
    if ticket.pk and not created:  # a new ticket has no escalation rows yet
        LevelRun.objects.filter(ticket_id=ticket.pk, fired_at__isnull=True).delete()


def _next_due(ticket: Ticket, computed: Sequence[Computed]) -> datetime | None:
    """The nearest due date not met; while paused only the ones already passed."""
    dues = []
    for c in computed:
        if c.met_at is not None:
            continue
        open_pause = next((p for p in c.pauses if p.end is None), None)
        if open_pause is not None and c.target.due >= open_pause.start:
            continue  # the clock is stopped before this due date
        dues.append(c.target.due)
    return min(dues, default=None)


def _fire_at(cal: clock.WorkCalendar, due: datetime, execution_time: int) -> datetime:
    if execution_time >= 0:
        return clock.add_working_time(cal, due, execution_time)
    return clock.subtract_working_time(cal, due, -execution_time)


def _sync_runs(ticket: Ticket, computed: Sequence[Computed]) -> None:
    """Pending escalation rows: one per active level of a target not met yet."""
    wanted: dict[tuple[str, int], datetime] = {}
    for c in computed:
        if c.met_at is not None:
            continue
        field_name = "ola_level" if c.slot.internal else "sla_level"
        for lvl in c.level.levels.filter(is_active=True):  # type: ignore[attr-defined]
            wanted[(field_name, lvl.pk)] = _fire_at(c.cal, c.target.due, lvl.execution_time)
    existing: dict[tuple[str, int], LevelRun] = {}
    for r in LevelRun.objects.filter(ticket_id=ticket.pk):
        if r.sla_level_id:
            existing[("sla_level", r.sla_level_id)] = r
        elif r.ola_level_id:
            existing[("ola_level", r.ola_level_id)] = r
    for key, run in existing.items():
        if run.fired_at is None and key not in wanted:
            run.delete()
    for key, fire_at in wanted.items():
        found = existing.get(key)
        if found is None:
            LevelRun.objects.create(
                ticket_id=ticket.pk, fire_at=fire_at, **{f"{key[0]}_id": key[1]}
            )
        elif found.fired_at is None and found.fire_at != fire_at:
            LevelRun.objects.filter(pk=found.pk, fired_at__isnull=True).update(fire_at=fire_at)


# --- Showing ---------------------------------------------------------------------------------


@dataclass
class Shown:
    """One due date as the ticket page shows it, with its arithmetic."""

    slot: Slot
    level: ServiceTarget
    calendar_name: str
    due: datetime
    due_without_pauses: datetime
    met_at: datetime | None
    late: bool
    paused: bool
    seconds_left: int
    slots: list[tuple[datetime, datetime, int]]
    slots_total: int
    pauses: list[tuple[clock.Pause, int]]
    paused_seconds: int


MAX_SLOTS_SHOWN = 40


def explain(ticket: Ticket, *, now: datetime | None = None) -> list[Shown]:
    """The ticket's due dates recomputed from its log, with the slots and pauses counted."""
    if not any(getattr(ticket, s.level_field + "_id") for s in SLOTS):
        return []
    now = now or timezone.now()
    computed = compute(ticket, read_log(ticket))
    shown = []
    for c in computed:
        at = c.met_at or now
        left = clock.time_left(c.cal, c.target, at, c.pauses if c.met_at is None else ())
        worked = clock.subtract_pauses(
            list(clock.slots(c.cal, c.target.start, c.target.due)), c.pauses, c.target.due
        )
        counted = [(a, b, int((b - a).total_seconds())) for a, b in worked]
        shown.append(
            Shown(
                slot=c.slot,
                level=c.level,
                calendar_name=c.cal.name,
                due=c.target.due,
                due_without_pauses=c.target.due_without_pauses,
                met_at=c.met_at,
                late=(c.met_at or now) > c.target.due and not (c.target.paused and left >= 0),
                paused=c.target.paused and c.met_at is None,
                seconds_left=left,
                slots=counted[:MAX_SLOTS_SHOWN],
                slots_total=len(counted),
                pauses=c.target.pauses,
                paused_seconds=c.target.paused_seconds,
            )
        )
    return shown


def late_q(now: datetime) -> Q:
    """The open tickets with a due date passed and not met (the partial index)."""
    return Q(status__in=OPEN, is_deleted=False, next_due_at__lt=now)


def glpi_ticket_fields(ticket: Ticket, who: Any = None) -> dict[str, Any]:
    """The SLA keys of GLPI's Ticket item with their real values (GLPI's date format);
    the internal (OLA) ones only for who may see them."""
    from escalade.slas.access import can_see_internal

    def date(value: datetime | None) -> str | None:
        return None if value is None else timezone.localtime(value).strftime("%Y-%m-%d %H:%M:%S")

    internal = can_see_internal(who)
    return {
        "slas_id_tto": ticket.sla_tto_id or 0,
        "slas_id_ttr": ticket.sla_ttr_id or 0,
        "time_to_own": date(ticket.time_to_own),
        "time_to_resolve": date(ticket.time_to_resolve),
        "olas_id_tto": (ticket.ola_tto_id or 0) if internal else 0,
        "olas_id_ttr": (ticket.ola_ttr_id or 0) if internal else 0,
        "internal_time_to_own": date(ticket.internal_time_to_own) if internal else None,
        "internal_time_to_resolve": date(ticket.internal_time_to_resolve) if internal else None,
    }


# --- Escalation levels ------------------------------------------------------------------------


def fire_due_levels(*, now: datetime | None = None, limit: int = 500) -> int:
    """Fire the escalation levels due by ``now``; each exactly once across workers."""
    now = now or timezone.now()
    due = list(
        LevelRun.objects.filter(fired_at__isnull=True, fire_at__lte=now)
        .exclude(ticket__status=Status.WAITING)
        .order_by("fire_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    fired = 0
    for pk in due:
        try:
            fired += _fire_one(pk, now)
        except Exception:
            logger.exception("escalation level run %s failed; it stays due", pk)
    return fired


def _fire_one(pk: int, now: datetime) -> int:
    with transaction.atomic():
        # The claim: only one transaction turns fired_at from NULL to a date; a second
        # worker waits on the row lock, then updates nothing.
        if not LevelRun.objects.filter(pk=pk, fired_at__isnull=True).update(fired_at=now):
            return 0
        run = LevelRun.objects.select_related(
            "ticket", "sla_level", "ola_level", "sla_level__sla", "ola_level__ola"
        ).get(pk=pk)
        ticket = run.ticket
        level: EscalationLevel = run.level
        outcome = "fired"
        if ticket.status not in OPEN or not level.is_active:
            outcome = "skipped"
        else:
            _act(ticket, run, level)
        LevelRun.objects.filter(pk=pk).update(outcome=outcome)
    return 1 if outcome == "fired" else 0


def _act(ticket: Ticket, run: LevelRun, level: EscalationLevel) -> None:
    """The level's actions, through the ticket workflow (the only writer), as the system."""
    from escalade.tickets import workflow

    workflow.record_level_reached(
        ticket,
        level_kind="ola" if run.ola_level_id else "sla",
        level_id=level.pk,
        name=level.name,
        notify_supervisor=level.notify_supervisor,
        observer_group=level.add_observer_group,
        assigned_group=level.add_assigned_group,
        priority=level.raise_priority_to,
    )


def levels_of(ticket: Ticket) -> list[tuple[str, EscalationLevel, LevelRun | None]]:
    """The escalation levels of the ticket's targets with their runs (for the page)."""
    runs = {(r.sla_level_id, r.ola_level_id): r for r in LevelRun.objects.filter(ticket=ticket)}
    out: list[tuple[str, EscalationLevel, LevelRun | None]] = []
    for slot in SLOTS:
        target = getattr(ticket, slot.level_field)
        if target is None:
            continue
        model = OlaLevel if slot.internal else SlaLevel
        for lvl in model.objects.filter(**{"ola" if slot.internal else "sla": target}):
            key = (None, lvl.pk) if slot.internal else (lvl.pk, None)
            out.append((slot.level_field, lvl, runs.get(key)))
    return out


ONE_SECOND = timedelta(seconds=1)
