"""Calendars and service levels are entered by administrators, here."""

from django.contrib import admin

from escalade.slas.models import (
    Calendar,
    CalendarHoliday,
    CalendarSegment,
    Holiday,
    LevelRun,
    Ola,
    OlaLevel,
    Sla,
    SlaLevel,
    Slm,
)


class SegmentInline(admin.TabularInline):
    model = CalendarSegment
    extra = 1


class CalendarHolidayInline(admin.TabularInline):
    model = CalendarHoliday
    extra = 1
    autocomplete_fields = ["holiday"]


@admin.register(Calendar)
class CalendarAdmin(admin.ModelAdmin):
    list_display = ["name", "entity", "is_recursive"]
    search_fields = ["name"]
    autocomplete_fields = ["entity"]
    inlines = [SegmentInline, CalendarHolidayInline]


@admin.register(Holiday)
class HolidayAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "begin_date", "end_date", "is_perpetual", "entity"]
    list_filter = ["kind", "is_perpetual"]
    search_fields = ["name"]
    autocomplete_fields = ["entity"]


class SlaInline(admin.TabularInline):
    model = Sla
    extra = 0
    fields = ["name", "type", "number_time", "definition_time", "end_of_working_day", "calendar"]
    show_change_link = True


class OlaInline(SlaInline):
    model = Ola  # type: ignore[assignment]


@admin.register(Slm)
class SlmAdmin(admin.ModelAdmin):
    list_display = ["name", "entity", "calendar", "is_recursive"]
    search_fields = ["name"]
    autocomplete_fields = ["entity", "calendar", "entities", "categories"]
    inlines = [SlaInline, OlaInline]


class SlaLevelInline(admin.TabularInline):
    model = SlaLevel
    extra = 0
    autocomplete_fields = ["add_observer_group", "add_assigned_group"]


class OlaLevelInline(SlaLevelInline):
    model = OlaLevel  # type: ignore[assignment]


@admin.register(Sla)
class SlaAdmin(admin.ModelAdmin):
    list_display = ["name", "slm", "type", "number_time", "definition_time"]
    list_filter = ["type", "definition_time"]
    search_fields = ["name"]
    autocomplete_fields = ["slm", "calendar"]
    inlines = [SlaLevelInline]


@admin.register(Ola)
class OlaAdmin(SlaAdmin):
    inlines = [OlaLevelInline]


@admin.register(LevelRun)
class LevelRunAdmin(admin.ModelAdmin):
    list_display = ["ticket", "level", "fire_at", "fired_at", "outcome"]
    list_filter = ["outcome"]
    readonly_fields = ["ticket", "sla_level", "ola_level", "fire_at", "fired_at", "outcome"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False
