from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from escalade.accounts.who import Who
from escalade.stats.queries import Filters
from escalade.tickets import access


class StatsForm(forms.Form):
    """The page's filters (shape only; ``queries.scope`` checks the reach again)."""

    start = forms.DateField(label=_("Du"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("Au"), widget=forms.DateInput(attrs={"type": "date"}))
    entity = forms.TypedChoiceField(label=_("Entité"), coerce=int, required=False, empty_value=None)
    recursive = forms.BooleanField(label=_("Avec les sous-entités"), required=False, initial=True)
    group = forms.TypedChoiceField(
        label=_("Groupe attribué"), coerce=int, required=False, empty_value=None
    )
    category = forms.TypedChoiceField(
        label=_("Catégorie"), coerce=int, required=False, empty_value=None
    )

    def __init__(self, data, *, who: Who):
        default = Filters.default()
        if not data or "start" not in data:
            data = {"start": default.start, "end": default.end, "recursive": "on", **(data or {})}
        super().__init__(data)
        everything: list[tuple[Any, Any]] = [("", _("Toutes"))]
        fields: dict[str, Any] = self.fields
        # Tuples, not model instances: up to 1,500 options on a large desk.
        entities = access.visible_entities(who).order_by("full_name")
        fields["entity"].choices = [*everything, *entities.values_list("pk", "full_name")[:500]]
        groups = access.visible_groups(who).order_by("name")
        fields["group"].choices = [("", _("Tous")), *groups.values_list("pk", "name")[:500]]
        categories = access.visible_categories(who).order_by("full_name")
        fields["category"].choices = [
            *everything,
            *categories.values_list("pk", "full_name")[:500],
        ]

    def filters(self) -> Filters:
        data = self.cleaned_data
        start: dt.date = data["start"]
        end: dt.date = data["end"]
        return Filters(
            start=start,
            end=end,
            entity_id=data.get("entity"),
            recursive=bool(data.get("recursive")),
            group_id=data.get("group"),
            category_id=data.get("category"),
        )
