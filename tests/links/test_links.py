"""Tickets liés: links, duplicates, parent/child, solving together, closing a parent,
merging; through the ticket page (« Tickets liés »), with refusals per persona."""

from __future__ import annotations

import pytest

from escalade.links import workflow as links
from escalade.links.models import LinkKind, TicketLink
from escalade.notifications.models import Notification
from escalade.tickets import workflow
from escalade.tickets.errors import Conflict
from escalade.tickets.models import Followup, Role, TicketActor, TicketEvent
from escalade.tickets.status import Status
from tests.factories import as_, open_lsu_ticket


@pytest.fixture
def three(demo, chef):
    """A: chef's ticket; B: a duplicate by Julie Moreau; C: a child by chef."""
    julie = as_(demo, "referent2.lsu")  # her default profile: Self-Service
    a = open_lsu_ticket(demo, chef, title="LSU : erreur 403")
    b = open_lsu_ticket(demo, julie, title="LSU ne répond plus")
    c = open_lsu_ticket(demo, chef, title="Bulletins du 3e trimestre")
    return a, b, c, julie


def _solved_mails(ticket, user):
    return [
        n
        for n in Notification.objects.filter(ticket_number=ticket.pk, recipient=user)
        if "solved" in n.events
    ]


def test_the_card_links_and_unlinks_by_ticket_number(client_as, demo, three):
    a, b, c, _ = three
    referent = client_as("referent.lsu", "Référent fonctionnel")
    done = referent.post(f"/tickets/{b.pk}/liens/ajouter/", {"link": "2", "ticket": str(a.pk)})
    assert done.status_code == 302
    referent.post(f"/tickets/{a.pk}/liens/ajouter/", {"link": "4", "ticket": f"#{c.pk}"})
    # Stored as GLPI does: PARENT_OF becomes SON_OF with the tickets swapped.
    assert set(TicketLink.objects.values_list("ticket_1", "ticket_2", "link")) == {
        (b.pk, a.pk, LinkKind.DUPLICATE_WITH),
        (c.pk, a.pk, LinkKind.SON_OF),
    }
    page = referent.get(f"/tickets/{a.pk}/").content.decode()
    assert "Tickets liés" in page and "A pour doublon" in page and "Parent de" in page
    assert f"n° {c.pk} — Bulletins du 3e trimestre" in page
    assert "1 ticket enfant encore ouvert." in page
    child = referent.get(f"/tickets/{c.pk}/").content.decode()
    assert "Enfant de" in child
    history = referent.get(f"/tickets/{c.pk}/historique/").content.decode()
    assert f"Lien ajouté — Enfant de le ticket n° {a.pk}" in history
    # The same pair twice, or a ticket with itself: refused, said, nothing stored.
    again = referent.post(f"/tickets/{a.pk}/liens/ajouter/", {"link": "1", "ticket": str(b.pk)})
    assert again.status_code == 302 and TicketLink.objects.count() == 2
    assert "déjà liés" in referent.get(f"/tickets/{a.pk}/").content.decode()
    referent.post(f"/tickets/{a.pk}/liens/ajouter/", {"link": "1", "ticket": str(a.pk)})
    assert TicketLink.objects.count() == 2
    link = TicketLink.objects.get(ticket_1=c)
    removed = referent.post(f"/tickets/{a.pk}/liens/{link.pk}/retirer/")
    assert removed.status_code == 302 and not TicketLink.objects.filter(pk=link.pk).exists()
    assert TicketEvent.objects.filter(ticket=c, kind="link_removed").count() == 1


def test_solving_solves_open_duplicates_and_children_and_mails_each_requester(
    client_as, demo, three, referent
):
    a, b, c, julie = three
    links.add_link(b, by=referent, other=a, link=LinkKind.DUPLICATE_WITH)
    links.add_link(c, by=referent, other=a, link=LinkKind.SON_OF)
    Notification.objects.all().delete()
    client = client_as("referent.lsu", "Référent fonctionnel")
    response = client.post(f"/tickets/{a.pk}/solution/", {"content": "Cache du navigateur vidé."})
    assert response.status_code == 302
    for ticket in (a, b, c):
        ticket.refresh_from_db()
        assert ticket.status == Status.SOLVED
        assert ticket.solutions.get().content == "<p>Cache du navigateur vidé.</p>"
    # Each requester is told about their own ticket (GLPI mails only the first duplicate).
    assert len(_solved_mails(b, julie.user)) == 1
    assert len(_solved_mails(a, demo.users["chef.etab"])) == 1
    assert len(_solved_mails(c, demo.users["chef.etab"])) == 1
    event = TicketEvent.objects.get(ticket=b, kind="solved_with")
    assert (event.data["other"], event.actor) == (a.pk, demo.users["referent.lsu"])
    # The thread of the duplicate says why, and by whom.
    julie_page = client_as("referent2.lsu").get(f"/tickets/{b.pk}/").content.decode()
    assert f"Résolu avec le ticket n° {a.pk} (doublon) par Karim Benali" in julie_page


def test_a_solved_or_closed_duplicate_is_left_alone(demo, three, referent):
    a, b, _c, _ = three
    links.add_link(b, by=referent, other=a, link=LinkKind.DUPLICATE_WITH)
    workflow.change_status(b, by=referent, status=Status.CLOSED)
    workflow.add_solution(a, by=referent, content="Réglé")
    b.refresh_from_db()
    assert b.status == Status.CLOSED and not b.solutions.exists()


def test_closing_a_parent_with_open_children_asks_first(client_as, demo, three, referent):
    a, _b, c, _ = three
    links.add_link(a, by=referent, other=c, link=LinkKind.PARENT_OF)
    client = client_as("referent.lsu", "Référent fonctionnel")
    asked = client.get(f"/tickets/{a.pk}/clore/")
    text = asked.content.decode()
    assert asked.status_code == 200
    assert "Ce ticket a 1 ticket enfant encore ouvert" in text and "Clore quand même" in text
    unconfirmed = client.post(f"/tickets/{a.pk}/clore/")
    a.refresh_from_db()
    assert unconfirmed.status_code == 200 and a.status != Status.CLOSED
    client.post(f"/tickets/{a.pk}/clore/", {"confirm": "1"})
    a.refresh_from_db()
    assert a.status == Status.CLOSED


def test_merge_moves_followups_documents_and_actors_then_closes_the_source(
    client_as, demo, three, referent
):
    from escalade.tickets.attachments import Upload

    a, b, _c, julie = three
    workflow.add_followup(
        b,
        by=julie,
        content="Capture jointe",
        attachments=[Upload("trace.txt", b"erreur 403")],
    )
    client = client_as("referent.lsu", "Référent fonctionnel")
    merged = client.post(f"/tickets/{b.pk}/fusionner/", {"target": str(a.pk)})
    assert merged.status_code == 302 and merged["Location"] == f"/tickets/{a.pk}/"
    b.refresh_from_db()
    assert b.status == Status.CLOSED
    assert Followup.objects.get(content__contains="Capture jointe").ticket_id == a.pk
    assert a.attachments.get().filename == "trace.txt"
    assert TicketActor.objects.filter(ticket=a, role=Role.REQUESTER, user=julie.user).exists()
    assert TicketLink.objects.filter(ticket_1=b, ticket_2=a, link=LinkKind.DUPLICATE_WITH).exists()
    page = client.get(f"/tickets/{a.pk}/").content.decode()
    assert f"Le ticket n° {b.pk} y a été fusionné par Karim Benali" in page
    assert "Capture jointe" in page


def test_a_failed_merge_changes_nothing(demo, three, referent):
    a, b, _c, _ = three
    workflow.change_status(a, by=referent, status=Status.CLOSED)
    followups = Followup.objects.filter(ticket=b).count()
    with pytest.raises(Conflict):
        links.merge(b, by=referent, target=a)
    b.refresh_from_db()
    assert b.status != Status.CLOSED and Followup.objects.filter(ticket=b).count() == followups
    assert not TicketLink.objects.exists()


def test_requester_sees_the_links_but_cannot_link(client_as, demo, three, referent):
    a, b, c, _ = three
    links.add_link(c, by=referent, other=a, link=LinkKind.SON_OF)
    chef = client_as("chef.etab")
    page = chef.get(f"/tickets/{a.pk}/").content.decode()
    assert "Parent de" in page and "Lier" not in page and "Fusionner" not in page
    refused = chef.post(f"/tickets/{a.pk}/liens/ajouter/", {"link": "1", "ticket": str(c.pk)})
    assert refused.status_code == 403
    assert chef.post(f"/tickets/{c.pk}/fusionner/", {"target": str(a.pk)}).status_code == 403
    assert TicketLink.objects.count() == 1
    # A ticket the requester does not see is « introuvable », never linked.
    referent_only = client_as("referent.lsu", "Référent fonctionnel")
    referent_only.post(f"/tickets/{a.pk}/liens/ajouter/", {"link": "1", "ticket": str(b.pk)})
    page = chef.get(f"/tickets/{a.pk}/").content.decode()
    assert f"n° {b.pk}" not in page  # Julie's ticket: chef does not see it, nor its link


def test_a_number_that_is_not_a_ticket_is_said_introuvable(client_as, demo, three):
    a, _b, _c, _ = three
    tech = client_as("tech.bai")
    missing = tech.post(f"/tickets/{a.pk}/liens/ajouter/", {"link": "1", "ticket": "999999"})
    assert missing.status_code == 302 and not TicketLink.objects.exists()
    assert "Ticket introuvable : 999999" in tech.get(f"/tickets/{a.pk}/").content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/tickets/{a}/liens/ajouter/",
        "/tickets/{a}/liens/{link}/retirer/",
        "/tickets/{a}/clore/",
        "/tickets/{a}/fusionner/",
        "/tickets/{a}/incident-en-cours/",
        "/tickets/{a}/incident-en-cours/retirer/",
        "/tickets/{a}/diffuser/",
    ],
)
def test_someone_else_gets_the_answer_of_a_missing_ticket(
    path, outsider_client, demo, three, referent
):
    a, b, _c, _ = three
    link = links.add_link(b, by=referent, other=a, link=LinkKind.DUPLICATE_WITH)
    data = {"link": "1", "ticket": str(b.pk), "target": str(b.pk), "content": "x"}
    hidden = outsider_client.post(path.format(a=a.pk, link=link.pk), data)
    missing = outsider_client.post(path.format(a=999999, link=link.pk), data)
    assert hidden.status_code == missing.status_code == 404
    assert TicketLink.objects.count() == 1
    a.refresh_from_db()
    assert a.status != Status.CLOSED and not hasattr(a, "known_incident")


def test_the_ticket_page_costs_the_same_with_one_link_or_five(
    client_as, demo, chef, referent, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    parent = open_lsu_ticket(demo, chef, title="Parent")
    children = [open_lsu_ticket(demo, chef, title=f"Enfant {i}") for i in range(5)]
    links.add_link(children[0], by=referent, other=parent, link=LinkKind.SON_OF)
    client = client_as("referent.lsu", "Référent fonctionnel")
    client.get(f"/tickets/{parent.pk}/")
    with CaptureQueriesContext(connection) as first:
        assert client.get(f"/tickets/{parent.pk}/").status_code == 200
    for child in children[1:]:
        links.add_link(child, by=referent, other=parent, link=LinkKind.SON_OF)
        links.add_link(child, by=referent, other=children[0], link=LinkKind.LINK_TO)
    with django_assert_max_num_queries(len(first.captured_queries)):
        page = client.get(f"/tickets/{parent.pk}/")
    assert page.content.decode().count("<span>Parent de</span>") == 5


def test_the_side_panel_asks_too_before_closing_a_parent(client_as, demo, three, referent):
    a, _b, c, _ = three
    links.add_link(c, by=referent, other=a, link=LinkKind.SON_OF)
    client = client_as("referent.lsu", "Référent fonctionnel")
    form = client.get(f"/tickets/{a.pk}/").context["forms"]["update"]
    data = {name: form[name].value() or "" for name in form.fields}
    data["status"] = str(Status.CLOSED)
    asked = client.post(f"/tickets/{a.pk}/modifier/", data)
    assert asked.status_code == 200 and "Clore quand même" in asked.content.decode()
    a.refresh_from_db()
    assert a.status != Status.CLOSED
    client.post(f"/tickets/{a.pk}/clore/", {"confirm": "1"})
    a.refresh_from_db()
    assert a.status == Status.CLOSED
