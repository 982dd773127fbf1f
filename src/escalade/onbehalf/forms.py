"""The create form with « pour le compte de » : requester, observers, assignees, source.

Shape only: each value is looked up among what ``who`` may pick; the workflow checks the
requester and the entity again (every way in)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from escalade.accounts.models import SupportGroup, User
from escalade.accounts.who import Who
from escalade.core import parsing
from escalade.onbehalf import access as onbehalf_access
from escalade.tickets import access, workflow
from escalade.tickets.forms import TicketCreateForm
from escalade.tickets.models import Role, Source
from escalade.tickets.parties import SEARCH_LIMIT, find_party, parse, party_choices, value_of

# role -> form field
FIELDS: dict[int, str] = {
    Role.REQUESTER: "requesters",
    Role.OBSERVER: "observers",
    Role.ASSIGNED: "assignees",
}
INVALID = _("Choisissez un utilisateur ou un groupe proposé par la recherche.")

Party = User | SupportGroup


def initial_from(query: QueryDict) -> dict[str, Any]:
    """The create form's initial values from a GET (the pickers keep every value)."""
    initial: dict[str, Any] = query.dict()
    for name in FIELDS.values():
        if name in query:
            initial[name] = query.getlist(name)[:SEARCH_LIMIT]
    return initial


class PartiesField(forms.MultipleChoiceField):
    """Values "u<id>" / "g<id>", checked by the form with one lookup each."""

    def valid_value(self, value: Any) -> bool:
        return True


def pick(who: Who, role: int, value: str) -> Party | None:
    """A user or group ``who`` may name for ``role`` on a new ticket, or None."""
    if role == Role.REQUESTER:
        if value[:1] == "g":
            if not onbehalf_access.may_choose_actors(who):
                return None
            return find_party(who, value, Role.REQUESTER)
        parsed = parse(value)
        if parsed is None or parsed[0] != "u":
            return None
        return onbehalf_access.requester_choices(who).filter(pk=parsed[1]).first()
    return find_party(who, value, role)


def offered(who: Who, role: int, text: str, chosen: list[str]) -> list[tuple[str, Any]]:
    """The <option>s of a picker: what is chosen, then what matches ``text`` (bounded)."""
    picked = [p for p in (pick(who, role, v) for v in chosen[:SEARCH_LIMIT]) if p is not None]
    taken = {value_of(p) for p in picked}
    found: list[tuple[str, list[tuple[str, str]]]]
    if role == Role.REQUESTER and not onbehalf_access.may_choose_actors(who):
        members = onbehalf_access.delegated_members(who).exclude(pk=who.user.pk)
        for word in parsing.search_words(text):
            members = members.filter(
                Q(username__icontains=word)
                | Q(first_name__icontains=word)
                | Q(last_name__icontains=word)
                | Q(email__icontains=word)
            )
        users = members.order_by("last_name", "first_name", "username", "pk")[:SEARCH_LIMIT]
        found = [(str(_("Membres de mes groupes")), [(f"u{u.pk}", str(u)) for u in users])]
    else:
        # No ticket yet: the "near" people party_choices offers are those of my groups.
        near = str(_("Membres des groupes du ticket"))
        found = [
            (str(_("Membres de mes groupes")) if label == near else label, entries)
            for label, entries in party_choices(who, role, text).choices
        ]
    return [
        (str(_("Choisis")), [(value_of(p), str(p)) for p in picked]),
        *((label, [(v, t) for v, t in entries if v not in taken]) for label, entries in found),
    ]


class OnBehalfCreateForm(TicketCreateForm):
    """The ticket form, plus the actors and the source for who may choose them."""

    requesters = PartiesField(label=_("Demandeur"), required=False)
    observers = PartiesField(label=_("Observateurs"), required=False)
    assignees = PartiesField(label=_("Attribué à"), required=False)
    source = forms.ChoiceField(
        label=_("Source de la demande"),
        choices=[(s.value, s.label) for s in onbehalf_access.CHOSEN_SOURCES],
        initial=Source.HELPDESK,
        required=False,
    )

    def __init__(self, *args: Any, who: Who, **kwargs: Any) -> None:
        super().__init__(*args, who=who, **kwargs)
        self.chosen: dict[int, list[Party]] = {role: [] for role in FIELDS}
        standard = onbehalf_access.may_choose_actors(who)
        if not onbehalf_access.may_open_for_others(who):
            del self.fields["requesters"]
        if not standard:
            del self.fields["observers"], self.fields["source"]
        if not (standard and access.can_assign_at_creation(who)):
            del self.fields["assignees"]

    def pickers(self) -> list[dict[str, Any]]:
        """What the template draws, per role present: field, role and its options."""
        shown = []
        for role, name in FIELDS.items():
            if name not in self.fields:
                continue
            values = self[name].value() or []
            values = [values] if isinstance(values, str) else list(values)
            shown.append(
                {
                    "field": self[name],
                    "role": role,
                    "options": offered(self.who, role, "", list(values)),
                    "values": values,
                }
            )
        return shown

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for role, name in FIELDS.items():
            if name not in self.fields:
                continue
            for value in dict.fromkeys(data.get(name) or []):
                party = pick(self.who, role, value)
                if party is None:
                    self.add_error(name, INVALID)
                    break
                self.chosen[role].append(party)
        return data

    def actors(self) -> workflow.Actors:
        return workflow.Actors(
            requesters=self.chosen[Role.REQUESTER],
            observers=self.chosen[Role.OBSERVER],
            assignees=self.chosen[Role.ASSIGNED],
        )

    def chosen_source(self) -> str:
        wanted = self.cleaned_data.get("source") or Source.HELPDESK
        return onbehalf_access.check_source(self.who, wanted, default=Source.HELPDESK)
