"""``access.profiles_seeing`` (the notifications' rule, in Python) decides exactly what
``access.visible_tickets`` decides, over a matrix of users, profiles and tickets."""

from __future__ import annotations

import pytest

from escalade.accounts.models import (
    Entity,
    Membership,
    Profile,
    ProfileGrant,
    SupportGroup,
    User,
)
from escalade.accounts.rights import Right
from escalade.accounts.who import NoProfile, build_who
from escalade.tickets import access
from escalade.tickets.models import Role, Ticket, TicketActor
from escalade.tickets.status import Status

R = Right
PROFILES = {
    "all": [R.TICKET_READ_ALL],
    "my": [R.TICKET_READ_MY],
    "group": [R.TICKET_READ_GROUP],
    "assigned": [R.TICKET_READ_ASSIGNED],
    "dispatch": [R.TICKET_READ_ASSIGNED, R.TICKET_ASSIGN],
    "assign_only": [R.TICKET_ASSIGN],
    "nothing": [R.TICKET_CREATE],
    "all_but_delete": [R.TICKET_READ_MY, R.TICKET_READ_GROUP, R.TICKET_READ_ASSIGNED],
}


@pytest.fixture
def world(db):
    """Two trees (A with A1 > A1a and A2; B), profiles with one rule each, users holding
    them in various places, recursively or not, and tickets in every relation."""
    a = Entity.objects.create(name="A")
    a1 = Entity.objects.create(name="A1", parent=a)
    a1a = Entity.objects.create(name="A1a", parent=a1)
    a2 = Entity.objects.create(name="A2", parent=a)
    b = Entity.objects.create(name="B")
    entities = [a, a1, a1a, a2, b]
    profiles = {
        name: Profile.objects.create(name=f"P-{name}", rights=rights)
        for name, rights in PROFILES.items()
    }

    def user(name: str, **extra) -> User:
        return User.objects.create_user(name, email=f"{name}@example.org", **extra)

    recursive = user("recursive")  # every profile, recursively on A1
    direct = user("direct")  # every profile, on A1 only
    mixed = user("mixed")  # one profile per place
    boss = user("boss", is_superuser=True)  # superuser without grants
    chief = user("chief", is_superuser=True)  # superuser with one narrow grant
    nobody = user("nobody")  # no grant at all
    other = user("other")
    for profile in profiles.values():
        ProfileGrant.objects.create(user=recursive, profile=profile, entity=a1)
        ProfileGrant.objects.create(user=direct, profile=profile, entity=a1, is_recursive=False)
    for name, entity, rec in (
        ("all", b, True),
        ("my", a, True),
        ("group", a1a, False),
        ("assigned", a2, True),
        ("dispatch", a1, False),
        ("all_but_delete", a1a, True),
    ):
        ProfileGrant.objects.create(
            user=mixed, profile=profiles[name], entity=entity, is_recursive=rec
        )
    ProfileGrant.objects.create(user=chief, profile=profiles["my"], entity=a2)

    mine = SupportGroup.objects.create(name="G-mine", entity=a)
    theirs = SupportGroup.objects.create(name="G-theirs", entity=a)
    for member in (recursive, direct, mixed, chief):
        Membership.objects.create(group=mine, user=member)
    Membership.objects.create(group=theirs, user=other)

    variants: list[tuple[str, dict, list[tuple[int, User | None, SupportGroup | None]]]] = []
    for u in (recursive, direct, mixed, chief):
        variants += [
            (f"created by {u}", {"created_by": u}, []),
            (f"{u} requester", {}, [(Role.REQUESTER, u, None)]),
            (f"{u} observer", {}, [(Role.OBSERVER, u, None)]),
            (f"{u} assigned", {}, [(Role.ASSIGNED, u, None)]),
        ]
    variants += [
        ("group requester", {}, [(Role.REQUESTER, None, mine)]),
        ("group observer", {}, [(Role.OBSERVER, None, mine)]),
        ("group assigned", {}, [(Role.ASSIGNED, None, mine)]),
        (
            "other group assigned",
            {},
            [(Role.ASSIGNED, None, theirs), (Role.REQUESTER, other, None)],
        ),
        ("new, nobody", {"status": Status.NEW}, []),
        ("new, assigned to others", {"status": Status.NEW}, [(Role.ASSIGNED, other, None)]),
        (
            "deleted",
            {"is_deleted": True, "created_by": recursive, "status": Status.NEW},
            [(Role.ASSIGNED, None, mine), (Role.REQUESTER, mixed, None)],
        ),
    ]
    tickets = []
    for entity in entities:
        for label, fields, actors in variants:
            fields = {"status": Status.ASSIGNED, "created_by": other, **fields}
            ticket = Ticket.objects.create(entity=entity, title=f"{label} @ {entity}", **fields)
            for role, u, group in actors:
                TicketActor.objects.create(ticket=ticket, role=role, user=u, group=group)
            tickets.append(ticket)
    return [recursive, direct, mixed, boss, chief, nobody, other], tickets


def test_python_decision_equals_visible_tickets(world, django_assert_num_queries):
    users, tickets = world
    tickets = list(Ticket.objects.filter(pk__in=[t.pk for t in tickets]).select_related("entity"))
    actors = {t.pk: list(TicketActor.objects.filter(ticket=t)) for t in tickets}
    seen_pairs = 0
    for user in users:
        grants = list(ProfileGrant.objects.filter(user=user).select_related("profile", "entity"))
        groups = frozenset(Membership.objects.filter(user=user).values_list("group_id", flat=True))
        profile_ids: list[int | None] = sorted({g.profile_id for g in grants}) or [None]
        expected: dict[int, set[int | None]] = {t.pk: set() for t in tickets}
        for profile_id in profile_ids:
            try:
                who = build_who(user, profile_id=profile_id)
            except NoProfile:
                continue
            assert who.profile.pk == (profile_id or 0)
            visible = set(access.visible_tickets(who).values_list("pk", flat=True))
            for ticket in tickets:
                if ticket.pk in visible:
                    expected[ticket.pk].add(profile_id)
        for ticket in tickets:
            with django_assert_num_queries(0):
                found = access.profiles_seeing(ticket, actors[ticket.pk], user, grants, groups)
            got = {p.pk or None for p in found}
            assert got == expected[ticket.pk], (user.username, ticket.title)
            # The same with only the grants reaching the ticket's entity (as notifications
            # load them), and whether the user holds any grant.
            reaching = list(
                ProfileGrant.objects.filter(
                    access.grants_on(ticket.entity), user=user
                ).select_related("profile", "entity")
            )
            assert {g.pk for g in reaching} == {
                g.pk for g in grants if access.grant_reaches(g, ticket.entity)
            }
            found = access.profiles_seeing(
                ticket, actors[ticket.pk], user, reaching, groups, holds_grants=bool(grants)
            )
            assert {p.pk or None for p in found} == got, (user.username, ticket.title)
            seen_pairs += bool(got)
    # The matrix is not trivial: many pairs seen, many not.
    assert 50 < seen_pairs < len(users) * len(tickets) - 50


def test_every_rule_lets_someone_see_and_someone_not(world):
    """Each profile sees some tickets and misses others in the matrix (no dead rule)."""
    users, tickets = world
    tickets = list(Ticket.objects.filter(pk__in=[t.pk for t in tickets]).select_related("entity"))
    recursive = users[0]
    grants = list(ProfileGrant.objects.filter(user=recursive).select_related("profile", "entity"))
    groups = frozenset(Membership.objects.filter(user=recursive).values_list("group_id", flat=True))
    counts = {g.profile.name: 0 for g in grants}
    for ticket in tickets:
        actors = list(TicketActor.objects.filter(ticket=ticket))
        for profile in access.profiles_seeing(ticket, actors, recursive, grants, groups):
            counts[profile.name] += 1
    assert counts["P-nothing"] == counts["P-assign_only"] == 0
    for name in ("all", "my", "group", "assigned", "dispatch", "all_but_delete"):
        assert 0 < counts[f"P-{name}"] < len(tickets), name
    assert counts["P-all"] > counts["P-dispatch"] > counts["P-assigned"]
