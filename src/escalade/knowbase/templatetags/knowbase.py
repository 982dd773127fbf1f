"""The knowledge base's slots in other apps' pages."""

from __future__ import annotations

from typing import Any

from django import template

from escalade.knowbase import access

register = template.Library()


@register.inclusion_tag("knowbase/partials/home_faq.html", takes_context=True)
def faq_top(context: dict[str, Any], limit: int = 5) -> dict[str, Any]:
    """The most read FAQ articles ``who`` may read (the simplified home page)."""
    who = context.get("who")
    articles = []
    if access.can_read(who):
        articles = list(
            access.visible_articles(who, faq_only=True).order_by("-views", "name")[:limit]
        )
    return {"articles": articles, "who": who}


@register.simple_tag(takes_context=True)
def can_add_to_knowbase(context: dict[str, Any]) -> bool:
    return access.can_create(context.get("who"))
