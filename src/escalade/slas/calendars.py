"""From the stored calendars to the pure ``clock.WorkCalendar``."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django.conf import settings

from escalade.slas.clock import ClosedPeriod, WorkCalendar
from escalade.slas.models import Calendar


def timezone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def work_calendar(calendar: Calendar | None) -> WorkCalendar:
    """Two queries for a calendar (its segments, its holidays); none for 24/7."""
    tz = timezone()
    if calendar is None:
        return WorkCalendar.always(tz)
    segments: dict[int, list] = {}
    for s in calendar.segments.all():
        segments.setdefault(s.day, []).append((s.begin, s.end))
    closed = tuple(
        ClosedPeriod(h.begin_date, h.end_date, h.is_perpetual, h.name)
        for h in calendar.holidays.all()
    )
    return WorkCalendar(
        tz=tz,
        segments={d: tuple(v) for d, v in segments.items()},
        closed=closed,
        name=calendar.name,
    )
