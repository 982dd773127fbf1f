"""Who sees which service levels, calendars and due dates.

- Due dates of a ticket (SLA): whoever sees the ticket (``tickets.access``).
- Internal due dates (OLA) and the escalation levels of a ticket: the desk, i.e.
  who may see private followups.
- Calendars, holidays, SLM/SLA/OLA and levels (GLPI's API, read only): the desk
  (standard interface) within its entities (recursive items from above);
  requesters (simplified interface) see none, as if they did not exist.
- Writing them: administrators, in Django's admin (staff with the model rights).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from escalade.accounts.who import Who
from escalade.slas.models import (
    Calendar,
    CalendarHoliday,
    CalendarSegment,
    Holiday,
    Ola,
    OlaLevel,
    Sla,
    SlaLevel,
    Slm,
)
from escalade.tickets import access


def can_see_internal(who: Who | None) -> bool:
    return access.sees_private(who, "followup")


def _scope(who: Who | None) -> Q | None:
    """None: everything; otherwise the condition on entity/is_recursive."""
    if who is None:
        return None
    if who.is_simplified:
        return Q(pk__in=[])
    return access.shared_with_reach(who)


def _filtered(queryset: QuerySet, who: Who | None) -> QuerySet:
    scope = _scope(who)
    return queryset if scope is None else queryset.filter(scope)


def visible_calendars(who: Who | None) -> QuerySet[Calendar]:
    return _filtered(Calendar.objects.all(), who)


def visible_holidays(who: Who | None) -> QuerySet[Holiday]:
    return _filtered(Holiday.objects.all(), who)


def visible_slms(who: Who | None) -> QuerySet[Slm]:
    return _filtered(Slm.objects.all(), who)


def visible_segments(who: Who | None) -> QuerySet[CalendarSegment]:
    return CalendarSegment.objects.filter(calendar__in=visible_calendars(who))


def visible_calendar_holidays(who: Who | None) -> QuerySet[CalendarHoliday]:
    return CalendarHoliday.objects.filter(
        calendar__in=visible_calendars(who), holiday__in=visible_holidays(who)
    )


def visible_slas(who: Who | None) -> QuerySet[Sla]:
    return Sla.objects.filter(slm__in=visible_slms(who))


def visible_olas(who: Who | None) -> QuerySet[Ola]:
    return Ola.objects.filter(slm__in=visible_slms(who))


def visible_sla_levels(who: Who | None) -> QuerySet[SlaLevel]:
    return SlaLevel.objects.filter(sla__in=visible_slas(who))


def visible_ola_levels(who: Who | None) -> QuerySet[OlaLevel]:
    return OlaLevel.objects.filter(ola__in=visible_olas(who))
