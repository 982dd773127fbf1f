"""/api/v1/statistics/: the figures of the statistics page, as JSON."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from escalade.stats import queries
from escalade.tickets.api import CONTEXT_HEADERS, ERRORS, ApiView
from escalade.tickets.errors import Forbidden

ID_MAX = 2**31 - 1


class StatsQuerySerializer(serializers.Serializer):
    start = serializers.DateField(required=False)
    end = serializers.DateField(required=False)
    entity = serializers.IntegerField(required=False, min_value=1, max_value=ID_MAX)
    recursive = serializers.BooleanField(required=False, default=True)
    group = serializers.IntegerField(required=False, min_value=1, max_value=ID_MAX)
    category = serializers.IntegerField(required=False, min_value=1, max_value=ID_MAX)


class DurationSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    median_hours = serializers.FloatField(allow_null=True)
    p90_hours = serializers.FloatField(allow_null=True)


class WorkingDurationSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    median_minutes = serializers.FloatField(allow_null=True)
    p90_minutes = serializers.FloatField(allow_null=True)


class LateSerializer(serializers.Serializer):
    with_target = serializers.IntegerField(
        help_text="Tickets ouverts sur la période qui ont cette échéance."
    )
    late = serializers.IntegerField(help_text="Ceux qui l'ont dépassée.")
    share = serializers.FloatField(allow_null=True, help_text="late / with_target.")


class BucketSerializer(serializers.Serializer):
    start = serializers.DateField()
    opened = serializers.IntegerField()
    solved = serializers.IntegerField()
    closed = serializers.IntegerField()
    backlog = serializers.IntegerField()


class StatsSerializer(serializers.Serializer):
    start = serializers.DateField()
    end = serializers.DateField()
    bucket = serializers.ChoiceField(choices=["day", "week", "month"])
    opened = serializers.IntegerField()
    solved = serializers.IntegerField()
    closed = serializers.IntegerField()
    backlog = serializers.IntegerField(help_text="Tickets non résolus aujourd'hui.")
    series = BucketSerializer(many=True)
    time_to_own = DurationSerializer()
    time_to_solve = DurationSerializer(help_text="Hors temps « En attente ».")
    time_to_own_working = WorkingDurationSerializer(
        help_text="En temps ouvré (calendrier du SLA du ticket), hors « En attente », minutes."
    )
    time_to_solve_working = WorkingDurationSerializer(
        help_text="En temps ouvré (calendrier du SLA du ticket), hors « En attente », minutes."
    )
    late_to_own = LateSerializer(help_text="Échéance de prise en compte (TTO) dépassée.")
    late_to_resolve = LateSerializer(help_text="Échéance de résolution (TTR) dépassée.")
    escalated = serializers.IntegerField()
    escalation_rate = serializers.FloatField(allow_null=True)
    escalations = serializers.ListField(child=serializers.DictField())
    surveys_answered = serializers.IntegerField()
    satisfaction = serializers.FloatField(allow_null=True, help_text="Moyenne sur 5.")
    top_entities = serializers.ListField(child=serializers.DictField())
    top_categories = serializers.ListField(child=serializers.DictField())


def _late(late: queries.Late) -> dict[str, Any]:
    return {"with_target": late.with_target, "late": late.late, "share": late.share}


def as_data(report: queries.Report) -> dict[str, Any]:
    f = report.filters
    return {
        "start": f.start,
        "end": f.end,
        "bucket": f.bucket,
        "opened": report.opened,
        "solved": report.solved,
        "closed": report.closed,
        "backlog": report.backlog,
        "series": [b.__dict__ for b in report.series],
        "time_to_own": report.time_to_own.__dict__,
        "time_to_solve": report.time_to_solve.__dict__,
        "time_to_own_working": report.own_working.__dict__,
        "time_to_solve_working": report.solve_working.__dict__,
        "late_to_own": _late(report.late_to_own),
        "late_to_resolve": _late(report.late_to_resolve),
        "escalated": report.escalated,
        "escalation_rate": report.escalation_rate,
        "escalations": [{"from": a, "to": b, "count": n} for a, b, n in report.escalations],
        "surveys_answered": report.surveys_answered,
        "satisfaction": report.satisfaction,
        "top_entities": [{"name": name, "count": n} for name, n in report.top_entities],
        "top_categories": [{"name": name, "count": n} for name, n in report.top_categories],
    }


class Statistics(ApiView):
    @extend_schema(
        operation_id="statistics_read",
        parameters=[
            StatsQuerySerializer,
            *CONTEXT_HEADERS,
        ],
        responses={200: StatsSerializer, **ERRORS},
        summary="Statistiques d'une entité, d'un groupe, d'une catégorie sur une période",
    )
    def get(self, request: Request) -> Response:
        who = self.who()
        if not queries.can_see(who):
            raise Forbidden(str(queries.FORBIDDEN))
        data = self.valid(StatsQuerySerializer, request.query_params)
        default = queries.Filters.default()
        filters = queries.Filters(
            start=data.get("start") or default.start,
            end=data.get("end") or default.end,
            entity_id=data.get("entity"),
            recursive=data.get("recursive", True),
            group_id=data.get("group"),
            category_id=data.get("category"),
        )
        report = queries.report(who, filters)
        return Response(StatsSerializer(as_data(report)).data)
