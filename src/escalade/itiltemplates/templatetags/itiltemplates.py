"""The template picker, in « Ajouter » of the ticket page."""

from __future__ import annotations

from typing import Any

from django import template

from escalade.itiltemplates import access

register = template.Library()


@register.inclusion_tag("itiltemplates/partials/picker.html", takes_context=True)
def template_picker(context: dict[str, Any], ticket: Any, kind: str) -> dict[str, Any]:
    templates = list(access.templates_for(context.get("who"), ticket, kind))
    return {"templates": templates, "ticket": ticket, "kind": kind}
