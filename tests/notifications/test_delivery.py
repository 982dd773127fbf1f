"""Delivery: never lost (SMTP down, lost task, dead worker), never twice, retried with backoff."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db.models import F
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from escalade.core.models import PeriodicRun
from escalade.notifications import delivery
from escalade.notifications.models import Notification, Status
from escalade.tickets import workflow
from escalade.tickets.status import Status as TicketStatus
from tests.conftest import open_lsu_ticket
from tests.notifications.conftest import send_all, worker_db


def run_procedure(demo, chef, referent, tech):
    ticket = open_lsu_ticket(demo, chef)
    workflow.take(ticket, by=referent)
    workflow.add_followup(ticket, by=referent, content="Pouvez-vous réessayer ?")
    workflow.escalate(ticket, by=referent, group=demo.dsi_bai)
    workflow.add_followup(ticket, by=tech, content="Droits corrigés.", status=TicketStatus.SOLVED)
    workflow.approve_solution(ticket, by=chef)
    return ticket


def time_passes(minutes: int) -> None:
    """Move the queue's clock: every due date is ``minutes`` earlier."""
    Notification.objects.update(next_attempt_at=F("next_attempt_at") - timedelta(minutes=minutes))


def run_worker() -> None:
    """``escalade worker --batch``: queued tasks, then the periodic jobs (due again)."""
    PeriodicRun.objects.update(last_run=None)
    call_command("worker", batch=True, verbosity=0)


@worker_db
def test_smtp_down_during_the_procedure_then_every_mail_is_delivered_exactly_once(
    demo, chef, referent, tech, smtp
):
    smtp.stop()
    ticket = run_procedure(demo, chef, referent, tech)
    assert DBTaskResult.objects.filter(task_path__endswith="send_batch").count() == 6
    run_worker()  # every send fails: the server is down
    rows = Notification.objects.filter(ticket_number=ticket.pk)
    expected = sorted(rows.values_list("email", "events"))
    assert len(expected) == 13  # with the receipt
    assert set(rows.values_list("status", "attempts")) == {(Status.WAITING, 1)}
    assert all(
        "Connection refused" in r.last_error or "ConnectionRefused" in r.last_error for r in rows
    )

    smtp.start()
    time_passes(5)
    run_worker()
    run_worker()  # a second run finds nothing left to send
    assert set(rows.values_list("status", flat=True)) == {Status.SENT}
    delivered = Counter((mail.to, mail.header("Message-ID")) for mail in smtp.received)
    assert len(delivered) == 13 and set(delivered.values()) == {1}
    assert sorted(r.to for r in smtp.received) == [email for email, _ in expected]
    assert set(delivered) == set(rows.values_list("email", "message_id"))


def test_a_failed_send_records_the_error_and_retries_with_growing_delays(demo, chef, smtp):
    ticket = open_lsu_ticket(demo, chef)
    row = Notification.objects.filter(ticket_number=ticket.pk).first()
    smtp.stop()
    delays = []
    for attempt in range(1, 4):
        before = timezone.now()
        send_all()
        row.refresh_from_db()
        assert row.status == Status.WAITING
        assert row.attempts == attempt
        assert "Connection refused" in row.last_error or "ConnectionRefused" in row.last_error
        delays.append(round((row.next_attempt_at - before).total_seconds() / 60))
        assert send_all() == 0  # not due yet: nothing is tried
        time_passes(delays[-1] + 1)
    assert delays == [1, 2, 4]
    smtp.start()
    send_all()
    row.refresh_from_db()
    assert row.status == Status.SENT and row.attempts == 4 and row.last_error == ""


def test_after_the_last_attempt_the_mail_stays_failed(demo, chef, smtp):
    ticket = open_lsu_ticket(demo, chef)
    Notification.objects.filter(ticket_number=ticket.pk).update(attempts=delivery.MAX_ATTEMPTS - 1)
    smtp.stop()
    send_all()
    rows = Notification.objects.filter(ticket_number=ticket.pk)
    assert set(rows.values_list("status", flat=True)) == {Status.FAILED}
    smtp.start()
    time_passes(24 * 60)
    send_all()
    assert smtp.received == []


def test_backoff_doubles_up_to_six_hours():
    assert [delivery.backoff(n).total_seconds() / 60 for n in (1, 2, 3, 4, 10, 20)] == [
        1,
        2,
        4,
        8,
        360,
        360,
    ]


@worker_db
def test_a_row_whose_task_was_lost_is_sent_by_the_safety_net(demo, chef, smtp):
    open_lsu_ticket(demo, chef)
    assert DBTaskResult.objects.filter(task_path__endswith="send_batch").delete()[0] == 1
    run_worker()
    assert smtp.recipients() == [
        "chef.etab@example.org",
        "referent.lsu@example.org",
        "referent2.lsu@example.org",
    ]


def test_a_row_left_sending_by_a_dead_worker_is_sent_later(demo, chef, smtp):
    ticket = open_lsu_ticket(demo, chef)
    rows = Notification.objects.filter(ticket_number=ticket.pk)
    long_ago = timezone.now() - delivery.STUCK_AFTER - timedelta(minutes=1)
    rows.update(status=Status.SENDING, attempts=1, claimed_at=long_ago)
    send_all()
    assert set(rows.values_list("status", flat=True)) == {Status.SENT}
    assert len(smtp.received) == 3  # the two referents, and chef.etab's receipt


def test_a_row_being_sent_by_another_worker_is_left_alone(demo, chef, smtp):
    ticket = open_lsu_ticket(demo, chef)
    rows = Notification.objects.filter(ticket_number=ticket.pk)
    rows.update(status=Status.SENDING, attempts=1, claimed_at=timezone.now())
    assert send_all() == 0
    assert smtp.received == []


def test_a_claimed_row_cannot_be_claimed_again(demo, chef):
    ticket = open_lsu_ticket(demo, chef)
    row = Notification.objects.filter(ticket_number=ticket.pk).first()
    assert delivery.claim(row.pk) is not None
    assert delivery.claim(row.pk) is None
    row.refresh_from_db()
    assert row.status == Status.SENDING and row.attempts == 1 and row.claimed_at is not None


def test_mail_for_a_purged_ticket_is_cancelled(demo, chef, admin_who, smtp):
    ticket = open_lsu_ticket(demo, chef)
    number = ticket.pk
    workflow.purge_ticket(ticket, by=admin_who)
    send_all()
    assert smtp.received == []
    assert set(
        Notification.objects.filter(ticket_number=number).values_list("status", flat=True)
    ) == {Status.CANCELLED}


@pytest.mark.parametrize("refused", ["referent2.lsu@example.org"])
def test_a_refused_recipient_fails_alone(demo, chef, smtp, refused):
    async def handle_RCPT(server, session, envelope, address, options):
        if address == refused:
            return "550 5.1.1 Unknown user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    smtp.inbox.handle_RCPT = handle_RCPT  # type: ignore[attr-defined]
    ticket = open_lsu_ticket(demo, chef)
    send_all()
    assert smtp.recipients() == ["chef.etab@example.org", "referent.lsu@example.org"]
    failed = Notification.objects.get(ticket_number=ticket.pk, email=refused)
    assert failed.status == Status.WAITING and "Unknown user" in failed.last_error
