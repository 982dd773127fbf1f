from django.contrib import admin

from escalade.tickets.models import (
    Category,
    PriorityCell,
    Rule,
    RuleAction,
    RuleCriterion,
    Ticket,
    TicketEvent,
)


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = [
        "full_name",
        "entity",
        "group_in_charge",
        "is_helpdesk_visible",
        "is_incident",
        "is_request",
    ]
    search_fields = ["name", "full_name", "code"]
    autocomplete_fields = ["parent", "entity", "group_in_charge", "user_in_charge"]


@admin.register(PriorityCell)
class PriorityCellAdmin(admin.ModelAdmin):
    list_display = ["urgency", "impact", "priority"]
    list_editable = ["priority"]


class CriterionInline(admin.TabularInline):
    model = RuleCriterion
    extra = 1


class ActionInline(admin.TabularInline):
    model = RuleAction
    extra = 1


@admin.register(Rule)
class RuleAdmin(admin.ModelAdmin):
    list_display = ["ranking", "name", "entity", "trigger", "match", "is_active"]
    list_display_links = ["name"]
    list_editable = ["ranking", "is_active"]
    inlines = [CriterionInline, ActionInline]
    autocomplete_fields = ["entity"]


class EventInline(admin.TabularInline):
    model = TicketEvent
    extra = 0
    can_delete = False
    readonly_fields = ["created_at", "actor", "kind", "data"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Ticket)
class TicketAdmin(admin.ModelAdmin):
    """Read-only: tickets change only through the workflow (pages, API, mail)."""

    list_display = ["pk", "title", "status", "entity", "category", "updated_at"]
    list_filter = ["status", "type"]
    search_fields = ["title"]
    inlines = [EventInline]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
