from django.contrib import admin

from escalade.identity.models import DirectoryMapping


@admin.register(DirectoryMapping)
class DirectoryMappingAdmin(admin.ModelAdmin):
    list_display = ["directory_group", "support_group", "profile", "entity", "is_recursive"]
    search_fields = ["directory_group"]
    list_filter = ["profile", "support_group"]
    autocomplete_fields = ["support_group", "profile", "entity"]
