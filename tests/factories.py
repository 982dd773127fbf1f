"""Keyword-only factories for the tests, calling the real workflow.

Personas are built from the demo (the same data as `escalade demo`); the fixtures of
tests/conftest.py are made with these.
"""

from __future__ import annotations

from escalade.accounts.models import Entity, Membership, ProfileGrant, SupportGroup, User
from escalade.accounts.who import Who, build_who
from escalade.demo.lsu import Demo
from escalade.tickets import workflow
from escalade.tickets.models import Ticket, TicketType


def as_(demo: Demo, login: str, profile: str | None = None) -> Who:
    """The Who of a demo user, with the named profile active (default profile otherwise)."""
    user = User.objects.get(username=login)
    profile_id = None
    if profile is not None:
        profile_id = {
            "Self-Service": demo.self_service.pk,
            "Référent fonctionnel": demo.referent_profile.pk,
            "Technicien": demo.technician.pk,
            "Super-Admin": demo.super_admin.pk,
        }[profile]
    who = build_who(user, profile_id=profile_id)
    if profile_id is not None:
        assert who.profile.pk == profile_id, f"{login} does not hold {profile}"
    return who


def open_lsu_ticket(
    demo: Demo,
    by: Who,
    *,
    title: str = "Accès impossible à LSU",
    content: str = "Message d'erreur : 403. Tél. 02 31 00 00 00",
    urgency: int = 3,
    **extra,
) -> Ticket:
    """A ticket as chef.etab files it in the procedure (Scolarité > LSU)."""
    return workflow.create_ticket(
        by=by,
        type=TicketType.INCIDENT,
        category=demo.lsu,
        urgency=urgency,
        title=title,
        content=content,
        **extra,
    )


def make_outsider(demo: Demo) -> Who:
    """A technician of another académie, with the same profile as tech.bai."""
    other = Entity.objects.create(name="Académie de Bretagne")
    user = User.objects.create_user("tech.bzh", email="tech.bzh@example.org", password="x")
    ProfileGrant.objects.create(
        user=user, profile=demo.technician, entity=other, is_recursive=True, is_default=True
    )
    group = SupportGroup.objects.create(name="DSI-BZH", entity=other)
    Membership.objects.create(group=group, user=user)
    return build_who(user)
