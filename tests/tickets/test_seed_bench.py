"""`escalade seed-bench` loads realistic bulk data that the app then reads normally."""

import pytest
from django.core.management import CommandError, call_command

from escalade.accounts.models import Entity, User
from escalade.accounts.who import build_who
from escalade.tickets import access
from escalade.tickets.models import Followup, Ticket, TicketActor, TicketEvent
from escalade.tickets.status import Status


def test_seed_bench_loads_tickets_with_their_history(db, capsys):
    # The test database holds the demo's entities and accounts (no ticket).
    entities, users = Entity.objects.count(), User.objects.count()
    call_command(
        "seed_bench", tickets=300, entities=30, groups=5, users=40, batch=120, no_progress=True
    )
    assert Ticket.objects.count() == 300
    assert Entity.objects.count() - entities == 30
    assert User.objects.count() - users == 40
    per_ticket = Followup.objects.count() / 300
    assert 3 <= per_ticket <= 7
    assert TicketEvent.objects.count() / 300 >= 6
    closed = Ticket.objects.filter(status=Status.CLOSED).count()
    assert 0.5 < closed / 300 < 0.9  # most are closed
    # Every ticket has a requester, and the rows are usable through the access module.
    assert TicketActor.objects.filter(role=1).values("ticket").distinct().count() == 300
    technician = User.objects.filter(grants__profile__name="Bench Technicien").first()
    who = build_who(technician)
    assert access.visible_tickets(who).count() > 0
    assert "300 tickets" in capsys.readouterr().out
    # Ids continue after the bulk load (sequences reset on PostgreSQL).
    ticket = Ticket.objects.create(entity=Entity.objects.first(), title="après")
    assert ticket.pk == 301


def test_seed_bench_refuses_nonsense_sizes(db):
    with pytest.raises(CommandError, match="--tickets"):
        call_command("seed_bench", tickets=0)
    assert Ticket.objects.count() == 0


def test_large_loads_rebuild_every_index_they_dropped(db, monkeypatch):
    """From BULK_INDEX_THRESHOLD tickets, PostgreSQL's indexes are dropped and rebuilt."""
    from django.db import connection

    from escalade.demo import bench as benchdata

    tables = ["tickets_ticket", "tickets_ticketactor", "tickets_followup", "tickets_ticketevent"]

    def indexes() -> set[tuple[str, str]]:
        if connection.vendor == "postgresql":
            sql = "SELECT tablename, indexname FROM pg_indexes WHERE tablename = ANY(%s)"
            params: list = [tables]
        else:
            sql = "SELECT tbl_name, name FROM sqlite_master WHERE type = 'index'"
            params = []
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return {(table, name) for table, name in cursor.fetchall() if table in tables}

    before = indexes()
    assert ("tickets_ticket", "ticket_updated") in before
    monkeypatch.setattr(benchdata, "BULK_INDEX_THRESHOLD", 50)
    call_command(
        "seed_bench", tickets=60, entities=25, groups=3, users=10, batch=25, no_progress=True
    )
    assert indexes() == before
    assert Ticket.objects.count() == 60
