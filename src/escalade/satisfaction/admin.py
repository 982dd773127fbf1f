from django.contrib import admin

from escalade.satisfaction.models import Survey, SurveySettings


@admin.register(SurveySettings)
class SurveySettingsAdmin(admin.ModelAdmin):
    list_display = ["entity", "kind", "rate", "delay_days", "lifetime_days", "max_score"]
    autocomplete_fields = ["entity"]


@admin.register(Survey)
class SurveyAdmin(admin.ModelAdmin):
    list_display = ["ticket", "kind", "created_at", "expires_at", "answered_at", "score"]
    list_filter = ["kind"]
    readonly_fields = [f.name for f in Survey._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
