"""The demo's service levels: the DANE's office hours, holidays, and an SLM for LSU."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from django.db import transaction

from escalade.demo.lsu import Demo
from escalade.slas.models import (
    Calendar,
    CalendarHoliday,
    CalendarSegment,
    Holiday,
    HolidayKind,
    LevelType,
    Ola,
    Sla,
    SlaLevel,
    Slm,
    TimeUnit,
)
from escalade.tickets.models import Level

OFFICE_HOURS = ((time(8, 30), time(12, 0)), (time(13, 30), time(17, 0)))
PUBLIC_HOLIDAYS = [
    ("Jour de l'an", date(2000, 1, 1)),
    ("Fête du travail", date(2000, 5, 1)),
    ("Victoire 1945", date(2000, 5, 8)),
    ("Fête nationale", date(2000, 7, 14)),
    ("Assomption", date(2000, 8, 15)),
    ("Toussaint", date(2000, 11, 1)),
    ("Armistice", date(2000, 11, 11)),
    ("Noël", date(2000, 12, 25)),
]
SCHOOL_HOLIDAYS = [
    ("Vacances de la Toussaint 2026", date(2026, 10, 17), date(2026, 11, 1)),
    ("Vacances de Noël 2026", date(2026, 12, 19), date(2027, 1, 3)),
]


@dataclass
class SlaDemo:
    calendar: Calendar
    slm: Slm
    tto: Sla
    ttr: Sla
    ola_ttr: Ola
    not_taken: SlaLevel
    late: SlaLevel


@transaction.atomic
def load_sla_demo(demo: Demo) -> SlaDemo:
    calendar, _ = Calendar.objects.update_or_create(
        name="Horaires de la DANE", defaults={"entity": demo.academie, "is_recursive": True}
    )
    calendar.segments.all().delete()
    CalendarSegment.objects.bulk_create(
        CalendarSegment(calendar=calendar, day=day, begin=b, end=e)
        for day in range(1, 6)
        for b, e in OFFICE_HOURS
    )
    for name, day in PUBLIC_HOLIDAYS:
        holiday, _ = Holiday.objects.update_or_create(
            name=name,
            defaults={
                "entity": demo.academie,
                "kind": HolidayKind.PUBLIC,
                "begin_date": day,
                "end_date": day,
                "is_perpetual": True,
            },
        )
        CalendarHoliday.objects.get_or_create(calendar=calendar, holiday=holiday)
    for name, begin, end in SCHOOL_HOLIDAYS:
        holiday, _ = Holiday.objects.update_or_create(
            name=name,
            defaults={
                "entity": demo.academie,
                "kind": HolidayKind.SCHOOL,
                "begin_date": begin,
                "end_date": end,
            },
        )
        CalendarHoliday.objects.get_or_create(calendar=calendar, holiday=holiday)

    slm, _ = Slm.objects.update_or_create(
        name="Assistance LSU", defaults={"entity": demo.academie, "calendar": calendar}
    )
    slm.categories.set([demo.lsu])

    def target(model, name: str, type: int, number: int, unit: str):
        obj, _ = model.objects.update_or_create(
            slm=slm,
            name=name,
            defaults={"type": type, "number_time": number, "definition_time": unit},
        )
        return obj

    tto = target(Sla, "Prise en compte en 2 h ouvrées", LevelType.TTO, 2, TimeUnit.HOUR)
    ttr = target(Sla, "Résolution en 2 jours ouvrés", LevelType.TTR, 2, TimeUnit.DAY)
    ola_ttr = target(Ola, "Résolution interne en 8 h ouvrées", LevelType.TTR, 8, TimeUnit.HOUR)
    not_taken, _ = SlaLevel.objects.update_or_create(
        sla=tto,
        name="Pas pris en compte depuis 2 h ouvrées",
        defaults={"execution_time": 0, "notify_supervisor": True},
    )
    late, _ = SlaLevel.objects.update_or_create(
        sla=ttr,
        name="Résolution en retard : DSI-BAI observe, priorité haute",
        defaults={
            "execution_time": 0,
            "add_observer_group": demo.dsi_bai,
            "raise_priority_to": Level.HIGH,
        },
    )
    if demo.referents.supervisor_id is None:
        demo.referents.supervisor = demo.users["referent.lsu"]
        demo.referents.save(update_fields=["supervisor"])
    return SlaDemo(calendar, slm, tto, ttr, ola_ttr, not_taken, late)
