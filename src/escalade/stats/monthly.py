"""The monthly statistics mail: on the first days of a month, each support group's
supervisor gets the figures of the previous month for their group."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from escalade.accounts.models import SupportGroup
from escalade.accounts.who import NoProfile, build_who
from escalade.stats import queries
from escalade.stats.models import MonthlyReport
from escalade.stats.views import summary

logger = logging.getLogger(__name__)


def previous_month(today: dt.date) -> tuple[dt.date, dt.date]:
    first = today.replace(day=1)
    end = first - dt.timedelta(days=1)
    return end.replace(day=1), end


def send_monthly_reports(*, today: dt.date | None = None) -> int:
    today = today or timezone.localdate()
    start, end = previous_month(today)
    sent = 0
    groups = SupportGroup.objects.filter(
        supervisor__isnull=False, supervisor__is_active=True
    ).select_related("supervisor")
    for group in groups:
        user = group.supervisor
        if user is None or not user.email:
            continue
        try:
            who = build_who(user)
        except NoProfile:
            continue
        if not queries.can_see(who):
            logger.info("monthly report: %s may not see statistics", user.username)
            continue
        filters = queries.Filters(start=start, end=end, group_id=group.pk)
        try:
            with transaction.atomic():
                MonthlyReport.objects.create(month=start, group=group, recipient=user)
                _send(user, group, queries.report(who, filters))
        except IntegrityError:
            continue  # sent already (by this worker earlier, or another one now)
        sent += 1
    return sent


def _send(user, group: SupportGroup, report: queries.Report) -> None:
    with translation.override(user.language or "fr"):
        url = settings.ESCALADE_BASE_URL.rstrip("/") + reverse("stats:page")
        month = report.filters.start.strftime("%m/%Y")
        context = {
            "group": group,
            "report": report,
            "rows": summary(report),
            "url": url,
            "month": month,
        }
        subject = render_to_string("stats/monthly_subject.txt", context).strip()
        text = render_to_string("stats/monthly.txt", context)
        html = render_to_string("stats/monthly.html", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
        headers={"Auto-Submitted": "auto-generated"},
    )
    message.attach_alternative(html, "text/html")
    message.send()
