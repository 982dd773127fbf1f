"""The page a requester opens from the receipt mail to complete a ticket « À compléter »:
signed link, no sign-in; a tampered, expired or used link answers like a missing page."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from escalade.tickets import access
from escalade.tickets.errors import WorkflowError
from escalade.tickets.forms import category_choices
from escalade.tickets.models import URGENCY_CHOICES, Level, Role, TicketActor
from escalade.tickettemplates import links
from escalade.tickettemplates.models import Field, IncompleteTicket
from escalade.tickettemplates.workflow import complete_ticket

# The fields this page completes (actors are left to the desk).
COMPLETABLE = {
    Field.TITLE: "title",
    Field.CONTENT: "content",
    Field.CATEGORY: "category",
    Field.URGENCY: "urgency",
    Field.IMPACT: "impact",
    Field.PRIORITY: "priority",
}


class CompletionForm(forms.Form):
    def __init__(self, *args: Any, incomplete: IncompleteTicket, **kwargs: Any) -> None:
        ticket = incomplete.ticket
        super().__init__(*args, **kwargs)
        self.categories = {
            c.pk: c
            for c in access.visible_categories(None, ticket_type=ticket.type, entity=ticket.entity)
        }
        for num in incomplete.missing_fields():
            name = COMPLETABLE.get(num)
            if name == "title":
                self.fields[name] = forms.CharField(
                    label=_("Titre"), max_length=255, initial=ticket.title
                )
            elif name == "content":
                self.fields[name] = forms.CharField(
                    label=_("Description"),
                    widget=forms.Textarea(attrs={"rows": 6}),
                    max_length=100_000,
                )
            elif name == "category":
                self.fields[name] = forms.TypedChoiceField(
                    label=_("Catégorie"),
                    choices=[("", "—"), *category_choices(self.categories.values())],
                    coerce=int,
                )
            elif name in ("urgency", "impact", "priority"):
                choices = URGENCY_CHOICES if name != "priority" else Level.choices[:5]
                self.fields[name] = forms.TypedChoiceField(
                    label=Field(num).label,
                    choices=choices,
                    coerce=int,
                    initial=getattr(ticket, name),
                )

    def changes(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        if "category" in data:
            data["category"] = self.categories[data["category"]]
        return data


def _invalid(request: HttpRequest) -> HttpResponse:
    return render(request, "tickettemplates/link_invalid.html", status=404)


@require_http_methods(["GET", "POST"])
def complete(request: HttpRequest, token: str) -> HttpResponse:
    try:
        data = links.read_token(token)
    except signing.BadSignature:
        return _invalid(request)
    incomplete = (
        IncompleteTicket.objects.select_related("ticket__entity")
        .filter(ticket_id=data["t"])
        .first()
    )
    user_id = data.get("u")
    is_requester = isinstance(user_id, int) and (
        TicketActor.objects.filter(
            ticket_id=data["t"], role=Role.REQUESTER, user_id=user_id
        ).exists()
    )
    if incomplete is None or not is_requester:
        return _invalid(request)
    form = CompletionForm(request.POST or None, incomplete=incomplete)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                ticket = complete_ticket(incomplete, changes=form.changes())
            except WorkflowError as error:
                form.add_error(None, error.message)
            else:
                return render(request, "tickettemplates/complete.html", {"done": ticket})
    context = {"form": form, "ticket": incomplete.ticket, "token": token}
    return render(request, "tickettemplates/complete.html", context, status=status)
