"""Shared fixtures: the LSU demo organisation and its personas.

Personas are built from the demo (the same data as `escalade demo`):
- chef.etab (Self-Service, requester), referent.lsu / referent2.lsu (Référents-LSU,
  "Référent fonctionnel" profile), tech.bai (DSI-BAI, Technicien), admin (Super-Admin),
- outsider: a Technicien of another académie who must see nothing of the demo.
"""

from __future__ import annotations

import pytest

from escalade.accounts.models import Entity, Membership, ProfileGrant, SupportGroup, User
from escalade.accounts.who import Who, build_who
from escalade.tickets import workflow
from escalade.tickets.demo import Demo, load_demo
from escalade.tickets.models import Ticket, TicketType


@pytest.fixture
def demo(db) -> Demo:
    return load_demo()


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


@pytest.fixture
def chef(demo) -> Who:
    return as_(demo, "chef.etab")


@pytest.fixture
def referent(demo) -> Who:
    return as_(demo, "referent.lsu", "Référent fonctionnel")


@pytest.fixture
def referent2(demo) -> Who:
    return as_(demo, "referent2.lsu", "Référent fonctionnel")


@pytest.fixture
def tech(demo) -> Who:
    return as_(demo, "tech.bai")


@pytest.fixture
def admin_who(demo) -> Who:
    return as_(demo, "admin")


@pytest.fixture
def outsider(demo) -> Who:
    """A technician of another académie, with the same profile as tech.bai."""
    other = Entity.objects.create(name="Académie de Bretagne")
    user = User.objects.create_user("tech.bzh", email="tech.bzh@example.org", password="x")
    ProfileGrant.objects.create(
        user=user, profile=demo.technician, entity=other, is_recursive=True, is_default=True
    )
    group = SupportGroup.objects.create(name="DSI-BZH", entity=other)
    Membership.objects.create(group=group, user=user)
    return build_who(user)


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


@pytest.fixture
def lsu_ticket(demo, chef) -> Ticket:
    return open_lsu_ticket(demo, chef)


@pytest.fixture(autouse=True)
def _attachments_in_tmp(settings, tmp_path):
    settings.ATTACHMENTS_DIR = tmp_path / "attachments"
