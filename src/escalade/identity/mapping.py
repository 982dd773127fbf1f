"""Apply the directory mapping rules to a user at sign-in (the only writer of managed rows)."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.db import transaction

from escalade.accounts.models import Membership, ProfileGrant, User
from escalade.identity.models import DirectoryGrant, DirectoryMapping, DirectoryMembership

logger = logging.getLogger("escalade.identity")


def apply_directory_groups(user: User, directory_groups: Iterable[str], *, source: str) -> None:
    """Give ``user`` what the rules matching ``directory_groups`` give; take back the rest.

    ``directory_groups`` holds group DNs and names (LDAP) or claim values (OIDC);
    matching ignores case. Memberships and grants made by hand are never touched.
    """
    keys = {name.strip().lower() for name in directory_groups if name and name.strip()}
    rules = [rule for rule in DirectoryMapping.objects.all() if rule.key in keys]
    wanted_groups = {rule.support_group_id for rule in rules if rule.support_group_id}
    wanted_grants: dict[tuple[int, int], bool] = {}
    for rule in rules:
        if rule.profile_id and rule.entity_id:
            pair = (rule.profile_id, rule.entity_id)
            wanted_grants[pair] = wanted_grants.get(pair, False) or rule.is_recursive
    with transaction.atomic():
        _sync_memberships(user, wanted_groups, source)
        _sync_grants(user, wanted_grants, source)


def _sync_memberships(user: User, wanted: set[int], source: str) -> None:
    current = {m.group_id: m for m in Membership.objects.filter(user=user)}
    managed = set(
        DirectoryMembership.objects.filter(membership__user=user).values_list(
            "membership_id", flat=True
        )
    )
    for group_id in sorted(wanted - current.keys()):
        membership = Membership.objects.create(user=user, group_id=group_id)
        DirectoryMembership.objects.create(membership=membership)
        logger.info("%s: %s joins group #%s", source, user.username, group_id)
    for group_id, membership in current.items():
        if group_id not in wanted and membership.pk in managed:
            membership.delete()
            logger.info("%s: %s leaves group #%s", source, user.username, group_id)


def _sync_grants(user: User, wanted: dict[tuple[int, int], bool], source: str) -> None:
    current = {(g.profile_id, g.entity_id): g for g in ProfileGrant.objects.filter(user=user)}
    managed = set(
        DirectoryGrant.objects.filter(grant__user=user).values_list("grant_id", flat=True)
    )
    has_default = any(g.is_default for g in current.values())
    for pair in sorted(wanted.keys() - current.keys()):
        profile_id, entity_id = pair
        grant = ProfileGrant.objects.create(
            user=user,
            profile_id=profile_id,
            entity_id=entity_id,
            is_recursive=wanted[pair],
            is_default=not has_default,
        )
        has_default = True
        DirectoryGrant.objects.create(grant=grant)
        logger.info("%s: %s gets profile #%s on entity #%s", source, user.username, *pair)
    for pair, grant in current.items():
        if grant.pk not in managed:
            continue
        if pair not in wanted:
            grant.delete()
            logger.info("%s: %s loses profile #%s on entity #%s", source, user.username, *pair)
        elif grant.is_recursive != wanted[pair]:
            grant.is_recursive = wanted[pair]
            grant.save(update_fields=["is_recursive"])
