"""Template helpers: the header's choices and small display helpers."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from escalade.accounts.models import Entity
from escalade.tickets import access, attachments
from escalade.tickets.status import Status

register = template.Library()

STATUS_CLASSES: dict[int, str] = {
    Status.NEW: "text-bg-primary",
    Status.ASSIGNED: "text-bg-info",
    Status.PLANNED: "text-bg-info",
    Status.WAITING: "text-bg-warning",
    Status.SOLVED: "text-bg-success",
    Status.CLOSED: "text-bg-dark",
}


# Priority 1..5 and 6 (Majeure): grey to red, readable with white or dark text.
PRIORITY_CLASSES: dict[int, str] = {
    1: "text-bg-light border",
    2: "text-bg-secondary",
    3: "text-bg-info",
    4: "text-bg-warning",
    5: "text-bg-danger",
    6: "text-bg-dark border border-danger",
}


@register.filter
def clean_name(name: str) -> str:
    """A user-supplied name without bidi overrides or zero-width characters."""
    return attachments.clean_name(str(name))


@register.filter
def status_class(status: int) -> str:
    return STATUS_CLASSES.get(status, "text-bg-secondary")


@register.filter
def status_label(status: int) -> str:
    try:
        return str(Status(status).label)
    except ValueError:
        return str(status)


ENTITY_SELECT_MAX = 30  # beyond, the header links to the entity chooser page


@register.inclusion_tag("core/partials/header_switches.html", takes_context=True)
def header_switches(context: Any) -> dict[str, Any]:
    """Profile and entity switches. The entity select lists the reach only when it is small
    and known without a query (no active entity); otherwise the active entity and a link
    to the chooser page, never the whole tree."""
    request = context["request"]
    who = getattr(request, "who", None)
    if not who:
        return {"who": None, "request": request}
    data: dict[str, Any] = {"who": who, "request": request, "profiles": who.profiles}
    if who.active_entity_id is None and len(who.entity_ids) <= ENTITY_SELECT_MAX:
        entities = list(access.visible_entities(who).order_by("full_name"))
        data["entities"] = [(e.pk, "\u00a0\u00a0" * e.level + e.name) for e in entities]
        data["show_entities"] = len(entities) > 1
        return data
    data["show_chooser"] = True
    if who.active_entity_id is not None:
        data["active_entity"] = Entity.objects.filter(pk=who.active_entity_id).first()
    return data


@register.simple_tag
def options(choices: Any, selected: Any) -> str:
    """<option>s (and <optgroup>s) for ``choices``, marking ``selected`` (a value or list)."""
    chosen = (
        {str(v) for v in selected}
        if isinstance(selected, list | tuple)
        else {"" if selected is None else str(selected)}
    )
    parts: list[str] = []
    for value, label in choices:
        if isinstance(label, list | tuple):
            inner = "".join(_option(v, text, chosen) for v, text in label)
            if inner:
                parts.append(f'<optgroup label="{conditional_escape(value)}">{inner}</optgroup>')
        else:
            parts.append(_option(value, label, chosen))
    # Every value and label is escaped in _option: hundreds of options per page, so
    # plain strings joined once rather than a format_html per option.
    return mark_safe("".join(parts))  # noqa: S308


def _option(value: Any, label: Any, chosen: set[str]) -> str:
    value = "" if value is None else str(value)
    selected = " selected" if value in chosen else ""
    label = conditional_escape(label)
    return f'<option value="{conditional_escape(value)}"{selected}>{label}</option>'
