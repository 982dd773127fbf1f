"""The access functions added for API lists across tickets (one rule with the pages)."""

from __future__ import annotations

import pytest

from escalade.tickets import access, workflow
from escalade.tickets.attachments import Upload
from tests.conftest import open_lsu_ticket


def test_followups_visible_to_hides_private_ones_from_the_requester(demo, chef, referent, outsider):
    ticket = open_lsu_ticket(demo, chef)
    public = workflow.add_followup(ticket, by=referent, content="Public")
    private = workflow.add_followup(ticket, by=referent, content="Privé", is_private=True)
    assert list(access.followups_visible_to(chef)) == [public]
    assert set(access.followups_visible_to(referent)) == {public, private}
    assert not access.followups_visible_to(outsider).exists()


def test_tasks_visible_to_hides_private_ones_from_the_requester(demo, chef, referent):
    ticket = open_lsu_ticket(demo, chef)
    public = workflow.add_task(ticket, by=referent, content="Public")
    workflow.add_task(ticket, by=referent, content="Privé", is_private=True)
    assert list(access.tasks_visible_to(chef)) == [public]
    assert access.tasks_visible_to(referent).count() == 2


@pytest.mark.attachments
def test_attachments_visible_to_follows_their_followup(demo, chef, referent, outsider):
    ticket = open_lsu_ticket(demo, chef)
    workflow.add_followup(
        ticket,
        by=referent,
        content="Privé",
        is_private=True,
        attachments=[Upload("trace.txt", b"secret")],
    )
    workflow.add_followup(
        ticket, by=referent, content="Public", attachments=[Upload("notice.txt", b"public")]
    )
    assert [a.filename for a in access.attachments_visible_to(chef)] == ["notice.txt"]
    assert access.attachments_visible_to(referent).count() == 2
    assert not access.attachments_visible_to(outsider).exists()
