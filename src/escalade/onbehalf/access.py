"""Who may open a ticket for whom, with which source, in which entity.

GLPI's rules (``Ticket::canDelegateeCreateTicket``): in the standard interface, a user who
may create tickets names any requester they may pick; in the simplified interface, only
the members of a group where they are a delegate (``Group_User.is_userdelegate``).
Escalade adds the entity check GLPI leaves to the session: the ticket goes to an entity
where every requester may open tickets and the creator may act.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from escalade.accounts.models import Entity, Membership, ProfileGrant, SupportGroup, User
from escalade.accounts.rights import Right
from escalade.accounts.who import Who
from escalade.tickets import access
from escalade.tickets.errors import InvalidInput
from escalade.tickets.models import Source

# The sources a person may choose on a new ticket (API and mail are set by those ways in).
CHOSEN_SOURCES = [Source.HELPDESK, Source.PHONE, Source.EMAIL, Source.DIRECT, Source.OTHER]


def may_choose_actors(who: Who | None) -> bool:
    """Name the requester, observers and source of a new ticket (standard interface)."""
    if who is None:
        return True
    return not who.is_simplified and who.has(Right.TICKET_CREATE)


def is_delegate(who: Who) -> bool:
    return Membership.objects.filter(user_id=who.user.pk, is_delegate=True).exists()


def may_open_for_others(who: Who | None) -> bool:
    """The create form offers « pour un autre » (standard right, or a delegate)."""
    if who is None:
        return True
    if not who.has(Right.TICKET_CREATE):
        return False
    return may_choose_actors(who) or is_delegate(who)


def delegated_members(who: Who) -> QuerySet[User]:
    """The active members of the groups where ``who`` is a delegate (``who`` included)."""
    groups = Membership.objects.filter(user_id=who.user.pk, is_delegate=True).values("group_id")
    return User.objects.filter(
        Q(is_active=True, membership__group_id__in=groups) | Q(pk=who.user.pk)
    ).distinct()


def requester_choices(who: Who) -> QuerySet[User]:
    """Users ``who`` may name as requester of a new ticket."""
    if may_choose_actors(who):
        return access.visible_users(who)
    return delegated_members(who)


def check_source(who: Who | None, source: str, *, default: str) -> str:
    """The source asked for, if ``who`` may choose it; ``default`` when none was asked."""
    if not source or source == default:
        return default
    if source not in CHOSEN_SOURCES and source != Source.API:
        raise InvalidInput(_("Source de la demande inconnue."), field="source")
    if not may_choose_actors(who):
        raise InvalidInput(
            _("Votre profil ne permet pas de choisir la source de la demande."), field="source"
        )
    return source


def check_requesters(
    who: Who | None, users: Sequence[User], groups: Sequence[SupportGroup]
) -> None:
    """Refuse requesters ``who`` may not name (the workflow calls it on every way in)."""
    if who is None:
        return
    others = [u for u in users if u.pk != who.user.pk]
    if groups and not may_choose_actors(who):
        raise InvalidInput(
            _("Votre profil ne permet pas de nommer un groupe demandeur."), field="requesters"
        )
    if not others:
        return
    allowed = set(
        requester_choices(who).filter(pk__in=[u.pk for u in others]).values_list("pk", flat=True)
    )
    for user in others:
        if user.pk not in allowed:
            raise InvalidInput(
                _("Vous ne pouvez pas ouvrir de ticket pour %s.") % user, field="requesters"
            )


def _creating_grants(user_ids: Sequence[int]) -> list[ProfileGrant]:
    grants = ProfileGrant.objects.filter(user_id__in=user_ids).select_related("entity", "profile")
    return [g for g in grants if Right.TICKET_CREATE in (g.profile.rights or [])]


def may_open_in(grants: Sequence[ProfileGrant], user_id: int, entity: Entity) -> bool:
    return any(g.user_id == user_id and access.grant_reaches(g, entity) for g in grants)


def creation_entity(who: Who, requesters: Sequence[User], entity: Entity | None) -> Entity | None:
    """The entity of a ticket opened by ``who`` for ``requesters`` (others than ``who``):
    the one asked for, else the active one, else a requester's default: always one where
    every requester may open tickets and ``who`` acts. None when ``who`` opens for
    themself only (the workflow's usual choice)."""
    others = [u for u in requesters if u.pk != who.user.pk]
    if not others:
        return None
    grants = _creating_grants([u.pk for u in others])

    def fits(candidate: Entity) -> bool:
        return candidate.pk in who.entity_ids and all(
            may_open_in(grants, u.pk, candidate) for u in others
        )

    if entity is not None:
        if entity.pk not in who.entity_ids:
            raise InvalidInput(
                _("Cette entité n'est pas parmi vos entités actives."), field="entity"
            )
        refused = next((u for u in others if not may_open_in(grants, u.pk, entity)), None)
        if refused is not None:
            raise InvalidInput(
                _("%(user)s ne peut pas ouvrir de ticket dans l'entité « %(entity)s ».")
                % {"user": refused, "entity": entity.full_name},
                field="entity",
            )
        return entity
    if who.active_entity_id is not None:
        active = Entity.objects.get(pk=who.active_entity_id)
        if fits(active):
            return active
    first = others[0]
    ordered = sorted(
        (g for g in grants if g.user_id == first.pk),
        key=lambda g: (not g.is_default, g.entity.level, g.pk),
    )
    for grant in ordered:
        if fits(grant.entity):
            return grant.entity
    # A recursive grant of the requester above the creator's reach: the creator's entities
    # below it (the closest to the root first).
    below = [
        e
        for e in Entity.objects.filter(pk__in=list(who.entity_ids)).order_by("level", "pk")[:200]
        if fits(e)
    ]
    if below:
        return below[0]
    raise InvalidInput(
        _("%s ne peut ouvrir de ticket dans aucune de vos entités.") % first, field="requesters"
    )
