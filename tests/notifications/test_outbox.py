"""The outbox: rows written with the change, for the recipients the administrators chose."""

from __future__ import annotations

from importlib import import_module

import pytest
from django.apps import apps as django_apps
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from escalade.accounts.models import Profile, ProfileGrant, User
from escalade.accounts.rights import Right
from escalade.notifications.models import (
    EVERYONE,
    Event,
    Notification,
    NotificationSetting,
    NotificationTemplate,
    RecipientKind,
    Status,
)
from escalade.tickets import workflow
from escalade.tickets.models import Role, TicketActor
from escalade.tickets.workflow import Actors
from tests.conftest import open_lsu_ticket
from tests.notifications.conftest import send_all, worker_db


def recipients(ticket) -> set[str]:
    """Who was told about the ticket, the requester's receipt aside (test_receipt_mail)."""
    return set(
        Notification.objects.filter(ticket_number=ticket.pk)
        .exclude(events=[Event.RECEIVED])
        .values_list("recipient__username", flat=True)
    )


def set_recipients(event: str, *kinds: str, enabled: bool = True) -> None:
    NotificationSetting.objects.update_or_create(
        event=event, defaults={"enabled": enabled, "recipients": list(kinds)}
    )


def test_rows_are_written_in_the_same_transaction_as_the_change(demo, chef, referent):
    ticket = open_lsu_ticket(demo, chef)
    with transaction.atomic():
        workflow.add_followup(ticket, by=referent, content="Suivi.")
        rows = Notification.objects.filter(ticket_number=ticket.pk, events=["followup"])
        assert rows.count() == 2  # already there, before the commit
        assert all(r.status == Status.WAITING for r in rows)


def test_a_rolled_back_change_queues_nothing(
    demo, chef, referent, django_capture_on_commit_callbacks
):
    ticket = open_lsu_ticket(demo, chef)
    Notification.objects.all().delete()
    with (
        django_capture_on_commit_callbacks() as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        workflow.add_followup(ticket, by=referent, content="Jamais enregistré.")
        raise RuntimeError("the request failed after the followup")
    assert not Notification.objects.exists()
    assert callbacks == []  # no task queued either
    assert not ticket.followups.exists()


@worker_db
def test_the_sending_task_is_queued_on_commit(demo, chef, smtp):
    from django.core.management import call_command

    ticket = open_lsu_ticket(demo, chef)
    [queued] = DBTaskResult.objects.filter(task_path__endswith="send_batch")
    batch = Notification.objects.filter(ticket_number=ticket.pk).first().batch
    assert queued.args_kwargs["args"] == [str(batch)]
    call_command("db_worker", batch=True, queue_name="*", verbosity=0)
    assert smtp.recipients() == [
        "chef.etab@example.org",  # the receipt
        "referent.lsu@example.org",
        "referent2.lsu@example.org",
    ]
    assert set(
        Notification.objects.filter(ticket_number=ticket.pk).values_list("status", flat=True)
    ) == {Status.SENT}


def test_one_mail_per_person_per_change(demo, chef):
    """referent2.lsu observes the ticket and belongs to the assigned group: one mail."""
    ticket = open_lsu_ticket(demo, chef, actors=Actors(observers=[demo.users["referent2.lsu"]]))
    [row] = Notification.objects.filter(
        ticket_number=ticket.pk, recipient__username="referent2.lsu"
    )
    assert row.events == [Event.NEW, Event.ASSIGN_GROUP]


def test_the_author_is_not_told_about_their_own_change_unless_they_ask(demo, chef, referent):
    ticket = open_lsu_ticket(demo, chef)
    Notification.objects.all().delete()
    workflow.add_followup(ticket, by=referent, content="Un.")
    assert "referent.lsu" not in recipients(ticket)
    user = referent.user
    user.notify_own_changes = True
    user.save()
    workflow.add_followup(ticket, by=referent, content="Deux.")
    assert Notification.objects.filter(ticket_number=ticket.pk, recipient=user).count() == 1


def test_a_disabled_event_mails_nobody(demo, chef):
    set_recipients(Event.NEW, *[k for k in RecipientKind], enabled=False)
    set_recipients(Event.ASSIGN_GROUP, enabled=False)
    set_recipients(Event.RECEIVED, RecipientKind.REQUESTERS, enabled=False)
    ticket = open_lsu_ticket(demo, chef)
    assert not Notification.objects.filter(ticket_number=ticket.pk).exists()


def test_ticket_updated_is_off_by_default_and_can_be_turned_on(demo, chef, referent):
    ticket = open_lsu_ticket(demo, chef)
    Notification.objects.all().delete()
    workflow.update_ticket(ticket, by=referent, changes={"urgency": 4})
    assert recipients(ticket) == set()
    set_recipients(Event.UPDATED, *EVERYONE)
    workflow.update_ticket(ticket, by=referent, changes={"urgency": 5})
    assert recipients(ticket) == {"chef.etab", "referent2.lsu"}


def test_a_muted_group_is_not_mailed(demo, chef):
    demo.referents.is_notified = False
    demo.referents.save()
    ticket = open_lsu_ticket(demo, chef)
    assert recipients(ticket) == set()


def test_an_actor_who_turned_notifications_off_is_not_mailed(demo, chef, referent):
    ticket = open_lsu_ticket(demo, chef)
    TicketActor.objects.filter(ticket=ticket, role=Role.REQUESTER).update(use_notification=False)
    workflow.add_followup(ticket, by=referent, content="Suivi.")
    assert "chef.etab" not in recipients(ticket)


def test_alternative_email_replaces_the_users_address(demo, chef, referent):
    ticket = open_lsu_ticket(demo, chef)
    TicketActor.objects.filter(ticket=ticket, role=Role.REQUESTER).update(
        alternative_email="ce.0140001a@ac-normandie.fr"
    )
    workflow.add_followup(ticket, by=referent, content="Suivi.")
    row = Notification.objects.get(
        ticket_number=ticket.pk, recipient__username="chef.etab", events=[Event.FOLLOWUP]
    )
    assert row.email == "ce.0140001a@ac-normandie.fr"


def test_users_without_an_address_are_skipped(demo, chef):
    User.objects.filter(username="referent2.lsu").update(email="")
    ticket = open_lsu_ticket(demo, chef)
    assert recipients(ticket) == {"referent.lsu"}


def test_entity_administrators_when_chosen(demo, chef, referent):
    """Users holding ticket.delete on the ticket's entity or above it; not on another school."""
    other = User.objects.create_user("admin.lycee", email="al@example.org", password="x")
    ProfileGrant.objects.create(user=other, profile=demo.super_admin, entity=demo.lycee)
    set_recipients(Event.FOLLOWUP, RecipientKind.ENTITY_ADMINS)
    ticket = open_lsu_ticket(demo, chef)
    Notification.objects.all().delete()
    workflow.add_followup(ticket, by=referent, content="Suivi.")
    # admin holds Super-Admin (ticket.delete) on the académie, recursively.
    assert recipients(ticket) == {"admin"}


def test_supervisor_of_the_assigned_group_when_chosen(demo, chef, referent):
    head = User.objects.create_user("resp.dane", email="dane@example.org", password="x")
    manager = Profile.objects.create(
        name="Responsable", rights=[Right.TICKET_READ_ALL, Right.FOLLOWUP_SEE_PUBLIC]
    )
    ProfileGrant.objects.create(user=head, profile=manager, entity=demo.academie)
    demo.referents.supervisor = head
    demo.referents.save()
    set_recipients(Event.FOLLOWUP, RecipientKind.GROUP_SUPERVISORS)
    ticket = open_lsu_ticket(demo, chef)
    Notification.objects.all().delete()
    workflow.add_followup(ticket, by=referent, content="Suivi.")
    assert recipients(ticket) == {"resp.dane"}


def test_a_supervisor_who_cannot_see_the_ticket_gets_nothing(demo, chef, referent):
    # A supervisor holding only Self-Service: not his ticket. (tech.bai, a GLPI Technician,
    # sees every ticket of the académie, READALL.)
    supervisor = User.objects.create_user("sup.lsu", email="sup.lsu@example.org", password="x")
    ProfileGrant.objects.create(
        user=supervisor, profile=demo.self_service, entity=demo.academie, is_default=True
    )
    demo.referents.supervisor = supervisor
    demo.referents.save()
    set_recipients(Event.FOLLOWUP, RecipientKind.GROUP_SUPERVISORS)
    ticket = open_lsu_ticket(demo, chef)
    Notification.objects.all().delete()
    workflow.add_followup(ticket, by=referent, content="Suivi.")
    assert recipients(ticket) == set()


def test_author_kind_mails_the_author_who_asked_for_it(demo, chef, referent):
    set_recipients(Event.FOLLOWUP, RecipientKind.AUTHOR)
    ticket = open_lsu_ticket(demo, chef)
    Notification.objects.all().delete()
    workflow.add_followup(ticket, by=referent, content="Suivi.")
    assert recipients(ticket) == set()
    User.objects.filter(pk=referent.user.pk).update(notify_own_changes=True)
    referent.user.refresh_from_db()
    workflow.add_followup(ticket, by=referent, content="Suivi 2.")
    assert recipients(ticket) == {"referent.lsu"}


def test_a_refused_solution_mails_the_assignees_once_with_the_reason(demo, chef, referent, smtp):
    ticket = open_lsu_ticket(demo, chef)
    workflow.take(ticket, by=referent)
    workflow.add_solution(ticket, by=referent, content="Videz le cache.")
    send_all()
    smtp.clear()
    workflow.refuse_solution(ticket, by=chef, reason="Toujours la même erreur.")
    send_all()
    assert smtp.recipients() == ["referent.lsu@example.org", "referent2.lsu@example.org"]
    mail = smtp.to("referent.lsu@example.org")[0]
    assert mail.subject.endswith("— Solution refusée")
    assert "Toujours la même erreur." in mail.text


def test_administrators_edit_the_templates(demo, chef, referent, smtp):
    NotificationTemplate.objects.update_or_create(
        event=Event.FOLLOWUP,
        language="fr",
        defaults={
            "subject": "Ticket {{ ticket.id }} : du nouveau",
            "text": "Bonjour {{ recipient }}, {{ actor }} a écrit. {{ ticket.url }}",
            "html": "<p>{{ actor }} a écrit.</p>",
        },
    )
    ticket = open_lsu_ticket(demo, chef)
    Notification.objects.all().delete()
    workflow.add_followup(ticket, by=referent, content="Suivi.")
    send_all()
    mail = smtp.to("chef.etab@example.org")[0]
    assert mail.subject == f"Ticket {ticket.pk} : du nouveau"
    assert mail.text.strip() == (
        f"Bonjour Claire Dubois, Karim Benali a écrit. "
        f"https://assistance.ac-normandie.fr/tickets/{ticket.pk}/"
    )


def test_a_template_that_does_not_parse_falls_back_to_the_default(demo, chef, referent, smtp):
    NotificationTemplate.objects.update_or_create(
        event=Event.FOLLOWUP,
        language="fr",
        defaults={"subject": "{% if %}cassé", "text": "{{ actor }}", "html": "{{ actor }}"},
    )
    ticket = open_lsu_ticket(demo, chef)
    Notification.objects.all().delete()
    workflow.add_followup(ticket, by=referent, content="Suivi.")
    send_all()
    assert smtp.to("chef.etab@example.org")[0].subject == (
        f"[Escalade #{ticket.pk}] Accès impossible à LSU — Nouveau suivi"
    )


def test_defaults_are_seeded_for_every_event_in_french_and_english(db):
    migration = import_module(
        "escalade.notifications.migrations.0002_default_settings_and_templates"
    )
    migration.unseed(django_apps, None)
    assert not NotificationSetting.objects.exists() and not NotificationTemplate.objects.exists()
    migration.seed(django_apps, None)
    assert set(NotificationSetting.objects.values_list("event", flat=True)) == set(Event.values)
    assert NotificationTemplate.objects.count() == 2 * len(Event.values)
    assert not NotificationSetting.objects.get(event=Event.UPDATED).enabled
    followup = NotificationTemplate.objects.get(event=Event.FOLLOWUP, language="fr")
    assert followup.subject.endswith("— Nouveau suivi")
    assert "{{ ticket.url }}" in followup.text and "{{ ticket.url }}" in followup.html


def test_solution_closing_at_once_sends_one_mail_telling_both(demo, chef, referent, smtp):
    """Entity with immediate closing: solution and closure are one change, so one mail."""
    demo.college.autoclose_days = 0
    demo.college.save()
    ticket = open_lsu_ticket(demo, chef)
    Notification.objects.all().delete()
    workflow.add_solution(ticket, by=referent, content="Réinitialisation faite.")
    send_all()
    [mail] = smtp.to("chef.etab@example.org")
    assert mail.subject.endswith("— Ticket clos")
    assert "Réinitialisation faite." in mail.text
    assert "Statut : Clos" in mail.text


def test_a_system_change_is_told_as_escalade(demo, chef, referent, smtp):
    from datetime import timedelta

    from django.utils import timezone

    demo.academie.autoclose_days = 1
    demo.academie.save()
    ticket = open_lsu_ticket(demo, chef)
    workflow.add_solution(ticket, by=referent, content="Fait.")
    Notification.objects.all().delete()
    workflow.close_expired_solutions(now=timezone.now() + timedelta(days=2))
    send_all()
    assert smtp.recipients() == [
        "chef.etab@example.org",
        "referent.lsu@example.org",
        "referent2.lsu@example.org",
    ]
    assert all(m.subject.endswith("— Ticket clos") for m in smtp.received)


def test_the_safety_net_is_a_periodic_job():
    from escalade.core.periodic import JOBS

    assert any(job.task == "escalade.notifications.tasks.deliver_due_notifications" for job in JOBS)
