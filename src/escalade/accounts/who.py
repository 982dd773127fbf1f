"""Who is acting: a user with an active profile and active entities.

Every right check (escalade.tickets.access) takes a ``Who``. The web session,
the API session or token and the mail gateway each build one the same way,
through ``build_who``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib.sessions.backends.base import SessionBase
from django.db.models import Q

from escalade.accounts.models import Entity, Profile, ProfileGrant, User, entities_under
from escalade.accounts.rights import ALL_RIGHTS, Interface


class NoProfile(Exception):
    """The user holds no profile at all: they may sign in but do nothing."""


class NotHeld(ValueError):
    """A profile or an entity was asked for that the user does not hold.

    ``what`` is ``"profile"`` or ``"entity"``; ``value`` the id that was asked for.
    Every way in (web session, GLPI session, API token and headers) turns it into its
    own answer; none falls back silently to the defaults.
    """

    def __init__(self, what: str, value: int, username: str) -> None:
        self.what, self.value = what, value
        super().__init__(f"{what} {value} is not held by {username}")


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
    # What access computes once per context (e.g. the entities items are shared from),
    # for the life of this request's Who; never copied by dataclasses.replace.
    memo: dict[str, Any] = field(default_factory=dict, init=False, compare=False, repr=False)

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
    """The acting context for ``user``: the only place that builds one.

    ``profile_id`` None: the default profile; ``entity_id`` None: all the profile's
    entities. An id the user does not hold raises ``NotHeld`` (never a silent fallback);
    a user with no profile at all raises ``NoProfile``.
    """
    grants = list(ProfileGrant.objects.filter(user=user).select_related("profile", "entity"))
    group_ids = frozenset(user.support_groups.values_list("pk", flat=True))
    if not grants:
        if not user.is_superuser:
            raise NoProfile(user.username)
        return _superuser_who(user, group_ids, profile_id, entity_id, recursive)

    profiles: dict[int, Profile] = {}
    for grant in grants:
        profiles.setdefault(grant.profile_id, grant.profile)
    if profile_id is None:
        profile_id = next((g for g in grants if g.is_default), grants[0]).profile_id
    elif profile_id not in profiles:
        raise NotHeld("profile", profile_id, user.username)
    profile = profiles[profile_id]

    mine = [g for g in grants if g.profile_id == profile_id]
    direct = {g.entity_id for g in mine if not g.is_recursive}
    tree_roots = {g.entity_id for g in mine if g.is_recursive}
    allowed = set(direct)
    root_paths = tuple(sorted({g.entity.path for g in mine if g.is_recursive}))
    if tree_roots:
        allowed |= set(entities_under(tree_roots).order_by().values_list("pk", flat=True))

    ordered = tuple(sorted(profiles.values(), key=lambda p: p.name))
    if entity_id is None:
        scope = EntityScope(paths=root_paths, ids=frozenset(direct))
        return Who(user, profile, frozenset(allowed), group_ids, None, True, ordered, scope)
    if entity_id not in allowed:
        raise NotHeld("entity", entity_id, user.username)
    active, scope = _narrowed(entity_id, recursive, allowed, root_paths)
    return Who(user, profile, active, group_ids, entity_id, recursive, ordered, scope)


def _superuser_who(
    user: User,
    group_ids: frozenset[int],
    profile_id: int | None,
    entity_id: int | None,
    recursive: bool,
) -> Who:
    """A superuser without grants: every right (profile 0) on every entity."""
    profile = superuser_profile()
    if profile_id not in (None, profile.pk):
        raise NotHeld("profile", profile_id, user.username)
    everything = dict(Entity.objects.values_list("pk", "path"))
    if entity_id is None:
        scope = EntityScope(everything=True)
        every = frozenset(everything)
        return Who(user, profile, every, group_ids, profiles=(profile,), entity_scope=scope)
    if entity_id not in everything:
        raise NotHeld("entity", entity_id, user.username)
    active, scope = _narrowed(entity_id, recursive, set(everything), ("/",))
    return Who(user, profile, active, group_ids, entity_id, recursive, (profile,), scope)


def _narrowed(
    entity_id: int, recursive: bool, allowed: set[int], root_paths: tuple[str, ...]
) -> tuple[frozenset[int], EntityScope]:
    """The active entities when one of ``allowed`` is chosen (with its subtree or alone)."""
    if not recursive:
        return frozenset({entity_id}), EntityScope(ids=frozenset({entity_id}))
    under = dict(entities_under([entity_id]).values_list("pk", "path"))
    active = frozenset(set(under) & allowed)
    path = under.get(entity_id)
    inside = path is not None and any(path.startswith(p) for p in root_paths)
    # Below a granted tree, the active subtree is whole; elsewhere, list it.
    scope = EntityScope(paths=(path,)) if path is not None and inside else EntityScope(ids=active)
    return active, scope


SESSION_PROFILE = "escalade.profile_id"
SESSION_ENTITY = "escalade.entity_id"
SESSION_RECURSIVE = "escalade.recursive"


def who_from_session(user: User, session: SessionBase) -> Who:
    """The web session's acting context.

    What the session holds was checked when it was chosen; a profile or entity revoked
    since is forgotten (the defaults apply), as the session's choice no longer stands.
    """
    try:
        return build_who(
            user,
            profile_id=session.get(SESSION_PROFILE),
            entity_id=session.get(SESSION_ENTITY),
            recursive=session.get(SESSION_RECURSIVE, True),
        )
    except NotHeld:
        for key in (SESSION_PROFILE, SESSION_ENTITY, SESSION_RECURSIVE):
            session.pop(key, None)
        return build_who(user)


def switch_profile(user: User, session: SessionBase, profile_id: int) -> Who:
    """Make ``profile_id`` the session's active profile; ``NotHeld`` if not held."""
    who = build_who(user, profile_id=profile_id)
    session[SESSION_PROFILE] = profile_id
    session[SESSION_ENTITY] = None
    session[SESSION_RECURSIVE] = True
    return who


def switch_entity(
    user: User, session: SessionBase, entity_id: int | None, *, recursive: bool = True
) -> Who:
    """Narrow the active entities (None: all); ``NotHeld`` if outside the profile's reach."""
    current = who_from_session(user, session)
    who = build_who(
        user, profile_id=current.profile.pk or None, entity_id=entity_id, recursive=recursive
    )
    session[SESSION_ENTITY] = entity_id
    session[SESSION_RECURSIVE] = recursive
    return who
