"""« Statistiques »: the figures of an entity subtree, a group, a category and a period,
with charts drawn by the app, their numbers as tables, and a CSV export."""

from __future__ import annotations

import csv
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from escalade.core.views import WhoRequest, who_required
from escalade.stats import charts, queries
from escalade.stats.forms import StatsForm
from escalade.tickets.errors import InvalidInput


def bucket_label(report: queries.Report, bucket: queries.Bucket) -> str:
    kind = report.filters.bucket
    if kind == "month":
        return bucket.start.strftime("%m/%Y")
    if kind == "week":
        return _("sem. du %s") % bucket.start.strftime("%d/%m")
    return bucket.start.strftime("%d/%m")


def _report(request: WhoRequest) -> tuple[StatsForm, queries.Report | None, int]:
    who = request.who
    form = StatsForm(request.GET, who=who)
    if not form.is_valid():
        return form, None, 400
    try:
        return form, queries.report(who, form.filters()), 200
    except InvalidInput as error:
        form.add_error(error.field if error.field in form.fields else None, error.message)
        return form, None, 400


def _forbidden(request: HttpRequest) -> HttpResponse:
    message = str(queries.FORBIDDEN)
    return render(request, "core/forbidden.html", {"message": message}, status=403)


@require_GET
@who_required
def statistics_page(request: WhoRequest) -> HttpResponse:
    if not queries.can_see(request.who):
        return _forbidden(request)
    form, report, status = _report(request)
    context: dict[str, Any] = {"form": form, "report": report}
    if report is not None:
        labels = [bucket_label(report, b) for b in report.series]
        context["rows"] = list(zip(labels, report.series, strict=True))
        context["flow_chart"] = charts.bars(
            "graphique-flux",
            _("Tickets ouverts et résolus"),
            labels,
            [
                (_("Ouverts"), [b.opened for b in report.series]),
                (_("Résolus"), [b.solved for b in report.series]),
            ],
        )
        context["backlog_chart"] = charts.line(
            "graphique-stock",
            _("Stock de tickets non résolus"),
            labels,
            [b.backlog for b in report.series],
        )
        context["export_query"] = request.GET.urlencode()
        context["own_working"] = [
            working_text(report.own_working.median_minutes),
            working_text(report.own_working.p90_minutes),
        ]
        context["solve_working"] = [
            working_text(report.solve_working.median_minutes),
            working_text(report.solve_working.p90_minutes),
        ]
    return render(request, "stats/statistics.html", context, status=status)


@require_GET
@who_required
def statistics_export(request: WhoRequest) -> HttpResponse:
    if not queries.can_see(request.who):
        return _forbidden(request)
    form, report, status = _report(request)
    if report is None:
        errors = "; ".join(str(e) for errors in form.errors.values() for e in errors)
        return HttpResponse(errors, status=status, content_type="text/plain; charset=utf-8")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="statistiques.csv"'
    response.write("\ufeff")  # Excel reads UTF-8 with a BOM
    out = csv.writer(response, delimiter=";")
    out.writerow([_("Période"), _("Ouverts"), _("Résolus"), _("Clos"), _("Stock non résolu")])
    for b in report.series:
        out.writerow([b.start.isoformat(), b.opened, b.solved, b.closed, b.backlog])
    out.writerow([])
    for label, value in summary(report):
        out.writerow([label, value])
    return response


def _hours(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}"


def _minutes(value: float | None) -> str:
    return "" if value is None else f"{value:.0f}"


def _share(value: float | None) -> str:
    return "" if value is None else f"{100 * value:.1f}"


def working_text(minutes: float | None) -> str:
    """« 2 h 05 min » of working time, for the page."""
    from escalade.slas.templatetags.slas import working_duration

    return "—" if minutes is None else working_duration(round(minutes * 60))


def summary(report: queries.Report) -> list[tuple[str, Any]]:
    rate = report.escalation_rate
    return [
        (_("Tickets ouverts"), report.opened),
        (_("Tickets résolus"), report.solved),
        (_("Tickets clos"), report.closed),
        (_("Non résolus aujourd'hui"), report.backlog),
        (_("Prise en compte, médiane (h)"), _hours(report.time_to_own.median_hours)),
        (_("Prise en compte, 90e centile (h)"), _hours(report.time_to_own.p90_hours)),
        (_("Résolution, médiane (h, hors attente)"), _hours(report.time_to_solve.median_hours)),
        (_("Résolution, 90e centile (h, hors attente)"), _hours(report.time_to_solve.p90_hours)),
        (
            _("Prise en compte en temps ouvré, médiane (min)"),
            _minutes(report.own_working.median_minutes),
        ),
        (
            _("Prise en compte en temps ouvré, 90e centile (min)"),
            _minutes(report.own_working.p90_minutes),
        ),
        (
            _("Résolution en temps ouvré hors attente, médiane (min)"),
            _minutes(report.solve_working.median_minutes),
        ),
        (
            _("Résolution en temps ouvré hors attente, 90e centile (min)"),
            _minutes(report.solve_working.p90_minutes),
        ),
        (_("Tickets en retard de prise en compte"), report.late_to_own.late),
        (_("Part en retard de prise en compte (%)"), _share(report.late_to_own.share)),
        (_("Tickets en retard de résolution"), report.late_to_resolve.late),
        (_("Part en retard de résolution (%)"), _share(report.late_to_resolve.share)),
        (_("Tickets escaladés"), report.escalated),
        (_("Taux d'escalade (%)"), "" if rate is None else f"{100 * rate:.1f}"),
        (_("Enquêtes répondues"), report.surveys_answered),
        (_("Satisfaction moyenne (sur 5)"), _hours(report.satisfaction)),
    ]
