from django.contrib import admin

from escalade.knowbase.models import KnowbaseCategory


@admin.register(KnowbaseCategory)
class KnowbaseCategoryAdmin(admin.ModelAdmin):
    list_display = ["full_name", "entity", "is_recursive"]
    fields = ["name", "parent", "entity", "is_recursive", "comment", "ticket_categories"]
    filter_horizontal = ["ticket_categories"]
