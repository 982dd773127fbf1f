"""Admin pages of the ticket templates (« Gabarits de ticket »), in French."""

from __future__ import annotations

from django.contrib import admin

from escalade.tickettemplates.models import (
    CategoryTemplates,
    EntityTemplate,
    HiddenField,
    IncompleteTicket,
    MandatoryField,
    PredefinedField,
    ProfileTemplate,
    ReadOnlyField,
    TicketTemplate,
)


class MandatoryInline(admin.TabularInline):
    model = MandatoryField
    extra = 0


class PredefinedInline(admin.TabularInline):
    model = PredefinedField
    extra = 0


class HiddenInline(admin.TabularInline):
    model = HiddenField
    extra = 0


class ReadOnlyInline(admin.TabularInline):
    model = ReadOnlyField
    extra = 0


@admin.register(TicketTemplate)
class TicketTemplateAdmin(admin.ModelAdmin):
    list_display = ["name", "entity", "is_recursive"]
    list_filter = ["entity"]
    search_fields = ["name"]
    inlines = [MandatoryInline, PredefinedInline, HiddenInline, ReadOnlyInline]


@admin.register(CategoryTemplates)
class CategoryTemplatesAdmin(admin.ModelAdmin):
    list_display = ["category", "incident", "request"]
    autocomplete_fields = ["category", "incident", "request"]


@admin.register(ProfileTemplate)
class ProfileTemplateAdmin(admin.ModelAdmin):
    list_display = ["profile", "template"]
    autocomplete_fields = ["template"]


@admin.register(EntityTemplate)
class EntityTemplateAdmin(admin.ModelAdmin):
    list_display = ["entity", "template"]
    autocomplete_fields = ["template"]


@admin.register(IncompleteTicket)
class IncompleteTicketAdmin(admin.ModelAdmin):
    """Read only: the requester completes the ticket through the signed link."""

    list_display = ["ticket", "missing", "created_at"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
