"""NEVER LEAK: a mail reaches only people who could see what it tells in the app."""

from __future__ import annotations

import pytest

from escalade.accounts.models import Membership, ProfileGrant, SupportGroup, User
from escalade.notifications.models import Notification
from escalade.tickets import workflow
from escalade.tickets.models import Role
from escalade.tickets.workflow import Actors
from tests.conftest import open_lsu_ticket
from tests.notifications.conftest import send_all


@pytest.fixture
def watchers(demo):
    """An observer user (Self-Service, like chef.etab) and an observer group of such users."""
    prof = User.objects.create_user("prof.principal", email="prof@example.org", password="x")
    ProfileGrant.objects.create(
        user=prof, profile=demo.self_service, entity=demo.college, is_default=True
    )
    secretary = User.objects.create_user("secretariat", email="secr@example.org", password="x")
    ProfileGrant.objects.create(
        user=secretary, profile=demo.self_service, entity=demo.college, is_default=True
    )
    group = SupportGroup.objects.create(name="Secrétariat", entity=demo.college)
    Membership.objects.create(group=group, user=secretary)
    return prof, secretary, group


@pytest.fixture
def watched_ticket(demo, chef, referent, watchers):
    prof, _, group = watchers
    ticket = open_lsu_ticket(demo, chef, actors=Actors(observers=[prof, group]))
    workflow.take(ticket, by=referent)
    Notification.objects.all().delete()
    return ticket


def test_private_followup_reaches_no_requester_and_no_observer_without_the_right(
    demo, referent, watched_ticket, smtp
):
    workflow.add_followup(
        watched_ticket, by=referent, content="Mot de passe provisoire : 1234", is_private=True
    )
    send_all()
    # referent2.lsu (Référents-LSU, may see private followups with her referent profile).
    assert smtp.recipients() == ["referent2.lsu@example.org"]
    assert "Mot de passe provisoire : 1234" in smtp.received[0].text
    assert "[privé]" in smtp.received[0].text
    assert not Notification.objects.filter(
        email__in=["chef.etab@example.org", "prof@example.org", "secr@example.org"]
    ).exists()


def test_public_followup_reaches_requester_and_observer_who_see_the_ticket(
    demo, referent, watched_ticket, smtp
):
    workflow.add_followup(watched_ticket, by=referent, content="Réessayez maintenant.")
    send_all()
    # The secretary observes only through her group, and Self-Service cannot see group
    # tickets: she cannot open the ticket in the app, so she gets nothing.
    assert smtp.recipients() == sorted(
        ["chef.etab@example.org", "prof@example.org", "referent2.lsu@example.org"]
    )


def test_private_task_reaches_only_those_who_see_private_tasks(
    demo, referent, watched_ticket, smtp
):
    workflow.add_task(watched_ticket, by=referent, content="Vérifier l'annuaire.", is_private=True)
    send_all()
    assert smtp.recipients() == ["referent2.lsu@example.org"]
    assert "Vérifier l'annuaire." in smtp.received[0].text


def test_private_followup_with_a_status_change_tells_the_requester_nothing(
    demo, referent, watched_ticket, smtp
):
    from escalade.tickets.status import Status

    workflow.add_followup(
        watched_ticket, by=referent, content="Note interne.", is_private=True, status=Status.WAITING
    )
    send_all()
    assert "chef.etab@example.org" not in smtp.recipients()
    assert all("Note interne." not in m.text for m in smtp.to("prof@example.org"))


def test_recipient_is_judged_with_their_most_permissive_profile(demo, referent, watched_ticket):
    """referent2.lsu's default profile is Self-Service; her Référent profile sees private items."""
    referent2 = demo.users["referent2.lsu"]
    grant = ProfileGrant.objects.get(user=referent2, profile=demo.self_service)
    assert grant.is_default
    workflow.add_followup(watched_ticket, by=referent, content="Privé.", is_private=True)
    assert Notification.objects.filter(recipient=referent2).count() == 1
    # Without the Référent profile she could not see it in the app, and gets nothing.
    Notification.objects.all().delete()
    ProfileGrant.objects.filter(user=referent2, profile=demo.referent_profile).delete()
    workflow.add_followup(watched_ticket, by=referent, content="Privé 2.", is_private=True)
    assert not Notification.objects.filter(recipient=referent2).exists()


def test_member_of_an_assigned_group_who_cannot_see_the_ticket_gets_nothing(demo, chef, outsider):
    """A member of Référents-LSU holding no profile on the ticket's entity is not mailed."""
    Membership.objects.create(group=demo.referents, user=outsider.user)
    ticket = open_lsu_ticket(demo, chef)
    assert set(
        Notification.objects.filter(ticket_number=ticket.pk).values_list(
            "recipient__username", flat=True
        )
    ) == {"chef.etab", "referent.lsu", "referent2.lsu"}  # chef.etab: her receipt


def test_observer_removed_from_the_ticket_is_no_longer_told(
    demo, chef, referent, watchers, watched_ticket
):
    prof = watchers[0]
    actor = watched_ticket.actors.get(role=Role.OBSERVER, user=prof)
    workflow.remove_actor(watched_ticket, by=referent, actor=actor)
    Notification.objects.all().delete()
    workflow.add_followup(watched_ticket, by=referent, content="Suite.")
    assert not Notification.objects.filter(recipient=prof).exists()


def test_a_superuser_is_told_only_if_they_hold_no_grant_or_one_that_sees(demo, chef, referent):
    """A superuser without any grant acts with every right; one whose only grant is on
    another school does not see the ticket, and is not mailed."""
    free = User.objects.create_superuser("root.free", email="free@example.org", password="x")
    bound = User.objects.create_superuser("root.bound", email="bound@example.org", password="x")
    ProfileGrant.objects.create(user=bound, profile=demo.super_admin, entity=demo.lycee)
    ticket = open_lsu_ticket(demo, chef, actors=Actors(observers=[free, bound]))
    workflow.add_followup(ticket, by=referent, content="Privé.", is_private=True)
    told = set(
        Notification.objects.filter(ticket_number=ticket.pk).values_list(
            "recipient__username", flat=True
        )
    )
    assert "root.free" in told
    assert "root.bound" not in told
