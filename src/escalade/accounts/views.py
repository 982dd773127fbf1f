"""Sign-in pages, the header's switches (active profile, active entity) and the entity
chooser."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from escalade.accounts.forms import EntitySwitchForm, ProfileSwitchForm
from escalade.accounts.models import User
from escalade.accounts.who import NoProfile, NotHeld, build_who, switch_entity, switch_profile
from escalade.core import parsing
from escalade.core.views import WhoRequest, who_required
from escalade.tickets import access


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


ENTITIES_PER_PAGE = 50


@require_GET
@who_required
def entity_chooser(request: WhoRequest) -> HttpResponse:
    """The entities of the active profile, searched by name and paged, each with a button
    that makes it the active entity (POST to accounts:switch_entity)."""
    who = request.who
    active = who.active_entity_id
    if active is not None:
        who = build_who(who.user, profile_id=who.profile.pk)  # the whole reach, not the active
    entities = access.visible_entities(who)
    text = " ".join(parsing.search_words(request.GET.get("q", "")))
    for word in text.split():
        entities = entities.filter(full_name__icontains=word)
    page = Paginator(entities.order_by("full_name", "pk"), ENTITIES_PER_PAGE).get_page(
        request.GET.get("page")
    )
    back = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        back = reverse("tickets:list")
    context = {"page": page, "q": text, "next": back, "active": active}
    return render(request, "accounts/entity_chooser.html", context)
