"""Forms of the ticket pages: they check the shape of the input; the workflow enforces
the rules. Choices offered come from ``access`` (categories, groups, users, statuses)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from escalade.accounts.models import SupportGroup, User
from escalade.accounts.who import Who
from escalade.core import parsing
from escalade.tickets import access
from escalade.tickets.attachments import Upload
from escalade.tickets.models import (
    URGENCY_CHOICES,
    Category,
    Level,
    Role,
    TaskState,
    Ticket,
    TicketType,
)
from escalade.tickets.parties import INVALID_PARTY, find_party
from escalade.tickets.status import Status

DESCRIPTION_HELP = _(
    "Décrivez le problème ou la demande. Pour un incident, recopiez le message d'erreur "
    "affiché ; indiquez un numéro de téléphone où vous joindre."
)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Zero or more files, given to the workflow as ``Upload`` objects."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Upload]:
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        if self.required and not files:
            raise forms.ValidationError(_("Choisissez au moins un fichier."))
        return [Upload.from_file(f, name=f.name) for f in files]


def _choices(form: forms.Form, name: str) -> forms.ChoiceField:
    return cast(forms.ChoiceField, form.fields[name])


def category_choices(categories: Iterable[Category]) -> list[tuple[str, str]]:
    """Categories as a tree: indented by level, in full-name order."""
    return [
        (str(c.pk), "\u00a0\u00a0\u00a0" * c.level + c.name)
        for c in sorted(categories, key=lambda c: c.full_name)
    ]


class PickedChoiceField(forms.ChoiceField):
    """A select whose value the form checks with one lookup (clean_<name>), so the
    choices are not built to validate it."""

    def valid_value(self, value: Any) -> bool:
        return True


def _picked(queryset: QuerySet[Category], value: str) -> Category:
    try:
        category = queryset.filter(pk=parsing.object_id(value)).first()
    except parsing.BadValue:
        category = None
    if category is None:
        raise forms.ValidationError(
            forms.ChoiceField.default_error_messages["invalid_choice"],
            code="invalid_choice",
            params={"value": value},
        )
    return category


class TicketCreateForm(forms.Form):
    type = forms.TypedChoiceField(
        label=_("Type"), choices=TicketType.choices, coerce=int, initial=TicketType.INCIDENT
    )
    category = PickedChoiceField(label=_("Catégorie"), required=False)
    urgency = forms.TypedChoiceField(
        label=_("Urgence"), choices=URGENCY_CHOICES, coerce=int, initial=Level.MEDIUM
    )
    title = forms.CharField(
        label=_("Titre"),
        max_length=255,
        help_text=_("Clair et concis, par exemple : Accès impossible à LSU."),
    )
    content = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=DESCRIPTION_HELP,
        max_length=100_000,
    )
    attachments = MultipleFileField(label=_("Documents joints"))

    def __init__(self, *args: Any, who: Who, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.who = who
        # The choices are built only if the form is displayed (not on a valid POST).
        _choices(self, "category").choices = self._category_choices

    def _categories(self) -> QuerySet[Category]:
        return access.visible_categories(self.who, ticket_type=self._ticket_type())

    def _category_choices(self) -> list[tuple[str, str]]:
        return [("", str(_("— Choisir —"))), *category_choices(self._categories())]

    def _ticket_type(self) -> int:
        raw = self.data.get("type") if self.is_bound else (self.initial or {}).get("type")
        try:
            return int(raw) if raw else TicketType.INCIDENT
        except ValueError:
            return TicketType.INCIDENT

    def clean_category(self) -> Category | None:
        value = self.cleaned_data.get("category")
        return _picked(self._categories(), value) if value else None


PANEL_FIELDS = ("status", "title", "type", "category", "urgency", "impact", "priority")


class TicketUpdateForm(forms.Form):
    """The side panel: status and fields, saved together by one button.

    ``seen`` carries the values the page showed; only what the person changed from them
    is sent to the workflow, which refuses a field someone else changed meanwhile.
    """

    status = forms.TypedChoiceField(label=_("Statut"), required=False, coerce=int, empty_value=None)
    title = forms.CharField(label=_("Titre"), max_length=255, strip=False)
    type = forms.TypedChoiceField(label=_("Type"), choices=TicketType.choices, coerce=int)
    category = forms.ChoiceField(label=_("Catégorie"), required=False)
    urgency = forms.TypedChoiceField(label=_("Urgence"), choices=URGENCY_CHOICES, coerce=int)
    impact = forms.TypedChoiceField(label=_("Impact"), choices=URGENCY_CHOICES, coerce=int)
    priority = forms.TypedChoiceField(label=_("Priorité"), choices=Level.choices, coerce=int)
    seen = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, who: Who, ticket: Ticket, **kwargs: Any) -> None:
        shown = panel_values(ticket)
        kwargs.setdefault("initial", {**shown, "seen": json.dumps(shown)})
        super().__init__(*args, **kwargs)
        self.categories = {c.pk: c for c in access.visible_categories(who, entity=ticket.entity)}
        if ticket.category is not None:
            self.categories.setdefault(ticket.category.pk, ticket.category)
        _choices(self, "category").choices = [
            ("", "—"),
            *category_choices(self.categories.values()),
        ]
        # Résolu is set by a solution (Solution tab, or "Ajouter" with Résolu), never here.
        allowed = [s for s in access.allowed_statuses(who, ticket) if s != Status.SOLVED]
        statuses = dict.fromkeys([ticket.status, *allowed])
        _choices(self, "status").choices = [(str(s), Status(s).label) for s in statuses]
        self.can_set_status = bool(set(allowed) - {ticket.status})
        if not access.can_change_priority(who, ticket):
            del self.fields["priority"]
        self.ticket = ticket

    def clean_category(self) -> Category | None:
        value = self.cleaned_data.get("category")
        return self.categories.get(int(value)) if value else None

    def seen_values(self) -> dict[str, Any]:
        """What the page showed (the ticket's current values when the form lacks them)."""
        current = panel_values(self.ticket)
        try:
            seen = json.loads(self.cleaned_data.get("seen") or "{}")
        except ValueError:
            seen = {}
        if not isinstance(seen, dict):
            seen = {}
        return {k: seen.get(k, current[k]) for k in PANEL_FIELDS}

    def changes(self) -> dict[str, Any]:
        """Only what the person changed on the page, as the workflow expects it."""
        seen = self.seen_values()
        wanted = {}
        for name in PANEL_FIELDS:
            if name not in self.fields or name not in self.cleaned_data:
                continue
            value = self.cleaned_data[name]
            if name == "status" and value is None:
                continue
            raw = value.pk if name == "category" and value is not None else value
            if str(raw if raw is not None else "") != str(
                seen[name] if seen[name] is not None else ""
            ):
                wanted[name] = value
        return wanted


def panel_values(ticket: Ticket) -> dict[str, Any]:
    return {
        "status": ticket.status,
        "title": ticket.title,
        "type": ticket.type,
        "category": ticket.category_id or "",
        "urgency": ticket.urgency,
        "impact": ticket.impact,
        "priority": ticket.priority,
    }


def status_choices(who: Who, ticket: Ticket) -> list[tuple[str, Any]]:
    allowed = [s for s in access.allowed_statuses(who, ticket) if s != ticket.status]
    return [("", _("— Statut inchangé —"))] + [(str(s), Status(s).label) for s in allowed]


class FollowupForm(forms.Form):
    content = forms.CharField(
        label=_("Suivi"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=100_000,
    )
    is_private = forms.BooleanField(label=_("Privé"), required=False)
    attachments = MultipleFileField(label=_("Documents joints"))
    status = forms.TypedChoiceField(label=_("Statut"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args: Any, who: Who, ticket: Ticket, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "status").choices = status_choices(who, ticket)
        if not access.sees_private(who, "followup"):
            del self.fields["is_private"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("content") or "").strip() and not data.get("attachments"):
            self.add_error("content", _("Écrivez un suivi ou joignez un document."))
        return data


class TaskForm(forms.Form):
    content = forms.CharField(
        label=_("Tâche"), widget=forms.Textarea(attrs={"rows": 3}), max_length=100_000
    )
    is_private = forms.BooleanField(label=_("Privée"), required=False)
    state = forms.TypedChoiceField(
        label=_("État"), choices=TaskState.choices, coerce=int, initial=TaskState.TODO
    )
    duration_minutes = forms.IntegerField(
        label=_("Durée (minutes)"), min_value=0, max_value=100_000, required=False
    )

    def __init__(self, *args: Any, who: Who, ticket: Ticket, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not access.sees_private(who, "task"):
            del self.fields["is_private"]


class SolutionForm(forms.Form):
    content = forms.CharField(
        label=_("Solution"), widget=forms.Textarea(attrs={"rows": 4}), max_length=100_000
    )
    solution_type = PickedChoiceField(label=_("Type de solution"), required=False)

    def __init__(self, *args: Any, who: Who | None = None, ticket: Ticket | None = None, **kw):
        super().__init__(*args, **kw)
        from escalade.itiltemplates.access import solution_types_for

        types = list(solution_types_for(ticket)) if ticket is not None else []
        self._types = {str(t.pk): t for t in types}
        _choices(self, "solution_type").choices = [("", "—")] + [(str(t.pk), t.name) for t in types]

    def clean_solution_type(self) -> Any:
        value = self.cleaned_data.get("solution_type")
        if not value:
            return None
        if str(value) not in self._types:
            raise forms.ValidationError(_("Choisissez un type de solution de la liste."))
        return self._types[str(value)]


class DocumentForm(forms.Form):
    attachments = MultipleFileField(label=_("Documents"), required=True)


class ApproveForm(forms.Form):
    comment = forms.CharField(
        label=_("Commentaire (facultatif)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=100_000,
    )


class RefuseForm(forms.Form):
    reason = forms.CharField(
        label=_("Motif du refus"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=100_000,
        error_messages={"required": _("Indiquez pourquoi la solution ne convient pas.")},
    )


class ActorForm(forms.Form):
    role = forms.TypedChoiceField(choices=Role.choices, coerce=int, widget=forms.HiddenInput)
    party = forms.CharField(
        label=_("Utilisateur ou groupe"),
        max_length=20,
        error_messages={"required": INVALID_PARTY},
    )

    def __init__(self, *args: Any, who: Who, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.who = who
        self.chosen: User | SupportGroup | None = None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "role" in data and "party" in data:
            self.chosen = find_party(self.who, data["party"], data["role"])
            if self.chosen is None:
                self.add_error("party", INVALID_PARTY)
        return data

    def chosen_party(self) -> dict[str, Any]:
        if isinstance(self.chosen, User):
            return {"user": self.chosen}
        return {"group": self.chosen}


class EscalateForm(forms.Form):
    group = forms.ChoiceField(label=_("Escalader vers le groupe"))
    comment = forms.CharField(
        label=_("Commentaire (facultatif)"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Ajouté au fil du ticket comme suivi public : le demandeur le lit."),
    )

    def __init__(self, *args: Any, who: Who, ticket: Ticket, assigned_group_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.groups = {
            g.pk: g
            for g in access.visible_groups(who)
            .filter(may_be_assigned=True)
            .exclude(pk__in=list(assigned_group_ids))
            .order_by("name")
        }
        _choices(self, "group").choices = [(str(pk), g.name) for pk, g in self.groups.items()]

    def clean_group(self) -> SupportGroup:
        return self.groups[int(self.cleaned_data["group"])]


class SavedSearchForm(forms.Form):
    """Shape only: the writer (tickets.savedsearches) checks the right and the entity."""

    name = forms.CharField(label=_("Nom de la recherche"), max_length=100)
    query = forms.CharField(widget=forms.HiddenInput, max_length=2000, required=False)
    share_in = forms.CharField(label=_("Partager avec l'entité"), required=False, max_length=20)
    recursive = forms.BooleanField(label=_("et ses sous-entités"), required=False)
