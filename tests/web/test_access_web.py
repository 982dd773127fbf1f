"""The access functions the web interface added: history rows, saved searches, creation."""

from __future__ import annotations

import pytest

from escalade.tickets import access, workflow
from escalade.tickets.errors import TicketNotFound
from escalade.tickets.models import SavedSearch, TicketEvent


def test_private_followup_event_is_hidden_from_who_cannot_see_private(lsu_ticket, referent, chef):
    workflow.add_followup(lsu_ticket, by=referent, content="Interne", is_private=True)
    event = TicketEvent.objects.get(ticket=lsu_ticket, kind="followup_added")
    assert access.can_see_event(referent, event)
    assert not access.can_see_event(chef, event)
    assert access.can_see_event(None, event)


def test_own_private_event_stays_visible_to_its_author(lsu_ticket, chef):
    event = TicketEvent(
        ticket=lsu_ticket,
        actor=chef.user,
        kind="followup_added",
        data={"followup": 1, "is_private": True},
    )
    assert access.can_see_event(chef, event)


def test_public_events_are_visible_to_all_who_see_the_ticket(lsu_ticket, chef):
    assert all(access.can_see_event(chef, e) for e in lsu_ticket.events.all())


def test_saved_searches_mine_and_shared(demo, referent, referent2):
    mine = SavedSearch.objects.create(owner=referent.user, name="a", query="")
    shared = SavedSearch.objects.create(
        owner=referent2.user, name="b", query="", is_shared=True, entity=demo.academie
    )
    private = SavedSearch.objects.create(owner=referent2.user, name="c", query="")
    assert set(access.visible_saved_searches(referent)) == {mine, shared}
    assert access.get_saved_search_to_delete(referent, mine.pk) == mine
    for pk in (shared.pk, private.pk, "x", 10_000):
        with pytest.raises(TicketNotFound):
            access.get_saved_search_to_delete(referent, pk)


def test_can_create_follows_the_profile(demo, chef, tech):
    assert access.can_create(chef) and access.can_create(tech) and access.can_create(None)
    demo.technician.rights = [r for r in demo.technician.rights if r != "ticket.create"]
    demo.technician.save()
    from tests.conftest import as_

    assert not access.can_create(as_(demo, "tech.bai"))


def test_actor_search_is_refused_to_who_cannot_manage_actors(chef_client, lsu_ticket):
    response = chef_client.get(
        f"/tickets/{lsu_ticket.pk}/acteurs/recherche/", {"role": 2, "q": "dsi"}
    )
    assert response.status_code == 403
    assert "DSI-BAI" not in response.content.decode()


def test_actor_search_for_an_outsider_is_not_found(outsider_client, lsu_ticket):
    response = outsider_client.get(
        f"/tickets/{lsu_ticket.pk}/acteurs/recherche/", {"role": 2, "q": "dsi"}
    )
    assert response.status_code == 404


def test_adding_an_actor_outside_my_reach_is_refused(referent_client, lsu_ticket, outsider):
    from escalade.accounts.models import SupportGroup

    foreign = SupportGroup.objects.get(name="DSI-BZH")
    response = referent_client.post(
        f"/tickets/{lsu_ticket.pk}/acteurs/ajouter/", {"role": 2, "party": f"g{foreign.pk}"}
    )
    assert response.status_code == 400
    assert not lsu_ticket.actors.filter(group=foreign).exists()
