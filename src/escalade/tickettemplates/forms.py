"""The create form under its ticket template: hidden and read-only fields left out (the
read-only ones shown with their imposed value), predefined values filled in, mandatory
fields marked. The workflow enforces the same template again (every way in)."""

from __future__ import annotations

from typing import Any

from escalade.accounts.models import Entity
from escalade.accounts.who import Who
from escalade.onbehalf.forms import OnBehalfCreateForm
from escalade.tickets.models import Category, TicketType
from escalade.tickettemplates import rules
from escalade.tickettemplates.models import Field

FORM_FIELDS = {
    Field.TITLE: "title",
    Field.CONTENT: "content",
    Field.URGENCY: "urgency",
    Field.SOURCE: "source",
    Field.REQUESTER: "requesters",
    Field.ASSIGNED_USER: "assignees",
    Field.ASSIGNED_GROUP: "assignees",
    Field.OBSERVER_USER: "observers",
    Field.OBSERVER_GROUP: "observers",
    Field.CATEGORY: "category",
}


def form_entity(who: Who) -> Entity | None:
    if who.active_entity_id is not None:
        return Entity.objects.filter(pk=who.active_entity_id).first()
    grant = (
        who.user.grants.filter(profile_id=who.profile.pk)
        .order_by("-is_default", "pk")
        .select_related("entity")
        .first()
    )
    return grant.entity if grant else None


class TemplatedCreateForm(OnBehalfCreateForm):
    def __init__(self, *args: Any, who: Who, **kwargs: Any) -> None:
        super().__init__(*args, who=who, **kwargs)
        self.imposed: list[tuple[str, str]] = []
        self.template: rules.Rules | None = None
        entity = form_entity(who)
        if entity is None:
            return
        self.template = rules.template_for(
            who, ticket_type=self._ticket_type(), category=self._chosen_category(), entity=entity
        )
        if self.template is not None:
            self._shape(self.template)

    def _chosen_category(self) -> Category | None:
        source = self.data if self.is_bound else (self.initial or {})
        raw = source.get("category")
        if not raw:
            return None
        try:
            return self._categories().filter(pk=int(raw)).first()
        except (TypeError, ValueError):
            return None

    def _shape(self, template: rules.Rules) -> None:
        for num in sorted(template.hidden | template.read_only):
            name = FORM_FIELDS.get(Field(num))
            if name == "category" or name not in self.fields:
                continue
            if num in template.read_only and num in template.predefined:
                self.imposed.append((str(Field(num).label), template.predefined[num]))
            del self.fields[name]
        for num, value in template.predefined.items():
            name = FORM_FIELDS.get(Field(num))
            if (
                name in ("title", "content", "urgency", "source")
                and name in self.fields
                and not self.is_bound
                and not (self.initial or {}).get(name)
            ):
                self.initial[name] = (
                    value
                    if name != "source"
                    else rules.GLPI_SOURCES.get(int(value) if value.isdigit() else 0, value)
                )
        for num in template.mandatory:
            name = FORM_FIELDS.get(Field(num))
            if name in self.fields:
                self.fields[name].required = True

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data.setdefault("type", TicketType.INCIDENT)
        return data
