"""Who is acting: a user with an active profile and active entities.

Every right check (escalade.tickets.access) takes a ``Who``. The web session,
the API session or token and the mail gateway each build one the same way,
through ``build_who``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q

from escalade.accounts.models import Entity, Profile, ProfileGrant, User, entities_under
from escalade.accounts.rights import ALL_RIGHTS, Interface


class NoProfile(Exception):
    """The user holds no profile at all: they may sign in but do nothing."""


@dataclass(frozen=True)
class Who:
    user: User
    profile: Profile
    entity_ids: frozenset[int]
    group_ids: frozenset[int]
    active_entity_id: int | None = None  # None: all the profile's entities
    recursive: bool = True
    profiles: tuple[Profile, ...] = field(default=(), compare=False)
    # The same entities as ``entity_ids``, described for SQL: the trees (materialized
    # paths) and the single entities they are made of. ``None``: only the id set is known.
    entity_scope: EntityScope | None = field(default=None, compare=False)

    @property
    def reach_by_paths(self) -> bool:
        """Whether queries describe the entities by their tree (past ``SMALL_REACH``)."""
        return self.entity_scope is not None and len(self.entity_ids) > SMALL_REACH

    def in_reach(self, column: str = "entity_id") -> Q:
        """``column`` (an entity foreign key) among the active entities, as one condition.

        A whole tree costs one ``LIKE 'path%'`` on the entity table instead of a list of
        thousands of ids (which Django and the database both pay for on every query);
        the tree of every entity is no condition at all.
        """
        scope = self.entity_scope
        if scope is None or not self.reach_by_paths:
            return Q(**{f"{column}__in": self.entity_ids})
        if scope.everything:
            return Q()
        entities = Q(pk__in=scope.ids) if scope.ids else Q(pk__in=[])
        for path in scope.paths:
            entities |= Q(path__startswith=path)
        return Q(**{f"{column}__in": Entity.objects.filter(entities).values("pk")})

    def has(self, right: str) -> bool:
        return right in self.profile.rights

    def has_any(self, *rights: str) -> bool:
        return any(right in self.profile.rights for right in rights)

    @property
    def is_simplified(self) -> bool:
        return self.profile.interface == Interface.SIMPLIFIED

    @property
    def user_id(self) -> int:
        return self.user.pk


SMALL_REACH = 64  # up to this many entities, an explicit list of ids is the better filter


@dataclass(frozen=True)
class EntityScope:
    paths: tuple[str, ...] = ()  # every entity at or below these paths
    ids: frozenset[int] = frozenset()  # and these ones
    everything: bool = False  # every entity there is


def superuser_profile() -> Profile:
    """A profile with every right, for superusers who hold no explicit grant."""
    return Profile(id=0, name="Super-Admin", interface=Interface.STANDARD, rights=list(ALL_RIGHTS))


def build_who(
    user: User,
    *,
    profile_id: int | None = None,
    entity_id: int | None = None,
    recursive: bool = True,
) -> Who:
    """The acting context for ``user``; unknown or foreign ids fall back to the defaults."""
    grants = list(ProfileGrant.objects.filter(user=user).select_related("profile", "entity"))
    group_ids = frozenset(user.support_groups.values_list("pk", flat=True))
    if not grants:
        if user.is_superuser:
            all_ids = frozenset(Entity.objects.values_list("pk", flat=True))
            profile = superuser_profile()
            scope = EntityScope(everything=True)
            return Who(user, profile, all_ids, group_ids, profiles=(profile,), entity_scope=scope)
        raise NoProfile(user.username)

    profiles: dict[int, Profile] = {}
    for grant in grants:
        profiles.setdefault(grant.profile_id, grant.profile)
    if profile_id not in profiles:
        default = next((g for g in grants if g.is_default), grants[0])
        profile_id = default.profile_id
    assert profile_id is not None
    profile = profiles[profile_id]

    mine = [g for g in grants if g.profile_id == profile_id]
    direct = {g.entity_id for g in mine if not g.is_recursive}
    tree_roots = {g.entity_id for g in mine if g.is_recursive}
    allowed = set(direct)
    root_paths = tuple(sorted({g.entity.path for g in mine if g.is_recursive}))
    if tree_roots:
        allowed |= set(entities_under(tree_roots).order_by().values_list("pk", flat=True))

    active: set[int] = allowed
    scope = EntityScope(paths=root_paths, ids=frozenset(direct))
    if entity_id is not None and entity_id in allowed:
        if recursive:
            under = dict(entities_under([entity_id]).values_list("pk", "path"))
            active = set(under) & allowed
            path = under.get(entity_id)
            inside = path is not None and any(path.startswith(p) for p in root_paths)
            # Below a granted tree, the active subtree is whole; elsewhere, list it.
            scope = (
                EntityScope(paths=(path,))
                if path is not None and inside
                else EntityScope(ids=frozenset(active))
            )
        else:
            active = {entity_id}
            scope = EntityScope(ids=frozenset(active))
    else:
        entity_id = None
        recursive = True
    ordered = tuple(sorted(profiles.values(), key=lambda p: p.name))
    return Who(user, profile, frozenset(active), group_ids, entity_id, recursive, ordered, scope)


SESSION_PROFILE = "escalade.profile_id"
SESSION_ENTITY = "escalade.entity_id"
SESSION_RECURSIVE = "escalade.recursive"


def who_from_session(user: User, session) -> Who:
    return build_who(
        user,
        profile_id=session.get(SESSION_PROFILE),
        entity_id=session.get(SESSION_ENTITY),
        recursive=session.get(SESSION_RECURSIVE, True),
    )


def switch_profile(user: User, session, profile_id: int) -> Who:
    """Make ``profile_id`` the session's active profile; ValueError if not held."""
    who = build_who(user, profile_id=profile_id)
    if who.profile.pk != profile_id:
        raise ValueError(f"profile {profile_id} is not held by {user.username}")
    session[SESSION_PROFILE] = profile_id
    session[SESSION_ENTITY] = None
    session[SESSION_RECURSIVE] = True
    return who


def switch_entity(user: User, session, entity_id: int | None, *, recursive: bool = True) -> Who:
    """Narrow the active entities (None: all); ValueError if outside the profile's reach."""
    current = who_from_session(user, session)
    who = build_who(user, profile_id=current.profile.pk, entity_id=entity_id, recursive=recursive)
    if entity_id is not None and who.active_entity_id != entity_id:
        raise ValueError(f"entity {entity_id} is outside the active profile's entities")
    session[SESSION_ENTITY] = entity_id
    session[SESSION_RECURSIVE] = recursive
    return who
