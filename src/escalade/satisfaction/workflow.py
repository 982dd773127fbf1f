"""The writers of satisfaction surveys: open the due ones, record an answer.

Both leave a history event on the ticket and, for a new survey, the invitation mail in
the notification outbox, in the same transaction as the survey row: a survey is never
mailed twice, nor mailed for a row that rolled back, whatever the number of workers
(one survey per ticket, enforced by the database).
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from escalade.accounts.models import User
from escalade.notifications import outbox
from escalade.satisfaction import access
from escalade.satisfaction.models import Survey, SurveySettings
from escalade.tickets import events
from escalade.tickets.errors import Forbidden, InvalidInput
from escalade.tickets.models import Ticket, TicketEvent
from escalade.tickets.status import Status

COMMENT_MAX = 10_000


def is_sampled(ticket_id: int, rate: int) -> bool:
    """Whether a ticket is among the ``rate`` % surveyed: a stable draw from its id, so
    that every worker and every run decides the same."""
    if rate >= 100:
        return True
    digest = hashlib.sha256(f"escalade.satisfaction:{ticket_id}".encode()).digest()
    return int.from_bytes(digest[:4], "big") % 100 < rate


def due_settings(
    ticket: Ticket, rows: dict[int, SurveySettings], now: datetime
) -> SurveySettings | None:
    """The settings under which ``ticket`` gets a survey now (None: not, or not yet)."""
    chosen = access.settings_for(ticket.entity, rows)
    if chosen is None or chosen.rate == 0 or ticket.closed_at is None:
        return None
    due_at = ticket.closed_at + timedelta(days=chosen.delay_days)
    if due_at > now or due_at + timedelta(days=chosen.lifetime_days) <= now:
        return None  # not yet, or it would be born expired
    return chosen if is_sampled(ticket.pk, chosen.rate) else None


def open_due_surveys(*, now: datetime | None = None) -> list[Survey]:
    """Open the surveys that are due (periodic job): closed tickets past their entity's
    delay, drawn at its rate, that have none yet."""
    now = now or timezone.now()
    rows = {s.entity_id: s for s in SurveySettings.objects.all()}
    if not any(s.rate for s in rows.values()):
        return []
    horizon = max(s.delay_days + s.lifetime_days for s in rows.values() if s.rate)
    candidates = Ticket.objects.filter(
        status=Status.CLOSED,
        is_deleted=False,
        closed_at__gte=now - timedelta(days=horizon),
        survey__isnull=True,
    ).select_related("entity")
    opened = []
    for ticket in candidates.iterator(chunk_size=500):
        chosen = due_settings(ticket, rows, now)
        if chosen is not None:
            survey = _open(ticket, chosen, now)
            if survey is not None:
                opened.append(survey)
    return opened


def _open(ticket: Ticket, chosen: SurveySettings, now: datetime) -> Survey | None:
    try:
        with transaction.atomic():
            survey = Survey.objects.create(
                ticket=ticket,
                kind=chosen.kind,
                created_at=now,
                expires_at=now + timedelta(days=chosen.lifetime_days),
                max_score=chosen.max_score,
                comment_below=chosen.comment_below,
            )
            _record(ticket, events.survey_opened(survey.pk, kind=chosen.kind), by=None, now=now)
    except IntegrityError:  # another worker opened it first
        return None
    return survey


def _record(ticket: Ticket, event: TicketEvent, *, by: User | None, now: datetime) -> None:
    event.ticket, event.actor, event.created_at = ticket, by, now
    event.save()
    outbox.enqueue(ticket, [event])


def _score(value: Any, maximum: int) -> int:
    try:
        score = int(str(value).strip())
    except (TypeError, ValueError):
        score = 0
    if not 1 <= score <= maximum:
        raise InvalidInput(
            _("Choisissez une note entre 1 et %(max)d.") % {"max": maximum}, field="score"
        )
    return score


def answer(
    survey: Survey, *, by: User, score: Any, comment: str = "", now: datetime | None = None
) -> Survey:
    """Record ``by``'s answer: a requester, once, before the survey expires."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = Survey.objects.select_for_update().select_related("ticket").get(pk=survey.pk)
        reason = access.refusal(by, locked, now=now)
        if reason is not None:
            raise Forbidden(reason)
        value = _score(score, locked.max_score)
        text = (comment or "").replace("\r\n", "\n")
        if len(text) > COMMENT_MAX:
            raise InvalidInput(
                _("Le commentaire dépasse %(n)d caractères.") % {"n": COMMENT_MAX},
                field="comment",
            )
        if value < locked.comment_below and not text.strip():
            raise InvalidInput(
                _("Dites-nous en un commentaire ce qui n'a pas été : il est demandé sous %(n)d.")
                % {"n": locked.comment_below},
                field="comment",
            )
        locked.score, locked.comment = value, text
        locked.answered_at, locked.answered_by = now, by
        locked.save(update_fields=["score", "comment", "answered_at", "answered_by"])
        event = events.survey_answered(locked.pk, score=value, max_score=locked.max_score)
        event.ticket, event.actor, event.created_at = locked.ticket, by, now
        event.save()
    survey.__dict__.update({k: v for k, v in locked.__dict__.items() if not k.startswith("_")})
    return survey
