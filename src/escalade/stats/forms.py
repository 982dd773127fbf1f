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
        entities = access.visible_entities(who).order_by("full_name")[:500]
        fields["entity"].choices = everything + [(e.pk, e.full_name) for e in entities]
        groups = access.visible_groups(who).order_by("name")[:500]
        fields["group"].choices = [("", _("Tous"))] + [(g.pk, g.name) for g in groups]
        categories = access.visible_categories(who).order_by("full_name")[:500]
        fields["category"].choices = everything + [(c.pk, c.full_name) for c in categories]

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
