"""The words of link events, for the history tab and « Fil du ticket »."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from escalade.links.models import LinkKind
from escalade.tickets.models import TicketEvent


def link_label(kind: Any, *, inverted: bool = False) -> str:
    """The link as read from one ticket: « Doublon de », « A pour doublon »…"""
    if inverted and kind == LinkKind.DUPLICATE_WITH:
        return _("A pour doublon")
    try:
        return str(LinkKind(int(kind)).label)
    except (TypeError, ValueError):
        return str(kind)


def describe_link_event(event: TicketEvent, names: Any) -> str:
    data = event.data or {}
    kind = event.kind
    other = data.get("other")
    label = link_label(data.get("link"), inverted=bool(data.get("inverted")))
    if kind == "link_added":
        return _("Lien ajouté — %(link)s le ticket n° %(other)s") % {"link": label, "other": other}
    if kind == "link_removed":
        return _("Lien retiré — %(link)s le ticket n° %(other)s") % {"link": label, "other": other}
    if kind == "known_incident":
        if data.get("active"):
            return _("Déclaré incident en cours.")
        return _("N'est plus un incident en cours.")
    if kind == "concerned":
        return _("%s est aussi concerné (ajouté comme demandeur).") % names.user(data.get("user"))
    return thread_text(event)


def thread_text(event: TicketEvent) -> str:
    data = event.data or {}
    by = str(event.actor) if event.actor else _("le système")
    other = data.get("other")
    if event.kind == "solved_with":
        reason = _("doublon") if data.get("link") == LinkKind.DUPLICATE_WITH else _("ticket parent")
        return _("Résolu avec le ticket n° %(other)s (%(reason)s) par %(who)s") % {
            "other": other,
            "reason": reason,
            "who": by,
        }
    if event.kind == "merged_into":
        return _("Fusionné dans le ticket n° %(other)s par %(who)s") % {"other": other, "who": by}
    if event.kind == "merged_from":
        return _(
            "Le ticket n° %(other)s y a été fusionné par %(who)s (%(followups)s suivi(s), "
            "%(attachments)s document(s))"
        ) % {
            "other": other,
            "who": by,
            "followups": data.get("followups", 0),
            "attachments": data.get("attachments", 0),
        }
    if event.kind == "concerned":
        return _("%s est aussi concerné") % by
    return event.kind
