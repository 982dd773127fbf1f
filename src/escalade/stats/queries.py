"""The figures of the statistics page, the CSV export, /api/v1 and the monthly mail.

Every figure is an aggregate the database computes over the tickets of the caller's
entities (``Who.in_reach``), narrowed by entity subtree, assigned group, category subtree
and period: counts by index (``stats`` migration 0001 indexes the opening, solving and
closing dates), series by ``GROUP BY`` on the truncated date, percentiles by PostgreSQL's
``percentile_cont`` (on SQLite, which has none, from the durations themselves). Nothing
scans tickets in Python except the escalation events of the period.

Definitions (also on the page):
- opened / solved / closed: tickets whose opening / solving / closing date is in the period
  (a ticket closed without a solution counts as solved when it is closed);
- backlog at the end of a bucket: tickets opened before it and not yet solved then;
- time to own: taking into account minus opening; time to solve: solving minus opening minus
  the time spent « En attente » (both in calendar time);
- in working time (``TicketTiming``, filled by the worker with escalade.slas's clock): the
  same two durations counted in the working slots of the ticket's SLA calendar (24/7 for a
  ticket without one), the pauses « En attente » removed; to own ends when a person is
  assigned (or the ticket solved), as for the SLA's time to own;
- late: among the tickets opened in the period that have a due date, those that met it
  after it, or have not met it and it has passed (unless the clock stopped before it);
- escalation rate: the share of tickets opened in the period that were escalated;
- satisfaction: answered surveys of the period, scores brought to a scale of 5.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import (
    Aggregate,
    Avg,
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    OuterRef,
    Q,
    QuerySet,
)
from django.db.models.functions import Coalesce, Extract, Trunc
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from escalade.accounts.models import Entity, SupportGroup
from escalade.accounts.rights import Right
from escalade.accounts.who import Who
from escalade.tickets import access
from escalade.tickets.errors import Forbidden, InvalidInput
from escalade.tickets.models import Category, Role, Ticket, TicketActor, TicketEvent
from escalade.tickets.status import OPEN, Status

MAX_DAYS = 731  # two years per report
TOP = 10


@dataclass(frozen=True)
class Filters:
    start: dt.date
    end: dt.date  # included
    entity_id: int | None = None
    recursive: bool = True
    group_id: int | None = None
    category_id: int | None = None

    @classmethod
    def default(cls, today: dt.date | None = None) -> Filters:
        today = today or timezone.localdate()
        return cls(start=today - dt.timedelta(days=29), end=today)

    @property
    def bucket(self) -> str:
        days = (self.end - self.start).days + 1
        return "day" if days <= 62 else "week" if days <= 366 else "month"

    def bounds(self) -> tuple[dt.datetime, dt.datetime]:
        tz = timezone.get_current_timezone()
        start = dt.datetime.combine(self.start, dt.time.min, tzinfo=tz)
        end = dt.datetime.combine(self.end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
        return start, end

    def check(self) -> None:
        if self.end < self.start:
            raise InvalidInput(_("La fin de la période précède son début."), field="end")
        if (self.end - self.start).days + 1 > MAX_DAYS:
            raise InvalidInput(
                _("La période dépasse %(n)d jours.") % {"n": MAX_DAYS}, field="start"
            )


@dataclass
class Bucket:
    start: dt.date
    opened: int = 0
    solved: int = 0
    closed: int = 0
    backlog: int = 0


@dataclass
class Duration:
    count: int
    median_hours: float | None
    p90_hours: float | None


@dataclass
class WorkingDuration:
    """Working time (escalade.slas's calendars, pauses removed), in minutes."""

    count: int
    median_minutes: float | None
    p90_minutes: float | None


@dataclass
class Late:
    """Tickets past a due date, among those opened in the period that have one."""

    with_target: int
    late: int

    @property
    def share(self) -> float | None:
        return self.late / self.with_target if self.with_target else None


@dataclass
class Report:
    filters: Filters
    opened: int
    solved: int
    closed: int
    backlog: int
    series: list[Bucket]
    time_to_own: Duration
    time_to_solve: Duration
    escalated: int
    escalation_rate: float | None
    escalations: list[tuple[str, str, int]]
    surveys_answered: int
    satisfaction: float | None  # average, out of 5
    top_entities: list[tuple[str, int]]
    top_categories: list[tuple[str, int]]
    own_working: WorkingDuration = field(default_factory=lambda: WorkingDuration(0, None, None))
    solve_working: WorkingDuration = field(default_factory=lambda: WorkingDuration(0, None, None))
    late_to_own: Late = field(default_factory=lambda: Late(0, 0))
    late_to_resolve: Late = field(default_factory=lambda: Late(0, 0))
    scope_label: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


FORBIDDEN = _lazy("Votre profil ne donne pas accès aux statistiques.")


def can_see(who: Who | None) -> bool:
    return who is not None and who.has(Right.STATISTICS_READ)


def scope(who: Who, f: Filters) -> QuerySet[Ticket]:
    """The tickets the report counts: the caller's entities, narrowed by the filters;
    an entity, group or category out of reach is refused as unknown."""
    tickets = Ticket.objects.filter(who.in_reach(), is_deleted=False)
    if f.entity_id is not None:
        entity = access.visible_entities(who).filter(pk=f.entity_id).first()
        if entity is None:
            raise InvalidInput(_("Entité inconnue."), field="entity")
        if f.recursive:
            tickets = tickets.filter(entity__path__startswith=entity.path)
        else:
            tickets = tickets.filter(entity=entity)
    if f.group_id is not None:
        if not access.visible_groups(who).filter(pk=f.group_id).exists():
            raise InvalidInput(_("Groupe inconnu."), field="group")
        assigned = TicketActor.objects.filter(
            ticket=OuterRef("pk"), role=Role.ASSIGNED, group_id=f.group_id
        )
        tickets = tickets.filter(Exists(assigned))
    if f.category_id is not None:
        category = access.visible_categories(who).filter(pk=f.category_id).first()
        if category is None:
            raise InvalidInput(_("Catégorie inconnue."), field="category")
        tickets = tickets.filter(category__path__startswith=category.path)
    return tickets


def done_between(start: dt.datetime, end: dt.datetime) -> Q:
    """``COALESCE(solved_at, closed_at)`` in [start, end), written so that the partial
    indexes on ``solved_at`` and ``closed_at`` (migration 0001) serve it (a bitmap OR)
    instead of a scan of every ticket to compute the expression."""
    return Q(solved_at__gte=start, solved_at__lt=end) | Q(
        solved_at__isnull=True, closed_at__gte=start, closed_at__lt=end
    )


def _series(tickets: QuerySet[Ticket], column: str, f: Filters) -> dict[dt.date, int]:
    start, end = f.bounds()
    tz = timezone.get_current_timezone()
    where = (
        done_between(start, end)
        if column == "done_at"
        else Q(**{f"{column}__gte": start, f"{column}__lt": end})
    )
    rows = (
        tickets.filter(where)
        .annotate(bucket=Trunc(column, f.bucket, tzinfo=tz))
        .values("bucket")
        .annotate(n=Count("pk"))
        .order_by()
    )
    out: dict[dt.date, int] = {}
    for row in rows:
        bucket = row["bucket"]
        day = timezone.localtime(bucket, tz).date() if isinstance(bucket, dt.datetime) else bucket
        out[day] = out.get(day, 0) + row["n"]
    return out


def _bucket_starts(f: Filters) -> list[dt.date]:
    starts = []
    day = f.start
    if f.bucket == "week":
        day = f.start - dt.timedelta(days=f.start.weekday())
    elif f.bucket == "month":
        day = f.start.replace(day=1)
    while day <= f.end:
        starts.append(day)
        if f.bucket == "day":
            day += dt.timedelta(days=1)
        elif f.bucket == "week":
            day += dt.timedelta(days=7)
        else:
            day = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return starts


class _Percentile(Aggregate):
    function = "percentile_cont"
    template = "%(function)s(%(fraction)s) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()

    def __init__(self, expression: Any, fraction: float):
        super().__init__(expression, fraction=str(float(fraction)))


def _duration(tickets: QuerySet[Ticket], since: str, until: str, minus_waiting: bool) -> Duration:
    gap = ExpressionWrapper(F(until) - F(since), output_field=DurationField())
    rows = tickets.filter(**{f"{until}__isnull": False, f"{until}__gte": F(since)})
    if connection.vendor == "postgresql":
        seconds: Any = Extract(gap, "epoch")
        if minus_waiting:
            seconds = seconds - F("waiting_seconds")
        found = rows.aggregate(
            n=Count("pk"), median=_Percentile(seconds, 0.5), p90=_Percentile(seconds, 0.9)
        )
        hours = {k: (max(v, 0) / 3600 if v is not None else None) for k, v in found.items()}
        return Duration(found["n"], hours["median"], hours["p90"])
    values = []
    for a, b, waiting in rows.values_list(since, until, "waiting_seconds").iterator():
        seconds = (b - a).total_seconds() - (waiting if minus_waiting else 0)
        values.append(max(seconds, 0) / 3600)
    if not values:
        return Duration(0, None, None)
    values.sort()
    return Duration(len(values), _percentile(values, 0.5), _percentile(values, 0.9))


def _working(tickets: QuerySet[Ticket], column: str) -> WorkingDuration:
    """Median and 90th percentile of ``timing__<column>`` (seconds), in minutes."""
    value = f"timing__{column}"
    rows = tickets.filter(**{f"{value}__isnull": False})
    if connection.vendor == "postgresql":
        found = rows.aggregate(
            n=Count("pk"), median=_Percentile(F(value), 0.5), p90=_Percentile(F(value), 0.9)
        )
        minutes = {k: (v / 60 if v is not None else None) for k, v in found.items()}
        return WorkingDuration(found["n"], minutes["median"], minutes["p90"])
    values = sorted(s / 60 for s in rows.values_list(value, flat=True).iterator())
    if not values:
        return WorkingDuration(0, None, None)
    return WorkingDuration(len(values), _percentile(values, 0.5), _percentile(values, 0.9))


def late_q(due: str, met: str, now: dt.datetime) -> Q:
    """Past its ``due`` date: met after it, or not met, passed, and the clock not stopped
    before it (« En attente » since before the due date: the SLA page says « arrêtée »)."""
    met_late = Q(**{f"{met}__isnull": False, f"{met}__gt": F(due)})
    stopped = Q(status=Status.WAITING, waiting_since__isnull=False, waiting_since__lte=F(due))
    passed = Q(**{f"{met}__isnull": True, f"{due}__lt": now, "status__in": OPEN}) & ~stopped
    return Q(**{f"{due}__isnull": False}) & (met_late | passed)


def _late(tickets: QuerySet[Ticket], now: dt.datetime) -> tuple[Late, Late]:
    """Both counts in one query over the tickets opened in the period."""
    found = tickets.aggregate(
        tto=Count("pk", filter=Q(time_to_own__isnull=False)),
        tto_late=Count("pk", filter=late_q("time_to_own", "owned_at", now)),
        ttr=Count("pk", filter=Q(time_to_resolve__isnull=False)),
        ttr_late=Count("pk", filter=late_q("time_to_resolve", "done_at", now)),
    )
    return Late(found["tto"], found["tto_late"]), Late(found["ttr"], found["ttr_late"])


def _percentile(ordered: list[float], fraction: float) -> float:
    """Linear interpolation between the closest ranks, as PostgreSQL's percentile_cont."""
    position = (len(ordered) - 1) * fraction
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def report(who: Who, f: Filters) -> Report:
    if not can_see(who):
        raise Forbidden(str(FORBIDDEN))
    f.check()
    tickets = scope(who, f).annotate(done_at=Coalesce("solved_at", "closed_at"))
    start, end = f.bounds()
    in_period = {"__gte": start, "__lt": end}

    def within(column: str) -> QuerySet[Ticket]:
        if column == "done_at":
            return tickets.filter(done_between(start, end))
        return tickets.filter(**{f"{column}{k}": v for k, v in in_period.items()})

    opened_qs = within("opened_at")
    opened, solved, closed = (
        opened_qs.count(),
        within("done_at").count(),
        within("closed_at").count(),
    )
    backlog_now = tickets.filter(done_at__isnull=True).count()

    opened_by, solved_by, closed_by = (
        _series(tickets, "opened_at", f),
        _series(tickets, "done_at", f),
        _series(tickets, "closed_at", f),
    )
    base = (
        tickets.filter(opened_at__lt=start)
        .filter(Q(done_at__isnull=True) | Q(done_at__gte=start))
        .count()
    )
    series, backlog = [], base
    for day in _bucket_starts(f):
        bucket = Bucket(day, opened_by.get(day, 0), solved_by.get(day, 0), closed_by.get(day, 0))
        backlog += bucket.opened - bucket.solved
        bucket.backlog = backlog
        series.append(bucket)

    escalated_events = TicketEvent.objects.filter(
        kind="escalated", created_at__gte=start, created_at__lt=end, ticket__in=tickets.values("pk")
    )
    pairs: Counter[tuple[int, int]] = Counter()
    for data in escalated_events.values_list("data", flat=True):
        for source in (data or {}).get("from_groups") or [0]:
            pairs[(int(source or 0), int((data or {}).get("to_group") or 0))] += 1
    names = dict(
        SupportGroup.objects.filter(pk__in={g for pair in pairs for g in pair}).values_list(
            "pk", "name"
        )
    )
    escalations = [
        (names.get(a, "—"), names.get(b, "—"), n) for (a, b), n in pairs.most_common(TOP)
    ]
    ever_escalated = TicketEvent.objects.filter(ticket=OuterRef("pk"), kind="escalated")
    escalated = opened_qs.filter(Exists(ever_escalated)).count()

    answered, average = _satisfaction(tickets, start, end)
    late_to_own, late_to_resolve = _late(opened_qs, timezone.now())
    return Report(
        filters=f,
        opened=opened,
        solved=solved,
        closed=closed,
        backlog=backlog_now,
        series=series,
        time_to_own=_duration(opened_qs, "opened_at", "taken_at", minus_waiting=False),
        time_to_solve=_duration(within("done_at"), "opened_at", "done_at", minus_waiting=True),
        escalated=escalated,
        escalation_rate=(escalated / opened) if opened else None,
        escalations=escalations,
        surveys_answered=answered,
        satisfaction=average,
        top_entities=_top(opened_qs, "entity__full_name"),
        top_categories=_top(opened_qs.filter(category__isnull=False), "category__full_name"),
        own_working=_working(opened_qs, "own_seconds"),
        solve_working=_working(within("done_at"), "solve_seconds"),
        late_to_own=late_to_own,
        late_to_resolve=late_to_resolve,
        scope_label=_scope_label(who, f),
    )


def _satisfaction(tickets: QuerySet[Ticket], start: dt.datetime, end: dt.datetime):
    from escalade.satisfaction.models import Survey

    found = Survey.objects.filter(
        ticket__in=tickets.values("pk"), answered_at__gte=start, answered_at__lt=end
    ).aggregate(
        n=Count("pk"),
        average=Avg(
            ExpressionWrapper(F("score") * 5.0 / F("max_score"), output_field=FloatField())
        ),
    )
    return found["n"], found["average"]


def _top(tickets: QuerySet[Ticket], column: str) -> list[tuple[str, int]]:
    rows = tickets.values(column).annotate(n=Count("pk")).order_by("-n", column)[:TOP]
    return [(row[column], row["n"]) for row in rows]


def _scope_label(who: Who, f: Filters) -> str:
    parts = []
    if f.entity_id:
        entity = Entity.objects.filter(pk=f.entity_id).first()
        parts.append(entity.full_name if entity else "")
    if f.group_id:
        group = SupportGroup.objects.filter(pk=f.group_id).first()
        parts.append(group.name if group else "")
    if f.category_id:
        category = Category.objects.filter(pk=f.category_id).first()
        parts.append(category.full_name if category else "")
    return " · ".join(p for p in parts if p) or _("Toutes mes entités")
