"""A link to a ticket never dead-ends for someone who may see it with another profile.

Notification mails link to ``/tickets/<id>/``; a referent signed in with his default
profile (Self-Service) could not open a ticket of his group. When the active profile (or
the active entity) hides the ticket and another profile the user holds shows it, the
session switches to that profile and the page says so. Otherwise the answer is the usual
404, the same as for a ticket that does not exist.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from escalade.accounts.models import Profile
from escalade.accounts.who import Who, build_who, switch_profile
from escalade.tickets import access
from escalade.tickets.errors import TicketNotFound


def profile_seeing(who: Who, pk: int) -> Profile | None:
    """The first profile of the user (the active one over all its entities first, then the
    others by name) with which ticket ``pk`` is visible; None if none."""
    candidates = [who.profile] if who.active_entity_id is not None else []
    candidates += [p for p in who.profiles if p.pk != who.profile.pk]
    for profile in candidates:
        other = build_who(who.user, profile_id=profile.pk)
        if other.profile.pk != profile.pk:
            continue
        if access.visible_tickets(other).filter(pk=pk).exists():
            return profile
    return None


def switch_to_see(request: HttpRequest, who: Who, pk: int) -> HttpResponse:
    """Switch to a profile that sees the ticket and come back, or raise the usual 404."""
    profile = profile_seeing(who, pk)
    if profile is None:
        raise TicketNotFound()
    switch_profile(who.user, request.session, profile.pk)
    if profile.pk == who.profile.pk:
        messages.info(
            request,
            _(
                "Ce ticket n'était pas dans l'entité active : Escalade affiche maintenant "
                "toutes vos entités."
            ),
        )
    else:
        messages.info(
            request,
            _(
                "Ce ticket n'est pas visible avec le profil « %(old)s » : Escalade est passé "
                "au profil « %(new)s », qui le permet. Vous pouvez changer de profil en haut "
                "de la page."
            )
            % {"old": who.profile.name, "new": profile.name},
        )
    return redirect("tickets:detail", pk=pk)
