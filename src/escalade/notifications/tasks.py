"""Background tasks (django-tasks) that send the outbox."""

from __future__ import annotations

from django_tasks import task

from escalade.notifications import delivery


@task()
def send_batch(batch: str) -> int:
    """Send the mails of one change (queued when its transaction commits)."""
    return delivery.deliver_batch(batch)


@task()
def send_notifications(ids: list[int]) -> int:
    """Send the given rows (an administrator's retry)."""
    return delivery.deliver(ids)


@task()
def deliver_due_notifications() -> int:
    """Periodic safety net: due retries, rows whose task was lost, rows left "sending"."""
    return delivery.deliver_due()
