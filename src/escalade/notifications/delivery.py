"""Sending the outbox: claim a row, send it, record the outcome, retry with backoff.

A worker claims a row with one conditional UPDATE (waiting → sending,
attempts + 1, claimed_at): of several workers racing for the same row,
exactly one wins, so a mail is never sent twice. A failure puts the row back
to waiting with ``next_attempt_at`` pushed back exponentially (1, 2, 4 … min,
at most 6 h); after ``MAX_ATTEMPTS`` it stays failed until an administrator
retries it. The periodic ``deliver_due`` is the safety net: it sends the rows
that are due (retries, and rows whose task was lost) and releases rows left
"sending" by a worker that died (``STUCK_AFTER``, far longer than the SMTP
timeout; only a worker that died between the SMTP server's acceptance and
the recording of "sent" can then cause a second copy).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.core.mail import get_connection
from django.db.models import F
from django.utils import timezone

from escalade.notifications import rendering
from escalade.notifications.models import Notification, Status
from escalade.tickets.models import Ticket

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
STUCK_AFTER = timedelta(minutes=15)
DUE_BATCH = 200


def backoff(attempts: int) -> timedelta:
    """Delay before the next try after ``attempts`` failed ones: 1, 2, 4 … minutes, ≤ 6 h."""
    return timedelta(minutes=min(2 ** max(attempts - 1, 0), 360))


def claim(pk: int, *, now: datetime | None = None) -> Notification | None:
    """Take the row for sending; None when another worker has it or it is not due."""
    now = now or timezone.now()
    won = Notification.objects.filter(
        pk=pk, status=Status.WAITING, next_attempt_at__lte=now
    ).update(status=Status.SENDING, attempts=F("attempts") + 1, claimed_at=now)
    if won != 1:
        return None
    return Notification.objects.select_related("recipient", "actor").get(pk=pk)


def _finish(n: Notification, **fields) -> None:
    Notification.objects.filter(pk=n.pk, status=Status.SENDING).update(**fields)


def _failed(n: Notification, error: str) -> None:
    now = timezone.now()
    if n.attempts >= MAX_ATTEMPTS:
        _finish(n, status=Status.FAILED, last_error=error[:4000])
    else:
        _finish(
            n,
            status=Status.WAITING,
            last_error=error[:4000],
            next_attempt_at=now + backoff(n.attempts),
        )
    logger.warning(
        "notification %s to %s failed (attempt %s): %s", n.pk, n.email, n.attempts, error
    )


def send_claimed(n: Notification, connection) -> bool:
    """Send a row this worker claimed; True when the SMTP server accepted it."""
    if not Ticket.objects.filter(pk=n.ticket_number).exists():
        _finish(n, status=Status.CANCELLED, last_error="Ticket supprimé.")
        return False
    if not n.message_id:
        n.message_id = rendering.new_message_id(n)
        Notification.objects.filter(pk=n.pk).update(message_id=n.message_id)
    try:
        message = rendering.build_message(n, connection=connection)
        message.send()
    except Exception as exc:
        _failed(n, f"{type(exc).__name__}: {exc}")
        return False
    _finish(n, status=Status.SENT, sent_at=timezone.now(), last_error="", subject=n.subject)
    return True


def deliver(ids: Iterable[int], *, now: datetime | None = None) -> int:
    """Claim and send each of ``ids`` that is due, over one SMTP session; the number sent."""
    sent = 0
    connection = get_connection(fail_silently=False)
    opened = False
    try:
        for pk in ids:
            n = claim(pk, now=now)
            if n is None:
                continue
            if not opened:
                opened = _open(connection)
            if send_claimed(n, connection):
                sent += 1
            else:  # the session may be broken: start a new one for the next mail
                _reset(connection)
                opened = False
    finally:
        _reset(connection)
    return sent


def _open(connection) -> bool:
    try:
        connection.open()
    except Exception:  # the send tries again and records the error on the row
        return False
    return True


def _reset(connection) -> None:
    try:
        connection.close()
    except Exception:  # a broken connection is replaced on the next send
        logger.debug("closing the SMTP connection failed", exc_info=True)


def deliver_batch(batch: str) -> int:
    ids = list(Notification.objects.filter(batch=batch).order_by("pk").values_list("pk", flat=True))
    return deliver(ids)


def release_stuck(*, now: datetime | None = None) -> int:
    now = now or timezone.now()
    return Notification.objects.filter(
        status=Status.SENDING, claimed_at__lt=now - STUCK_AFTER
    ).update(status=Status.WAITING, next_attempt_at=now)


def deliver_due(*, now: datetime | None = None, limit: int = DUE_BATCH, rounds: int = 10) -> int:
    """The safety net: send every due row (retries, lost tasks, released stuck rows)."""
    now = now or timezone.now()
    release_stuck(now=now)
    sent = 0
    for _ in range(rounds):
        ids = list(
            Notification.objects.filter(status=Status.WAITING, next_attempt_at__lte=now)
            .order_by("next_attempt_at", "pk")
            .values_list("pk", flat=True)[:limit]
        )
        sent += deliver(ids, now=now)
        if len(ids) < limit:
            break
    return sent


def retry(ids: Iterable[int]) -> list[int]:
    """Administrator's "retry": failed, waiting or cancelled rows become due now."""
    ids = list(
        Notification.objects.filter(
            pk__in=list(ids), status__in=[Status.FAILED, Status.WAITING, Status.CANCELLED]
        ).values_list("pk", flat=True)
    )
    Notification.objects.filter(pk__in=ids).update(
        status=Status.WAITING, next_attempt_at=timezone.now()
    )
    return ids


def cancel(ids: Iterable[int]) -> int:
    """Administrator's "cancel": rows not sent (nor being sent) are dropped from the queue."""
    return Notification.objects.filter(
        pk__in=list(ids), status__in=[Status.WAITING, Status.FAILED]
    ).update(status=Status.CANCELLED, last_error="Annulé par un administrateur.")
