"""Sign-in pages and the header's switches (active profile, active entity)."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from escalade.accounts.forms import EntitySwitchForm, ProfileSwitchForm
from escalade.accounts.models import User
from escalade.accounts.who import NoProfile, NotHeld, switch_entity, switch_profile


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)  # login_required: never anonymous here


def _back(request: HttpRequest) -> HttpResponse:
    """Reload the page the user came from (a local URL only), or go home."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect("home")


@require_POST
@login_required
def profile_switch(request: HttpRequest) -> HttpResponse:
    form = ProfileSwitchForm(request.POST)
    if form.is_valid():
        try:
            who = switch_profile(_user(request), request.session, form.cleaned_data["profile"])
        except (NotHeld, NoProfile):
            messages.error(request, _("Vous ne disposez pas de ce profil."))
        else:
            messages.success(request, _("Profil actif : %s") % who.profile.name)
    return _back(request)


@require_POST
@login_required
def entity_switch(request: HttpRequest) -> HttpResponse:
    form = EntitySwitchForm(request.POST)
    if form.is_valid():
        try:
            switch_entity(
                _user(request),
                request.session,
                form.cleaned_data["entity"],
                recursive=form.cleaned_data["recursive"],
            )
        except (NotHeld, NoProfile):
            messages.error(request, _("Cette entité n'est pas accessible avec votre profil."))
    return _back(request)
