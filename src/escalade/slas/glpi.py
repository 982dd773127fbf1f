"""GLPI 10's item types for calendars and service levels (read only), with the exact
field names of install/mysql/glpi-empty.sql. Visibility from ``escalade.slas.access``."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from escalade.glpi.items import Ctx, ItemType, date
from escalade.slas import access
from escalade.slas.models import (
    Calendar,
    CalendarHoliday,
    CalendarSegment,
    EscalationLevel,
    Holiday,
    Ola,
    OlaLevel,
    ServiceTarget,
    Sla,
    SlaLevel,
    Slm,
)

NAMED = {"id": "pk", "name": "name", "date_mod": "updated_at", "date_creation": "created_at"}


def _time(value: Any) -> str | None:
    return value.strftime("%H:%M:%S") if value is not None else None


class CalendarItem(ItemType):
    name = "Calendar"
    model = Calendar
    sort_fields = NAMED
    text_fields = {"name": "name", "comment": "comment"}

    def queryset(self, ctx: Ctx) -> QuerySet:
        return access.visible_calendars(ctx.who)

    def fields(self, ctx: Ctx, c: Calendar) -> dict[str, Any]:
        return {
            "id": c.pk,
            "name": c.name,
            "entities_id": c.entity_id,
            "is_recursive": int(c.is_recursive),
            "comment": c.comment,
            "date_mod": date(c.updated_at),
            "cache_duration": None,
            "date_creation": date(c.created_at),
        }


class CalendarSegmentItem(ItemType):
    name = "CalendarSegment"
    model = CalendarSegment
    sort_fields = {"id": "pk", "calendars_id": "calendar_id", "day": "day", "begin": "begin"}

    def queryset(self, ctx: Ctx) -> QuerySet:
        return access.visible_segments(ctx.who)

    def prepare(self, queryset: QuerySet) -> QuerySet:
        return queryset.select_related("calendar")

    def fields(self, ctx: Ctx, s: CalendarSegment) -> dict[str, Any]:
        return {
            "id": s.pk,
            "calendars_id": s.calendar_id,
            "entities_id": s.calendar.entity_id,
            "is_recursive": int(s.calendar.is_recursive),
            "day": s.day,
            "begin": _time(s.begin),
            "end": "24:00:00" if s.end.hour == s.end.minute == 0 else _time(s.end),
        }


class HolidayItem(ItemType):
    name = "Holiday"
    model = Holiday
    sort_fields = {**NAMED, "begin_date": "begin_date", "end_date": "end_date"}
    text_fields = {"name": "name", "comment": "comment"}

    def queryset(self, ctx: Ctx) -> QuerySet:
        return access.visible_holidays(ctx.who)

    def fields(self, ctx: Ctx, h: Holiday) -> dict[str, Any]:
        return {
            "id": h.pk,
            "name": h.name,
            "entities_id": h.entity_id,
            "is_recursive": int(h.is_recursive),
            "comment": h.comment,
            "begin_date": h.begin_date.isoformat(),
            "end_date": h.end_date.isoformat(),
            "is_perpetual": int(h.is_perpetual),
            "date_mod": date(h.updated_at),
            "date_creation": date(h.created_at),
        }


class CalendarHolidayItem(ItemType):
    name = "Calendar_Holiday"
    model = CalendarHoliday
    sort_fields = {"id": "pk", "calendars_id": "calendar_id", "holidays_id": "holiday_id"}

    def queryset(self, ctx: Ctx) -> QuerySet:
        return access.visible_calendar_holidays(ctx.who)

    def fields(self, ctx: Ctx, ch: CalendarHoliday) -> dict[str, Any]:
        return {"id": ch.pk, "calendars_id": ch.calendar_id, "holidays_id": ch.holiday_id}


class SlmItem(ItemType):
    name = "SLM"
    model = Slm
    sort_fields = NAMED
    text_fields = {"name": "name", "comment": "comment"}

    def queryset(self, ctx: Ctx) -> QuerySet:
        return access.visible_slms(ctx.who)

    def fields(self, ctx: Ctx, s: Slm) -> dict[str, Any]:
        return {
            "id": s.pk,
            "name": s.name,
            "entities_id": s.entity_id,
            "is_recursive": int(s.is_recursive),
            "comment": s.comment,
            "use_ticket_calendar": 0,
            "calendars_id": s.calendar_id or 0,
            "date_mod": date(s.updated_at),
            "date_creation": date(s.created_at),
        }


class SlaItem(ItemType):
    name = "SLA"
    model: Any = Sla
    sort_fields = {**NAMED, "type": "type", "slms_id": "slm_id"}
    text_fields = {"name": "name", "comment": "comment"}

    def queryset(self, ctx: Ctx) -> QuerySet:
        return access.visible_slas(ctx.who)

    def prepare(self, queryset: QuerySet) -> QuerySet:
        return queryset.select_related("slm")

    def fields(self, ctx: Ctx, t: ServiceTarget) -> dict[str, Any]:
        slm: Slm = t.slm  # type: ignore[attr-defined]
        return {
            "id": t.pk,
            "name": t.name,
            "entities_id": slm.entity_id,
            "is_recursive": int(slm.is_recursive),
            "type": t.type,
            "comment": t.comment,
            "number_time": t.number_time,
            "use_ticket_calendar": 0,
            "calendars_id": t.calendar_id or slm.calendar_id or 0,
            "date_mod": date(t.updated_at),
            "definition_time": t.definition_time,
            "end_of_working_day": int(t.end_of_working_day),
            "date_creation": date(t.created_at),
            "slms_id": slm.pk,
        }


class OlaItem(SlaItem):
    name = "OLA"
    model = Ola

    def queryset(self, ctx: Ctx) -> QuerySet:
        return access.visible_olas(ctx.who)


class SlaLevelItem(ItemType):
    name = "SlaLevel"
    model: Any = SlaLevel
    sort_fields = {"id": "pk", "name": "name", "execution_time": "execution_time"}
    text_fields = {"name": "name"}
    parent = "sla"
    parent_key = "slas_id"

    def queryset(self, ctx: Ctx) -> QuerySet:
        return access.visible_sla_levels(ctx.who)

    def prepare(self, queryset: QuerySet) -> QuerySet:
        return queryset.select_related(f"{self.parent}__slm")

    def fields(self, ctx: Ctx, lvl: EscalationLevel) -> dict[str, Any]:
        target = getattr(lvl, self.parent)
        return {
            "id": lvl.pk,
            "name": lvl.name,
            self.parent_key: target.pk,
            "execution_time": lvl.execution_time,
            "is_active": int(lvl.is_active),
            "entities_id": target.slm.entity_id,
            "is_recursive": int(target.slm.is_recursive),
            "match": "AND",
            "uuid": None,
        }


class OlaLevelItem(SlaLevelItem):
    name = "OlaLevel"
    model = OlaLevel
    parent = "ola"
    parent_key = "olas_id"

    def queryset(self, ctx: Ctx) -> QuerySet:
        return access.visible_ola_levels(ctx.who)


ITEMTYPES: list[ItemType] = [
    CalendarItem(),
    CalendarSegmentItem(),
    HolidayItem(),
    CalendarHolidayItem(),
    SlmItem(),
    SlaItem(),
    OlaItem(),
    SlaLevelItem(),
    OlaLevelItem(),
]
