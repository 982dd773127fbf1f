from django.contrib import admin

from escalade.validations.models import TicketValidation


@admin.register(TicketValidation)
class TicketValidationAdmin(admin.ModelAdmin):
    """Read only: validations are asked and answered through the workflow."""

    list_display = ["ticket", "validator", "status", "submission_date", "validation_date"]
    list_filter = ["status"]
    readonly_fields = [f.name for f in TicketValidation._meta.fields]

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
