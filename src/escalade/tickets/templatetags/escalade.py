"""Template helpers: the header's choices and small display helpers."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html, format_html_join

from escalade.accounts.models import Entity
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
        entities = list(Entity.objects.filter(pk__in=who.entity_ids).order_by("full_name"))
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
            inner = _join(_option(v, text, chosen) for v, text in label)
            if inner:
                parts.append(format_html('<optgroup label="{}">{}</optgroup>', value, inner))
        else:
            parts.append(_option(value, label, chosen))
    return _join(parts)


def _join(parts: Any) -> str:
    """Concatenate already escaped fragments (each made by format_html)."""
    return format_html_join("", "{}", ((part,) for part in parts))


def _option(value: Any, label: Any, chosen: set[str]) -> str:
    value = "" if value is None else str(value)
    if value in chosen:
        return format_html('<option value="{}" selected>{}</option>', value, label)
    return format_html('<option value="{}">{}</option>', value, label)
