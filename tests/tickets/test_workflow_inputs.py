"""Bad input gets a clear error and changes nothing; good input is stored safely."""

import pytest

from escalade.tickets import richtext, workflow
from escalade.tickets.attachments import Upload
from escalade.tickets.errors import Conflict, InvalidInput
from escalade.tickets.models import Attachment, Role, Ticket, TicketActor
from escalade.tickets.workflow import Actors
from tests.conftest import open_lsu_ticket
from tests.storages import stored_files

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.mark.parametrize(
    "kwargs,field,message",
    [
        ({"title": "", "content": ""}, "content", "description est obligatoire"),
        ({"title": "x" * 300, "content": "ok"}, "title", "255"),
        ({"urgency": 9}, "urgency", "niveau de 1 à 5"),
        ({"urgency": "haute"}, "urgency", "niveau de 1 à 5"),
        ({"type": 7}, "type", "Incident ou Demande"),
    ],
)
def test_bad_ticket_input_is_refused_with_a_message(demo, chef, kwargs, field, message):
    before = Ticket.objects.count()
    args = {"title": "Titre", "content": "Description", **kwargs}
    with pytest.raises(InvalidInput) as caught:
        workflow.create_ticket(by=chef, category=demo.lsu, **args)
    assert caught.value.field == field
    assert message in caught.value.message
    assert Ticket.objects.count() == before


def test_empty_title_takes_the_start_of_the_description(demo, chef):
    ticket = workflow.create_ticket(
        by=chef, title="", content="Impossible d'ouvrir LSU " * 10, category=demo.lsu
    )
    assert ticket.title.startswith("Impossible d'ouvrir LSU")
    assert len(ticket.title) <= 70


def test_category_of_the_wrong_type_is_refused(demo, chef):
    demo.lsu.is_request = False
    demo.lsu.save()
    with pytest.raises(InvalidInput) as caught:
        workflow.create_ticket(by=chef, title="t", content="c", type=2, category=demo.lsu)
    assert "n'accepte pas" in caught.value.message


def test_html_is_sanitized_and_plain_text_escaped(demo, chef):
    ticket = workflow.create_ticket(
        by=chef,
        category=demo.lsu,
        title="XSS",
        content=richtext.Html(
            '<p onclick="x()">Bonjour<script>alert(1)</script> '
            '<a href="javascript:alert(1)">lien</a></p>'
        ),
    )
    assert "<script" not in ticket.content and "onclick" not in ticket.content
    assert "javascript:" not in ticket.content
    plain = workflow.add_followup(ticket, by=chef, content="a < b & <3 <script>x</script>")
    assert plain.content == "<p>a &lt; b &amp; &lt;3 &lt;script&gt;x&lt;/script&gt;</p>"


def test_priority_comes_from_the_matrix_unless_the_right_allows_choosing(demo, chef, admin_who):
    ticket = open_lsu_ticket(demo, chef, urgency=5, impact=4)
    assert ticket.priority == 5
    ticket = open_lsu_ticket(demo, chef, urgency=1, impact=1, priority=6)
    assert ticket.priority == 1  # chef may not choose
    ticket = open_lsu_ticket(demo, admin_who, urgency=1, impact=1, priority=6)
    assert ticket.priority == 6


def test_changing_urgency_recomputes_priority_and_records_it(lsu_ticket, referent):
    workflow.update_ticket(lsu_ticket, by=referent, changes={"urgency": 5})
    lsu_ticket.refresh_from_db()
    assert (lsu_ticket.urgency, lsu_ticket.priority) == (5, 4)
    changes = {
        e.data["field"]: (e.data["old"], e.data["new"])
        for e in lsu_ticket.events.filter(kind="field_changed")
    }
    assert changes == {"urgency": (3, 5), "priority": (3, 4)}


def test_unknown_field_update_is_refused(lsu_ticket, referent):
    with pytest.raises(InvalidInput):
        workflow.update_ticket(lsu_ticket, by=referent, changes={"status": 6})


@pytest.mark.attachments
def test_attachments_are_checked_and_stored_under_generated_names(demo, chef, settings):
    ticket = open_lsu_ticket(demo, chef, attachments=[Upload("capture écran.png", PNG)])
    attachment = Attachment.objects.get(ticket=ticket)
    assert attachment.filename == "capture écran.png"
    assert attachment.content_type == "image/png"
    assert attachment.size == len(PNG)
    assert len(attachment.sha256) == 64
    assert "capture" not in attachment.file.name
    assert stored_files() == [attachment.file.name]  # in the directory, or in the bucket
    assert attachment.file.read() == PNG


@pytest.mark.parametrize(
    "upload,message",
    [
        (Upload("virus.exe", b"MZ..."), "n'est pas accepté"),
        (Upload("faux.png", b"<html>"), "ne correspond pas"),
        (Upload("vide.txt", b""), "est vide"),
    ],
)
def test_bad_uploads_are_refused_and_nothing_is_stored(lsu_ticket, chef, upload, message, settings):
    with pytest.raises(InvalidInput) as caught:
        workflow.add_followup(lsu_ticket, by=chef, content="Voir PJ", attachments=[upload])
    assert message in caught.value.message
    assert not lsu_ticket.followups.exists()
    assert not Attachment.objects.exists()


def test_oversized_upload_is_refused(lsu_ticket, chef, settings):
    settings.ATTACHMENT_MAX_BYTES = 10
    with pytest.raises(InvalidInput) as caught:
        workflow.add_attachments(lsu_ticket, by=chef, attachments=[Upload("a.txt", b"x" * 11)])
    assert "taille maximale" in caught.value.message


@pytest.mark.attachments
def test_failed_change_leaves_no_orphan_file(lsu_ticket, chef, settings, monkeypatch):
    from escalade.notifications import outbox

    def boom(ticket, events):
        raise RuntimeError("outbox down")

    monkeypatch.setattr(outbox, "enqueue", boom)
    with pytest.raises(RuntimeError):
        workflow.add_attachments(lsu_ticket, by=chef, attachments=[Upload("a.txt", b"abc")])
    assert not Attachment.objects.exists()
    assert stored_files() == []


def test_escalation_is_one_operation(lsu_ticket, referent, demo):
    workflow.take(lsu_ticket, by=referent)
    workflow.escalate(lsu_ticket, by=referent, group=demo.dsi_bai, content="Problème technique")
    assigned = TicketActor.objects.filter(ticket=lsu_ticket, role=Role.ASSIGNED)
    assert [a.group.name for a in assigned] == ["DSI-BAI"]
    observers = TicketActor.objects.filter(ticket=lsu_ticket, role=Role.OBSERVER)
    assert [a.group.name for a in observers] == ["Référents-LSU"]
    event = lsu_ticket.events.get(kind="escalated")
    assert event.data == {
        "to_group": demo.dsi_bai.pk,
        "from_groups": [demo.referents.pk],
        "removed_users": [referent.user.pk],
    }
    assert lsu_ticket.followups.get().content == "<p>Problème technique</p>"


def test_escalating_twice_to_the_same_group_changes_nothing(lsu_ticket, referent, demo):
    workflow.escalate(lsu_ticket, by=referent, group=demo.dsi_bai)
    count = lsu_ticket.events.count()
    workflow.escalate(lsu_ticket, by=referent, group=demo.dsi_bai)
    assert lsu_ticket.events.count() == count


def test_taking_twice_is_a_no_op(lsu_ticket, referent):
    workflow.take(lsu_ticket, by=referent)
    count = lsu_ticket.events.count()
    again = workflow.take(lsu_ticket, by=referent)
    assert again.user == referent.user and again.added is False
    assert lsu_ticket.events.count() == count


def test_a_solved_ticket_cannot_be_solved_again(lsu_ticket, referent):
    workflow.add_solution(lsu_ticket, by=referent, content="Fait")
    with pytest.raises(Conflict):
        workflow.add_solution(lsu_ticket, by=referent, content="Encore")


def test_a_solution_cannot_be_private(lsu_ticket, referent):
    with pytest.raises(InvalidInput):
        workflow.add_followup(lsu_ticket, by=referent, content="x", is_private=True, status=5)


def test_naming_assignees_at_creation_needs_the_assign_right(demo, chef, referent):
    from escalade.tickets.errors import Forbidden

    before = Ticket.objects.count()
    with pytest.raises(Forbidden):
        open_lsu_ticket(demo, chef, actors=Actors(assignees=[demo.dsi_bai]))
    assert Ticket.objects.count() == before
    ticket = open_lsu_ticket(demo, referent, actors=Actors(assignees=[demo.dsi_bai]))
    assigned = TicketActor.objects.filter(ticket=ticket, role=Role.ASSIGNED)
    assert [a.group.name for a in assigned] == ["DSI-BAI"]  # no group in charge added
