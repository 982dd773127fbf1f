"""Answering a survey: from the signed mail link (no sign-in), or from the ticket."""

from __future__ import annotations

from django.contrib import messages
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from escalade.accounts.models import User
from escalade.core.views import WhoRequest, who_required
from escalade.satisfaction import access, links, workflow
from escalade.satisfaction.forms import AnswerForm
from escalade.satisfaction.models import Survey
from escalade.tickets.errors import WorkflowError


def _answer(request: HttpRequest, survey: Survey, user: User, form: AnswerForm) -> bool:
    """Validate and record; False with the errors on the form."""
    if not form.is_valid():
        return False
    try:
        workflow.answer(
            survey, by=user, score=form.cleaned_data["score"], comment=form.cleaned_data["comment"]
        )
    except WorkflowError as error:
        form.add_error(error.field if error.field in form.fields else None, error.message)
        return False
    return True


@require_http_methods(["GET", "POST"])
def answer_by_link(request: HttpRequest, token: str) -> HttpResponse:
    try:
        survey_id, user_id = links.read_token(token)
    except signing.BadSignature:
        survey_id, user_id = 0, 0
    survey = Survey.objects.select_related("ticket").filter(pk=survey_id).first()
    user = User.objects.filter(pk=user_id).first()
    if survey is None or user is None:
        message = _("Ce lien d'enquête n'est pas valide.")
        return render(request, "satisfaction/closed.html", {"message": message}, status=404)
    reason = access.refusal(user, survey)
    if reason is not None:
        return render(request, "satisfaction/closed.html", {"message": reason}, status=410)
    form = AnswerForm(request.POST or None, survey=survey)
    if request.method == "POST" and _answer(request, survey, user, form):
        return render(request, "satisfaction/thanks.html", {"survey": survey})
    status = 400 if request.method == "POST" else 200
    context = {"survey": survey, "form": form, "respondent": user}
    return render(request, "satisfaction/answer.html", context, status=status)


@require_http_methods(["GET", "POST"])
@who_required
def ticket_survey(request: WhoRequest, pk: int) -> HttpResponse:
    survey = access.get_survey_for(request.who, pk)
    reason = access.refusal(request.user, survey)
    form = AnswerForm(request.POST or None, survey=survey) if reason is None else None
    if request.method == "POST":
        if form is None:
            messages.error(request, reason or "")
            return redirect("tickets:detail", pk=survey.ticket_id)
        if _answer(request, survey, request.user, form):
            messages.success(request, _("Merci : votre réponse est enregistrée."))
            return redirect("tickets:detail", pk=survey.ticket_id)
    status = 400 if request.method == "POST" else 200
    context = {"survey": survey, "form": form, "reason": reason, "respondent": request.user}
    return render(request, "satisfaction/answer.html", context, status=status)
