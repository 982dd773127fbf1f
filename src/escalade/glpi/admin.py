from django.contrib import admin

from escalade.glpi.models import ApiClient


@admin.register(ApiClient)
class ApiClientAdmin(admin.ModelAdmin):
    list_display = ["name", "is_active", "ip_start", "ip_end"]
    search_fields = ["name"]
