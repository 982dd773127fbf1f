"""``escalade import-glpi`` against a real MariaDB holding GLPI 10.0.15's schema."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from escalade.accounts.models import (
    Entity,
    Membership,
    Profile,
    ProfileGrant,
    SupportGroup,
    User,
)
from escalade.glpiimport.models import ImportedItem
from escalade.notifications.models import Notification
from escalade.tickets.models import (
    Attachment,
    Category,
    Followup,
    Solution,
    Task,
    Ticket,
    TicketActor,
    TicketEvent,
)

pytestmark = pytest.mark.django_db


def run_import(glpi, *extra: str) -> str:
    out = io.StringIO()
    call_command(
        "import_glpi",
        "--database",
        glpi.dsn,
        "--files",
        str(glpi.files),
        "--no-progress",
        *extra,
        stdout=out,
        stderr=io.StringIO(),
    )
    return out.getvalue()


def test_import_counts(glpi):
    output = run_import(glpi)
    print(output)
    assert Entity.objects.count() == 4
    assert User.objects.count() == 7
    assert SupportGroup.objects.count() == 2
    assert Category.objects.count() == 2
    assert Profile.objects.count() == 3
    assert ProfileGrant.objects.count() == 7
    assert sorted(Ticket.objects.values_list("pk", flat=True)) == [3, 7, 8, 1234]
    assert Followup.objects.count() == 2
    assert Task.objects.count() == 1
    assert Solution.objects.count() == 1
    assert Attachment.objects.count() == 1
    assert TicketEvent.objects.count() == 2
    assert Notification.objects.count() == 0


def test_ids_kept_and_the_sequence_continues_after_the_highest(glpi):
    run_import(glpi)
    assert sorted(Ticket.objects.values_list("pk", flat=True)) == [3, 7, 8, 1234]
    entity = Entity.objects.get(name="Académie de Grenoble")
    assert Ticket.objects.create(entity=entity, title="Après l'import").pk == 1235


def test_directory_is_imported(glpi):
    run_import(glpi)
    college = Entity.objects.get(name="Collège Jean Moulin")
    assert college.full_name == "Entité racine > Académie de Lyon > Collège Jean Moulin"
    autoclose = dict(Entity.objects.values_list("name", "autoclose_days"))
    assert autoclose == {
        "Entité racine": -1,  # GLPI -10: never
        "Académie de Lyon": 7,
        "Collège Jean Moulin": None,  # GLPI -2: as the parent
        "Académie de Grenoble": 0,
    }
    assert college.effective_autoclose_days() == 7

    chef = User.objects.get(username="chef.etab")
    assert (chef.first_name, chef.last_name) == ("Jeanne", "Moulin")
    assert chef.email == "chef.etab@example.org"  # GLPI's default address first
    assert chef.password.startswith("glpi_bcrypt$$2y$")
    assert not User.objects.get(username="ldap.user").has_usable_password()
    assert not User.objects.get(username="parti").is_active

    bai = SupportGroup.objects.get(name="DSI > BAI")
    assert not bai.may_be_requester and bai.may_be_assigned
    assert list(bai.members.values_list("username", flat=True)) == ["tech.lyon"]
    assert bai.supervisor.username == "tech.lyon"
    assert Membership.objects.get(group=bai).is_delegate  # GLPI's is_userdelegate

    lsu = Category.objects.get(name="LSU")
    assert lsu.full_name == "Scolarité > LSU"
    assert lsu.group_in_charge == bai and lsu.user_in_charge.username == "tech.lyon"
    assert (lsu.is_incident, lsu.is_request, lsu.code) == (True, False, "LSU")

    technician = Profile.objects.get(name="Technician")
    assert {"ticket.read_all", "ticket.take", "followup.see_private", "task.add"} <= set(
        technician.rights
    )
    assert "ticket.steal" not in technician.rights and "ticket.assign" not in technician.rights
    self_service = Profile.objects.get(name="Self-Service")
    assert self_service.interface == "simplified" and self_service.is_default
    assert set(self_service.rights) == {
        "ticket.read_my",
        "ticket.create",
        "followup.see_public",
        "followup.add_my",
        "task.see_public",
    }
    grant = ProfileGrant.objects.get(user=chef)
    assert (grant.profile, grant.entity, grant.is_recursive, grant.is_default) == (
        self_service,
        college,
        False,
        True,
    )
    assert ProfileGrant.objects.filter(user__username="tech.lyon").count() == 2


def test_tickets_are_imported_as_glpi_had_them(glpi):
    from datetime import UTC, datetime

    from django.urls import reverse

    from escalade.tickets.richtext import to_plain

    run_import(glpi)
    ticket = Ticket.objects.get(pk=3)
    assert ticket.title == "LSU : <erreur> & export"
    assert "Message : <erreur> & page blanche" in to_plain(ticket.content)
    attachment = Attachment.objects.get(ticket=ticket)
    assert attachment.filename == "capture.png" and attachment.followup is None
    assert f'href="{reverse("tickets:attachment", args=[attachment.pk])}"' in ticket.content
    assert "document.send.php" not in ticket.content and "<img" not in ticket.content
    assert attachment.file.read()[:8] == b"\x89PNG\r\n\x1a\n"
    assert (ticket.status, ticket.type, ticket.urgency, ticket.priority) == (2, 1, 4, 4)
    assert ticket.source == "email"
    assert ticket.opened_at == datetime(2024, 1, 15, 9, 30, tzinfo=UTC)
    assert ticket.taken_at == datetime(2024, 1, 15, 11, 0, tzinfo=UTC)
    assert ticket.category.name == "LSU" and ticket.entity.name == "Collège Jean Moulin"
    assert ticket.created_by.username == "chef.etab"
    actors = {
        (a.role, a.user.username if a.user else a.group.name)
        for a in TicketActor.objects.filter(ticket=ticket)
    }
    assert actors == {(1, "chef.etab"), (2, "tech.lyon"), (2, "DSI > BAI")}

    old = Ticket.objects.get(pk=7)
    assert to_plain(old.content) == "<erreur> & bulletin"  # a GLPI 9.5 row
    assert (old.status, old.type) == (5, 2)
    requester = TicketActor.objects.get(ticket=old)
    assert not requester.use_notification
    assert requester.alternative_email == "luc.perso@example.org"
    solution = Solution.objects.get(ticket=old)
    assert solution.status == 2 and solution.author.username == "tech.lyon"

    assert Ticket.objects.get(pk=1234).urgency == 3  # GLPI's invalid 9 becomes medium
    closed = Ticket.objects.get(pk=8)
    assert closed.closed_at == datetime(2023, 6, 3, 8, 0, tzinfo=UTC)

    public, private = Followup.objects.filter(ticket=ticket).order_by("created_at")
    assert (public.is_private, public.author.username) == (False, "chef.etab")
    assert private.is_private and "Note interne" in private.content
    task = Task.objects.get(ticket=ticket)
    assert (task.is_private, task.duration_seconds, task.group.name) == (True, 1800, "DSI > BAI")

    status_change = TicketEvent.objects.get(ticket=ticket, data__field="Statut")
    assert status_change.actor.username == "tech.lyon"
    assert (status_change.data["old"], status_change.data["new"]) == (
        "Nouveau",
        "En cours (Attribué)",
    )
    assert Notification.objects.count() == 0


def test_what_could_not_be_imported_is_reported(glpi):
    output = run_import(glpi)
    assert "acteurs par adresse seule (sans compte) : 1 (ex. #3 parent@example.org)" in output
    assert "fichiers absents du dossier GLPI : 1" in output
    assert "TXT/ab/cdef0123456789.TXT" in output
    assert "règles métier GLPI (à recréer) : 1" in output
    assert "tickets avec SLA/OLA (champs non importés) : 1" in output


def snapshot() -> dict:
    models = [
        Entity,
        User,
        SupportGroup,
        Membership,
        Category,
        Profile,
        ProfileGrant,
        Ticket,
        TicketActor,
        Followup,
        Task,
        Solution,
        Attachment,
        TicketEvent,
        ImportedItem,
    ]
    return {m.__name__: sorted(map(repr, m.objects.order_by("pk").values())) for m in models}


def test_a_rerun_changes_nothing(glpi):
    run_import(glpi)
    before = snapshot()
    output = run_import(glpi)
    assert snapshot() == before
    lines = [line for line in output.splitlines() if line.startswith(("Tickets", "Suivis"))]
    assert lines == [
        "Tickets                  0           0          4        0",
        "Suivis                   0           0          2        0",
    ]


def test_a_later_run_brings_what_is_new(glpi):
    run_import(glpi)
    db = glpi.db
    try:
        db.execute(
            "INSERT INTO glpi_tickets (id, entities_id, name, date, date_mod, status, content,"
            " urgency, impact, priority, type, users_id_recipient)"
            " VALUES (1300, 2, 'Nouveau après la première passe', '2024-03-01 08:00:00',"
            " '2024-03-01 08:00:00', 1, '&#60;p&#62;Bonjour&#60;/p&#62;', 3, 3, 3, 1, 10)"
        )
        db.execute(
            "INSERT INTO glpi_tickets_users (tickets_id, users_id, type) VALUES (1300, 10, 1)"
        )
        db.execute(
            "INSERT INTO glpi_itilfollowups (id, itemtype, items_id, date, users_id, content)"
            " VALUES (50, 'Ticket', 3, '2024-03-02 08:00:00', 11, '&#60;p&#62;Relance&#60;/p&#62;')"
        )
        db.execute("UPDATE glpi_tickets SET status = 4 WHERE id = 3")
        output = run_import(glpi)
        new = Ticket.objects.get(pk=1300)
        assert new.title == "Nouveau après la première passe"
        assert new.actors.get().user.username == "chef.etab"
        assert Ticket.objects.get(pk=3).status == 4
        assert Followup.objects.filter(ticket_id=3).count() == 3
        assert "Tickets                  1           1          3        0" in output
        # The actors of the changed ticket are GLPI's again, not doubled.
        assert TicketActor.objects.filter(ticket_id=3).count() == 3
    finally:
        db.execute("DELETE FROM glpi_tickets WHERE id = 1300")
        db.execute("DELETE FROM glpi_tickets_users WHERE tickets_id = 1300")
        db.execute("DELETE FROM glpi_itilfollowups WHERE id = 50")
        db.execute("UPDATE glpi_tickets SET status = 2 WHERE id = 3")


def test_dry_run_writes_nothing(glpi, settings):
    output = run_import(glpi, "--dry-run")
    assert "Simulation (--dry-run) : rien n'a été écrit" in output
    assert "Tickets                  4           0          0        0" in output
    for name, rows in snapshot().items():
        assert rows == [], name
    attachments = settings.ATTACHMENTS_DIR
    assert not attachments.exists() or not any(p.is_file() for p in attachments.rglob("*"))
