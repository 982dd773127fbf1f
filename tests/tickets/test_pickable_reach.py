"""Categories, groups and users one may pick: decided from the entity paths of the grants,
with exactly the meaning of the explicit entity list (checked against it here)."""

from __future__ import annotations

import dataclasses

import pytest
from django.db.models import Q

from escalade.accounts.models import Entity, ProfileGrant, SupportGroup, User
from escalade.accounts.who import NotHeld, build_who
from escalade.tickets import access
from escalade.tickets.models import Category, TicketType


def reference_shared(entity_ids) -> Q:
    """The former definition: shared with one of the ids, or recursive above one."""
    paths = Entity.objects.filter(pk__in=entity_ids).values_list("path", flat=True)
    ancestors = {int(pk) for path in paths for pk in path.strip("/").split("/") if pk}
    return Q(entity_id__in=entity_ids) | Q(entity_id__in=ancestors, is_recursive=True)


def reference_users(who) -> set[int]:
    users = User.objects.filter(is_active=True)
    if not who.has_any("ticket.update", "ticket.assign"):
        users = users.filter(pk=who.user.pk)
    else:
        users = users.filter(Q(grants__entity_id__in=who.entity_ids) | Q(pk=who.user.pk))
    return set(users.values_list("pk", flat=True))


@pytest.fixture
def tree(demo):
    """A deeper tree, categories and groups at every level, recursive or not."""
    bassin = Entity.objects.create(name="Bassin Caen", parent=demo.academie)
    ecole = Entity.objects.create(name="École A", parent=bassin)
    classe = Entity.objects.create(name="Classe 1", parent=ecole)
    other = Entity.objects.create(name="Académie de Bretagne")
    for entity in (demo.academie, bassin, ecole, classe, other, demo.college):
        for recursive in (True, False):
            suffix = "r" if recursive else "d"
            Category.objects.create(
                name=f"Cat {entity.name} {suffix}",
                entity=entity,
                is_recursive=recursive,
                is_incident=recursive,
                is_request=True,
            )
            SupportGroup.objects.create(
                name=f"Grp {entity.name} {suffix}", entity=entity, is_recursive=recursive
            )
    return {"bassin": bassin, "ecole": ecole, "classe": classe, "other": other}


def mixed_user(demo, tree) -> User:
    """Recursive on the bassin, direct on the college and on the other académie."""
    user = User.objects.create_user("mixte", first_name="Mixte", last_name="Grants")
    grants = ((tree["bassin"], True), (demo.college, False), (tree["other"], False))
    for entity, recursive in grants:
        ProfileGrant.objects.create(
            user=user, profile=demo.technician, entity=entity, is_recursive=recursive
        )
    User.objects.create_user("voisin").grants.create(
        profile=demo.self_service, entity=tree["classe"], is_default=True
    )
    return user


def whos(demo, tree):
    from tests.conftest import as_

    user = mixed_user(demo, tree)
    admin = User.objects.get(username="admin")
    root_admin = User.objects.create_superuser("root", password="x")  # no grant at all
    yield as_(demo, "chef.etab")
    yield as_(demo, "tech.bai")
    yield as_(demo, "referent.lsu", "Référent fonctionnel")
    yield build_who(root_admin)
    yield build_who(user)
    for entity in (tree["bassin"], tree["ecole"], demo.college, tree["other"], demo.academie):
        for recursive in (True, False):
            if entity.pk in build_who(user).entity_ids:
                yield build_who(user, entity_id=entity.pk, recursive=recursive)
            if entity.pk in build_who(admin).entity_ids:
                yield build_who(admin, entity_id=entity.pk, recursive=recursive)


def test_picking_lists_mean_what_the_entity_list_means(demo, tree, monkeypatch):
    monkeypatch.setattr("escalade.accounts.who.SMALL_REACH", 0)  # always by paths here
    checked = 0
    for who in whos(demo, tree):
        for ticket_type in (None, TicketType.INCIDENT, TicketType.REQUEST):
            expected = Category.objects.filter(reference_shared(who.entity_ids))
            if ticket_type == TicketType.INCIDENT:
                expected = expected.filter(is_incident=True)
            elif ticket_type == TicketType.REQUEST:
                expected = expected.filter(is_request=True)
            if who.is_simplified:
                expected = expected.filter(is_helpdesk_visible=True)
            got = access.visible_categories(who, ticket_type=ticket_type)
            assert set(got) == set(expected), (who.user, who.active_entity_id, ticket_type)
        groups = SupportGroup.objects.filter(reference_shared(who.entity_ids))
        assert set(access.visible_groups(who)) == set(groups), (who.user, who.active_entity_id)
        assert set(access.visible_users(who).values_list("pk", flat=True)) == reference_users(who)
        assert who.reach_by_paths  # by paths, not the fallback on the id list
        checked += 1
    assert checked == 21  # 5 contexts + 8 narrowings for each of the two users  (none falls back)


def test_an_entity_list_the_grants_do_not_describe_is_used_as_is(demo, tree):
    from tests.conftest import as_

    tech = as_(demo, "tech.bai")
    narrowed = dataclasses.replace(tech, entity_ids=frozenset({tree["ecole"].pk}))
    assert not narrowed.reach_by_paths
    expected = set(Category.objects.filter(reference_shared(narrowed.entity_ids)))
    assert set(access.visible_categories(narrowed)) == expected
    assert Category.objects.get(name="Cat École A d") in expected
    assert Category.objects.get(name="Cat Bassin Caen d") not in expected


def test_categories_of_the_create_form_cost_a_few_queries(
    demo, tree, django_assert_max_num_queries
):
    from escalade.accounts.who import SMALL_REACH
    from tests.conftest import as_

    tech = as_(demo, "tech.bai")
    for number in range(SMALL_REACH + 10):  # a reach large enough to be told by paths
        last = Entity.objects.create(name=f"Établissement {number}", parent=tree["ecole"])
    tech = build_who(tech.user)
    assert tech.reach_by_paths
    with django_assert_max_num_queries(3) as queries:
        list(access.visible_categories(tech))
    assert all(str(last.pk) not in q["sql"] for q in queries.captured_queries)


def test_an_entity_or_profile_not_held_is_refused_not_replaced(demo, tree):
    """The one builder of acting contexts refuses what is not held (no silent default)."""
    admin = User.objects.get(username="admin")
    outside = tree["other"]  # another académie: not under the admin's grants
    assert outside.pk not in build_who(admin).entity_ids
    with pytest.raises(NotHeld) as refused:
        build_who(admin, entity_id=outside.pk)
    assert (refused.value.what, refused.value.value) == ("entity", outside.pk)
    chef = User.objects.get(username="chef.etab")
    foreign = (
        ProfileGrant.objects.exclude(user=chef)
        .exclude(profile__in=chef.grants.values("profile"))
        .first()
    )
    assert foreign is not None
    with pytest.raises(NotHeld) as refused:
        build_who(chef, profile_id=foreign.profile_id)
    assert refused.value.what == "profile"
