"""Who sees which ticket, followup, task and attachment."""

import pytest

from escalade.accounts.models import Profile, ProfileGrant
from escalade.accounts.rights import Right
from escalade.accounts.who import build_who
from escalade.tickets import access, workflow
from escalade.tickets.attachments import Upload
from escalade.tickets.errors import TicketNotFound
from escalade.tickets.models import Ticket
from escalade.tickets.workflow import Actors
from tests.conftest import open_lsu_ticket


def test_another_entitys_ticket_answers_like_a_missing_one(lsu_ticket, outsider):
    missing_id = Ticket.objects.order_by("-pk").first().pk + 1000
    for ticket_id in (lsu_ticket.pk, missing_id, "abc", None):
        with pytest.raises(TicketNotFound) as caught:
            access.get_ticket_for(outsider, ticket_id)
        assert str(caught.value) == ""
    assert not access.visible_tickets(outsider).exists()


def test_requester_sees_only_own_tickets(demo, chef, referent):
    mine = open_lsu_ticket(demo, chef)
    other = open_lsu_ticket(demo, referent, title="Autre demande")
    visible = set(access.visible_tickets(chef).values_list("pk", flat=True))
    assert mine.pk in visible
    assert other.pk not in visible


def test_group_rights_see_group_tickets_but_not_other_groups(demo, chef, referent, admin_who):
    lsu = open_lsu_ticket(demo, chef)
    other = workflow.create_ticket(
        by=admin_who,
        title="Imprimante",
        content="En panne",
        actors=Actors(assignees=[demo.dsi_bai]),
    )
    # The referent is a GLPI Technician (READALL): every ticket of the académie.
    visible = set(access.visible_tickets(referent).values_list("pk", flat=True))
    assert {lsu.pk, other.pk} <= visible
    # Without READALL, the group rights alone see the group's tickets only.
    narrow = Profile.objects.create(
        name="Groupe seulement",
        rights=[Right.TICKET_READ_MY, Right.TICKET_READ_GROUP, Right.TICKET_READ_ASSIGNED],
    )
    ProfileGrant.objects.create(
        user=demo.users["referent2.lsu"], profile=narrow, entity=demo.academie
    )
    who = build_who(demo.users["referent2.lsu"], profile_id=narrow.pk)
    visible = set(access.visible_tickets(who).values_list("pk", flat=True))
    assert lsu.pk in visible
    assert other.pk not in visible


def test_referent_keeps_seeing_the_ticket_after_escalation(lsu_ticket, referent, demo):
    workflow.take(lsu_ticket, by=referent)
    workflow.escalate(lsu_ticket, by=referent, group=demo.dsi_bai)
    assert access.get_ticket_for(referent, lsu_ticket.pk).pk == lsu_ticket.pk


def test_self_service_profile_of_a_referent_sees_only_own_tickets(demo, lsu_ticket):
    from tests.conftest import as_

    referent_self_service = as_(demo, "referent.lsu", "Self-Service")
    with pytest.raises(TicketNotFound):
        access.get_ticket_for(referent_self_service, lsu_ticket.pk)


def test_private_followup_is_hidden_from_the_requester(lsu_ticket, chef, referent):
    public = workflow.add_followup(lsu_ticket, by=referent, content="Public")
    private = workflow.add_followup(lsu_ticket, by=referent, content="Interne", is_private=True)
    seen_by_chef = set(access.visible_followups(chef, lsu_ticket).values_list("pk", flat=True))
    seen_by_referent = set(
        access.visible_followups(referent, lsu_ticket).values_list("pk", flat=True)
    )
    assert seen_by_chef == {public.pk}
    assert seen_by_referent == {public.pk, private.pk}


@pytest.mark.attachments
def test_attachment_of_a_private_followup_is_not_downloadable_by_the_requester(
    lsu_ticket, chef, referent
):
    followup = workflow.add_followup(
        lsu_ticket,
        by=referent,
        content="Capture interne",
        is_private=True,
        attachments=[Upload("capture.txt", b"secret")],
    )
    attachment = followup.attachments.get()
    assert access.get_attachment_for(referent, attachment.pk).pk == attachment.pk
    with pytest.raises(TicketNotFound):
        access.get_attachment_for(chef, attachment.pk)


def test_deleted_tickets_leave_the_lists(lsu_ticket, chef, admin_who):
    workflow.delete_ticket(lsu_ticket, by=admin_who)
    assert not access.visible_tickets(chef).filter(pk=lsu_ticket.pk).exists()
    assert access.visible_tickets(admin_who, include_deleted=True).filter(pk=lsu_ticket.pk).exists()
    workflow.restore_ticket(lsu_ticket, by=admin_who)
    assert access.visible_tickets(chef).filter(pk=lsu_ticket.pk).exists()


def test_active_entity_narrows_what_is_seen(demo, chef, admin_who):
    from escalade.accounts.who import build_who

    in_college = open_lsu_ticket(demo, chef)
    in_lycee = workflow.create_ticket(by=admin_who, title="Lycée", content="x", entity=demo.lycee)
    narrowed = build_who(admin_who.user, entity_id=demo.lycee.pk)
    visible = set(access.visible_tickets(narrowed).values_list("pk", flat=True))
    assert visible == {in_lycee.pk}
    assert in_college.pk not in visible


def test_visibility_query_count_does_not_grow_with_tickets(
    demo, chef, referent, django_assert_num_queries
):
    for n in range(5):
        open_lsu_ticket(demo, chef, title=f"Ticket {n}")
    with django_assert_num_queries(1):
        assert len(list(access.visible_tickets(referent)[:50])) == 5


def test_the_workflow_refuses_a_ticket_out_of_reach_even_if_the_caller_forgot(
    lsu_ticket, outsider, demo
):
    """A caller that skipped get_ticket_for still gets "not found" from the workflow."""
    outsider_all = [*outsider.profile.rights, "followup.add_all", "ticket.assign"]
    outsider.profile.rights = outsider_all
    events = lsu_ticket.events.count()
    attempts = [
        lambda: workflow.add_followup(lsu_ticket, by=outsider, content="Intrusion"),
        lambda: workflow.escalate(lsu_ticket, by=outsider, group=demo.dsi_bai),
        lambda: workflow.purge_ticket(lsu_ticket, by=outsider),
    ]
    for attempt in attempts:
        with pytest.raises(TicketNotFound):
            attempt()
    assert lsu_ticket.events.count() == events
    assert Ticket.objects.filter(pk=lsu_ticket.pk).exists()


def test_large_reach_is_filtered_by_entity_paths_with_the_same_result(demo, chef, admin_who):
    """Past a few dozen entities, reach is one condition on paths, not thousands of ids."""
    from escalade.accounts.models import Entity
    from escalade.accounts.who import SMALL_REACH, build_who

    department = Entity.objects.create(name="Département bench", parent=demo.academie)
    schools = [
        Entity.objects.create(name=f"École {n:03d}", parent=department)
        for n in range(SMALL_REACH + 6)
    ]
    elsewhere = Entity.objects.create(name="Académie voisine")
    placed = {}
    for entity in (schools[0], schools[-1], department, demo.college, elsewhere):
        ticket = open_lsu_ticket(demo, chef, title=f"Dans {entity.name}")
        Ticket.objects.filter(pk=ticket.pk).update(entity=entity)
        placed[entity.pk] = ticket.pk

    def seen(who) -> set[int]:
        return set(access.visible_tickets(who).values_list("pk", flat=True)) & set(placed.values())

    def expected(who) -> set[int]:
        return {pk for entity_id, pk in placed.items() if entity_id in who.entity_ids}

    everything = build_who(admin_who.user, profile_id=admin_who.profile.pk)
    below = build_who(admin_who.user, profile_id=admin_who.profile.pk, entity_id=department.pk)
    only = build_who(
        admin_who.user, profile_id=admin_who.profile.pk, entity_id=department.pk, recursive=False
    )
    assert len(everything.entity_ids) > SMALL_REACH and len(below.entity_ids) > SMALL_REACH
    assert "IN (SELECT" in str(access.visible_tickets(everything).query)  # paths, not ids
    for who in (everything, below, only):
        assert seen(who) == expected(who)
    assert placed[elsewhere.pk] not in seen(everything)
    assert seen(below) == {placed[schools[0].pk], placed[schools[-1].pk], placed[department.pk]}
    assert seen(only) == {placed[department.pk]}


def test_the_open_tickets_index_covers_the_not_solved_filter():
    """The partial index serves "Non résolu" only while its condition is that filter."""
    from escalade.tickets.status import STATUS_GROUPS, StatusGroup

    index = next(i for i in Ticket._meta.indexes if i.name == "ticket_open_updated")
    condition = dict(index.condition.children)
    assert condition["status__in"] == [int(s) for s in STATUS_GROUPS[StatusGroup.NOT_SOLVED]]
    assert condition["is_deleted"] is False
