"""Users and groups to pick as actors: one search, one value format, one role map.

The « + » pickers of the ticket page and of the create form, the list's actor filters,
/api/v1's directory (users and groups) and the forms that read a picked value all use
these; the access module decides who may be picked (``visible_users``/``visible_groups``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from escalade.accounts.models import SupportGroup, User
from escalade.accounts.who import Who
from escalade.core import parsing
from escalade.tickets import access
from escalade.tickets.models import Role

SEARCH_LIMIT = 20  # users or groups offered at once: type to narrow
INVALID_PARTY = _("Choisissez un utilisateur ou un groupe proposé par la recherche.")

# The group's flag that lets it hold each role (the only map of them).
GROUP_FLAGS = {
    Role.REQUESTER: "may_be_requester",
    Role.ASSIGNED: "may_be_assigned",
    Role.OBSERVER: "may_be_observer",
}


def group_may_be(group: SupportGroup, role: int) -> bool:
    """Whether ``group`` may be a requester, an assignee or an observer (``role``)."""
    return bool(getattr(group, GROUP_FLAGS[Role(role)]))


def value_of(party: User | SupportGroup) -> str:
    """The value a picker carries for a user ("u12") or a group ("g3")."""
    return f"u{party.pk}" if isinstance(party, User) else f"g{party.pk}"


def parse(value: str) -> tuple[str, int] | None:
    """("u", 12) for "u12", ("g", 3) for "g3"; None for anything else."""
    kind, number = value[:1], value[1:]
    if kind not in ("u", "g") or not number.isascii():
        return None
    try:
        return kind, parsing.object_id(number)
    except parsing.BadValue:
        return None


def _words(text: str) -> list[str]:
    return parsing.search_words(text)


def matching_users(who: Who, text: str, *, list_all: bool = False) -> QuerySet[User]:
    """Users ``who`` may pick whose name, login or e-mail contains every word of ``text``;
    none for an empty text unless ``list_all`` (the pickers search the directory, the
    API's directory lists it by pages)."""
    words = _words(text)
    if not words and not list_all:
        return User.objects.none()
    users = access.visible_users(who)
    for word in words:
        users = users.filter(
            Q(username__icontains=word)
            | Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(email__icontains=word)
        )
    return users.order_by("last_name", "first_name", "username", "pk")


def matching_groups(who: Who, text: str, role: int | None = None) -> QuerySet[SupportGroup]:
    """Groups ``who`` may pick (for ``role``: its may_be_* flag) named with every word."""
    groups = access.visible_groups(who)
    if role is not None:
        groups = groups.filter(**{GROUP_FLAGS[Role(role)]: True})
    for word in _words(text):
        groups = groups.filter(name__icontains=word)
    return groups.order_by("name", "pk")


@dataclass
class PartyChoices:
    """What "+" offers: a bounded page of groups and users, and whether there is more."""

    choices: list[tuple[str, list[tuple[str, str]]]]
    more: bool
    searched: bool


def party_choices(
    who: Who, role: int, text: str = "", *, near_groups: Iterable[int] = ()
) -> PartyChoices:
    """Users and groups ``who`` may pick for ``role`` matching ``text`` (values "u<id>" and
    "g<id>"), at most SEARCH_LIMIT of each. Without text, the closest people first: the
    members of ``near_groups`` (the ticket's groups) and of ``who``'s own groups, then the
    first groups."""
    groups = list(matching_groups(who, text, role)[: SEARCH_LIMIT + 1])
    users = list(matching_users(who, text)[: SEARCH_LIMIT + 1])
    more = len(groups) > SEARCH_LIMIT or len(users) > SEARCH_LIMIT
    choices = []
    if not _words(text):
        near = {*near_groups, *who.group_ids}
        members = (
            access.visible_users(who)
            .filter(support_groups__in=near)
            .distinct()
            .order_by("last_name", "first_name", "username", "pk")[:SEARCH_LIMIT]
            if near
            else []
        )
        choices.append(
            (str(_("Membres des groupes du ticket")), [(f"u{u.pk}", str(u)) for u in members])
        )
    choices += [
        (str(_("Groupes")), [(f"g{g.pk}", g.name) for g in groups[:SEARCH_LIMIT]]),
        (str(_("Utilisateurs")), [(f"u{u.pk}", str(u)) for u in users[:SEARCH_LIMIT]]),
    ]
    return PartyChoices(choices, more, bool(_words(text)))


def find_party(who: Who, value: str, role: int) -> User | SupportGroup | None:
    """The user "u<id>" or group "g<id>" if ``who`` may pick it for ``role``; None for an
    unknown value and for one outside the caller's reach alike (one query)."""
    parsed = parse(value)
    if parsed is None:
        return None
    kind, number = parsed
    if kind == "u":
        return access.visible_users(who).filter(pk=number).first()
    return matching_groups(who, "", role).filter(pk=number).first()
