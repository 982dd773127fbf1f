"""The queue in the admin: waiting, sent, failed with errors; retry and cancel."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from escalade.notifications.models import (
    Event,
    Notification,
    NotificationSetting,
    NotificationTemplate,
    Status,
)
from tests.conftest import open_lsu_ticket
from tests.notifications.conftest import send_all, worker_db

QUEUE = "admin:notifications_notification_changelist"


@pytest.fixture
def admin_client_demo(client, demo):
    client.force_login(demo.users["admin"])
    return client


@pytest.fixture
def queue(demo, chef, smtp):
    """Three rows: one sent, one failed (with its error), one waiting."""
    open_lsu_ticket(demo, chef)
    open_lsu_ticket(demo, chef, title="Bulletins absents")
    rows = list(Notification.objects.order_by("pk"))
    sent, failed, waiting = rows[0], rows[1], rows[2]
    Notification.objects.filter(pk__in=[failed.pk, waiting.pk]).update(
        next_attempt_at="2999-01-01T00:00:00Z"
    )
    send_all()
    Notification.objects.filter(pk=failed.pk).update(
        status=Status.FAILED, attempts=8, last_error="SMTPRecipientsRefused: 550 Unknown user"
    )
    smtp.clear()
    return sent, failed, waiting


def test_the_queue_lists_rows_with_their_state_and_error(admin_client_demo, queue):
    _, failed, _ = queue
    page = admin_client_demo.get(reverse(QUEUE))
    assert page.status_code == 200
    html = page.content.decode()
    assert "SMTPRecipientsRefused: 550 Unknown user" in html
    for row in queue:
        assert row.email in html
    failed_only = admin_client_demo.get(reverse(QUEUE), {"status__exact": "failed"})
    assert list(failed_only.context["cl"].result_list) == [failed]
    by_address = admin_client_demo.get(reverse(QUEUE), {"q": failed.email})
    assert failed in by_address.context["cl"].result_list


@worker_db
def test_retry_sends_a_failed_mail_again(admin_client_demo, queue, smtp):
    sent, failed, _ = queue
    DBTaskResult.objects.all().delete()
    response = admin_client_demo.post(
        reverse(QUEUE),
        {"action": "retry", "_selected_action": [failed.pk, sent.pk]},
        follow=True,
    )
    [queued] = DBTaskResult.objects.all()
    assert queued.args_kwargs["args"] == [[failed.pk]]
    assert "1 courriel remis en file d" in response.content.decode()
    failed.refresh_from_db()
    assert failed.status == Status.WAITING
    call_command("db_worker", batch=True, queue_name="*", verbosity=0)
    failed.refresh_from_db()
    sent.refresh_from_db()
    assert failed.status == Status.SENT
    assert sent.status == Status.SENT
    assert [m.to for m in smtp.received] == [failed.email]  # the sent one is not resent


def test_cancel_drops_a_waiting_mail_but_not_a_sent_one(admin_client_demo, queue, smtp):
    sent, _, waiting = queue
    response = admin_client_demo.post(
        reverse(QUEUE),
        {"action": "cancel", "_selected_action": [waiting.pk, sent.pk]},
        follow=True,
    )
    assert "1 courriel annulé" in response.content.decode()
    waiting.refresh_from_db()
    sent.refresh_from_db()
    assert waiting.status == Status.CANCELLED
    assert sent.status == Status.SENT
    Notification.objects.filter(pk=waiting.pk).update(next_attempt_at="2000-01-01T00:00:00Z")
    send_all()
    assert smtp.received == []


def test_someone_else_cannot_see_or_act_on_the_queue(client, demo, queue):
    waiting = queue[2]
    client.force_login(demo.users["referent.lsu"])
    page = client.get(reverse(QUEUE))
    assert page.status_code == 302 and "/admin/login/" in page["Location"]
    client.post(reverse(QUEUE), {"action": "cancel", "_selected_action": [waiting.pk]})
    waiting.refresh_from_db()
    assert waiting.status == Status.WAITING


def test_administrators_choose_recipients_of_an_event(admin_client_demo, demo):
    setting, _ = NotificationSetting.objects.get_or_create(event=Event.ESCALATED)
    url = reverse("admin:notifications_notificationsetting_change", args=[setting.pk])
    response = admin_client_demo.post(
        url,
        {
            "event": Event.ESCALATED,
            "enabled": "on",
            "recipients": ["assigned_groups", "observers", "requesters"],
        },
    )
    assert response.status_code == 302
    setting.refresh_from_db()
    assert setting.recipients == ["assigned_groups", "observers", "requesters"]


def test_template_page_opens_for_administrators(admin_client_demo):
    NotificationTemplate.objects.get_or_create(
        event=Event.FOLLOWUP,
        language="fr",
        defaults={"subject": "[Escalade] — Nouveau suivi", "text": "", "html": ""},
    )
    response = admin_client_demo.get(reverse("admin:notifications_notificationtemplate_changelist"))
    assert response.status_code == 200
    assert "Nouveau suivi" in response.content.decode()


def test_the_queue_page_does_not_query_per_row(admin_client_demo, demo, chef):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert admin_client_demo.get(reverse(QUEUE)).status_code == 200
        return len(ctx.captured_queries)

    open_lsu_ticket(demo, chef)
    few = queries()
    for n in range(10):
        open_lsu_ticket(demo, chef, title=f"Ticket {n}")
    assert Notification.objects.count() == 33  # 2 referents and the receipt, × 11
    assert queries() == few
