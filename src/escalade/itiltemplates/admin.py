from typing import Any

from django.contrib import admin
from django.forms import ModelForm
from django.http import HttpRequest

from escalade.itiltemplates.models import (
    FollowupTemplate,
    SolutionTemplate,
    SolutionType,
    TaskTemplate,
)
from escalade.itiltemplates.variables import VARIABLES

HELP = "Variables : " + ", ".join("{{ " + name + " }}" for name in VARIABLES)


@admin.register(SolutionType)
class SolutionTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "entity", "is_recursive"]
    fields = ["name", "comment", "entity", "is_recursive"]


class TemplateAdmin(admin.ModelAdmin):
    list_display = ["name", "entity", "is_recursive"]
    filter_horizontal = ["categories"]

    def get_form(
        self, request: HttpRequest, obj: Any | None = None, change: bool = False, **kwargs: Any
    ) -> type[ModelForm[Any]]:
        kwargs.setdefault("help_texts", {"content": HELP})
        return super().get_form(request, obj, change, **kwargs)


admin.site.register(FollowupTemplate, TemplateAdmin)
admin.site.register(TaskTemplate, TemplateAdmin)
admin.site.register(SolutionTemplate, TemplateAdmin)
