"""Template variables: a fixed table, no template engine.

``{{ ticket.id }}``, ``{{ demandeur.prenom }}``… are looked up in ``VARIABLES``; nothing
typed in a template is evaluated. Values are escaped into the (sanitized) HTML content,
so a requester named ``<script>`` stays text. An unknown name is left as typed.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass

from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from escalade.accounts.models import User
from escalade.tickets import richtext
from escalade.tickets.models import Role, Ticket
from escalade.tickets.status import Status


@dataclass(frozen=True)
class Context:
    ticket: Ticket
    requester: User | None
    technician: User | None


def _person(attr: str, who: Callable[[Context], User | None]) -> Callable[[Context], str]:
    def value(c: Context) -> str:
        user = who(c)
        if user is None:
            return ""
        if attr == "full":
            return user.get_full_name() or user.username
        return str(getattr(user, attr) or "")

    return value


def _url(c: Context) -> str:
    from escalade.notifications.rendering import ticket_url

    return ticket_url(c.ticket.pk)


def _requester(c: Context) -> User | None:
    return c.requester


def _technician(c: Context) -> User | None:
    return c.technician


VARIABLES: dict[str, tuple[object, Callable[[Context], str]]] = {
    "ticket.id": (_("numéro du ticket"), lambda c: str(c.ticket.pk)),
    "ticket.titre": (_("titre du ticket"), lambda c: c.ticket.title),
    "ticket.categorie": (
        _("catégorie du ticket"),
        lambda c: c.ticket.category.full_name if c.ticket.category else "",
    ),
    "ticket.entite": (_("entité du ticket"), lambda c: c.ticket.entity.full_name),
    "ticket.statut": (_("statut du ticket"), lambda c: str(Status(c.ticket.status).label)),
    "ticket.date": (
        _("date d'ouverture"),
        lambda c: formats.date_format(timezone.localtime(c.ticket.opened_at), "SHORT_DATE_FORMAT"),
    ),
    "ticket.url": (_("adresse du ticket"), _url),
    "demandeur.prenom": (_("prénom du demandeur"), _person("first_name", _requester)),
    "demandeur.nom": (_("nom du demandeur"), _person("last_name", _requester)),
    "demandeur.nom_complet": (_("prénom et nom du demandeur"), _person("full", _requester)),
    "demandeur.courriel": (_("adresse du demandeur"), _person("email", _requester)),
    "technicien.prenom": (_("votre prénom"), _person("first_name", _technician)),
    "technicien.nom": (_("votre nom"), _person("last_name", _technician)),
    "technicien.nom_complet": (_("vos prénom et nom"), _person("full", _technician)),
    "date": (
        _("date du jour"),
        lambda c: formats.date_format(timezone.localtime(), "SHORT_DATE_FORMAT"),
    ),
}
# GLPI's own names for the same values.
ALIASES = {"ticket.name": "ticket.titre", "ticket.title": "ticket.titre"}
PATTERN = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z_.]{0,60})\s*\}\}")


def context_for(ticket: Ticket, technician: User | None) -> Context:
    first = (
        ticket.actors.filter(role=Role.REQUESTER, user__isnull=False)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return Context(ticket=ticket, requester=first.user if first else None, technician=technician)


def render_html(content: str, context: Context) -> str:
    """The template's HTML with each known variable replaced by its escaped value."""

    def replace(match: re.Match[str]) -> str:
        name = ALIASES.get(match.group(1), match.group(1))
        known = VARIABLES.get(name)
        if known is None:
            return match.group(0)
        return html.escape(known[1](context), quote=True)

    return PATTERN.sub(replace, content or "")


def render_text(content: str, context: Context) -> str:
    """The same as plain text, for the form's text box (values exactly as they are)."""
    return richtext.to_plain(render_html(content, context))
