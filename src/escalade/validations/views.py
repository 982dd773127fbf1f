"""« Tickets à valider », and the page a validator's signed mail link opens (answer
confirmed by a POST, without signing in)."""

from __future__ import annotations

from django.contrib import messages
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from escalade.accounts.who import build_who
from escalade.core.views import WhoRequest, who_required
from escalade.tickets import access
from escalade.tickets.attachments import Upload
from escalade.tickets.errors import Conflict, Forbidden, InvalidInput
from escalade.validations import links, workflow
from escalade.validations.models import TicketValidation, ValidationStatus


@require_GET
@who_required
def to_validate(request: WhoRequest) -> HttpResponse:
    who = request.who
    rows = (
        TicketValidation.objects.filter(validator=who.user, status=ValidationStatus.WAITING)
        .select_related("ticket", "requester")
        .prefetch_related("document_links__attachment")
        .order_by("submission_date", "pk")
    )
    items = [
        (
            v,
            links.make_token(v.pk, who.user.pk, "accept"),
            links.make_token(v.pk, who.user.pk, "refuse"),
        )
        for v in rows
    ]
    return render(request, "validations/to_validate.html", {"items": items})


def _invalid(request: HttpRequest) -> HttpResponse:
    return render(request, "validations/link_invalid.html", status=404)


@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, token: str) -> HttpResponse:
    try:
        data = links.read_token(token)
    except signing.BadSignature:
        return _invalid(request)
    validation = (
        TicketValidation.objects.select_related("ticket", "validator", "requester")
        .prefetch_related("document_links__attachment")
        .filter(pk=data["v"], validator_id=data["u"])
        .first()
    )
    if validation is None or not validation.validator.is_active:
        return _invalid(request)
    accept = data["d"] == "accept"
    context = {"validation": validation, "accept": accept, "token": token, "error": ""}
    if validation.status != ValidationStatus.WAITING:
        return render(request, "validations/answer.html", {**context, "done": True}, status=409)
    if request.method == "GET":
        return render(request, "validations/answer.html", context)
    comment = request.POST.get("comment", "")
    try:
        workflow.answer_validation(
            validation, by=build_who(validation.validator), accept=accept, comment=comment
        )
    except (InvalidInput, Conflict, Forbidden) as error:
        context.update(error=error.message, comment=comment)
        return render(request, "validations/answer.html", context, status=error.status_code)
    return render(request, "validations/answer.html", {**context, "done": True})


@require_POST
@who_required
def request_validation(request: WhoRequest, pk: int) -> HttpResponse:
    """The ticket page's « Demander la validation »: one user, by login."""
    who = request.who
    ticket = access.get_ticket_for(who, pk)
    back = reverse("tickets:detail", args=[ticket.pk]) + "#validations"
    if not access.can_update(who, ticket):
        message = _("Vous ne pouvez pas demander de validation pour ce ticket.")
        return render(request, "core/forbidden.html", {"message": message}, status=403)
    username = request.POST.get("username", "").strip()[:150]
    user = access.visible_users(who).filter(username=username).first()
    try:
        threshold = int(request.POST.get("validation_percent", "0"))
        if user is None:
            raise InvalidInput(_("Utilisateur introuvable : %s") % username, field="username")
        files = request.FILES.getlist("attachments")
        if len(files) > workflow.MAX_DOCUMENTS:
            raise InvalidInput(_("Trop de documents."), field="attachments")
        workflow.request_validation(
            ticket,
            by=who,
            users=[user],
            comment=request.POST.get("comment", ""),
            threshold=threshold,
            attachments=[Upload.from_file(f, name=f.name) for f in files],
        )
    except ValueError:
        messages.error(request, _("Seuil de validation inconnu."))
        return redirect(back)
    except Forbidden as error:
        return render(request, "core/forbidden.html", {"message": error.message}, status=403)
    except (InvalidInput, Conflict) as error:
        messages.error(request, error.message)
        return redirect(back)
    messages.success(request, _("Validation demandée."))
    return redirect(back)
